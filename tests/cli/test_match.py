"""`tribe match` on both CSV forms, with --json, and its one-line errors."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json

import pytest

from tribe.cli import match as match_cli
from tribe.cli.errors import CliCode

ROSTER = (
    "id,name,email,role,timezone,seniority,offers,wants,languages,capacity,manager_id\n"
    "a,Ann,a@x.org,mentee,Europe/Paris,1,,python;public speaking,en;fr,,\n"
    "b,Bob,b@x.org,mentee,America/New_York,2,,design,en,,\n"
    "c,Cy,c@x.org,mentor,Europe/London,5,python;data science,,en,2,\n"
    "d,Di,d@x.org,both,Asia/Kolkata,4,design;public speaking,leadership,en,1,c\n"
    "e,Ed,e@x.org,mentee,Asia/Tokyo,0,,leadership,ja,,\n"
)


def parse(argv):
    parser = argparse.ArgumentParser(prog="tribe")
    sub = parser.add_subparsers(dest="command", required=True)
    match_cli.add_parser(sub)
    return parser.parse_args(["match", *argv])


def run(argv, capsys):
    code = match_cli.run(parse(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def roster(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


@pytest.fixture
def pairs_files(tmp_path):
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "mentee_id,mentor_id,score\ne1,m1,0.9\ne1,m2,0.5\ne2,m1,0.8\ne2,m2,0.1\ne3,m1,0.3\n",
        encoding="utf-8",
    )
    mentors = tmp_path / "mentors.csv"
    mentors.write_text("id,capacity\nm1,1\nm2,2\n", encoding="utf-8")
    return pairs, mentors


def test_parser_has_help_and_handler():
    args = parse(["--participants", "x.csv"])
    assert args.handler is match_cli.run
    assert args.needs_db is False
    assert args.mode == "optimal"


def test_roster_to_csv_on_stdout(roster, capsys):
    code, out, err = run(["--participants", str(roster)], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    matched = {r["mentee_id"]: r for r in rows if r["status"] == "matched"}
    assert matched["a"]["mentor_id"] == "d"
    assert "matched" in matched["a"]["explanation"]
    unmatched = {r["mentee_id"]: r["reason"] for r in rows if r["status"] == "unmatched"}
    assert unmatched == {"d": "same_reporting_line", "e": "shared_language"}
    assert "2 of 4 mentees matched" in err
    assert "optimal:" in err


def test_roster_json_summary_and_out_file(roster, tmp_path, capsys):
    out_file = tmp_path / "matches.csv"
    code, out, _ = run(
        ["--participants", str(roster), "--json", "--out", str(out_file), "--mode", "stable"],
        capsys,
    )
    assert code == 0
    summary = json.loads(out)
    assert summary["mode"] == "stable"
    assert summary["matched"] == 2
    assert summary["stability"]["blocking_pairs"] == 0
    assert summary["stability"]["cost_of_stability"] == pytest.approx(0.0, abs=1e-9)
    assert summary["fairness"]["min_score"] > 0
    assert {u["reason"] for u in summary["unmatched_mentees"]} == {
        "same_reporting_line",
        "shared_language",
    }
    assert out_file.read_text().startswith("mentee_id,mentor_id,score,status")


def test_pairs_form(pairs_files, capsys):
    pairs, mentors = pairs_files
    code, out, _ = run(["--pairs", str(pairs), "--mentors", str(mentors), "--json"], capsys)
    assert code == 0
    summary = json.loads(out)
    assert summary["matched"] == 3
    # e3 can only have m1, so matching all three costs e1 and e2 their best.
    assert summary["objective"] == pytest.approx(0.3 + 0.5 + 0.1)
    assert summary["proof"]["proven"] is True
    assert summary["proof"]["max_cardinality"] is True
    got = {(p["mentee"], p["mentor"]) for p in summary["pairs"]}
    assert got == {("e1", "m2"), ("e2", "m2"), ("e3", "m1")}


def test_pairs_form_stable_with_preferences(pairs_files, tmp_path, capsys):
    pairs, mentors = pairs_files
    prefs = tmp_path / "prefs.csv"
    prefs.write_text("mentee_id,mentor_id,rank\ne1,m2,1\ne1,m1,2\n", encoding="utf-8")
    code, out, _ = run(
        [
            "--pairs",
            str(pairs),
            "--mentors",
            str(mentors),
            "--preferences",
            str(prefs),
            "--mode",
            "stable",
            "--json",
        ],
        capsys,
    )
    assert code == 0
    summary = json.loads(out)
    got = {p["mentee"]: p["mentor"] for p in summary["pairs"]}
    assert got["e1"] == "m2"  # their own first choice
    assert got["e2"] == "m1"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], CliCode.CHOOSE_INPUT.template),
        (["--pairs", "p.csv"], CliCode.CHOOSE_INPUT.template),
        (["--participants", "a.csv", "--pairs", "p.csv"], CliCode.BOTH_INPUTS.template),
    ],
)
def test_usage_errors(argv, expected, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    assert err.strip() == f"tribe match: error: {expected}"


def test_bad_roster_is_one_line_exit_2(tmp_path, capsys):
    bad = tmp_path / "people.csv"
    bad.write_text(ROSTER.replace("Asia/Tokyo", "Mars/Base"), encoding="utf-8")
    code, out, err = run(["--participants", str(bad)], capsys)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "people.csv: line 6, timezone:" in err


def test_missing_file_is_one_line(tmp_path, capsys):
    code, _, err = run(["--participants", str(tmp_path / "nope.csv")], capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "nope.csv" in err


def test_preference_naming_unknown_mentor(pairs_files, tmp_path, capsys):
    pairs, mentors = pairs_files
    prefs = tmp_path / "prefs.csv"
    prefs.write_text("mentee_id,mentor_id,rank\ne1,zz,1\n", encoding="utf-8")
    code, _, err = run(
        ["--pairs", str(pairs), "--mentors", str(mentors), "--preferences", str(prefs)], capsys
    )
    assert code == 2
    assert "prefs.csv: line 2, mentor_id: mentor 'zz' is not in" in err


def test_roster_without_mentors(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(ROSTER.splitlines()[0] + "\n" + ROSTER.splitlines()[1] + "\n", encoding="utf-8")
    code, _, err = run(["--participants", str(path)], capsys)
    assert code == 2
    assert err.strip() == "tribe match: error: " + CliCode.NO_MENTORS.template.format(
        file="people.csv"
    )


def test_engine_refusal_names_the_roster(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(
        ROSTER.splitlines()[0] + "\na,,,mentee,UTC,1,,x,en,,b\nb,,,mentor,UTC,3,x,,en,1,a\n",
        encoding="utf-8",
    )
    code, _, err = run(["--participants", str(path)], capsys)
    assert code == 2
    assert err.strip().startswith("tribe match: error: people.csv: manager chain of ")


# -- formula injection -------------------------------------------------------------

HOSTILE_ROSTER = (
    "id,name,email,role,timezone,seniority,offers,wants,languages,capacity,manager_id\n"
    '"=HYPERLINK(""https://evil.example"",""x"")",Ann,a@x.org,mentee,UTC,1,,design,en,,\n'
    "@SUM(A1),Bob,b@x.org,mentee,UTC,1,,design,en,,\n"
    "+cmd,Cy,c@x.org,mentor,UTC,5,design,,en,2,\n"
    "-1+1,Di,d@x.org,mentee,UTC,1,,design,ja,,\n"
)


def test_roster_ids_cannot_become_spreadsheet_formulas(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(HOSTILE_ROSTER, encoding="utf-8")
    out_file = tmp_path / "matches.csv"
    code, _, _ = run(["--participants", str(path), "--out", str(out_file)], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8"))))
    cells = [value for row in rows for value in row.values() if value]
    assert not [c for c in cells if c[0] in "=+@\t\r" or (c[0] == "-" and not _number(c))]
    matched = {r["mentee_id"]: r["mentor_id"] for r in rows if r["status"] == "matched"}
    assert matched == {'\'=HYPERLINK("https://evil.example","x")': "'+cmd", "'@SUM(A1)": "'+cmd"}
    unmatched = [r for r in rows if r["status"] == "unmatched"]
    assert [(r["mentee_id"], r["reason"]) for r in unmatched] == [("'-1+1", "shared_language")]


def test_scores_the_tool_wrote_stay_numbers_even_when_negative(tmp_path, capsys):
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("mentee_id,mentor_id,score\n=e1,+m1,-0.5\n@e2,+m1,0.25\n", encoding="utf-8")
    mentors = tmp_path / "mentors.csv"
    mentors.write_text("id,capacity\n+m1,2\n", encoding="utf-8")
    code, out, _ = run(["--pairs", str(pairs), "--mentors", str(mentors)], capsys)
    assert code == 0
    rows = {r["mentee_id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert set(rows) == {"'=e1", "'@e2"}
    assert rows["'=e1"]["mentor_id"] == "'+m1"
    assert rows["'=e1"]["score"] == "-0.500000"  # a number, not "'-0.500000"
    assert float(rows["'@e2"]["score"]) == 0.25


def _number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_the_roster_is_read_at_the_moment_passed_in(roster, capsys, monkeypatch):
    # The UTC offsets of the roster's zones depend on the day: the caller fixes it.
    seen = []
    real = match_cli.read_roster

    def spy(path, *, at):
        seen.append(at)
        return real(path, at=at)

    monkeypatch.setattr(match_cli, "read_roster", spy)
    moment = dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)

    assert match_cli.run(parse(["--participants", str(roster)]), now=moment) == 0
    assert seen == [moment]
    capsys.readouterr()


# -- rules and trade-offs from the command line ------------------------------------

ZONES = (
    "id,name,email,role,timezone,seniority,offers,wants,languages,capacity,manager_id\n"
    "lon,Lu,l@x.org,mentee,Europe/London,1,,python,en,,\n"
    "akl,Ari,k@x.org,mentor,Pacific/Auckland,9,python,,en,1,\n"
    "par,Pia,p@x.org,mentor,Europe/Paris,2,python;rust,,en,1,\n"
)


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _pairs(out):
    return {
        r["mentee_id"]: r["mentor_id"] for r in csv.DictReader(io.StringIO(out)) if r["mentor_id"]
    }


def test_min_overlap_hours_keeps_london_from_auckland(tmp_path, capsys):
    roster = _write(tmp_path, "people.csv", ZONES)
    _, out, _ = run(
        [
            "--participants",
            str(roster),
            "--forbid",
            str(_write(tmp_path, "f.csv", "mentee_id,mentor_id\nlon,par\n")),
        ],
        capsys,
    )
    assert _pairs(out) == {"lon": "akl"}  # without the rule, Auckland it is
    code, out, _ = run(
        [
            "--participants",
            str(roster),
            "--forbid",
            str(tmp_path / "f.csv"),
            "--min-overlap-hours",
            "2",
        ],
        capsys,
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    # Paris is forbidden, Auckland has no hour in common: the overlap rule binds.
    assert [(r["mentee_id"], r["status"], r["reason"]) for r in rows] == [
        ("lon", "unmatched", "min_tz_overlap")
    ]


def test_min_seniority_gap_and_lock(tmp_path, capsys):
    roster = _write(tmp_path, "people.csv", ZONES)
    code, out, _ = run(["--participants", str(roster), "--min-seniority-gap", "5"], capsys)
    assert code == 0 and _pairs(out) == {"lon": "akl"}
    lock = _write(tmp_path, "lock.csv", "mentee_id,mentor_id\nlon,akl\n")
    code, out, _ = run(["--participants", str(roster), "--lock", str(lock)], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["mentee_id"], r["mentor_id"], r["status"]) for r in rows] == [
        ("lon", "akl", "locked")
    ]


def test_objective_total_fit_on_the_pairs_form(tmp_path, capsys):
    pairs = _write(
        tmp_path, "pairs.csv", "mentee_id,mentor_id,score\nann,cy,0.9\nann,di,0.0\nbob,cy,0.8\n"
    )
    mentors = _write(tmp_path, "mentors.csv", "id,capacity\ncy,1\ndi,1\n")
    _, out, _ = run(["--pairs", str(pairs), "--mentors", str(mentors)], capsys)
    assert _pairs(out) == {"ann": "di", "bob": "cy"}
    code, out, _ = run(
        ["--pairs", str(pairs), "--mentors", str(mentors), "--objective", "total_fit", "--json"],
        capsys,
    )
    assert code == 0
    summary = json.loads(out)
    assert summary["trade_off"] == "total_fit"
    assert summary["matched"] == 1 and summary["objective"] == pytest.approx(0.9)
    assert summary["unmatched_mentees"] == [{"mentee": "bob", "reason": "objective"}]


def test_bad_rule_files_and_values_are_one_line(tmp_path, capsys):
    roster = _write(tmp_path, "people.csv", ZONES)
    bad = _write(tmp_path, "forbid.csv", "mentee_id,mentor_id\nlon,akl\nnobody,akl\n")
    code, out, err = run(["--participants", str(roster), "--forbid", str(bad)], capsys)
    assert code == 2 and out == ""
    assert "forbid.csv: line 3, mentee_id: mentee 'nobody' is not in people.csv" in err
    code, _, err = run(["--participants", str(roster), "--min-overlap-hours", "30"], capsys)
    assert code == 2
    assert "min_tz_overlap_hours" in err and len(err.strip().splitlines()) == 1
    pairs = _write(tmp_path, "pairs.csv", "mentee_id,mentor_id,score\nann,cy,0.9\n")
    mentors = _write(tmp_path, "mentors.csv", "id,capacity\ncy,1\n")
    code, _, err = run(
        ["--pairs", str(pairs), "--mentors", str(mentors), "--min-seniority-gap", "2"], capsys
    )
    assert code == 2 and "needs profiles" in err
