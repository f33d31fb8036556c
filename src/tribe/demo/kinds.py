"""Kinds that mean something, and paying it forward, on the demo's relationships.

- Grace **coaches** Elena: a regimen of exercises, Elena's practice log, and
  paid sessions (her employer pays).
- Hugo **sponsors** Ravi: an ask that Hugo agreed to, spoke up for, and what
  came of it; and a newer ask waiting for his answer.
- Maya and Aisha are **peers**: each keeps an advice log of what the other
  advised, and both thank.
- Goals say which kind of help they need (``Goal.need``); one of Maya's is
  still open, and the first step of finding suggests a coach for it.
- **Paying it forward**: Ravi and Maya share their mentors, so the tribe
  graph's chain runs Elena → Ravi → Maya → Sam; Priya, a mentee for most of
  a year, gets her first steps towards mentoring.

Built through the services, after ``pipeline`` and ``keeping``; called from
``tribe.demo.ideas``.
"""

from __future__ import annotations

import datetime as dt

from tribe.advocacy import services as advocacy
from tribe.coaching import services as coaching
from tribe.coaching.models import Payer
from tribe.core.kinds import RelationshipKind
from tribe.demo.pipeline import Cast
from tribe.ledger import services as ledger
from tribe.people import services as people
from tribe.people.models import Goal, Person

#: Grace's regimen for Elena: (title, every how many days, instructions, started how
#: many days ago, Elena's practice as (days ago, minutes, her note)).
REGIMEN = (
    (
        "Open every update with the decision you need",
        7,
        "Write the first line of each board or staff update as the decision you ask for.",
        42,
        (
            (40, 20, ""),
            (33, 15, ""),
            (26, 20, "The board asked fewer clarifying questions."),
            (19, 10, ""),
            (12, 15, ""),
            (5, 15, "Now the first line I write, not the last."),
        ),
    ),
    (
        "Two-minute summary, out loud",
        3,
        "Record yourself summing up a complex topic in two minutes; listen back once.",
        20,
        ((19, 10, "Ran to four minutes."), (16, 10, ""), (13, 5, ""), (4, 10, "Under two, twice.")),
    ),
)

#: Ravi's asks of Hugo: (to whom, about what, the case, asked how many days ago).
AGREED_ASK = (
    "The leadership team's succession review",
    "Consider Ravi for the payments GM role",
    "He led the pricing relaunch across three teams and grew revenue 18%.",
    50,
)
OPEN_ASK = (
    "The conference programme committee",
    "Recommend Ravi as a keynote speaker on product strategy",
    "",
    6,
)

#: Maya and Aisha's advice to each other: (who recorded it, what, decision, days ago).
PEER_ADVICE = (
    ("maya", "Run a pre-mortem before every launch", "adopt", 21),
    ("aisha", "Ship the compliance checklist with the first sprint, not the last", "try", 14),
)

#: The kind of help each demo goal needs, by (person, goal's place in their list).
#: Maya has not chosen for her third goal yet: the find page suggests a coach.
NEEDS = {
    ("maya", 0): RelationshipKind.MENTOR,
    ("maya", 1): RelationshipKind.MENTOR,
    ("ravi", 0): RelationshipKind.SPONSOR,
    ("elena", 0): RelationshipKind.COACH,
}


def _coaching(cast: Cast) -> None:
    today = cast.moment.date()
    elena, grace = cast.people["elena"], cast.people["grace"]
    coached = cast.between("elena", "grace")
    for title, every_days, instructions, started, practice in REGIMEN:
        exercise = coaching.exercise_add(
            actor=grace,
            relationship=coached,
            title=title,
            every_days=every_days,
            started_on=today - dt.timedelta(days=started),
            instructions=instructions,
            today=today,
        )
        for days_ago, minutes, note in practice:
            coaching.practice_log(
                actor=elena,
                exercise=exercise,
                practised_on=today - dt.timedelta(days=days_ago),
                minutes=minutes,
                today=today,
                note=note,
            )
    coaching.terms_set(
        actor=grace,
        relationship=coached,
        paid=True,
        amount="250",
        currency="EUR",
        payer=Payer.EMPLOYER,
        note="Invoiced monthly to Elena's employer.",
    )


def _advocacy(cast: Cast) -> None:
    today = cast.moment.date()
    ravi, hugo = cast.people["ravi"], cast.people["hugo"]
    sponsored = cast.between("ravi", "hugo")
    audience, opportunity, case, days_ago = AGREED_ASK
    asked_on = today - dt.timedelta(days=days_ago)
    ask = advocacy.ask_create(
        author=ravi,
        relationship=sponsored,
        audience=audience,
        opportunity=opportunity,
        case=case,
        today=asked_on,
        by_when=asked_on + dt.timedelta(days=21),
    )
    advocacy.ask_agree(
        actor=hugo, ask=ask, today=asked_on + dt.timedelta(days=2), note="Happy to: send me notes."
    )
    spoke_on = asked_on + dt.timedelta(days=9)
    advocacy.ask_mark_done(
        actor=hugo,
        ask=ask,
        today=spoke_on,
        spoke_on=spoke_on,
        note="Made the case in the review; the CEO asked for your numbers.",
    )
    advocacy.ask_record_outcome(
        actor=ravi,
        ask=ask,
        today=today - dt.timedelta(days=20),
        outcome="Shortlisted for the GM role; final interviews next quarter.",
    )
    audience, opportunity, case, days_ago = OPEN_ASK
    advocacy.ask_create(
        author=ravi,
        relationship=sponsored,
        audience=audience,
        opportunity=opportunity,
        case=case,
        today=today - dt.timedelta(days=days_ago),
    )


def _peers(cast: Cast) -> None:
    """Peers advise both ways: each side keeps their own log of the other's advice."""
    today = cast.moment.date()
    peers = cast.between("maya", "aisha")
    for who, text, decision, days_ago in PEER_ADVICE:
        advice = ledger.advice_record(
            actor=cast.people[who],
            relationship=peers,
            text=text,
            given_on=today - dt.timedelta(days=days_ago),
            today=today,
        )
        ledger.advice_decide(actor=cast.people[who], advice=advice, decision=decision)
    ledger.gratitude_record(
        actor=cast.people["aisha"],
        relationship=peers,
        kind="thank_you",
        given_on=today - dt.timedelta(days=7),
        description="Thanks for the pre-launch review of our payments flow",
        today=today,
    )


def _needs(cast: Cast) -> None:
    for (key, place), need in NEEDS.items():
        goal = cast.goals[key][place]
        people.goal_update(
            actor=cast.people[key],
            goal=goal,
            title=goal.title,
            why=goal.why,
            target_date=goal.target_date,
            status=goal.status,
            need=need,
        )


def _priya_achieved(cast: Cast) -> None:
    """Priya reached her goal: what she achieved is what she can now pass on."""
    priya = cast.people["priya"]
    (goal,) = cast.goals["priya"]
    people.goal_update(
        actor=priya,
        goal=goal,
        title=goal.title,
        why="I moved to the data science team in the spring.",
        target_date=goal.target_date,
        status=Goal.Status.ACHIEVED,
    )


def _share_mentors(person: Person) -> None:
    """``person`` lets their mentees see their own mentors (the chain of the tribe graph)."""
    people.person_update_profile(
        person=person,
        name=person.name,
        headline=person.headline,
        timezone=person.timezone,
        languages=person.languages,
        expertise=person.expertise,
        offers=person.offers,
        seniority=person.seniority,
        open_to_mentoring=person.open_to_mentoring,
        mentee_capacity=person.mentee_capacity,
        share_mentors=True,
    )


def cast_kinds(cast: Cast) -> None:
    """Coaching, sponsorship, peers, each goal's need, and the chain of who mentors whom."""
    _coaching(cast)
    _advocacy(cast)
    _peers(cast)
    _needs(cast)
    _priya_achieved(cast)
    for key in ("ravi", "maya"):
        _share_mentors(cast.people[key])
