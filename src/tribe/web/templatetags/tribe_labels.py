"""``{{ relationship|in_sentence:"kind" }}``: a choice's label inside running text.

See :mod:`tribe.core.labels` for why pages do not write ``get_kind_display|lower``.
"""

from __future__ import annotations

from django import template
from django.db import models

from tribe.core import labels

register = template.Library()


@register.filter
def in_sentence(obj: models.Model, field: str) -> str:
    return labels.in_sentence(obj, field)
