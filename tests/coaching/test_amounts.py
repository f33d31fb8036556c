"""What an amount per session may be: ASCII digits with at most two decimals after a
point, above zero and at most the stated maximum; none for a currency without cents;
and who pays, as it reads inside a sentence."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils.translation import override

from tribe.coaching.currencies import WHOLE_UNITS, decimals_of, is_currency
from tribe.coaching.errors import CoachingCode
from tribe.coaching.models import AMOUNT_MAX, Payer, SessionTerms
from tribe.coaching.services import terms_set
from tribe.core.errors import ValidationError
from tribe.core.labels import in_sentence
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _set(maya: Person, coaching: Relationship, amount: object, currency: str = "EUR") -> Decimal:
    terms = terms_set(
        actor=maya,
        relationship=coaching,
        paid=True,
        amount=amount,  # type: ignore[arg-type]
        currency=currency,
        payer="mentee",
    )
    terms.refresh_from_db()
    assert terms.amount is not None
    return terms.amount


@pytest.mark.parametrize(
    ("amount", "stored"),
    [
        ("80", Decimal("80.00")),
        (" 79.5 ", Decimal("79.50")),
        ("79.50", Decimal("79.50")),
        (".5", Decimal("0.50")),
        ("0.01", Decimal("0.01")),
        ("1000000000", Decimal("1000000000.00")),
        (80, Decimal("80.00")),
        (79.5, Decimal("79.50")),
        (Decimal("120.00"), Decimal("120.00")),
    ],
)
def test_plain_amounts_are_stored_with_two_decimals(
    maya: Person, coaching: Relationship, amount: object, stored: Decimal
) -> None:
    assert _set(maya, coaching, amount) == stored


@pytest.mark.parametrize(
    "amount",
    [
        "1e9",
        "1E9",
        "1e2",
        "+5",
        "-5",
        "\uff11\uff10",  # full-width "10"
        "\u0661\u0660",  # Arabic-Indic "10"
        "1,000",
        "1_000",
        "80.",
        "80.001",
        "0",
        "0.00",
        "0x10",
        "80 EUR",
        "1000000000.01",
        "10000000000",
        Decimal("1E+10"),
        Decimal("NaN"),
        1e16,
        True,
        [80],
    ],
)
def test_anything_else_is_refused_naming_the_amount_and_its_limit(
    maya: Person, coaching: Relationship, amount: object
) -> None:
    with pytest.raises(ValidationError) as caught:
        _set(maya, coaching, amount)
    assert (caught.value.field, caught.value.code) == ("amount", CoachingCode.BAD_AMOUNT)
    assert "at most 1,000,000,000" in caught.value.message
    assert not SessionTerms.objects.exists()


def test_the_limit_is_written_as_the_language_writes_numbers(
    maya: Person, coaching: Relationship
) -> None:
    with override("de"), pytest.raises(ValidationError) as caught:
        _set(maya, coaching, "1e9")
    assert "1.000.000.000" in caught.value.message
    assert AMOUNT_MAX == 1_000_000_000


def test_a_currency_without_cents_takes_whole_amounts(maya: Person, coaching: Relationship) -> None:
    assert _set(maya, coaching, "8000", "jpy") == Decimal("8000.00")
    assert _set(maya, coaching, "8000.00", "JPY") == Decimal("8000.00")
    with pytest.raises(ValidationError) as caught:
        _set(maya, coaching, "8000.50", "JPY")
    assert (caught.value.field, caught.value.code) == ("amount", CoachingCode.NO_MINOR_UNIT)
    assert "JPY" in caught.value.message
    assert SessionTerms.objects.get().amount == Decimal("8000.00")
    assert SessionTerms.objects.get().decimals == 0


def test_the_currencies_without_cents_are_currencies() -> None:
    assert all(is_currency(code) for code in WHOLE_UNITS)
    assert (decimals_of("JPY"), decimals_of("KRW"), decimals_of("EUR"), decimals_of("BHD")) == (
        0, 0, 2, 2,
    )  # fmt: skip


def test_who_pays_reads_in_a_sentence() -> None:
    labels = {payer: in_sentence(SessionTerms(payer=payer), "payer") for payer in Payer.values}
    assert labels == {
        "mentee": "the mentee",
        "employer": "the mentee's employer",
        "programme": "a programme",
        "other": "someone else",
    }
