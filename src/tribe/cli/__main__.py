import sys

from tribe.cli import main

sys.exit(main())
