"""Where mail goes, for the pages that say "check your e-mail"."""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def mail_is_printed() -> bool:
    """Whether mail is printed on the console (no mail server set, as on a laptop).

    Then "check your e-mail" would send a person looking in vain: the page
    says where the message is instead.
    """
    return str(settings.EMAIL_BACKEND).endswith("console.EmailBackend")
