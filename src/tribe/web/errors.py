"""The pages' own refusals: the few rules that live in a view rather than a service.

As in every app's table, each code carries its message, plain English
(``gettext_noop`` only marks it for extraction), and ``ErrorCode.message``
translates it when the error is raised.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode


class WebCode(ErrorCode):
    """Why a page said no: the value is stable (tests), the message is shown."""

    #: Verifying an address signs in, so the link alone is not enough.
    WRONG_PASSWORD = "wrong_password", gettext_noop("this is not the password of the account")
