"""The OpenAPI document as committed to the repository (``docs/openapi.json``).

Written with sorted keys and a final newline so that a change to the API is a
readable diff; ``tests/api/test_document.py`` fails when the code and the
committed file differ. Rewrite it with ``python -m tribe.api.document``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

__all__ = ["COMMITTED", "document_text"]

#: Where the document is committed, from the repository's root.
COMMITTED = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


def document_text() -> str:
    from tribe.api.main import api

    schema = api.get_openapi_schema()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:  # pragma: no cover - a developer's command
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tribe.settings")
    import django

    django.setup()
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else COMMITTED
    target.write_text(document_text(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":  # pragma: no cover
    main()
