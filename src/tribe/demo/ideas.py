"""The ideas Tribe is built on, shown on the demo's showcase people.

- **Learning, not proving**: Maya keeps a learning journal (one entry shared
  with Ravi, her mentor) and her "am I learning?" check-in says yes; Sam
  shares what he learned with Maya; Ravi's journal has stalled, so his
  check-in says so and suggests what to do.
- **Asking is hard**: Maya's ask of Dana (a contact) states its size and what
  she can give back; Lina's no to Sam offers to be asked again, so his ask
  page shows the warm next step (a thank-you, the next candidates, the date).
- **Giving back the mentor can see**: Sam and Maya share how advice turned
  out, so Maya's and Ravi's impact pages show "What your advice became".

Built through the services after ``pipeline`` and ``keeping``, on the
relationships they made.
"""

from __future__ import annotations

import datetime as dt

from tribe.demo.kinds import cast_kinds
from tribe.demo.pipeline import Cast
from tribe.journal import services as journal
from tribe.journal.models import Cadence
from tribe.ledger import services as ledger
from tribe.ledger.models import Advice
from tribe.meetings.models import Meeting
from tribe.outreach import selectors as outreach_drafts
from tribe.outreach import services as outreach
from tribe.relationships.models import Relationship

#: Maya's journal: (days ago, learned, will try, surprised, about her last meeting
#: with Ravi, shared with him). Enough in the last weeks for her check-in to say yes.
MAYA_JOURNAL = (
    (
        13,
        "A decision log ends the debates that keep coming back.",
        "Start one for the pricing team this week.",
        "",
        True,
        True,
    ),
    (
        5,
        "Declining one recurring meeting freed two hours for discovery.",
        "Decline a second one and see who notices.",
        "Nobody minded.",
        False,
        False,
    ),
    (
        40,
        "Hiring is a product decision: define the problem before the profile.",
        "",
        "",
        False,
        False,
    ),
)

#: Ravi's journal stopped a month ago: with a weekly cadence, his check-in sees
#: two empty weeks and says his learning has stalled.
RAVI_JOURNAL = (
    (45, "Elena plans the roadmap with her engineering managers, not for them."),
    (31, "Ask engineering what they would cut before I ask what they would add."),
)

#: Maya's advice to Sam, as Sam recorded it: (what, days ago, decision, outcome,
#: the words he shared with her).
SAM_ADVICE = (
    (
        "Interview five customers before writing the brief",
        50,
        "adopt",
        "Five interviews changed the brief completely; the survey would have missed it.",
        "The five interviews you suggested changed my brief completely. "
        "We are building the thing customers actually asked for.",
    ),
    (
        "Write the problem statement before any solution",
        30,
        "try",
        "The team argued less about features once the problem was on one page.",
        "One page of problem first: my team argued far less about features.",
    ),
)


def _last_held(relationship: Relationship) -> Meeting | None:
    return relationship.meetings.filter(status=Meeting.Status.HELD).order_by("-starts_at").first()


def _journal_of_maya(cast: Cast) -> None:
    today = cast.moment.date()
    maya, maya_ravi = cast.people["maya"], cast.between("maya", "ravi")
    journal.cadence_set(person=maya, cadence=Cadence.FORTNIGHTLY)
    meeting = _last_held(maya_ravi)
    decision_log = Advice.objects.filter(
        relationship=maya_ravi, text="Keep a decision log for the team"
    ).first()
    for days_ago, learned, will_try, surprised, about_ravi, shared in MAYA_JOURNAL:
        journal.entry_create(
            author=maya,
            written_on=today - dt.timedelta(days=days_ago),
            today=today,
            learned=learned,
            will_try=will_try,
            surprised=surprised,
            relationship=maya_ravi if about_ravi else None,
            meeting=meeting if about_ravi else None,
            goals=cast.goals["maya"][:1],
            advice=[decision_log] if about_ravi and decision_log is not None else [],
            shared=shared,
        )


def _journal_of_sam(cast: Cast) -> None:
    """Sam tells Maya what he learned at their last check-in (shared with her)."""
    today = cast.moment.date()
    sam, sam_maya = cast.people["sam"], cast.between("sam", "maya")
    journal.cadence_set(person=sam, cadence=Cadence.WEEKLY)
    journal.entry_create(
        author=sam,
        written_on=today - dt.timedelta(days=12),
        today=today,
        learned="Customers describe the problem better than any survey does.",
        will_try="Recruit interviewees from the support queue.",
        relationship=sam_maya,
        meeting=_last_held(sam_maya),
        goals=cast.goals["sam"][:1],
        shared=True,
    )


def _journal_of_ravi(cast: Cast) -> None:
    """A journal kept, then dropped: the check-in calls it stalled."""
    today = cast.moment.date()
    ravi, ravi_elena = cast.people["ravi"], cast.between("ravi", "elena")
    journal.cadence_set(person=ravi, cadence=Cadence.WEEKLY)
    for days_ago, learned in RAVI_JOURNAL:
        journal.entry_create(
            author=ravi,
            written_on=today - dt.timedelta(days=days_ago),
            today=today,
            learned=learned,
            relationship=ravi_elena,
        )


def _ask_of_maya(cast: Cast) -> Relationship:
    """Maya's request to Dana, ready to send: its size, and what she can give back."""
    maya = cast.people["maya"]
    to_dana = Relationship.objects.get(
        mentee=maya, mentor_contact__name="Dana Whitfield", status=Relationship.Status.PROSPECT
    )
    give_back = outreach_drafts.give_back_draft(relationship=to_dana, sender=maya, now=cast.moment)
    return outreach.outreach_prepare(
        actor=maya,
        relationship=to_dana,
        ask="Would you meet me once a month for six months to talk through pricing experiments?",
        why_them="you ran Northwind's pricing experiments and wrote about what failed",
        purpose=to_dana.purpose,
        cadence_days=30,
        meeting_minutes=45,
        months=6,
        give_back=give_back,
    )


def _advice_shared(cast: Cast) -> None:
    """Sam shares how Maya's advice turned out (and thanks her), and Maya shares hers
    with Ravi."""
    moment, today = cast.moment, cast.moment.date()
    sam, sam_maya = cast.people["sam"], cast.between("sam", "maya")
    recorded = []
    for text, days_ago, decision, outcome, words in SAM_ADVICE:
        advice = ledger.advice_record(
            actor=sam,
            relationship=sam_maya,
            text=text,
            given_on=today - dt.timedelta(days=days_ago),
            today=today,
        )
        ledger.advice_decide(actor=sam, advice=advice, decision=decision)
        ledger.advice_record_outcome(
            actor=sam,
            advice=advice,
            outcome=outcome,
            today=today - dt.timedelta(days=days_ago // 3),
        )  # private: what Sam wrote for himself stays his; he shares other words below
        ledger.advice_share_outcome(
            actor=sam,
            advice=advice,
            words=words,
            advice_summary=text,
            now=moment - dt.timedelta(days=days_ago // 4),
        )
        recorded.append(advice)
    ledger.gratitude_record(
        actor=sam,
        relationship=sam_maya,
        kind="thank_you",
        given_on=today - dt.timedelta(days=10),
        description="Thank you for pushing me to talk to customers first",
        advice=recorded[0],
        today=today,
    )
    maya, maya_ravi = cast.people["maya"], cast.between("maya", "ravi")
    decision_log = Advice.objects.get(
        relationship=maya_ravi, recorded_by=maya, text="Keep a decision log for the team"
    )
    ledger.advice_share_outcome(
        actor=maya,
        advice=decision_log,
        words="The decision log you suggested ended our repeated debates, "
        "and new joiners now read it first.",
        advice_summary=decision_log.text,
        now=moment - dt.timedelta(days=2),
    )


def cast_ideas(cast: Cast) -> None:
    """The journal, the sized ask and the warm no, the advice outcomes shared, and the
    kinds and paying it forward (``tribe.demo.kinds``)."""
    _journal_of_maya(cast)
    _journal_of_sam(cast)
    _journal_of_ravi(cast)
    _ask_of_maya(cast)
    _advice_shared(cast)
    cast_kinds(cast)
