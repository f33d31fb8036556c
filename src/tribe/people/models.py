from __future__ import annotations

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from tribe.core.kinds import RelationshipKind
from tribe.core.models import TimeStampedModel


class PersonManager(BaseUserManager["Person"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> Person:
        person = self.model(email=self.normalize_email(email).lower(), **fields)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def get_by_natural_key(self, username: str | None) -> Person:
        """The account of an address as typed: " Maya@Example.com" is maya@example.com
        (addresses are stored lower-case), as django-axes counts its failures."""
        return self.get(email=(username or "").strip().lower())

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> Person:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class Person(AbstractBaseUser, PermissionsMixin, TimeStampedModel):
    """An account. Everyone is a person: a mentee, a mentor, or both at once."""

    email = models.EmailField(_("email"), unique=True, max_length=254)
    name = models.CharField(max_length=200)
    headline = models.CharField(max_length=200, blank=True)
    timezone = models.CharField(max_length=64, default="UTC")
    # Lists kept as JSON arrays: portable between SQLite and PostgreSQL and
    # read whole every time (profiles, matching), never queried element-wise.
    languages = models.JSONField(default=list, blank=True)
    expertise = models.JSONField(default=list, blank=True)
    offers = models.TextField(
        blank=True, help_text=_("What I can offer as a mentor, in a few sentences.")
    )
    # Public like expertise (the directory shows them): a mentee may offer to
    # help with one of them, so nobody has to ask empty-handed.
    causes = models.JSONField(default=list, blank=True)
    seniority = models.PositiveSmallIntegerField(
        default=0, help_text=_("Years of professional experience.")
    )
    open_to_mentoring = models.BooleanField(default=False)
    mentee_capacity = models.PositiveSmallIntegerField(
        default=0, help_text=_("How many active mentees I can take at once.")
    )
    preferred_cadence_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("As a mentor, how often I like to meet (days).")
    )
    # Outreach: how long to wait for an answer before a nudge is due.
    nudge_after_days = models.PositiveSmallIntegerField(default=7)
    # Off by default: who mentors me is my business unless I choose to share it.
    share_mentors = models.BooleanField(
        default=False, help_text=_("Let my mentees see who mentors me, in their tribe graph.")
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    # Until the address is verified, nobody can send this account a request
    # or link a contact to it: an address proves who is behind an account.
    email_verified_at = models.DateTimeField(null=True, blank=True)
    # Demo accounts are the only ones `tribe demo` may replace or delete.
    is_demo = models.BooleanField(default=False)

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mentee_capacity__lte=100), name="person_capacity_sane"
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class AvailabilityWindow(TimeStampedModel):
    """A weekly window, in the person's own wall-clock time and zone."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        ordering = ["person", "weekday", "starts"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")), name="window_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="window_weekday_valid"),
        ]

    def __str__(self) -> str:
        starts, ends = (
            time_format(self.starts, "TIME_FORMAT"),
            time_format(self.ends, "TIME_FORMAT"),
        )
        return f"{self.get_weekday_display()} {starts}–{ends}"


class GoalStatus(models.TextChoices):
    """Where a goal stands (``Goal.Status``).

    Declared outside ``Goal`` so that its ``Meta`` can build the check from it: a
    class body cannot see the names of the class around it.
    """

    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("Dropped")


class Goal(TimeStampedModel):
    """Something a person wants to learn, why, and by when."""

    Status = GoalStatus

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(max_length=200)
    why = models.TextField(blank=True)
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    #: Which kind of help the goal needs (a mentor, a coach, a sponsor, a peer);
    #: blank until its owner chooses. A prospect taken on for the goal is of this kind.
    need = models.CharField(max_length=16, choices=RelationshipKind.choices, blank=True)

    class Meta:
        ordering = ["person", "status", "target_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=GoalStatus.values),
                name="goal_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(need="") | Q(need__in=RelationshipKind.values),
                name="goal_need_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Contact(TimeStampedModel):
    """Someone a person knows who may not have an account (yet)."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Added by hand")
        LINKEDIN = "linkedin", _("LinkedIn export")
        VCARD = "vcard", _("vCard")
        CSV = "csv", _("CSV")

    owner = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True, max_length=254)
    headline = models.CharField(max_length=200, blank=True)
    company = models.CharField(max_length=200, blank=True)
    position = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=50, blank=True)
    url = models.URLField(blank=True, max_length=500)
    timezone = models.CharField(max_length=64, blank=True)
    expertise = models.JSONField(default=list, blank=True)
    connected_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.MANUAL)
    # Set when the contact turns out to have (or later makes) an account.
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="known_as"
    )

    class Meta:
        ordering = ["owner", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "email"],
                condition=~Q(email=""),
                name="contact_email_unique_per_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EmailTokenPurpose(models.TextChoices):
    """What a token is for (``EmailToken.Purpose``; outside it for the same reason as
    ``GoalStatus``)."""

    VERIFY = "verify", _("Verify the e-mail address")


class EmailToken(TimeStampedModel):
    """A single-use, expiring token sent to an address (verification, invitations).

    Only the SHA-256 of the token is stored: a copy of the database gives
    nobody a working link.
    """

    Purpose = EmailTokenPurpose

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="email_tokens")
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    email = models.EmailField(max_length=254)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose__in=EmailTokenPurpose.values), name="emailtoken_purpose"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.created_at:%Y-%m-%d})"


class Block(TimeStampedModel):
    """``blocker`` wants no requests, introductions or meetings from ``blocked``."""

    blocker = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="blocks_made")
    blocked = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_unique"),
            models.CheckConstraint(
                condition=~Q(blocker=models.F("blocked")), name="block_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"block {self.pk}"
