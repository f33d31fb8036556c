"""/api/programmes: running a programme over the API, as its administrators."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.factories import PersonFactory
from tests.programme_fixtures import enrol
from tests.programs.pairs import PRIVATE, pair, participant, private_pair
from tribe.programs.models import (
    Cohort,
    Invitation,
    MatchOffer,
    MatchRun,
    PairRule,
    Participant,
    Programme,
    ProgrammeAdmin,
    Role,
    Survey,
    SurveyResponse,
)

P = "/api/programmes"


def test_start_read_change_and_archive_a_programme(api_as, ada) -> None:  # type: ignore[no-untyped-def]
    client = api_as(ada)
    made = client.post(
        P, {"name": "Design mentoring", "slug": "design", "default_cadence_days": 14}
    )
    assert made.status_code == 201, made.content
    body = made.json_body
    assert (body["slug"], body["default_cadence_days"], body["signup_open"]) == (
        "design",
        14,
        False,
    )
    pid = body["id"]
    assert ProgrammeAdmin.objects.filter(programme_id=pid, person=ada).exists()

    listed = client.get(P).json_body
    assert [p["id"] for p in listed["items"]] == [pid]
    assert listed["items"][0]["participant_count"] == 0

    changed = client.patch(
        f"{P}/{pid}",
        {"mode": "stable", "weights": {"text": 0.5}, "min_seniority_gap": None},
    )
    assert changed.status_code == 200, changed.content
    assert changed.json_body["mode"] == "stable"
    assert changed.json_body["weights"] == {"text": 0.5}
    assert changed.json_body["name"] == "Design mentoring"  # not sent, so kept

    archived = client.post(f"{P}/{pid}/archive")
    assert archived.status_code == 200
    assert archived.json_body["archived_at"] is not None
    # Archived: nobody new is invited.
    refused = client.post(f"{P}/{pid}/invitations", {"email": "x@example.com"})
    assert refused.status_code == 409
    assert refused.json_body["code"] == "programme_archived"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"slug": "x-ok"}, "name"),
        ({"name": "A", "slug": "Not A Slug"}, "slug"),
        ({"name": "A", "slug": "ok-slug", "default_cadence_days": 0}, "default_cadence_days"),
        ({"name": "A", "slug": "ok-slug", "fairness_floor": 2}, "fairness_floor"),
        ({"name": "A", "slug": "ok-slug", "weights": {"luck": 0.5}}, "weights.luck.[key]"),
        ({"name": "A", "slug": "ok-slug", "mode": "random"}, "mode"),
        ({"name": "x" * 201, "slug": "ok-slug"}, "name"),
        (
            {
                "name": "A",
                "slug": "ok-slug",
                "intake_questions": [{"key": "Bad Key", "label": "?"}],
            },
            "intake_questions.0.key",
        ),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(api_as, ada, body, field) -> None:  # type: ignore[no-untyped-def]
    response = api_as(ada).post(P, body)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    assert not Programme.objects.exists()


def test_a_taken_slug_is_a_conflict(api_as, ada, programme) -> None:  # type: ignore[no-untyped-def]
    response = api_as(ada).post(P, {"name": "Again", "slug": programme.slug})
    assert response.status_code == 409
    assert response.json_body["field"] == "slug"
    assert Programme.objects.count() == 1


def test_a_null_setting_is_refused_and_changes_nothing(api_as, ada, programme) -> None:  # type: ignore[no-untyped-def]
    response = api_as(ada).patch(f"{P}/{programme.pk}", {"evergreen": None, "name": "New"})
    assert response.status_code == 422
    assert response.json_body["field"] == "evergreen"
    programme.refresh_from_db()
    assert programme.name == "Engineering mentoring"


def test_another_programmes_administrator_finds_nothing_of_it(  # type: ignore[no-untyped-def]
    api_as, ada, otto, programme, other_programme
) -> None:
    cohort = Cohort.objects.create(programme=programme, name="Spring")
    person = enrol(programme, Role.MENTEE, wants="SECRET wants")
    client = api_as(otto)
    for path in (
        f"{P}/{programme.pk}",
        f"{P}/{programme.pk}/participants",
        f"{P}/{programme.pk}/cohorts",
        f"{P}/{programme.pk}/report",
        f"{P}/{programme.pk}/engagement",
        f"{P}/{programme.pk}/runs",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json_body["code"] == "programme_not_found"
    assert (
        client.patch(f"{P}/{programme.pk}/cohorts/{cohort.pk}", {"name": "Mine"}).status_code == 404
    )
    assert client.post(f"{P}/{programme.pk}/participants/{person.pk}/remove").status_code == 404
    # And Ada, through her own programme, cannot reach Otto's cohort either.
    theirs = Cohort.objects.create(programme=other_programme, name="Theirs")
    wrong = api_as(ada).patch(f"{P}/{programme.pk}/cohorts/{theirs.pk}", {"name": "Mine"})
    assert wrong.status_code == 404
    cohort.refresh_from_db()
    theirs.refresh_from_db()
    assert (cohort.name, theirs.name) == ("Spring", "Theirs")
    person.refresh_from_db()
    assert person.status == "enrolled"
    assert [p["id"] for p in client.get(P).json_body["items"]] == [other_programme.pk]


def test_administrators_are_added_by_address_and_the_last_one_stays(  # type: ignore[no-untyped-def]
    api_as, ada, programme, eve
) -> None:
    client = api_as(ada)
    base = f"{P}/{programme.pk}/admins"
    for address in ("nobody@example.com", "nul\x00@example.com", "not an address"):
        unknown = client.post(base, {"email": address})
        assert unknown.status_code == 422 and unknown.json_body["field"] == "email"
    added = client.post(base, {"email": eve.email.upper()})
    assert added.status_code == 201, added.content
    assert added.json_body == {"id": eve.pk, "name": eve.name}
    assert client.post(base, {"email": eve.email}).status_code == 409
    assert {a["id"] for a in client.get(base).json_body["items"]} == {ada.pk, eve.pk}
    assert client.delete(f"{base}/{eve.pk}").status_code == 204
    last = client.delete(f"{base}/{ada.pk}")
    assert last.status_code == 409 and last.json_body["code"] == "last_admin"
    assert client.delete(f"{base}/{eve.pk}").status_code == 404


def test_cohorts_are_added_listed_and_changed(api_as, ada, programme) -> None:  # type: ignore[no-untyped-def]
    client = api_as(ada)
    base = f"{P}/{programme.pk}/cohorts"
    made = client.post(base, {"name": "Spring", "starts_on": "2026-04-01", "length_months": 6})
    assert made.status_code == 201, made.content
    cid = made.json_body["id"]
    enrol(programme, Role.MENTEE, cohort_id=cid)
    listed = client.get(base).json_body["items"]
    assert [(c["id"], c["enrolled"]) for c in listed] == [(cid, 1)]
    changed = client.patch(f"{base}/{cid}", {"length_months": 9})
    assert changed.status_code == 200
    assert (changed.json_body["length_months"], changed.json_body["starts_on"]) == (9, "2026-04-01")
    bad = client.patch(f"{base}/{cid}", {"enrol_opens": "2026-03-10", "enrol_closes": "2026-03-01"})
    assert bad.status_code == 422 and bad.json_body["field"] == "enrol_closes"
    assert client.post(base, {"name": "Spring"}).status_code == 409
    assert (
        client.post(base, {"name": "X", "starts_on": "2026-02-31"}).json_body["field"]
        == "starts_on"
    )
    assert Cohort.objects.get(pk=cid).enrol_opens is None


def test_participants_are_counts_states_and_dates_never_intake_words(  # type: ignore[no-untyped-def]
    api_as, ada, programme
) -> None:
    cohort = Cohort.objects.create(programme=programme, name="Spring")
    mentee = enrol(programme, Role.MENTEE, wants="SECRET-wants", cohort=cohort)
    mentor = enrol(programme, Role.MENTOR, offers="SECRET-offers")
    enrol(programme, Role.BOTH, answers={"why": "SECRET-answer"})
    client = api_as(ada)
    base = f"{P}/{programme.pk}/participants"
    everyone = client.get(base)
    assert everyone.json_body["count"] == 3
    assert b"SECRET" not in everyone.content
    row = next(r for r in everyone.json_body["items"] if r["id"] == mentee.pk)
    assert row["cohort"] == {"id": cohort.pk, "name": "Spring"}
    assert row["person"] == {"id": mentee.person_id, "name": mentee.person.name}
    assert set(row) == {
        "id",
        "person",
        "role",
        "status",
        "cohort",
        "capacity",
        "joined_at",
        "left_at",
    }
    assert [r["id"] for r in client.get(base, role="mentor").json_body["items"]] == [mentor.pk]
    assert client.get(base, cohort_id=cohort.pk).json_body["count"] == 1
    page = client.get(base, limit=2)
    assert len(page.json_body["items"]) == 2 and page.json_body["next_offset"] == 2
    assert client.get(base, role="boss").status_code == 422

    removed = client.post(f"{base}/{mentor.pk}/remove")
    assert removed.status_code == 200 and removed.json_body["status"] == "left"
    assert removed.json_body["left_at"] is not None
    assert client.post(f"{base}/{mentor.pk}/remove").status_code == 409
    assert client.get(base, status="left").json_body["count"] == 1


def test_invitations_and_the_signup_link(api_as, ada, programme) -> None:  # type: ignore[no-untyped-def]
    client = api_as(ada)
    base = f"{P}/{programme.pk}/invitations"
    made = client.post(base, {"email": "Newcomer@Example.com"})
    assert made.status_code == 201, made.content
    assert made.json_body["state"] == "open" and made.json_body["email"] == "newcomer@example.com"
    assert "/join/" in made.json_body["link"] or made.json_body["link"].startswith("http")
    listed = client.get(base).json_body
    assert listed["count"] == 1 and "link" not in listed["items"][0]
    assert client.post(base, {"email": "not an address"}).json_body["field"] == "email"
    assert (
        client.post(base, {"email": "a@example.com", "cohort_id": 999}).json_body["field"]
        == "cohort_id"
    )
    revoked = client.post(f"{base}/{made.json_body['id']}/revoke")
    assert revoked.status_code == 200 and revoked.json_body["state"] == "revoked"
    used = Invitation.objects.get(pk=made.json_body["id"])
    Invitation.objects.filter(pk=used.pk).update(revoked_at=None, used_at=used.created_at)
    assert client.post(f"{base}/{used.pk}/revoke").status_code == 409
    enrolled = enrol(programme, Role.MENTEE)
    taken = client.post(base, {"email": enrolled.person.email})
    assert taken.status_code == 409 and taken.json_body["code"] == "already_enrolled"

    opened = client.post(f"{P}/{programme.pk}/signup-link")
    assert opened.status_code == 200 and opened.json_body["link"].startswith("http")
    assert client.get(f"{P}/{programme.pk}").json_body["signup_open"] is True
    assert client.delete(f"{P}/{programme.pk}/signup-link").status_code == 204
    assert client.get(f"{P}/{programme.pk}").json_body["signup_open"] is False


def test_a_run_from_preview_to_offers(api_as, ada, programme) -> None:  # type: ignore[no-untyped-def]
    mentee = enrol(programme, Role.MENTEE, person=PersonFactory(), wants="python testing")
    mentor = enrol(
        programme, Role.MENTOR, person=PersonFactory(), offers="python testing", capacity=1
    )
    left_out = enrol(programme, Role.MENTEE, person=PersonFactory(), wants="python")
    client = api_as(ada)
    base = f"{P}/{programme.pk}/runs"
    made = client.post(base, {"objective": "total_fit"})
    assert made.status_code == 201, made.content
    run = made.json_body
    assert (run["status"], run["mentees"], run["matched"], run["unmatched"]) == ("preview", 2, 1, 1)
    assert run["objective"] == "total_fit" and run["publishable"] is True
    assert "score_bins" in run["summary"]

    pairs = client.get(f"{base}/{run['id']}/pairs").json_body
    assert pairs["count"] == 1
    assert {pairs["items"][0]["mentor"]["participant_id"]} == {mentor.pk}
    unmatched = client.get(f"{base}/{run['id']}/unmatched").json_body["items"]
    assert [u["mentee"]["participant_id"] for u in unmatched] in ([left_out.pk], [mentee.pk])
    assert client.get(base).json_body["count"] == 1

    published = client.post(f"{base}/{run['id']}/publish")
    assert published.status_code == 200, published.content
    assert published.json_body["status"] == "published"
    assert MatchOffer.objects.filter(run_id=run["id"]).count() == 1
    again = client.post(f"{base}/{run['id']}/publish")
    assert again.status_code == 409 and again.json_body["code"] == "run_not_preview"
    assert client.post(f"{base}/{run['id']}/discard").status_code == 409
    assert MatchOffer.objects.count() == 1


def test_a_later_run_supersedes_and_a_preview_is_discarded(api_as, ada, programme) -> None:  # type: ignore[no-untyped-def]
    enrol(programme, Role.MENTEE, person=PersonFactory(), wants="python")
    enrol(programme, Role.MENTOR, person=PersonFactory(), offers="python", capacity=1)
    client = api_as(ada)
    base = f"{P}/{programme.pk}/runs"
    first = client.post(base, {}).json_body
    second = client.post(base, {"keep": False}).json_body
    assert client.get(f"{base}/{first['id']}").json_body["superseded"] is True
    late = client.post(f"{base}/{first['id']}/publish")
    assert late.status_code == 409 and late.json_body["code"] == "run_not_latest"
    discarded = client.post(f"{base}/{second['id']}/discard")
    assert discarded.status_code == 200 and discarded.json_body["status"] == "discarded"
    assert not MatchOffer.objects.exists()


def test_a_run_with_nobody_waiting_is_refused(api_as, ada, programme) -> None:  # type: ignore[no-untyped-def]
    client = api_as(ada)
    empty = client.post(f"{P}/{programme.pk}/runs", {})
    assert empty.status_code == 422 and empty.json_body["code"] == "run_empty"
    assert (
        client.post(f"{P}/{programme.pk}/runs", {"cohort_id": 4}).json_body["field"] == "cohort_id"
    )
    assert (
        client.post(f"{P}/{programme.pk}/runs", {"objective": "luck"}).json_body["field"]
        == "objective"
    )
    assert not MatchRun.objects.exists()


def test_pair_rules_are_set_listed_and_cleared(api_as, ada, programme) -> None:  # type: ignore[no-untyped-def]
    mentee = enrol(programme, Role.MENTEE)
    mentor = enrol(programme, Role.MENTOR)
    client = api_as(ada)
    base = f"{P}/{programme.pk}/pair-rules"
    made = client.post(base, {"mentee": mentee.pk, "mentor": mentor.pk, "kind": "lock"})
    assert made.status_code == 201, made.content
    assert made.json_body["mentee"] == {"participant_id": mentee.pk, "name": mentee.person.name}
    switched = client.post(base, {"mentee": mentee.pk, "mentor": mentor.pk, "kind": "forbid"})
    assert switched.json_body["id"] == made.json_body["id"]
    assert [r["kind"] for r in client.get(base).json_body["items"]] == ["forbid"]
    wrong = client.post(base, {"mentee": mentor.pk, "mentor": mentor.pk, "kind": "lock"})
    assert wrong.status_code == 422 and wrong.json_body["field"] == "mentee"
    assert (
        client.post(base, {"mentee": mentee.pk, "mentor": mentor.pk, "kind": "x"}).status_code
        == 422
    )
    assert client.delete(f"{base}/{made.json_body['id']}").status_code == 204
    assert not PairRule.objects.exists()
    assert client.delete(f"{base}/{made.json_body['id']}").status_code == 404


def test_the_figures_never_carry_private_words(api_as, ada, programme) -> None:  # type: ignore[no-untyped-def]
    cohort = Cohort.objects.create(programme=programme, name="Spring")
    private_pair(programme, cohort=cohort)
    pair(programme, cohort=cohort)
    client = api_as(ada)
    survey = Survey.objects.get(programme=programme)
    answers = [
        client.get(f"{P}/{programme.pk}/report"),
        client.get(f"{P}/{programme.pk}/engagement"),
        client.get(f"{P}/{programme.pk}/engagement", cohort_id=cohort.pk),
        client.get(f"{P}/{programme.pk}/surveys"),
        client.get(f"{P}/{programme.pk}/surveys/{survey.pk}/results"),
        client.get(f"{P}/{programme.pk}/surveys/{survey.pk}/results", breakdown="role"),
        client.get(f"{P}/{programme.pk}/participants"),
        client.get(f"{P}/{programme.pk}"),
    ]
    for response in answers:
        assert response.status_code == 200, response.content
        text = response.content.decode()
        for marker in PRIVATE.values():
            assert marker not in text, (marker, response.request["PATH_INFO"])
    report = answers[0].json_body
    assert report["funnel"]["accepted"] == 2
    assert report["engagement"]["total"]["pairs"] == 2
    # One person answered: below the threshold, nothing of the answer shows.
    whole = answers[4].json_body["whole"]
    assert whole["responses"] is None and whole["too_few"] is True
    assert [q["mean"] for q in whole["questions"]] == [None, None]
    assert report["surveys"][0]["responses"] is None
    engagement = answers[2].json_body
    assert len(engagement["pairs"]) == 2 and engagement["pairs_more"] == 0


def test_survey_results_show_once_enough_people_answered(api_as, ada, programme) -> None:  # type: ignore[no-untyped-def]
    survey = Survey.objects.create(
        programme=programme,
        name="Pulse",
        questions=[
            {"key": "q1", "label": "Useful?", "kind": "rating", "min": 1, "max": 5},
            {"key": "q2", "label": "Else?", "kind": "text"},
        ],
    )
    for k in range(5):
        offer = pair(programme)
        SurveyResponse.objects.create(
            survey=survey,
            participant=offer.mentee,
            offer=offer,
            point=30,
            ratings={"q1": 3 + k % 2},
            texts={"q2": f"shared words {k}" if k < 2 else f"kept words {k}"},
            share_texts=k < 2,
            submitted_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC),
        )
    response = api_as(ada).get(f"{P}/{programme.pk}/surveys/{survey.pk}/results")
    whole = response.json_body["whole"]
    assert whole["responses"] == 5
    rating, text = whole["questions"]
    assert (rating["answered"], rating["mean"]) == (5, 3.4)
    assert text["texts"] == ["shared words 0", "shared words 1"]
    assert "kept words" not in json.dumps(response.json_body)
    listed = api_as(ada).get(f"{P}/{programme.pk}/surveys").json_body["items"]
    assert [(s["response_count"], s["people_count"]) for s in listed] == [(5, 5)]
    bad = api_as(ada).get(f"{P}/{programme.pk}/surveys/{survey.pk}/results", breakdown="age")
    assert bad.status_code == 422 and bad.json_body["field"] == "breakdown"


def test_an_unknown_cohort_in_the_figures_is_not_found(
    api_as, ada, programme, other_programme
) -> None:  # type: ignore[no-untyped-def]
    theirs = Cohort.objects.create(programme=other_programme, name="Theirs")
    response = api_as(ada).get(f"{P}/{programme.pk}/engagement", cohort_id=theirs.pk)
    assert response.status_code == 404
    participant(programme)
    assert Participant.objects.filter(programme=programme).count() == 1
