import datetime as dt

import pytest

from tribe.core import zones
from tribe.core.errors import ValidationError


@pytest.mark.parametrize(
    "name", ["Europe/London", "America/Argentina/Buenos_Aires", "UTC", " Asia/Tokyo "]
)
def test_validate_zone_accepts_iana_names(name: str) -> None:
    assert zones.validate_zone(name) == name.strip()


@pytest.mark.parametrize("name", ["", "Mars/Base", "europe/london", "../etc/passwd", "GMT+25"])
def test_validate_zone_rejects_others_naming_the_field(name: str) -> None:
    with pytest.raises(ValidationError) as exc:
        zones.validate_zone(name, field="zone")
    assert exc.value.field == "zone"


def test_local_shows_utc_in_a_zone_across_dst() -> None:
    winter = dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC)
    summer = dt.datetime(2026, 7, 15, 12, tzinfo=dt.UTC)
    assert zones.local(winter, "Europe/London").hour == 12
    assert zones.local(summer, "Europe/London").hour == 13
