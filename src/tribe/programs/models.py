"""Programmes: an organisation's mentoring, run by its administrators.

A programme holds cohorts (or runs evergreen), the people enrolled in it
(``Participant``), the organisation's roster (``RosterEntry``: an HR export,
nobody's account), invitations, match runs and their proposed pairs, the
offers both people answer, and check-in surveys.

Two boundaries shape every table here:

- **Isolation.** Every row belongs to exactly one programme, reached through
  its ``programme`` key; an administrator (``ProgrammeAdmin``) sees and changes
  only the programmes they administer (``selectors.programme_get_for_admin``).
- **Privacy.** Administrators see counts, dates, states and scores. Nothing
  here copies a note, an agenda, advice or a personal goal; a participant's
  intake answers are written *to the programme* (the form says so), and the
  relationship a match becomes is the two people's own, private as any other.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tribe.core.models import TimeStampedModel
from tribe.people.models import Person
from tribe.relationships.models import Relationship

#: Longest free text a participant writes into an intake or a survey.
TEXT_MAX = 2000
#: A programme's defaults, and the ranges the services and constraints keep.
CADENCE_DAYS = (1, 366)
LENGTH_MONTHS = (1, 36)
CAPACITY_MAX = 20


class MatchMode(models.TextChoices):
    OPTIMAL = "optimal", _("Optimal (highest total fit)")
    STABLE = "stable", _("Stable (nobody would rather swap)")


class MatchObjective(models.TextChoices):
    """The trade-off a run makes, shown side by side in the preview.

    The default matches as many people as possible, and among those ways the
    highest total fit: a programme exists to give people a mentor. "Highest
    total fit" may leave someone out for a better total elsewhere.
    """

    MOST_MATCHED = "most_matched", _("As many people matched as possible, then the best fit")
    TOTAL_FIT = "total_fit", _("Highest total fit, even if fewer are matched")
    FAIRNESS_FLOOR = "fairness_floor", _("Nobody below a minimum score, where possible")


class Programme(TimeStampedModel):
    """One mentoring programme of an organisation, with its rules and defaults."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True, max_length=TEXT_MAX)
    # Evergreen: people join and are matched at any time, without cohorts.
    evergreen = models.BooleanField(default=False)
    default_cadence_days = models.PositiveSmallIntegerField(default=30)
    default_length_months = models.PositiveSmallIntegerField(default=6)
    # Open sign-up: anyone with the link may enrol. Only the SHA-256 of the
    # link's token is stored; empty: closed (invitations and roster only).
    signup_token_hash = models.CharField(max_length=64, blank=True)

    # The rules and the trade-off of its match runs (tribe_engine.Rules).
    mode = models.CharField(max_length=16, choices=MatchMode.choices, default=MatchMode.OPTIMAL)
    objective = models.CharField(
        max_length=16, choices=MatchObjective.choices, default=MatchObjective.MOST_MATCHED
    )
    fairness_floor = models.FloatField(default=0.3)
    min_overlap_hours = models.FloatField(default=0.0)
    min_seniority_gap = models.FloatField(null=True, blank=True)
    require_shared_language = models.BooleanField(default=True)
    forbid_same_reporting_line = models.BooleanField(default=True)
    # Weights of the score's parts, by tribe_engine.Weights field name;
    # empty: the engine's defaults.
    weights = models.JSONField(default=dict, blank=True)
    # The programme's own intake questions, beyond the profile fields every
    # intake asks: [{"key": "...", "label": "...", "kind": "text"|"choice",
    # "choices": [...]}]. Answers are kept per participant.
    intake_questions = models.JSONField(default=list, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    # The channel the administrators' nudges also go to (``services.programme_set_webhooks``).
    # Secrets: whoever has one can post there, so no page, export or admin shows them.
    slack_webhook = models.CharField(max_length=500, blank=True)
    teams_webhook = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(default_cadence_days__range=CADENCE_DAYS)
                & Q(default_length_months__range=LENGTH_MONTHS),
                name="programme_defaults_range",
            ),
            models.CheckConstraint(
                condition=Q(min_overlap_hours__gte=0, min_overlap_hours__lte=24)
                & Q(fairness_floor__gte=0, fairness_floor__lte=1),
                name="programme_rules_range",
            ),
            models.CheckConstraint(
                condition=Q(mode__in=MatchMode.values) & Q(objective__in=MatchObjective.values),
                name="programme_mode_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProgrammeAdmin(TimeStampedModel):
    """``person`` administers ``programme``: sees its figures, never private words."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="admins")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="programmes_run")

    class Meta:
        ordering = ["programme", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "person"], name="programme_admin_once"),
        ]

    def __str__(self) -> str:
        return f"admin {self.pk}"


class Cohort(TimeStampedModel):
    """A group that enrols, is matched and runs together for a set length."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=200)
    enrol_opens = models.DateField(null=True, blank=True)
    enrol_closes = models.DateField(null=True, blank=True)
    match_opens = models.DateField(null=True, blank=True)
    match_closes = models.DateField(null=True, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    length_months = models.PositiveSmallIntegerField(default=6)

    class Meta:
        ordering = ["programme", "-starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="cohort_name_unique"),
            models.CheckConstraint(
                condition=Q(length_months__range=LENGTH_MONTHS), name="cohort_length_range"
            ),
            models.CheckConstraint(
                condition=Q(enrol_closes__isnull=True)
                | Q(enrol_opens__isnull=True)
                | Q(enrol_closes__gte=F("enrol_opens")),
                name="cohort_enrolment_window",
            ),
            models.CheckConstraint(
                condition=Q(match_closes__isnull=True)
                | Q(match_opens__isnull=True)
                | Q(match_closes__gte=F("match_opens")),
                name="cohort_matching_window",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RosterEntry(TimeStampedModel):
    """One row of the organisation's HR export: an employee, not an account.

    The roster is what invitations go to and where the reporting line comes
    from (``manager``, resolved from the export's manager id or e-mail). A
    person who left is deactivated, never deleted, so past figures stay true.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="roster")
    employee_id = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    given_name = models.CharField(max_length=200, blank=True)
    family_name = models.CharField(max_length=200, blank=True)
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    department = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=200, blank=True)
    hire_date = models.DateField(null=True, blank=True)
    active = models.BooleanField(default=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    # Set when the employee joins the programme with an account.
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="roster_entries"
    )

    class Meta:
        ordering = ["programme", "family_name", "given_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "employee_id"], name="roster_employee_unique"
            ),
            models.UniqueConstraint(fields=["programme", "email"], name="roster_email_unique"),
            models.CheckConstraint(condition=~Q(manager=F("id")), name="roster_not_own_manager"),
        ]

    def __str__(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part) or self.email


class ScimToken(models.Model):
    """The bearer secret an identity provider (Okta, Entra ID) presents to keep
    one programme's roster in sync over SCIM (``programs.provisioning``).

    Hashed as ``accounts.ApiToken`` is: only the SHA-256 of the secret is kept,
    the secret is shown once, and ``prefix`` tells tokens apart on the page.
    The token stands for the programme, not for a person: it reaches that
    programme's roster and nothing else. A revoked token is kept for the record.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="scim_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=20)
    digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["programme", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"SCIM token {self.prefix}…"


class RosterUpload(TimeStampedModel):
    """An HR export uploaded for import, kept between the preview and the confirm.

    The file is read again for the confirm (the preview wrote nothing), with
    the column mapping the administrator chose; it is deleted once applied.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="uploads")
    uploaded_by = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=200, blank=True)
    content = models.BinaryField()
    # {column title in the file: roster field, or "" to ignore the column}
    mapping = models.JSONField(default=dict, blank=True)
    deactivate_missing = models.BooleanField(default=False)

    class Meta:
        ordering = ["programme", "-created_at", "id"]

    def __str__(self) -> str:
        return f"upload {self.pk}"


class Role(models.TextChoices):
    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor")
    BOTH = "both", _("Mentee and mentor")


class ParticipantStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    LEFT = "left", _("Left")


class Participant(TimeStampedModel):
    """A person enrolled in a programme, with the intake that matching reads.

    The person enrolled themselves (an invitation, the sign-up link): nobody
    is a participant without saying so. Their intake (what they want to
    learn, what they offer, how many mentees they take, whom they would like
    and whom to avoid) is written to the programme and read by its matching.
    """

    Status = ParticipantStatus

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="participants")
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.SET_NULL, related_name="participants"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    roster_entry = models.ForeignKey(
        RosterEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(max_length=8, choices=Role.choices)
    status = models.CharField(
        max_length=10, choices=ParticipantStatus.choices, default=ParticipantStatus.ENROLLED
    )
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)
    wants = models.TextField(blank=True, max_length=TEXT_MAX)
    offers = models.TextField(blank=True, max_length=TEXT_MAX)
    capacity = models.PositiveSmallIntegerField(default=0)
    # Participant ids, best first (mentors a mentee would like), and ids of
    # people to avoid (never matched, in either role).
    preferred = models.JSONField(default=list, blank=True)
    avoid = models.JSONField(default=list, blank=True)
    answers = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["programme", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "person"], name="participant_once_per_programme"
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="participant_role"),
            models.CheckConstraint(
                condition=Q(status__in=ParticipantStatus.values), name="participant_status"
            ),
            models.CheckConstraint(
                condition=Q(capacity__lte=CAPACITY_MAX), name="participant_capacity_range"
            ),
        ]
        indexes = [models.Index(fields=["programme", "cohort", "status"])]

    def __str__(self) -> str:
        return f"participant {self.pk}"

    @property
    def is_mentee(self) -> bool:
        return self.role in (Role.MENTEE, Role.BOTH)

    @property
    def is_mentor(self) -> bool:
        return self.role in (Role.MENTOR, Role.BOTH)


class Invitation(TimeStampedModel):
    """A single-use, expiring link to join one programme, bound to one address.

    Only the SHA-256 of the token is stored (as for ``people.EmailToken``).
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="invitations")
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(max_length=254)
    roster_entry = models.ForeignKey(
        RosterEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["programme", "-created_at", "id"]

    def __str__(self) -> str:
        return f"invitation {self.pk}"


class PairRuleKind(models.TextChoices):
    LOCK = "lock", _("Locked: keep this pair")
    FORBID = "forbid", _("Forbidden: never this pair")


class PairRule(TimeStampedModel):
    """An administrator's lock or ban on one pair, applied by every later run."""

    Kind = PairRuleKind

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="pair_rules")
    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=PairRuleKind.choices)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["programme", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "mentee", "mentor"], name="pair_rule_once"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=PairRuleKind.values), name="pair_rule_kind"
            ),
            models.CheckConstraint(condition=~Q(mentee=F("mentor")), name="pair_rule_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"


class RunStatus(models.TextChoices):
    PREVIEW = "preview", _("Preview")
    PUBLISHED = "published", _("Published")
    DISCARDED = "discarded", _("Discarded")


class MatchRun(TimeStampedModel):
    """One run of the engine over a cohort (or an evergreen programme's waiting
    people), stored as a preview until an administrator publishes it.

    ``settings`` keeps the rules, weights, mode and objective the run used,
    and ``summary`` its figures (matched, unmatched, objective, the score
    distribution, mentor loads, what the other objectives would have given),
    so the preview and the difference from the previous run need no re-run.
    """

    Status = RunStatus

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="runs")
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.SET_NULL, related_name="runs"
    )
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.PREVIEW)
    settings = models.JSONField(default=dict)
    summary = models.JSONField(default=dict)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["programme", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=RunStatus.values), name="run_status"),
        ]

    def __str__(self) -> str:
        return f"run {self.pk}"


class RunPair(models.Model):
    """A pair a run proposes, with its score and the explanation's parts."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="pairs")
    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    locked = models.BooleanField(default=False)
    # Kept from an earlier published pair (incremental rematch).
    kept = models.BooleanField(default=False)
    # {"parts": {"text": 0.31, ...}, "terms": [...], "unknown": [...]}: the
    # parts of the score, never the other person's private data.
    explanation = models.JSONField(default=dict)

    class Meta:
        ordering = ["run", "-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "mentee"], name="run_pair_one_per_mentee"),
        ]

    def __str__(self) -> str:
        return f"pair {self.pk}"


class RunUnmatched(models.Model):
    """A mentee a run left without a mentor, and why (the engine's reason)."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="unmatched")
    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["run", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "mentee"], name="run_unmatched_once"),
        ]

    def __str__(self) -> str:
        return f"unmatched {self.pk}"


class Answer(models.TextChoices):
    PENDING = "pending", _("Not answered yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Waiting for answers")
    ACCEPTED = "accepted", _("Accepted by both")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MatchOffer(TimeStampedModel):
    """A published pair: an offer both people see and answer.

    Publishing a run creates one offer per pair, exactly once (unique per run
    and mentee). The relationship exists only when both accepted: then it is
    created with both sides' consent and the programme's defaults.
    """

    Status = OfferStatus

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="offers")
    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="offers")
    mentee = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="offers_as_mentee"
    )
    mentor = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="offers_as_mentor"
    )
    score = models.FloatField()
    explanation = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN)
    mentee_answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.PENDING)
    mentee_answered_at = models.DateTimeField(null=True, blank=True)
    mentor_answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.PENDING)
    mentor_answered_at = models.DateTimeField(null=True, blank=True)
    relationship = models.OneToOneField(
        Relationship, null=True, blank=True, on_delete=models.SET_NULL, related_name="offer"
    )

    class Meta:
        ordering = ["programme", "-created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "mentee"], name="offer_once_per_run"),
            # One open offer per mentee in a programme at a time.
            models.UniqueConstraint(
                fields=["programme", "mentee"],
                condition=Q(status="open"),
                name="offer_one_open_per_mentee",
            ),
            models.CheckConstraint(condition=Q(status__in=OfferStatus.values), name="offer_status"),
            models.CheckConstraint(
                condition=Q(mentee_answer__in=Answer.values) & Q(mentor_answer__in=Answer.values),
                name="offer_answers",
            ),
        ]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return f"offer {self.pk}"


class Survey(TimeStampedModel):
    """A check-in survey sent at set points of each pair's time together.

    ``first_after_days`` after the relationship starts, then every
    ``every_days`` (0: once), and at the end when ``at_end``. ``questions``:
    [{"key": "...", "label": "...", "kind": "rating"|"text", "min": 1, "max": 5}].
    Administrators see ratings only as aggregates over at least
    ``ANONYMITY_MIN`` responses, and free text only where its author shared it.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="surveys")
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.SET_NULL, related_name="surveys"
    )
    name = models.CharField(max_length=200)
    first_after_days = models.PositiveSmallIntegerField(default=30)
    every_days = models.PositiveSmallIntegerField(default=60)
    at_end = models.BooleanField(default=True)
    questions = models.JSONField(default=list)

    class Meta:
        ordering = ["programme", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="survey_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


#: Fewer responses than this in a group are shown as "too few responses".
ANONYMITY_MIN = 5


class SurveyResponse(TimeStampedModel):
    """One participant's answers at one point (``point``: days since the start,
    or -1 for the end), for one relationship of the programme."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(
        MatchOffer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    point = models.SmallIntegerField()
    ratings = models.JSONField(default=dict)
    texts = models.JSONField(default=dict)
    # Free text reaches the administrators only when its author says so.
    share_texts = models.BooleanField(default=False)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["survey", "point", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "participant", "offer", "point"], name="survey_answer_once"
            ),
        ]

    def __str__(self) -> str:
        return f"response {self.pk}"
