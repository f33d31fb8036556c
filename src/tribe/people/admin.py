"""Admin for people, goals and contacts: who is here and how much they use Tribe.

Administrators manage accounts, so a person's name, e-mail address and time
zone are shown, with flags, counts and dates; nothing a person wrote about
themselves (headline, offers, expertise), and never the password hash. A goal
is its owner's: shown as "Goal 12" with its state and dates, not its title or
why. A contact is its owner's address book: shown as a record (owner, source,
dates, counts), not read through.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.models import Group
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tribe.core.admin import CountColumn, ReadOnlyAdmin, ReadOnlyInline
from tribe.people.models import AvailabilityWindow, Contact, Goal, Person

# Tribe has no permission groups, and Django's own GroupAdmin would be the one
# admin page that edits (and filters on free text).
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


class AvailabilityInline(ReadOnlyInline):
    model = AvailabilityWindow
    fields = ("weekday", "starts", "ends")


#: What the list of accounts and an account's page both show first.
ACCOUNT_FACTS = (
    "name",
    "email",
    "timezone",
    "open_to_mentoring",
    "mentee_capacity",
    "goal_count",
    "contact_count",
    "is_active",
    "is_staff",
)


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = (*ACCOUNT_FACTS, "created_at", "last_login")
    list_filter = ("is_active", "is_staff", "open_to_mentoring", "is_demo")
    search_fields = ("name", "email")
    ordering = ("name", "id")
    fields = (
        *ACCOUNT_FACTS,
        "is_superuser",
        "is_demo",
        "email_verified_at",
        "last_login",
        "created_at",
        "updated_at",
    )
    inlines = (AvailabilityInline,)

    goal_count = CountColumn(_("goals"), "goals")
    contact_count = CountColumn(_("contacts"), "contacts")


@admin.register(Goal)
class GoalAdmin(ReadOnlyAdmin):
    # "record" is "Goal 12": the title is the person's own words.
    list_display = ("record", "person", "status", "target_date", "created_at")
    list_filter = ("status",)
    list_select_related = ("person",)
    ordering = ("-created_at", "-id")
    fields = ("person", "status", "target_date", "created_at", "updated_at")


@admin.register(Contact)
class ContactAdmin(ReadOnlyAdmin):
    list_display = (
        "record",
        "owner",
        "source",
        "has_account",
        "relationship_count",
        "created_at",
    )
    list_filter = ("source",)
    list_select_related = ("owner",)
    # Contacts are ordered by name in the model: never here.
    ordering = ("-created_at", "-id")
    fields = ("owner", "source", "has_account", "relationship_count", "created_at", "updated_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Contact]:
        contacts: QuerySet[Contact] = super().get_queryset(request)
        return contacts.annotate(
            mentee_total=Count("as_mentee", distinct=True),
            mentor_total=Count("as_mentor", distinct=True),
        )

    @admin.display(boolean=True, description=_("has an account"))
    def has_account(self, contact: Contact) -> bool:
        return contact.person_id is not None

    @admin.display(description=_("relationships"))
    def relationship_count(self, contact: Contact) -> int:
        return contact.mentee_total + contact.mentor_total  # type: ignore[attr-defined,no-any-return]
