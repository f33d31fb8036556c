"""Reading what a person wants to be told."""

from __future__ import annotations

from tribe.outbox.models import Preference


def preference_for(*, person_id: int) -> Preference:
    """The person's choices; the defaults (unsaved) for someone who never chose."""
    found = Preference.objects.filter(person_id=person_id).first()
    return found if found is not None else Preference(person_id=person_id)


def is_muted(preference: Preference, topic: str) -> bool:
    """Whether the person switched ``topic`` off (``"digest"``: the digest is off)."""
    if topic == "digest":
        return preference.digest == Preference.Digest.OFF
    return topic in preference.muted
