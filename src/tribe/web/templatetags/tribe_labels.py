"""``{{ relationship|in_sentence:"kind" }}``: a choice's label inside running text;
``{{ codes|languages_named }}``: languages by their names.

See :mod:`tribe.core.labels` for why pages do not write ``get_kind_display|lower``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.db import models

from tribe.core import labels
from tribe.core.languages import language_name

register = template.Library()


@register.filter
def in_sentence(obj: models.Model, field: str) -> str:
    return labels.in_sentence(obj, field)


@register.filter
def languages_named(codes: Iterable[str]) -> str:
    """``{{ explanation.shared_languages|languages_named }}``: "English, German"."""
    return ", ".join(language_name(code) for code in codes)
