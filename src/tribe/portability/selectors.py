"""Everything about one person, machine-readable (the right of access).

Holds exactly what that person may read: their own notes (private or
shared) and the notes others shared with them, never another person's
private notes.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from tribe.accounts.models import ApiToken, OidcIdentity, SecurityEvent
from tribe.advocacy.models import AdvocacyAsk
from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms
from tribe.journal.models import JournalEntry
from tribe.journal.selectors import cadence_of, readable_entries_q
from tribe.ledger.models import Advice, Gratitude, MentorUpdate, Question, Touchpoint, Win
from tribe.ledger.selectors import advice_outcomes_for_mentor
from tribe.matching.models import NotAMatch
from tribe.meetings.models import ActionItem, Meeting, MeetingSeries
from tribe.meetings.selectors import notes_readable_by
from tribe.outbox.models import Preference
from tribe.outreach.models import Introduction
from tribe.people.models import Block, Contact, Person
from tribe.programs.models import (
    Invitation,
    MatchOffer,
    Participant,
    ProgrammeAdmin,
    RosterEntry,
    SurveyResponse,
)
from tribe.relationships.selectors import relationships_for

#: 2: every field a person may read is exported (see ``classification``).
FORMAT_VERSION = 2


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else value


def person_export(*, person: Person) -> dict[str, Any]:
    relationships = list(relationships_for(person=person))
    ids = [r.pk for r in relationships]
    meetings = Meeting.objects.filter(relationship_id__in=ids)
    items = ActionItem.objects.filter(relationship_id__in=ids)
    return {
        "format": "tribe-person-export",
        "version": FORMAT_VERSION,
        "person": {
            "email": person.email,
            "name": person.name,
            "headline": person.headline,
            "timezone": person.timezone,
            "languages": person.languages,
            "expertise": person.expertise,
            "causes": person.causes,
            "offers": person.offers,
            "seniority": person.seniority,
            "open_to_mentoring": person.open_to_mentoring,
            "mentee_capacity": person.mentee_capacity,
            "preferred_cadence_days": person.preferred_cadence_days,
            "nudge_after_days": person.nudge_after_days,
            "share_mentors": person.share_mentors,
            "email_verified_at": _iso(person.email_verified_at),
            "last_login": _iso(person.last_login),
            "joined": _iso(person.created_at),
            "availability": [
                {"weekday": w.weekday, "starts": _iso(w.starts), "ends": _iso(w.ends)}
                for w in person.availability.all()
            ],
            # Who the person is at their organisation's sign-in provider.
            "sign_in_identities": [
                {
                    "issuer": i.issuer,
                    "subject": i.subject,
                    "linked_at": _iso(i.created_at),
                    "last_used_at": _iso(i.last_used_at),
                }
                for i in OidcIdentity.objects.filter(person=person)
            ],
        },
        "goals": [
            {
                "id": g.pk,
                "title": g.title,
                "why": g.why,
                "target_date": _iso(g.target_date),
                "status": g.status,
                "need": g.need,
            }
            for g in person.goals.all()
        ],
        "contacts": [
            {
                "id": c.pk,
                "name": c.name,
                "email": c.email,
                "headline": c.headline,
                "company": c.company,
                "position": c.position,
                "phone": c.phone,
                "url": c.url,
                "timezone": c.timezone,
                "connected_on": _iso(c.connected_on),
                "expertise": c.expertise,
                "notes": c.notes,
                "source": c.source,
                "has_account": c.person_id is not None,
            }
            for c in Contact.objects.filter(owner=person)
        ],
        "relationships": [
            {
                "id": r.pk,
                "role": r.role_of(person),
                "with": r.other_name(person),
                "kind": r.kind,
                "status": r.status,
                "status_changed_at": _iso(r.status_changed_at),
                "purpose": r.purpose,
                "goal_ids": [g.pk for g in r.goals.all()],
                "created_by_me": r.created_by_id == person.pk,
                "agreement": {
                    "cadence_days": r.cadence_days,
                    "meeting_minutes": r.meeting_minutes,
                    "channel": r.channel,
                    "starts_on": _iso(r.starts_on),
                    "ends_on": _iso(r.ends_on),
                    "confidentiality": r.confidentiality,
                    "agreed_at": _iso(r.agreed_at),
                },
                "keeping_in_touch": {
                    "update_every_days": r.update_every_days,
                    "keep_in_touch": r.keep_in_touch,
                    "snoozed_until": _iso(r.snoozed_until),
                    # A note to oneself: only whoever snoozed reads the reason.
                    "snooze_reason": r.snooze_reason if r.snoozed_by_id == person.pk else "",
                    "snoozed_by_me": r.snoozed_by_id == person.pk,
                },
                "request": {
                    "ask": r.ask,
                    "why_them": r.why_them,
                    "message": r.request_message,
                    "asked_at": _iso(r.asked_at),
                    "nudges_sent": r.nudges_sent,
                    "last_nudge_at": _iso(r.last_nudge_at),
                    "info_request": r.info_request,
                    "decline_message": r.decline_message,
                    "ask_again_months": r.ask_again_months,
                    "cadence_days": r.ask_cadence_days,
                    "meeting_minutes": r.ask_meeting_minutes,
                    "months": r.ask_months,
                    "give_back": r.give_back,
                    "give_back_written": r.give_back_written,
                },
                "consent": {
                    "mentee_said_yes_at": _iso(r.mentee_consented_at),
                    "mentor_said_yes_at": _iso(r.mentor_consented_at),
                },
            }
            for r in relationships
        ],
        "meeting_series": [
            {
                "id": x.pk,
                "relationship_id": x.relationship_id,
                "title": x.title,
                "location": x.location,
                "rule": x.rrule,
                "first_date": _iso(x.first_date),
                "start_time": _iso(x.start_time),
                "duration_minutes": x.duration_minutes,
                "timezone": x.timezone,
                "uid": str(x.uid),
                "cancelled_at": _iso(x.cancelled_at),
            }
            for x in MeetingSeries.objects.filter(relationship_id__in=ids)
        ],
        "meetings": [
            {
                "id": m.pk,
                "relationship_id": m.relationship_id,
                "title": m.title,
                "starts_at": _iso(m.starts_at),
                "ends_at": _iso(m.ends_at),
                "timezone": m.timezone,
                "location": m.location,
                "status": m.status,
                "uid": str(m.uid),
                "series_id": m.series_id,
                "recurrence_id": _iso(m.recurrence_id),
                "agenda": m.agenda,
                "follow_up_sent_at": _iso(m.follow_up_sent_at),
            }
            for m in meetings
        ],
        "notes": [
            {
                "id": n.pk,
                "relationship_id": n.relationship_id,
                "meeting_id": n.meeting_id,
                "meeting_title": n.meeting_title,
                "meeting_starts_at": _iso(n.meeting_starts_at),
                "author": n.author.email,
                "visibility": n.visibility,
                "body": n.body,
                "created_at": _iso(n.created_at),
            }
            for n in notes_readable_by(person=person)
        ],
        "action_items": [
            {
                "id": a.pk,
                "relationship_id": a.relationship_id,
                "title": a.title,
                "owner": a.owner,
                "due_on": _iso(a.due_on),
                "done_at": _iso(a.done_at),
                "meeting_id": a.meeting_id,
                "created_by_me": a.created_by_id == person.pk,
            }
            for a in items
        ],
        "notification_preference": [
            {
                "digest": p.digest,
                "digest_weekday": p.digest_weekday,
                "digest_hour": p.digest_hour,
                "muted": list(p.muted),
            }
            for p in Preference.objects.filter(person=person)
        ],
        "security_events": [
            {"kind": e.kind, "at": _iso(e.at), "ip": e.ip, "user_agent": e.user_agent}
            for e in SecurityEvent.objects.filter(person=person)
        ],
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "read_only": t.read_only,
                "created_at": _iso(t.created_at),
                "expires_at": _iso(t.expires_at),
                "last_used_at": _iso(t.last_used_at),
                "revoked_at": _iso(t.revoked_at),
            }
            for t in ApiToken.objects.filter(person=person)
        ],
        "blocked": [
            {"name": b.blocked.name, "since": _iso(b.created_at)}
            for b in Block.objects.filter(blocker=person).select_related("blocked")
        ],
        **_keeping_in_touch(person, ids),
        "coaching": _coaching(person, ids),
        **_programmes(person),
    }


def _programmes(person: Person) -> dict[str, Any]:
    """What programmes hold about the person: their enrolment and intake, the roster
    row their organisation gave, invitations, match offers and survey answers."""
    offers = (
        MatchOffer.objects.filter(Q(mentee__person=person) | Q(mentor__person=person))
        .select_related("programme", "mentee__person", "mentor__person")
        .order_by("created_at", "pk")
    )
    return {
        "programmes": [
            {
                "programme": p.programme.name,
                "cohort": p.cohort.name if p.cohort else None,
                "role": p.role,
                "status": p.status,
                "joined_at": _iso(p.joined_at),
                "left_at": _iso(p.left_at),
                "wants": p.wants,
                "offers": p.offers,
                "capacity": p.capacity,
                "preferred_participant_ids": p.preferred,
                "avoid_participant_ids": p.avoid,
                "answers": p.answers,
                "roster_entry_id": p.roster_entry_id,
            }
            for p in Participant.objects.filter(person=person).select_related("programme", "cohort")
        ],
        "programmes_i_run": [
            a.programme.name
            for a in ProgrammeAdmin.objects.filter(person=person).select_related("programme")
        ],
        "roster_entries": [
            {
                "id": r.pk,
                "programme": r.programme.name,
                "employee_id": r.employee_id,
                "email": r.email,
                "given_name": r.given_name,
                "family_name": r.family_name,
                "manager": str(r.manager) if r.manager else None,
                "department": r.department,
                "title": r.title,
                "location": r.location,
                "hire_date": _iso(r.hire_date),
                "active": r.active,
                "deactivated_at": _iso(r.deactivated_at),
            }
            for r in RosterEntry.objects.filter(person=person).select_related(
                "programme", "manager"
            )
        ],
        "invitations": [
            {
                "programme": i.programme.name,
                "email": i.email,
                "sent_at": _iso(i.created_at),
                "expires_at": _iso(i.expires_at),
                "used_at": _iso(i.used_at),
                "revoked_at": _iso(i.revoked_at),
            }
            for i in Invitation.objects.filter(email__iexact=person.email).select_related(
                "programme"
            )
        ],
        "match_offers": [
            {
                "programme": o.programme.name,
                "role": "mentee" if o.mentee.person_id == person.pk else "mentor",
                "with": (o.mentor if o.mentee.person_id == person.pk else o.mentee).person.name,
                "score": o.score,
                "explanation": o.explanation,
                "status": o.status,
                "offered_at": _iso(o.created_at),
                "mentee_answer": o.mentee_answer,
                "mentee_answered_at": _iso(o.mentee_answered_at),
                "mentor_answer": o.mentor_answer,
                "mentor_answered_at": _iso(o.mentor_answered_at),
                "relationship_id": o.relationship_id,
            }
            for o in offers
        ],
        "survey_answers": [
            {
                "survey": r.survey.name,
                "programme": r.survey.programme.name,
                "point": r.point,
                "ratings": r.ratings,
                "texts": r.texts,
                "share_texts": r.share_texts,
                "submitted_at": _iso(r.submitted_at),
                "offer_id": r.offer_id,
            }
            for r in SurveyResponse.objects.filter(participant__person=person).select_related(
                "survey__programme"
            )
        ],
    }


def _keeping_in_touch(person: Person, ids: list[int]) -> dict[str, Any]:
    """Contact logs, questions, advice, thanks, updates, wins, introductions, "not a match".

    Same rule as everywhere: a contact log's note only for its author, the
    advice log only for whoever recorded it.
    """
    return {
        "contact_log": [
            {
                "relationship_id": t.relationship_id,
                "kind": t.kind,
                "happened_on": _iso(t.happened_on),
                "mine": t.author_id == person.pk,
                "note": t.note if t.author_id == person.pk else "",
            }
            for t in Touchpoint.objects.filter(relationship_id__in=ids)
        ],
        "questions": [
            {
                "relationship_id": q.relationship_id,
                "text": q.text,
                "answered_on": _iso(q.answered_on),
                "mine": q.author_id == person.pk,
            }
            for q in Question.objects.filter(relationship_id__in=ids)
        ],
        "advice": [
            {
                "relationship_id": a.relationship_id,
                "meeting_id": a.meeting_id,
                "given_on": _iso(a.given_on),
                "text": a.text,
                "decision": a.decision,
                "reason": a.reason,
                "outcome": a.outcome,
                "outcome_on": _iso(a.outcome_on),
                "report_back": a.report_back,
                "reported_back_on": _iso(a.reported_back_on),
                "outcome_shared_at": _iso(a.outcome_shared_at),
                "shared_outcome": a.shared_outcome,
                "shared_advice": a.shared_advice,
            }
            for a in Advice.objects.filter(recorded_by=person)
        ],
        # As a mentor: only what each mentee chose to share, in their words.
        "advice_outcomes_shared_with_me": [
            {"mentee": group.mentee, **shared.as_dict()}
            for group in advice_outcomes_for_mentor(mentor=person).by_mentee
            for shared in group.outcomes
        ],
        "gratitude": [
            {
                "relationship_id": g.relationship_id,
                "kind": g.kind,
                "given_on": _iso(g.given_on),
                "description": g.description,
                "given_by_me": g.given_by_id == person.pk,
                "meeting_id": g.meeting_id,
                "advice_id": g.advice_id,
            }
            for g in Gratitude.objects.filter(relationship_id__in=ids)
        ],
        "updates": [
            {
                "relationship_id": u.relationship_id,
                "sent_on": _iso(u.sent_on),
                "body": u.body,
                "mine": u.author_id == person.pk,
            }
            for u in MentorUpdate.objects.filter(relationship_id__in=ids)
        ],
        "wins": [
            {"happened_on": _iso(w.happened_on), "text": w.text, "goal_id": w.goal_id}
            for w in Win.objects.filter(person=person)
        ],
        # Mine, and what the other side of a relationship shared with me.
        "journal": [
            {
                "written_on": _iso(e.written_on),
                "learned": e.learned,
                "will_try": e.will_try,
                "surprised": e.surprised,
                "mine": e.author_id == person.pk,
                "shared": e.shared,
                "relationship_id": e.relationship_id,
                "meeting_id": e.meeting_id,
                "goal_ids": sorted(g.pk for g in e.goals.all()),
                "advice_ids": sorted(a.pk for a in e.advice.all()),
            }
            for e in JournalEntry.objects.filter(readable_entries_q(person))
            .prefetch_related("goals", "advice")
            .order_by("written_on", "pk")
        ],
        "journal_cadence": cadence_of(person=person),
        # Both sides of a sponsor relationship read its asks; each step says whether I took it.
        "advocacy_asks": [
            {
                "id": a.pk,
                "relationship_id": a.relationship_id,
                "asked_by_me": a.asked_by_id == person.pk,
                "audience": a.audience,
                "opportunity": a.opportunity,
                "case": a.case,
                "by_when": _iso(a.by_when),
                "status": a.status,
                "asked_on": _iso(a.asked_on),
                "answered_on": _iso(a.answered_on),
                "answered_by_me": a.answered_by_id == person.pk,
                "answer_note": a.answer_note,
                "spoke_on": _iso(a.spoke_on),
                "done_by_me": a.done_by_id == person.pk,
                "done_note": a.done_note,
                "outcome": a.outcome,
                "outcome_on": _iso(a.outcome_on),
                "outcome_by_me": a.outcome_by_id == person.pk,
                "withdrawn_on": _iso(a.withdrawn_on),
                "withdrawn_by_me": a.withdrawn_by_id == person.pk,
            }
            for a in AdvocacyAsk.objects.filter(relationship_id__in=ids).order_by("asked_on", "pk")
        ],
        "introductions": [
            {
                "introducer": i.introducer.name,
                "mentee": i.mentee.name,
                "to": i.to_name,
                "introduced_on": _iso(i.introduced_on),
                "note": i.note,
                "relationship_id": i.relationship_id,
            }
            for i in Introduction.objects.filter(
                Q(introducer=person) | Q(mentee=person)
            ).select_related("introducer", "mentee", "to_person", "to_contact")
        ],
        "not_a_match": [
            {
                "candidate": str(n.candidate_person or n.candidate_contact),
                "goal_id": n.goal_id,
                "reason": n.reason,
            }
            for n in NotAMatch.objects.filter(person=person).select_related(
                "candidate_person", "candidate_contact"
            )
        ],
    }


def _coaching(person: Person, ids: list[int]) -> dict[str, Any]:
    """The regimens, practice logs and terms of sessions of my coaching relationships:
    both sides read them, so both sides' exports hold them."""
    return {
        "exercises": [
            {
                "id": e.pk,
                "relationship_id": e.relationship_id,
                "title": e.title,
                "instructions": e.instructions,
                "every_days": e.every_days,
                "started_on": _iso(e.started_on),
                "retired_on": _iso(e.retired_on),
                "added_by_me": e.added_by_id == person.pk,
            }
            for e in Exercise.objects.filter(relationship_id__in=ids).order_by("pk")
        ],
        "practice": [
            {
                "exercise_id": p.exercise_id,
                "practised_on": _iso(p.practised_on),
                "minutes": p.minutes,
                "note": p.note,
                "logged_by_me": p.logged_by_id == person.pk,
            }
            for p in PracticeEntry.objects.filter(exercise__relationship_id__in=ids).order_by(
                "practised_on", "pk"
            )
        ],
        "session_terms": [
            {
                "relationship_id": t.relationship_id,
                "paid": t.paid,
                "amount": str(t.amount) if t.amount is not None else None,
                "currency": t.currency,
                "payer": t.payer,
                "note": t.note,
                "recorded_by_me": t.updated_by_id == person.pk,
                "updated_at": _iso(t.updated_at),
            }
            for t in SessionTerms.objects.filter(relationship_id__in=ids).order_by("pk")
        ],
    }
