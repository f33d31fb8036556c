"""What the engine is given: a participant's profile and the weights of the
score components.

Both are plain frozen data; :class:`~tribe_engine.scoring.Scorer` packs them
into arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .errors import MSG_WEIGHT, EngineCode, InvalidInput

__all__ = ["COMPONENTS", "Profile", "Weights"]

#: The score components, in the order explanations list them.
COMPONENTS = ("text", "seniority", "language", "timezone", "ranking")


@dataclass(frozen=True)
class Profile:
    """One participant as the engine sees them.

    Parameters
    ----------
    id : str
        Unique id on its side (mentee or mentor).  A person who is both
        appears once in each list with the same id; they are never matched
        with themselves.
    wants, wants_tags : str, tuple of str
        What the mentee wants to learn: free text and tags.
    offers, offers_tags : str, tuple of str
        What the mentor can offer.
    seniority : float or None
        Career level (years, say); the gap mentor minus mentee is scored and
        can be a rule.  None: unknown, scored neutrally, never excluded.
    languages : tuple of str
        Languages spoken (case-insensitive); empty: unknown, scored
        neutrally, never excluded.
    utc_offset_hours : float or None
        Offset of the person's time zone at the matching date.  None:
        unknown, scored neutrally, never excluded.
    availability : tuple of (start, end)
        Local-time windows in hours, ``end`` may pass midnight (22, 2).
        Empty: unknown, scored neutrally like an unknown zone, never excluded.
    capacity : int
        How many mentees a mentor takes (ignored for mentees).
    manager_id : str or None
        Direct manager, for the reporting-line rule.
    ranking : tuple of str
        Mentor ids the mentee ranked, best first.
    """

    id: str
    wants: str = ""
    wants_tags: tuple[str, ...] = ()
    offers: str = ""
    offers_tags: tuple[str, ...] = ()
    seniority: float | None = 0.0
    languages: tuple[str, ...] = ()
    utc_offset_hours: float | None = 0.0
    availability: tuple[tuple[float, float], ...] = ((9.0, 17.0),)
    capacity: int = 0
    manager_id: str | None = None
    ranking: tuple[str, ...] = ()


def _bad_weight(name: str, value: float) -> InvalidInput:
    return InvalidInput(
        MSG_WEIGHT.format(name=name, value=value), field=name, code=EngineCode.BAD_WEIGHT
    )


@dataclass(frozen=True)
class Weights:
    """Weights of the score components and the shape of the seniority fit.

    A programme sets these; the defaults favour what the mentee wants to
    learn and sum to 1 so that scores lie in ``[0, 1]``.
    """

    text: float = 0.5
    seniority: float = 0.15
    language: float = 0.1
    timezone: float = 0.15
    ranking: float = 0.1
    ideal_seniority_gap: float = 2.0
    #: Years below the ideal gap over which the seniority fit falls to 0.
    seniority_tolerance: float = 3.0
    #: Years above the ideal gap over which it falls to neutral (no lower).
    seniority_tolerance_above: float = 10.0
    full_overlap_hours: float = 4.0

    def validate(self) -> None:
        """Raise :class:`~tribe_engine.errors.InvalidInput` for a bad weight:
        a component weight, tolerance or full overlap that is not finite or
        is negative, a zero tolerance or full overlap (they divide), or an
        ideal gap that is not finite.  O(1)."""
        zero: str | None = None
        divisors = ("seniority_tolerance", "seniority_tolerance_above", "full_overlap_hours")
        for name in (*COMPONENTS, *divisors):
            value = getattr(self, name)
            if not math.isfinite(value) or value < 0:
                raise _bad_weight(name, value)
            if value == 0 and name in divisors:
                zero = zero or name
        if zero is not None:
            raise _bad_weight(zero, 0.0)
        if not math.isfinite(self.ideal_seniority_gap):
            raise _bad_weight("ideal_seniority_gap", self.ideal_seniority_gap)

    @property
    def max_score(self) -> float:
        """Highest score any pair can reach.  O(1)."""
        return float(sum(getattr(self, name) for name in COMPONENTS))
