"""Where every field of personal data goes in a person's export, or why it does not.

Each model of Tribe's apps is named here: either its rows are exported (the
section of ``person_export`` they go to, and for each field the key it is
written under, or the reason it is left out), or none of it is (and why).
``tests/portability/test_classification.py`` fails for a model or a field that
is not named, so a field added later is exported, or left out on purpose,
never forgotten. The same table will say what erasure does with each.

A key is written ``a.b`` for a value nested in the record (``agreement.cadence_days``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ALWAYS_LEFT_OUT", "EXPORTED", "NOT_EXPORTED", "Exported"]

#: Bookkeeping every table has: the row number only where others refer to it.
ALWAYS_LEFT_OUT = {
    "id": "a row number, exported where other records refer to it",
    "created_at": "bookkeeping, exported where the moment means something",
    "updated_at": "bookkeeping",
}


@dataclass(frozen=True)
class Exported:
    """A model whose rows go to ``section``: each field to a key, or left out with a reason."""

    section: str
    keys: dict[str, str]
    left_out: dict[str, str] = field(default_factory=dict)


_MINE = "who wrote it, as whether it was me (a name of another person is not mine to take)"

EXPORTED: dict[str, Exported] = {
    "people.Person": Exported(
        "person",
        {
            "email": "email",
            "name": "name",
            "headline": "headline",
            "timezone": "timezone",
            "languages": "languages",
            "expertise": "expertise",
            "offers": "offers",
            "causes": "causes",
            "seniority": "seniority",
            "open_to_mentoring": "open_to_mentoring",
            "mentee_capacity": "mentee_capacity",
            "preferred_cadence_days": "preferred_cadence_days",
            "nudge_after_days": "nudge_after_days",
            "share_mentors": "share_mentors",
            "email_verified_at": "email_verified_at",
            "last_login": "last_login",
            "created_at": "joined",
        },
        {
            "password": "a hash of the password: gives nobody anything",
            "is_superuser": "the site's permission flags, not the person's data",
            "is_staff": "the site's permission flags, not the person's data",
            "is_active": "whether the account may sign in: it is signed in to export",
            "is_demo": "marks demo accounts for the demo loader",
        },
    ),
    "people.AvailabilityWindow": Exported(
        "person.availability",
        {"weekday": "weekday", "starts": "starts", "ends": "ends"},
        {"person": "the export is the person's"},
    ),
    "people.Goal": Exported(
        "goals",
        {
            "id": "id",
            "title": "title",
            "why": "why",
            "target_date": "target_date",
            "status": "status",
            "need": "need",
        },
        {"person": "the export is the person's"},
    ),
    "people.Contact": Exported(
        "contacts",
        {
            "id": "id",
            "name": "name",
            "email": "email",
            "headline": "headline",
            "company": "company",
            "position": "position",
            "phone": "phone",
            "url": "url",
            "timezone": "timezone",
            "expertise": "expertise",
            "connected_on": "connected_on",
            "notes": "notes",
            "source": "source",
            "person": "has_account",
        },
        {"owner": "the export is the owner's"},
    ),
    "people.Block": Exported(
        "blocked",
        {"blocked": "name", "created_at": "since"},
        {"blocker": "the export is the blocker's"},
    ),
    "relationships.Relationship": Exported(
        "relationships",
        {
            "id": "id",
            "mentee": "role",
            "mentor": "role",
            "mentee_contact": "with",
            "mentor_contact": "with",
            "created_by": "created_by_me",
            "kind": "kind",
            "status": "status",
            "status_changed_at": "status_changed_at",
            "purpose": "purpose",
            "cadence_days": "agreement.cadence_days",
            "meeting_minutes": "agreement.meeting_minutes",
            "channel": "agreement.channel",
            "starts_on": "agreement.starts_on",
            "ends_on": "agreement.ends_on",
            "confidentiality": "agreement.confidentiality",
            "agreed_at": "agreement.agreed_at",
            "update_every_days": "keeping_in_touch.update_every_days",
            "keep_in_touch": "keeping_in_touch.keep_in_touch",
            "snoozed_until": "keeping_in_touch.snoozed_until",
            "snooze_reason": "keeping_in_touch.snooze_reason",
            "snoozed_by": "keeping_in_touch.snoozed_by_me",
            "ask": "request.ask",
            "why_them": "request.why_them",
            "request_message": "request.message",
            "asked_at": "request.asked_at",
            "nudges_sent": "request.nudges_sent",
            "last_nudge_at": "request.last_nudge_at",
            "info_request": "request.info_request",
            "decline_message": "request.decline_message",
            "ask_again_months": "request.ask_again_months",
            "ask_cadence_days": "request.cadence_days",
            "ask_meeting_minutes": "request.meeting_minutes",
            "ask_months": "request.months",
            "give_back": "request.give_back",
            "give_back_written": "request.give_back_written",
            "mentee_consented_at": "consent.mentee_said_yes_at",
            "mentor_consented_at": "consent.mentor_said_yes_at",
        },
    ),
    "meetings.MeetingSeries": Exported(
        "meeting_series",
        {
            "id": "id",
            "relationship": "relationship_id",
            "title": "title",
            "location": "location",
            "rrule": "rule",
            "first_date": "first_date",
            "start_time": "start_time",
            "duration_minutes": "duration_minutes",
            "timezone": "timezone",
            "uid": "uid",
            "cancelled_at": "cancelled_at",
        },
        {"sequence": "a counter calendars use to order changes"},
    ),
    "meetings.Meeting": Exported(
        "meetings",
        {
            "id": "id",
            "relationship": "relationship_id",
            "title": "title",
            "starts_at": "starts_at",
            "ends_at": "ends_at",
            "timezone": "timezone",
            "location": "location",
            "status": "status",
            "uid": "uid",
            "series": "series_id",
            "recurrence_id": "recurrence_id",
            "agenda": "agenda",
            "follow_up_sent_at": "follow_up_sent_at",
        },
        {"sequence": "a counter calendars use to order changes"},
    ),
    "meetings.Note": Exported(
        "notes",
        {
            "id": "id",
            "relationship": "relationship_id",
            "meeting": "meeting_id",
            "meeting_title": "meeting_title",
            "meeting_starts_at": "meeting_starts_at",
            "author": "author",
            "visibility": "visibility",
            "body": "body",
            "created_at": "created_at",
        },
    ),
    "meetings.ActionItem": Exported(
        "action_items",
        {
            "id": "id",
            "relationship": "relationship_id",
            "meeting": "meeting_id",
            "title": "title",
            "owner": "owner",
            "due_on": "due_on",
            "done_at": "done_at",
            "created_by": "created_by_me",
        },
    ),
    "ledger.Touchpoint": Exported(
        "contact_log",
        {
            "relationship": "relationship_id",
            "author": "mine",
            "kind": "kind",
            "happened_on": "happened_on",
            "note": "note",
        },
    ),
    "ledger.Question": Exported(
        "questions",
        {
            "relationship": "relationship_id",
            "author": "mine",
            "text": "text",
            "answered_on": "answered_on",
        },
    ),
    "ledger.Advice": Exported(
        "advice",
        {
            "relationship": "relationship_id",
            "meeting": "meeting_id",
            "given_on": "given_on",
            "text": "text",
            "decision": "decision",
            "reason": "reason",
            "outcome": "outcome",
            "outcome_on": "outcome_on",
            "report_back": "report_back",
            "reported_back_on": "reported_back_on",
            "shared_outcome": "shared_outcome",
            "shared_advice": "shared_advice",
            "outcome_shared_at": "outcome_shared_at",
        },
        {"recorded_by": "the advice log exported is the recorder's own"},
    ),
    "ledger.Gratitude": Exported(
        "gratitude",
        {
            "relationship": "relationship_id",
            "given_by": "given_by_me",
            "kind": "kind",
            "given_on": "given_on",
            "description": "description",
            "meeting": "meeting_id",
            "advice": "advice_id",
        },
    ),
    "ledger.MentorUpdate": Exported(
        "updates",
        {
            "relationship": "relationship_id",
            "author": "mine",
            "sent_on": "sent_on",
            "body": "body",
        },
    ),
    "ledger.Win": Exported(
        "wins",
        {"goal": "goal_id", "happened_on": "happened_on", "text": "text"},
        {"person": "the export is the person's"},
    ),
    "journal.JournalEntry": Exported(
        "journal",
        {
            "author": "mine",
            "written_on": "written_on",
            "learned": "learned",
            "will_try": "will_try",
            "surprised": "surprised",
            "relationship": "relationship_id",
            "meeting": "meeting_id",
            "shared": "shared",
        },
    ),
    "journal.JournalCadence": Exported(
        "journal_cadence", {"cadence": ""}, {"person": "the export is the person's"}
    ),
    "advocacy.AdvocacyAsk": Exported(
        "advocacy_asks",
        {
            "id": "id",
            "relationship": "relationship_id",
            "asked_by": "asked_by_me",
            "audience": "audience",
            "opportunity": "opportunity",
            "case": "case",
            "by_when": "by_when",
            "status": "status",
            "asked_on": "asked_on",
            "answered_on": "answered_on",
            "answered_by": "answered_by_me",
            "answer_note": "answer_note",
            "spoke_on": "spoke_on",
            "done_by": "done_by_me",
            "done_note": "done_note",
            "outcome": "outcome",
            "outcome_on": "outcome_on",
            "outcome_by": "outcome_by_me",
            "withdrawn_on": "withdrawn_on",
            "withdrawn_by": "withdrawn_by_me",
        },
    ),
    "coaching.Exercise": Exported(
        "coaching.exercises",
        {
            "id": "id",
            "relationship": "relationship_id",
            "title": "title",
            "instructions": "instructions",
            "every_days": "every_days",
            "started_on": "started_on",
            "retired_on": "retired_on",
            "added_by": "added_by_me",
        },
    ),
    "coaching.PracticeEntry": Exported(
        "coaching.practice",
        {
            "exercise": "exercise_id",
            "practised_on": "practised_on",
            "minutes": "minutes",
            "note": "note",
            "logged_by": "logged_by_me",
        },
    ),
    "coaching.SessionTerms": Exported(
        "coaching.session_terms",
        {
            "relationship": "relationship_id",
            "paid": "paid",
            "amount": "amount",
            "currency": "currency",
            "payer": "payer",
            "note": "note",
            "updated_by": "recorded_by_me",
            "updated_at": "updated_at",
        },
    ),
    "outreach.Introduction": Exported(
        "introductions",
        {
            "introducer": "introducer",
            "mentee": "mentee",
            "to_person": "to",
            "to_contact": "to",
            "note": "note",
            "introduced_on": "introduced_on",
            "relationship": "relationship_id",
        },
    ),
    "matching.NotAMatch": Exported(
        "not_a_match",
        {
            "goal": "goal_id",
            "candidate_person": "candidate",
            "candidate_contact": "candidate",
            "reason": "reason",
        },
        {"person": "the export is the person's"},
    ),
}

EXPORTED["outbox.Preference"] = Exported(
    "notification_preference",
    {
        "digest": "digest",
        "digest_weekday": "digest_weekday",
        "digest_hour": "digest_hour",
        "muted": "muted",
    },
    left_out={
        "person": "the person is the export's owner",
        "slack_webhook": "a secret address: whoever has it can post to the channel",
        "teams_webhook": "a secret address: whoever has it can post to the channel",
    },
)

EXPORTED["accounts.SecurityEvent"] = Exported(
    "security_events",
    {"kind": "kind", "at": "at", "ip": "ip", "user_agent": "user_agent"},
    {"person": "the export is the person's"},
)

EXPORTED["accounts.ApiToken"] = Exported(
    "api_tokens",
    {
        "name": "name",
        "prefix": "prefix",
        "read_only": "read_only",
        "created_at": "created_at",
        "expires_at": "expires_at",
        "last_used_at": "last_used_at",
        "revoked_at": "revoked_at",
    },
    {
        "person": "the export is the person's",
        "digest": "a fingerprint of the secret, useless to its owner and a risk to carry around",
    },
)

EXPORTED["accounts.OidcIdentity"] = Exported(
    "person.sign_in_identities",
    {
        "issuer": "issuer",
        "subject": "subject",
        "created_at": "linked_at",
        "last_used_at": "last_used_at",
    },
    {"person": "the export is the person's"},
)

EXPORTED["programs.Participant"] = Exported(
    "programmes",
    {
        "programme": "programme",
        "cohort": "cohort",
        "role": "role",
        "status": "status",
        "joined_at": "joined_at",
        "left_at": "left_at",
        "wants": "wants",
        "offers": "offers",
        "capacity": "capacity",
        "preferred": "preferred_participant_ids",
        "avoid": "avoid_participant_ids",
        "answers": "answers",
        "roster_entry": "roster_entry_id",
    },
    {"person": "the export is the person's"},
)
EXPORTED["programs.ProgrammeAdmin"] = Exported(
    "programmes_i_run", {"programme": ""}, {"person": "the export is the person's"}
)
EXPORTED["programs.RosterEntry"] = Exported(
    "roster_entries",
    {
        "id": "id",
        "programme": "programme",
        "employee_id": "employee_id",
        "email": "email",
        "given_name": "given_name",
        "family_name": "family_name",
        "manager": "manager",
        "department": "department",
        "title": "title",
        "location": "location",
        "hire_date": "hire_date",
        "active": "active",
        "deactivated_at": "deactivated_at",
    },
    {"person": "the export is the person's"},
)
EXPORTED["programs.Invitation"] = Exported(
    "invitations",
    {
        "programme": "programme",
        "email": "email",
        "created_at": "sent_at",
        "expires_at": "expires_at",
        "used_at": "used_at",
        "revoked_at": "revoked_at",
    },
    {
        "token_hash": "the hash of the link's secret: gives nobody anything",
        "cohort": "the programme's grouping, not the person's data",
        "roster_entry": "exported under roster_entries",
        "invited_by": "the administrator who sent it: their name, not the person's data",
    },
)
EXPORTED["programs.MatchOffer"] = Exported(
    "match_offers",
    {
        "programme": "programme",
        "mentee": "role",
        "mentor": "with",
        "score": "score",
        "explanation": "explanation",
        "status": "status",
        "created_at": "offered_at",
        "mentee_answer": "mentee_answer",
        "mentee_answered_at": "mentee_answered_at",
        "mentor_answer": "mentor_answer",
        "mentor_answered_at": "mentor_answered_at",
        "relationship": "relationship_id",
    },
    {"run": "the programme's run that proposed it"},
)
EXPORTED["programs.SurveyResponse"] = Exported(
    "survey_answers",
    {
        "survey": "survey",
        "point": "point",
        "ratings": "ratings",
        "texts": "texts",
        "share_texts": "share_texts",
        "submitted_at": "submitted_at",
        "offer": "offer_id",
    },
    {"participant": "the export is the person's"},
)

#: Models none of whose rows go to an export, and why.
NOT_EXPORTED: dict[str, str] = {
    "outbox.Message": "copies of the mail Tribe sent the person, who has the mail itself; "
    "erasing the account deletes them",
    "notifications.ScheduledSlot": "the scheduler's own record of the jobs it started",
    "people.EmailToken": "secrets for a link in a mail, kept only as hashes, single use",
    "meetings.CalendarFeed": "the secret of a calendar address, kept only as a hash",
    "programs.Programme": "the organisation's programme: exported by name where one is in it; "
    "its chat webhooks (slack_webhook, teams_webhook) are its secrets, never exported",
    "programs.Cohort": "the programme's grouping: exported by name with the participation",
    "programs.RosterUpload": "an administrator's uploaded file, the organisation's; the row "
    "about the person is exported under roster_entries",
    "programs.PairRule": "an administrator's lock or ban on a pair: the programme's decision",
    "programs.MatchRun": "the programme's run; what it offered the person is under match_offers",
    "programs.RunPair": "a proposal of a run, never shown to the person until it is an offer",
    "programs.RunUnmatched": "a run's note on whom it could not match, the programme's",
    "programs.Survey": "the programme's questions: exported with each answer by name",
    "programs.ScimToken": "the programme's credential for its identity provider, about no "
    "person; its digest is a fingerprint of a secret, never exported",
}
