from django.db import models


class TimeStampedModel(models.Model):
    """Every table records when a row was made and last changed (stored in UTC)."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
