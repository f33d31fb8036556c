"""The roster and pairs readers behind `tribe match`: all problems, by line and column."""

from __future__ import annotations

import datetime as dt

import pytest

from tribe.core.errors import ImportRejected
from tribe.matching.roster import (
    MSG_BAD_RANK,
    MSG_BAD_ROLE,
    MSG_BAD_ZONE,
    MSG_DUPLICATE_ID,
    MSG_DUPLICATE_PAIR,
    MSG_MISSING_COLUMN,
    MSG_NEEDS_CAPACITY,
    MSG_NOT_COUNT,
    MSG_NOT_FINITE,
    MSG_UNKNOWN_MENTOR,
    read_pairs,
    read_preferences,
    read_roster,
)

WINTER = dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC)
SUMMER = dt.datetime(2026, 7, 15, 12, tzinfo=dt.UTC)
HEADER = "id,name,email,role,timezone,seniority,offers,wants,languages,capacity,manager_id\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(exc: ImportRejected):
    return [(p.line, p.field, p.message) for p in exc.problems]


def test_reads_a_roster(tmp_path):
    path = write(
        tmp_path,
        "people.csv",
        HEADER
        + "a,Ann,a@x.org,mentee,Europe/Paris,1,,python; public speaking,EN;fr,,\n"
        + "\n"
        + "c,Cy,c@x.org,both,Asia/Kolkata,5,python,design,en,3,a\n",
    )
    people = read_roster(path, at=WINTER)
    assert [p.id for p in people] == ["a", "c"]
    ann, cy = people
    assert ann.wants == ("python", "public speaking")
    assert ann.languages == ("en", "fr")
    assert ann.utc_offset_hours == 1.0
    assert ann.is_mentee and not ann.is_mentor
    assert cy.utc_offset_hours == 5.5
    assert cy.capacity == 3 and cy.manager_id == "a" and cy.is_mentor and cy.is_mentee
    assert ann.availability == ((9.0, 17.0),)


def test_offsets_follow_daylight_saving_at_the_given_date(tmp_path):
    path = write(tmp_path, "p.csv", HEADER + "a,,,mentee,Europe/Paris,0,,x,en,,\n")
    assert read_roster(path, at=WINTER)[0].utc_offset_hours == 1.0
    assert read_roster(path, at=SUMMER)[0].utc_offset_hours == 2.0


def test_every_problem_is_named_by_line_and_column(tmp_path):
    path = write(
        tmp_path,
        "people.csv",
        HEADER
        + "a,,,mentee,Mars/Base,1,,x,en,,\n"
        + "b,,,teacher,UTC,abc,,x,en,,\n"
        + "a,,,mentor,UTC,1,x,,en,,\n"
        + "d,,,mentor,UTC,inf,x,,en,-1,\n",
    )
    with pytest.raises(ImportRejected) as err:
        read_roster(path, at=WINTER)
    got = problems(err.value)
    assert (2, "timezone", MSG_BAD_ZONE.format(value="Mars/Base")) in got
    assert (3, "role", MSG_BAD_ROLE.format(value="teacher")) in got
    assert (3, "seniority", "'abc' is not a number") in got
    assert (4, "id", MSG_DUPLICATE_ID.format(value="a", line=2)) in got
    assert (4, "capacity", MSG_NEEDS_CAPACITY.format(role="mentor")) in got
    assert (5, "seniority", MSG_NOT_FINITE.format(value="inf")) in got
    assert (5, "capacity", MSG_NOT_COUNT.format(value="-1")) in got
    assert str(err.value).startswith("people.csv: line 2, timezone:")


def test_missing_column_is_reported_before_any_row(tmp_path):
    path = write(tmp_path, "people.csv", "id,name,role\na,Ann,mentee\n")
    with pytest.raises(ImportRejected) as err:
        read_roster(path, at=WINTER)
    first = err.value.problems[0]
    assert first.line == 1 and first.field == "email"
    assert first.message == MSG_MISSING_COLUMN.format(column="email", header="id, name, role")


def test_availability_column_is_optional_and_checked(tmp_path):
    path = write(
        tmp_path,
        "p.csv",
        HEADER.strip() + ",availability\n"
        "a,,,mentee,UTC,0,,x,en,,,08:30-12:00;20:00-22:00\n"
        "b,,,mentee,UTC,0,,x,en,,,morning\n",
    )
    with pytest.raises(ImportRejected) as err:
        read_roster(path, at=WINTER)
    assert problems(err.value)[0][:2] == (3, "availability")


def test_reads_pairs_and_mentors(tmp_path):
    pairs = write(tmp_path, "pairs.csv", "mentee_id,mentor_id,score\ne1,m1,0.5\ne2,m1,1\ne1,m2,0\n")
    mentors = write(tmp_path, "mentors.csv", "id,capacity\nm1,1\nm2,0\n")
    data = read_pairs(pairs, mentors)
    assert data.mentee_ids == ("e1", "e2")
    assert data.mentor_ids == ("m1", "m2")
    assert data.capacities == (1, 0)
    assert list(zip(data.rows, data.cols, data.scores, strict=True)) == [
        (0, 0, 0.5),
        (1, 0, 1.0),
        (0, 1, 0.0),
    ]


def test_bad_pairs(tmp_path):
    pairs = write(
        tmp_path,
        "pairs.csv",
        "mentee_id,mentor_id,score\ne1,m1,nan\ne1,m9,1\ne2,m1,1\ne2,m1,2\n",
    )
    mentors = write(tmp_path, "mentors.csv", "id,capacity\nm1,1\n")
    with pytest.raises(ImportRejected) as err:
        read_pairs(pairs, mentors)
    got = problems(err.value)
    assert (2, "score", MSG_NOT_FINITE.format(value="nan")) in got
    assert (3, "mentor_id", MSG_UNKNOWN_MENTOR.format(value="m9", where="mentors.csv")) in got
    assert (5, "mentor_id", MSG_DUPLICATE_PAIR.format(mentee="e2", mentor="m1", line=4)) in got


def test_bad_mentors_file(tmp_path):
    pairs = write(tmp_path, "pairs.csv", "mentee_id,mentor_id,score\n")
    mentors = write(tmp_path, "mentors.csv", "id,capacity\nm1,-2\nm1,1\n")
    with pytest.raises(ImportRejected) as err:
        read_pairs(pairs, mentors)
    assert err.value.source == "mentors.csv"
    got = problems(err.value)
    assert (2, "capacity", MSG_NOT_COUNT.format(value="-2")) in got
    assert (3, "id", MSG_DUPLICATE_ID.format(value="m1", line=2)) in got


def test_preferences(tmp_path):
    path = write(tmp_path, "prefs.csv", "mentee_id,mentor_id,rank\ne1,m2,2\ne1,m1,1\n")
    assert read_preferences(path, mentees=["e1"], mentors=["m1", "m2"], where="x") == {
        "e1": ["m1", "m2"]
    }
    bad = write(tmp_path, "bad.csv", "mentee_id,mentor_id,rank\ne1,zz,1\ne1,m1,first\n")
    with pytest.raises(ImportRejected) as err:
        read_preferences(bad, mentees=["e1"], mentors=["m1"], where="people.csv")
    got = problems(err.value)
    assert (2, "mentor_id", MSG_UNKNOWN_MENTOR.format(value="zz", where="people.csv")) in got
    assert (3, "rank", MSG_BAD_RANK.format(value="first")) in got


def test_not_utf8(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(b"id,name\n\xff\xfe\n")
    with pytest.raises(ImportRejected) as err:
        read_roster(path, at=WINTER)
    assert "UTF-8" in str(err.value)
