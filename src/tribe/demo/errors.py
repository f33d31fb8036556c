"""The demo's error codes: why a load was refused (nothing is changed when it is).

Each code carries its message, plain English (``gettext_noop`` only marks it for
extraction) so that callers and tests can compare it (``DemoCode.….template``);
``ErrorCode.message`` translates it when the error is raised.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

#: How ``DemoCode.TOUCHES_REAL`` names the data: "meeting of ann@example.com".
MSG_DATA_OF = gettext_noop("{model} of {email}")


class DemoCode(ErrorCode):
    """Error codes of the demo: the value is stable (API, tests), the message is shown."""

    REAL_ACCOUNTS = (
        "demo_real_accounts",
        gettext_noop(
            "this installation has {count} real account(s) besides the demo: "
            "`tribe demo --force` loads the demo anyway "
            "(it never touches real accounts or their data)"
        ),
    )
    ADDRESS_TAKEN = (
        "demo_address_taken",
        gettext_noop(
            "{email} is a real account here, not a demo one: the demo cannot be loaded "
            "(nothing was changed)"
        ),
    )
    TOUCHES_REAL = (
        "demo_touches_real",
        gettext_noop(
            "refreshing the demo would change data of a real account ({what}): nothing was changed"
        ),
    )
