"""Languages as people write them ("German", "Deutsch", "de"), as one code each.

A profile's languages are free text.  Fit and the directory compare them by
code, so a mentee who speaks "English" meets a mentor who wrote "en", and
pages name them in the reader's language.  Django's own table of languages
(``django.conf.locale.LANG_INFO``) gives the codes and names.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext

__all__ = ["is_known_language", "language_code", "language_codes", "language_name"]


@cache
def _language_codes() -> dict[str, str]:
    out: dict[str, str] = {}
    for code, info in LANG_INFO.items():
        for name in (code, info.get("name", ""), info.get("name_local", "")):
            if name:
                out.setdefault(str(name).lower(), code)
    return out


def language_code(text: str) -> str:
    """One spelling per language, so "German", "Deutsch" and "de" meet in the
    fit: the code where Django knows the language (by its code, its English
    name or its own), else what was typed, lower-case.  O(1)."""
    typed = " ".join(text.split()).lower()
    return _language_codes().get(typed, typed)


def is_known_language(text: str) -> bool:
    """Whether Django knows ``text`` as a language, by its code or a name.  O(1)."""
    return language_code(text) in LANG_INFO


def language_codes(languages: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code for code in map(language_code, languages) if code))


def language_name(code: str) -> str:
    """A language's name in the active language ("Deutsch" for de on a German
    page); what was typed, when Django does not know it."""
    info = LANG_INFO.get(code)
    if info is None or "name" not in info:
        return code
    return gettext(info["name"])
