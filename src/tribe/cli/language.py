"""The language of the ``tribe`` command, chosen once at start-up from the environment.

A page takes its language from the request; a command has none, so it does
what other command-line programs do: ``TRIBE_LANGUAGE`` if set (for Tribe
alone), otherwise the POSIX locale, where the first set of ``LC_ALL``,
``LC_MESSAGES`` and ``LANG`` decides (``de_DE.UTF-8`` → ``de``). A language
Tribe does not offer (``settings.LANGUAGES``), or ``C``/``POSIX``, means the
default language (``settings.LANGUAGE_CODE``, English).
"""

from __future__ import annotations

from collections.abc import Mapping

#: Where the language is looked for, first set wins (POSIX: LC_ALL overrides the rest).
LANGUAGE_VARIABLES = ("TRIBE_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language_from(environ: Mapping[str, str]) -> str:
    """The supported language code that ``environ`` asks for, else the default one."""
    from django.conf import settings
    from django.utils.translation import get_supported_language_variant, to_language

    wanted = ""
    for name in LANGUAGE_VARIABLES:
        wanted = environ.get(name, "").strip()
        if wanted:  # an empty variable counts as unset, as in POSIX
            break
    # A locale name is language[_TERRITORY][.codeset][@modifier]; only the first two matter.
    locale_name = wanted.split(".", 1)[0].split("@", 1)[0]
    if locale_name:
        try:
            return get_supported_language_variant(to_language(locale_name))
        except LookupError:  # "C", "POSIX", or a language Tribe does not speak
            pass
    return str(settings.LANGUAGE_CODE)
