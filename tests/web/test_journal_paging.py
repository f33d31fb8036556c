"""The journal a page at a time: newest first, 25 entries a page, newer/older links
without JavaScript, a page out of range showing the nearest one, the write form on
the first page, a fixed number of queries per page; and ``tribe journal list
--limit/--offset`` on the command line (the same paging, in the other interface)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.cli.conftest import Run
from tests.web.conftest import client_for, today_of
from tribe.cli import journal as cli_journal
from tribe.cli.errors import CliCode
from tribe.cli.output import fail
from tribe.core.errors import TribeError
from tribe.journal.models import JournalEntry
from tribe.journal.services import entry_create
from tribe.people.models import Person
from tribe.relationships.models import Relationship
from tribe.web.views.journal import PAGE_SIZE

pytestmark = pytest.mark.django_db


def _write(author: Person, n: int, relationship: Relationship | None = None) -> list[int]:
    """``n`` entries, entry k written k days ago; their ids, newest first."""
    today = today_of(author)
    ids = [
        entry_create(
            author=author,
            written_on=today - dt.timedelta(days=k),
            today=today,
            learned=f"Lesson {k:03d}",
            relationship=relationship if k % 2 else None,
        ).pk
        for k in range(n)
    ]
    return ids


def _ids(response: Any) -> list[int]:
    return [entry.pk for entry, _other in response.context["entries"]]


def test_pages_hold_25_entries_newest_first_with_newer_and_older_links(
    alice_client: Client, web_alice: Person
) -> None:
    ids = _write(web_alice, 60)
    url = reverse("web:journal")
    first = alice_client.get(url)
    assert first.status_code == 200 and _ids(first) == ids[:PAGE_SIZE] and PAGE_SIZE == 25
    html = first.content.decode()
    assert 'id="write"' in html and "Lesson 000" in html and "Lesson 025" not in html
    assert 'href="?page=2#entries" rel="next">Older entries</a>' in html
    assert 'rel="prev"' not in html and "Page 1 of 3" in html
    assert '<span class="count">(60)</span>' in html  # the section counts them all

    second = alice_client.get(url, {"page": "2"})
    assert second.status_code == 200 and _ids(second) == ids[PAGE_SIZE : 2 * PAGE_SIZE]
    html = second.content.decode()
    assert 'href="?page=1#entries" rel="prev">Newer entries</a>' in html
    assert 'href="?page=3#entries" rel="next">Older entries</a>' in html
    # The write form, the check-in link and the rhythm are on the first page only.
    assert 'id="write"' not in html and 'id="cadence"' not in html
    assert "Lesson 025" in html and "Lesson 000" not in html

    last = alice_client.get(url, {"page": "3"})
    assert _ids(last) == ids[2 * PAGE_SIZE :] and len(_ids(last)) == 10
    assert 'rel="next"' not in last.content.decode()


@pytest.mark.parametrize(
    ("asked", "shown"), [("abc", 1), ("", 1), ("2.5", 1), ("999", 3), ("0", 3), ("-1", 3)]
)
def test_a_page_out_of_range_shows_the_nearest_as_the_other_lists_do(
    alice_client: Client, web_alice: Person, asked: str, shown: int
) -> None:
    """Django's ``Paginator.get_page``, as contacts and programme people use it:
    not a number is the first page, past either end is the last."""
    _write(web_alice, 60)
    response = alice_client.get(reverse("web:journal"), {"page": asked})
    assert response.status_code == 200 and response.context["page"].number == shown


def test_few_entries_have_no_pager_and_the_empty_journal_still_shows_the_form(
    alice_client: Client, web_alice: Person
) -> None:
    empty = alice_client.get(reverse("web:journal"), {"page": "7"})
    assert empty.status_code == 200 and 'id="write"' in empty.content.decode()
    assert "No entries yet" in empty.content.decode()
    _write(web_alice, 3)
    few = alice_client.get(reverse("web:journal"), {"page": "2"})
    html = few.content.decode()
    assert len(_ids(few)) == 3 and 'class="pager"' not in html and 'id="write"' in html


def test_a_rejected_post_answers_the_first_page_with_the_form(
    alice_client: Client, web_alice: Person
) -> None:
    _write(web_alice, 30)
    response = alice_client.post(reverse("web:journal") + "?page=2", {"written_on": "bad"})
    assert response.status_code == 200 and response.context["page"].number == 1
    assert response.context["form"].errors and JournalEntry.objects.count() == 30


def test_pages_show_only_my_entries(
    web_alice: Person, web_bob: Person, web_relationship: Relationship
) -> None:
    """Bob's entries, even shared ones, are not in Alice's list, on any page."""
    _write(web_bob, 30, web_relationship)
    mine = _write(web_alice, 2)
    browser = client_for(web_alice)
    for page in ("1", "2"):
        assert _ids(browser.get(reverse("web:journal"), {"page": page})) == mine


@pytest.mark.parametrize(
    ("page", "queries"),
    [
        # the first page: person; meetings to reflect on, meetings to link; relationships
        # and their goals; goals; advice (none recorded here, so no thanks to fetch); how
        # many entries, the page's entries, their goals and their advice; the cadence (the
        # form's, and whether a reflection is due)
        ("1", 13),
        # an older page: person; how many entries, the page's entries, goals, advice
        ("last", 5),
    ],
)
def test_each_page_runs_a_fixed_number_of_queries_for_3_and_60_entries(
    web_alice: Person,
    web_relationship: Relationship,
    django_assert_max_num_queries: Any,
    page: str,
    queries: int,
) -> None:
    """Counted without the session's own query (cached or not, depending on what ran
    before in the same worker)."""
    browser = client_for(web_alice)
    rows: list[int] = []

    def count_with(total: int) -> int:
        _write(web_alice, total - JournalEntry.objects.filter(author=web_alice).count())
        # With 3 entries the last page is the first; with 60 it is the third.
        number = "1" if page == "1" else str(-(-total // PAGE_SIZE))
        with django_assert_max_num_queries(queries + 1) as ctx:
            response = browser.get(reverse("web:journal"), {"page": number})
        assert response.status_code == 200
        rows.append(len(response.context["entries"]))
        return len([q for q in ctx.captured_queries if "django_session" not in q["sql"]])

    if page == "1":
        assert count_with(3) == count_with(60) == queries
        assert rows == [3, PAGE_SIZE]
    else:
        # 3 entries have one page, which is the first: count the older pages of 60.
        count_with(60)
        with django_assert_max_num_queries(queries + 1) as ctx:
            response = browser.get(reverse("web:journal"), {"page": "2"})
        second = len([q for q in ctx.captured_queries if "django_session" not in q["sql"]])
        assert count_with(60) == second == queries
        assert rows == [10, 10] and len(response.context["entries"]) == PAGE_SIZE


# -- tribe journal list --limit/--offset --------------------------------------------


def _cli(*args: str, capsys: pytest.CaptureFixture[str]) -> Run:
    parser = argparse.ArgumentParser(prog="tribe")
    sub = parser.add_subparsers(dest="command", required=True)
    cli_journal.add_parsers(sub)
    namespace = parser.parse_args(["journal", *args])
    capsys.readouterr()
    try:
        code = namespace.handler(namespace)
    except TribeError as exc:
        code = fail(namespace.command, exc)
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def test_the_cli_list_pages_with_limit_and_offset(
    web_alice: Person, web_bob: Person, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _write(web_alice, 60)
    _write(web_bob, 5)

    def listed(*args: str) -> list[int]:
        run = _cli("list", "--as", web_alice.email, "--json", *args, capsys=capsys)
        assert run.code == 0
        return [row["id"] for row in json.loads(run.out)]

    assert listed() == ids[: cli_journal.LIST_LIMIT]
    assert listed("--limit", "10") == ids[:10]
    assert listed("--limit", "10", "--offset", "55") == ids[55:]
    assert listed("--offset", "60") == [] and listed("--offset", "99999999999999999999") == []
    assert listed("--limit", "99999999999999999999") == ids

    text = _cli("list", "--as", web_alice.email, "--limit", "20", "--offset", "20", capsys=capsys)
    assert f"#{ids[20]} " in text.out and f"#{ids[19]} " not in text.out
    assert "More entries: tribe journal list --limit 20 --offset 40" in text.out
    end = _cli("list", "--as", web_alice.email, "--offset", "40", capsys=capsys).out
    assert "More entries" not in end and f"#{ids[59]} " in end
    past = _cli("list", "--as", web_alice.email, "--offset", "70", capsys=capsys).out
    assert "No entries past the first 70." in past and "No entries yet" not in past


@pytest.mark.parametrize(
    ("option", "value", "code"),
    [
        ("--limit", "0", CliCode.LIMIT),
        ("--limit", "-3", CliCode.LIMIT),
        ("--limit", "ten", CliCode.LIMIT),
        ("--offset", "-1", CliCode.NOT_A_NUMBER),
        ("--offset", "x", CliCode.NOT_A_NUMBER),
    ],
)
def test_the_cli_refuses_a_bad_limit_or_offset_naming_it(
    web_alice: Person,
    capsys: pytest.CaptureFixture[str],
    option: str,
    value: str,
    code: CliCode,
) -> None:
    _write(web_alice, 2)
    run = _cli("list", "--as", web_alice.email, option, value, capsys=capsys)
    assert run.code != 0 and run.out == ""
    line = run.error_line
    assert option in line and code.template.split("{")[0].split("“")[0] in line
