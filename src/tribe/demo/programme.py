"""The demo's programme: an organisation's mentoring, run by one demo person.

Elena Petrova (VP engineering) administers "Fabrikam mentoring": its roster
(an HR export with a reporting line), one cohort, six demo people who joined
through their invitations with an intake, one published match run, two offers
accepted by both (their relationships exist) and one still waiting for its
mentee's answer (Tomás sees it on Today), and a check-in survey with a few
answers. Built only through the ``tribe.programs`` services, as an
administrator and the participants would go, after ``pipeline`` has made the
people. (Not "Northwind": Maya's contact Dana heads product there, outside
the demo people's company.)

What a reload may delete (the programme is among demo people only) is in
``tribe.demo.scope``.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from tribe.demo.pipeline import Cast
from tribe.programs import enrolment, offers, roster_import, runs, services, surveys
from tribe.programs.enrolment import Intake
from tribe.programs.models import Answer, MatchOffer, Participant, Programme, Role
from tribe.programs.services import CohortFields
from tribe.programs.surveys import SurveyFields

PROGRAMME_NAME = "Fabrikam mentoring"
PROGRAMME_SLUG = "fabrikam"
#: The demo person who runs it.
ADMIN = "elena"

#: The organisation's HR export: a CEO and an engineer without accounts, and
#: two reporting lines (Aisha manages Sam, Lina manages Tomás), which the
#: programme's rule keeps out of each other's pairs.
ROSTER_CSV = """\
Employee ID,Work Email,First Name,Last Name,Manager ID,Department,Job Title,Location
F001,morgan.reyes@tribe.example,Morgan,Reyes,,Executive,Chief executive officer,London
F002,elena@tribe.example,Elena,Petrova,F001,Engineering,VP engineering,Berlin
F003,jonas@tribe.example,Jonas,Weber,F002,Engineering,Staff engineer,Berlin
F004,kofi@tribe.example,Kofi,Mensah,F002,Data,Principal data scientist,Accra
F005,aisha@tribe.example,Aisha,Bello,F001,Product,"Product manager, payments",London
F006,sam@tribe.example,Sam,Okafor,F005,Product,Junior product manager,Lagos
F007,lina@tribe.example,Lina,Haddad,F001,Design,Design lead,Dubai
F008,tomas@tribe.example,Tomás,García,F007,Design,Product designer,Madrid
F009,ines.duarte@tribe.example,Inês,Duarte,F003,Engineering,Software engineer,Lisbon
"""


class Joiner(NamedTuple):
    key: str
    role: str
    text: str  # what a mentee wants, or what a mentor offers
    prefers: str = ""  # the mentor a mentee would like (a mentor joined before)


#: Who joins, in this order (mentors first, so that mentees can name them).
JOINERS = (
    Joiner("kofi", Role.MENTOR, "Designing experiments and reading A/B test results."),
    Joiner("jonas", Role.MENTOR, "Technical writing: design docs that engineers read."),
    Joiner("aisha", Role.MENTOR, "How a product manager prioritises and says no."),
    Joiner("sam", Role.MENTEE, "Learn to design experiments and read A/B tests.", "kofi"),
    Joiner("lina", Role.MENTEE, "Write design docs that engineers actually read.", "jonas"),
    Joiner("tomas", Role.MENTEE, "Learn how a product manager prioritises.", "aisha"),
)

#: How the offers end, by mentee: accepted by both, or waiting for the mentee.
ACCEPTED_BY_BOTH = ("sam", "lina")
WAITING_FOR_MENTEE = ("tomas",)

SURVEY_QUESTIONS = (
    {"label": "How useful are your conversations so far?", "kind": "rating", "min": 1, "max": 5},
    {"label": "What would make them more useful?", "kind": "text"},
)
#: Answers to the first check-in: (who, for whose offer, rating, text, shared).
SURVEY_ANSWERS = (
    ("sam", "sam", 5, "More time on real experiments from my team.", True),
    ("kofi", "sam", 4, "", False),
    ("lina", "lina", 4, "A shared reading list.", False),
)


def _days(cast: Cast, days: int) -> dt.datetime:
    return cast.moment + dt.timedelta(days=days)


def _token(link: str) -> str:
    """The token of a join link (``…/join/<token>/``)."""
    return link.rstrip("/").rsplit("/", 1)[-1]


def cast_programme(cast: Cast) -> Programme:
    """The demo programme, from its roster to the first check-in's answers."""
    admin, today = cast.people[ADMIN], cast.moment.date()
    programme = services.programme_create(
        actor=admin,
        name=PROGRAMME_NAME,
        slug=PROGRAMME_SLUG,
        description="Fabrikam's mentoring across product, design, data and engineering.",
        default_cadence_days=14,
    )
    cohort = services.cohort_create(
        actor=admin,
        programme=programme,
        fields=CohortFields(
            name="First cohort",
            enrol_opens=today - dt.timedelta(days=30),
            enrol_closes=today - dt.timedelta(days=16),
            match_opens=today - dt.timedelta(days=15),
            match_closes=today - dt.timedelta(days=12),
            starts_on=today - dt.timedelta(days=10),
            length_months=6,
        ),
    )
    roster_import.roster_import(
        actor=admin,
        programme=programme,
        data=ROSTER_CSV.encode(),
        dry_run=False,
        now=_days(cast, -30),
    )
    issued = enrolment.invitation_create_for_roster(
        actor=admin, programme=programme, cohort=cohort, now=_days(cast, -30)
    )
    links = {i.invitation.email: _token(i.link) for i in issued}
    joined: dict[str, Participant] = {}
    for n, joiner in enumerate(JOINERS):
        person = cast.people[joiner.key]
        mentor = joiner.role == Role.MENTOR
        joined[joiner.key] = enrolment.participant_enrol(
            actor=person,
            token=links[person.email],
            intake=Intake(
                role=joiner.role,
                wants="" if mentor else joiner.text,
                offers=joiner.text if mentor else "",
                capacity=1 if mentor else 0,
                preferred=(joined[joiner.prefers].pk,) if joiner.prefers else (),
            ),
            now=_days(cast, -28 + n // 2),
        )
    # Inês has not joined yet: her invitation, expired, is sent again.
    enrolment.invitation_create(
        actor=admin,
        programme=programme,
        email="ines.duarte@tribe.example",
        cohort=cohort,
        now=_days(cast, -3),
    )
    run = runs.run_create(actor=admin, programme=programme, cohort=cohort, now=_days(cast, -14))
    runs.run_publish(actor=admin, run=run, now=_days(cast, -14))
    _answer_offers(cast, programme)
    _first_check_in(cast, programme, joined)
    return programme


def _answer_offers(cast: Cast, programme: Programme) -> None:
    """Mentors say yes first; two mentees too, one has not answered yet."""
    key_of = {person.pk: key for key, person in cast.people.items()}
    for offer in programme.offers.select_related("mentee__person", "mentor__person"):
        mentee_key = key_of[offer.mentee.person_id]
        if mentee_key not in ACCEPTED_BY_BOTH + WAITING_FOR_MENTEE:
            continue
        offers.offer_answer(
            actor=offer.mentor.person, offer=offer, accept=True, now=_days(cast, -13)
        )
        if mentee_key in ACCEPTED_BY_BOTH:
            offers.offer_answer(
                actor=offer.mentee.person, offer=offer, accept=True, now=_days(cast, -12)
            )


def _first_check_in(cast: Cast, programme: Programme, joined: dict[str, Participant]) -> None:
    """A check-in survey a week into each pair's time, answered by some of them."""
    admin = cast.people[ADMIN]
    survey = surveys.survey_create(
        actor=admin,
        programme=programme,
        fields=SurveyFields(
            name="First check-in",
            questions=SURVEY_QUESTIONS,
            first_after_days=7,
            every_days=0,
            at_end=True,
        ),
    )
    accepted = {
        offer.mentee_id: offer
        for offer in MatchOffer.objects.filter(
            programme=programme, mentee_answer=Answer.ACCEPTED, mentor_answer=Answer.ACCEPTED
        )
    }
    for who, mentee_key, rating, text, shared in SURVEY_ANSWERS:
        offer = accepted.get(joined[mentee_key].pk)
        if offer is None or joined[who].pk not in (offer.mentee_id, offer.mentor_id):
            continue  # the run paired them otherwise
        surveys.survey_answer(
            actor=cast.people[who],
            participant=joined[who],
            survey_id=survey.pk,
            offer_id=offer.pk,
            point=7,
            answers={"q1": rating, "q2": text},
            share_texts=shared,
            now=_days(cast, -1),
        )
