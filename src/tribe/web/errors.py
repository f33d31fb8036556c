"""The pages' own refusals: the few rules that live in a view rather than a service.

As in every app's table, the ``MSG_*`` templates stay plain English
(``gettext_noop`` only marks them for extraction) and ``ErrorCode.message``
translates them when the error is raised.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

MSG_WRONG_PASSWORD = gettext_noop("this is not the password of the account")


class WebCode(ErrorCode):
    """Why a page said no: the value is stable (tests), the message is shown."""

    #: Verifying an address signs in, so the link alone is not enough.
    WRONG_PASSWORD = "wrong_password", MSG_WRONG_PASSWORD
