"""The demo's error codes: why a load was refused (nothing is changed when it is).

The ``MSG_*`` templates stay plain English (``gettext_noop`` only marks them for
extraction) so that callers and tests can compare them; ``ErrorCode.message``
translates them when the error is raised.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

MSG_REAL_ACCOUNTS = gettext_noop(
    "this installation has {count} real account(s) besides the demo: "
    "`tribe demo --force` loads the demo anyway (it never touches real accounts or their data)"
)
MSG_ADDRESS_TAKEN = gettext_noop(
    "{email} is a real account here, not a demo one: the demo cannot be loaded "
    "(nothing was changed)"
)
MSG_TOUCHES_REAL = gettext_noop(
    "refreshing the demo would change data of a real account ({what}): nothing was changed"
)
#: How MSG_TOUCHES_REAL names the data: "meeting of ann@example.com".
MSG_DATA_OF = gettext_noop("{model} of {email}")


class DemoCode(ErrorCode):
    """Error codes of the demo: the value is stable (API, tests), the message is shown."""

    REAL_ACCOUNTS = "demo_real_accounts", MSG_REAL_ACCOUNTS
    ADDRESS_TAKEN = "demo_address_taken", MSG_ADDRESS_TAKEN
    TOUCHES_REAL = "demo_touches_real", MSG_TOUCHES_REAL
