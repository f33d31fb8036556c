"""/api/programmes: everything below a programme is its administrators' alone.

Ada runs the programme Maya and Ravi are in; for everyone else (Otto, who runs
another one, the two participants, a stranger) each operation on it is a 404.
"""

from __future__ import annotations

from typing import Any

from tests.api.authz import NOW, SIGNED_IN, Case, World
from tests.factories import PersonFactory
from tribe.programs.enrolment import invitation_create
from tribe.programs.models import (
    Cohort,
    MatchRun,
    PairRule,
    Participant,
    Programme,
    ProgrammeAdmin,
    Role,
    RunPair,
    RunUnmatched,
    Survey,
)
from tribe.programs.services import CohortFields, cohort_create, programme_create

ADMIN = ("admin",)
P = "/api/programmes/{programme}"
QUESTIONS = [{"key": "q1", "label": "Useful?", "kind": "rating", "min": 1, "max": 5}]


def _programme(world: World) -> Programme:
    return Programme.objects.get(pk=world["programme"])


def _participant(world: World, role: str = Role.MENTEE) -> Participant:
    return Participant.objects.create(
        programme=_programme(world),
        person=PersonFactory(),
        role=role,
        joined_at=NOW,
        capacity=0 if role == Role.MENTEE else 2,
    )


def _more_programmes(world: World) -> None:
    # The list's first allowed role is Maya: she starts them.
    for n in range(3):
        programme_create(actor=world.people["mentee"], name=f"More {n}", slug=f"more-{n}")


def _more_admins(world: World) -> None:
    for _ in range(3):
        ProgrammeAdmin.objects.create(programme=_programme(world), person=PersonFactory())


def _other_admin(world: World) -> dict[str, Any]:
    other = PersonFactory()
    ProgrammeAdmin.objects.create(programme=_programme(world), person=other)
    return {"second_admin": other.pk}


def _more_cohorts(world: World) -> None:
    for n in range(3):
        cohort_create(
            actor=world.people["admin"],
            programme=_programme(world),
            fields=CohortFields(name=f"Cohort {n}"),
        )


def _cohort(world: World) -> dict[str, Any]:
    made = Cohort.objects.create(programme=_programme(world), name="Spring")
    return {"cohort": made.pk}


def _more_participants(world: World) -> None:
    for role in (Role.MENTEE, Role.MENTOR, Role.BOTH):
        _participant(world, role)


def _more_invitations(world: World) -> None:
    for n in range(3):
        invitation_create(
            actor=world.people["admin"],
            programme=_programme(world),
            email=f"invited{n}@example.com",
            now=NOW,
        )


def _invitation(world: World) -> dict[str, Any]:
    issued = invitation_create(
        actor=world.people["admin"], programme=_programme(world), email="new@example.com"
    )
    return {"invitation": issued.invitation.pk}


def _more_runs(world: World) -> None:
    for _ in range(3):
        MatchRun.objects.create(programme=_programme(world), status="discarded")


def _run(world: World) -> dict[str, Any]:
    run = MatchRun.objects.create(
        programme=_programme(world),
        created_by=world.people["admin"],
        summary={"mentees": 1, "mentors": 1, "matched": 1, "unmatched": 0},
        settings={"objective": "most_matched"},
    )
    RunPair.objects.create(
        run=run,
        mentee_id=world["mentee_participant"],
        mentor_id=world["mentor_participant"],
        score=0.8,
        explanation={"parts": {"text": 0.4}},
    )
    return {"run": run.pk}


def _more_pairs(world: World) -> None:
    run = MatchRun.objects.get(pk=world["run"])
    for _ in range(3):
        RunPair.objects.create(
            run=run, mentee=_participant(world), mentor=_participant(world, Role.MENTOR), score=0.5
        )


def _more_unmatched(world: World) -> None:
    run = MatchRun.objects.get(pk=world["run"])
    for _ in range(3):
        RunUnmatched.objects.create(run=run, mentee=_participant(world), reason="no_candidate")


def _more_rules(world: World) -> None:
    mentor = Participant.objects.get(pk=world["mentor_participant"])
    for kind in ("lock", "forbid", "forbid"):
        PairRule.objects.create(
            programme=_programme(world), mentee=_participant(world), mentor=mentor, kind=kind
        )


def _rule(world: World) -> dict[str, Any]:
    rule = PairRule.objects.create(
        programme=_programme(world),
        mentee_id=world["mentee_participant"],
        mentor_id=world["mentor_participant"],
        kind="forbid",
    )
    return {"rule": rule.pk}


def _more_surveys(world: World) -> None:
    for n in range(3):
        Survey.objects.create(programme=_programme(world), name=f"Pulse {n}", questions=QUESTIONS)


def _survey(world: World) -> dict[str, Any]:
    made = Survey.objects.create(programme=_programme(world), name="Pulse", questions=QUESTIONS)
    return {"survey": made.pk}


def _rule_body(world: World) -> dict[str, Any]:
    return {
        "mentee": world["mentee_participant"],
        "mentor": world["mentor_participant"],
        "kind": "lock",
    }


CASES = [
    # Everyone has a list of the programmes they run (empty too) and may start one.
    Case("programme_list", "GET", "/api/programmes", allowed=SIGNED_IN, grow=_more_programmes),
    Case(
        "programme_add",
        "POST",
        "/api/programmes",
        body={"name": "Design mentoring", "slug": "design"},
        allowed=SIGNED_IN,
        ok=201,
    ),
    # The programme and everything in it: Ada's alone.
    Case("programme_read", "GET", P, allowed=ADMIN),
    Case("programme_change", "PATCH", P, body={"name": "Renamed"}, allowed=ADMIN),
    Case("programme_archive", "POST", P + "/archive", allowed=ADMIN),
    Case("programme_admin_list", "GET", P + "/admins", allowed=ADMIN, grow=_more_admins),
    Case(
        "programme_admin_add",
        "POST",
        P + "/admins",
        body={"email": "eve@example.com"},
        allowed=ADMIN,
        ok=201,
    ),
    Case(
        "programme_admin_remove",
        "DELETE",
        P + "/admins/{second_admin}",
        prepare=_other_admin,
        allowed=ADMIN,
        ok=204,
    ),
    Case("cohort_list", "GET", P + "/cohorts", allowed=ADMIN, grow=_more_cohorts),
    Case("cohort_add", "POST", P + "/cohorts", body={"name": "Autumn"}, allowed=ADMIN, ok=201),
    Case(
        "cohort_change",
        "PATCH",
        P + "/cohorts/{cohort}",
        prepare=_cohort,
        body={"length_months": 9},
        allowed=ADMIN,
    ),
    Case("participant_list", "GET", P + "/participants", allowed=ADMIN, grow=_more_participants),
    Case(
        "participant_remove",
        "POST",
        P + "/participants/{mentee_participant}/remove",
        allowed=ADMIN,
    ),
    Case("invitation_list", "GET", P + "/invitations", allowed=ADMIN, grow=_more_invitations),
    Case(
        "invitation_add",
        "POST",
        P + "/invitations",
        body={"email": "newcomer@example.com"},
        allowed=ADMIN,
        ok=201,
    ),
    Case(
        "invitation_revoke",
        "POST",
        P + "/invitations/{invitation}/revoke",
        prepare=_invitation,
        allowed=ADMIN,
    ),
    Case("signup_link_open", "POST", P + "/signup-link", allowed=ADMIN),
    Case("signup_link_close", "DELETE", P + "/signup-link", allowed=ADMIN, ok=204),
    Case("run_list", "GET", P + "/runs", allowed=ADMIN, grow=_more_runs),
    Case("run_add", "POST", P + "/runs", body={}, allowed=ADMIN, ok=201),
    Case("run_read", "GET", P + "/runs/{run}", prepare=_run, allowed=ADMIN),
    Case(
        "run_pair_list",
        "GET",
        P + "/runs/{run}/pairs",
        prepare=_run,
        allowed=ADMIN,
        grow=_more_pairs,
    ),
    Case(
        "run_unmatched_list",
        "GET",
        P + "/runs/{run}/unmatched",
        prepare=_run,
        allowed=ADMIN,
        grow=_more_unmatched,
    ),
    Case("run_publish", "POST", P + "/runs/{run}/publish", prepare=_run, allowed=ADMIN),
    Case("run_discard", "POST", P + "/runs/{run}/discard", prepare=_run, allowed=ADMIN),
    Case("pair_rule_list", "GET", P + "/pair-rules", allowed=ADMIN, grow=_more_rules),
    Case("pair_rule_add", "POST", P + "/pair-rules", body=_rule_body, allowed=ADMIN, ok=201),
    Case(
        "pair_rule_remove",
        "DELETE",
        P + "/pair-rules/{rule}",
        prepare=_rule,
        allowed=ADMIN,
        ok=204,
    ),
    Case("programme_report_read", "GET", P + "/report", allowed=ADMIN),
    Case("programme_engagement_read", "GET", P + "/engagement", allowed=ADMIN),
    Case("survey_list", "GET", P + "/surveys", allowed=ADMIN, grow=_more_surveys),
    Case(
        "survey_results_read",
        "GET",
        P + "/surveys/{survey}/results",
        prepare=_survey,
        allowed=ADMIN,
    ),
]
