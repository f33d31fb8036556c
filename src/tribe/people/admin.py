"""Admin for people, goals and contacts: who is here and how much they use Tribe.

Private free text (a goal's "why", a contact's notes) and the password hash
are never shown.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from tribe.people.models import AvailabilityWindow, Contact, Goal, Person
from tribe.web.admin_base import ReadOnlyAdmin, ReadOnlyInline


class AvailabilityInline(ReadOnlyInline):
    model = AvailabilityWindow
    fields = ("weekday", "starts", "ends")


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = (
        "name",
        "email",
        "timezone",
        "open_to_mentoring",
        "mentee_capacity",
        "goal_count",
        "contact_count",
        "is_active",
        "is_staff",
        "created_at",
        "last_login",
    )
    list_filter = ("is_active", "is_staff", "open_to_mentoring")
    search_fields = ("name", "email")
    ordering = ("name", "id")
    fields = (
        "name",
        "email",
        "headline",
        "timezone",
        "languages",
        "expertise",
        "offers",
        "seniority",
        "open_to_mentoring",
        "mentee_capacity",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
        "created_at",
        "updated_at",
    )
    inlines = (AvailabilityInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Person]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                goal_total=Count("goals", distinct=True),
                contact_total=Count("contacts", distinct=True),
            )
        )

    @admin.display(description="goals", ordering="goal_total")
    def goal_count(self, person: Person) -> int:
        return person.goal_total  # type: ignore[attr-defined,no-any-return]

    @admin.display(description="contacts", ordering="contact_total")
    def contact_count(self, person: Person) -> int:
        return person.contact_total  # type: ignore[attr-defined,no-any-return]


@admin.register(Goal)
class GoalAdmin(ReadOnlyAdmin):
    list_display = ("title", "person", "status", "target_date", "created_at")
    list_filter = ("status",)
    list_select_related = ("person",)
    fields = ("person", "title", "status", "target_date", "created_at", "updated_at")


@admin.register(Contact)
class ContactAdmin(ReadOnlyAdmin):
    list_display = ("name", "owner", "source", "has_account", "created_at")
    list_filter = ("source",)
    list_select_related = ("owner", "person")
    search_fields = ("owner__email",)
    # A contact is the owner's private address book: shown as a record, not read through.
    fields = ("owner", "name", "source", "person", "created_at", "updated_at")

    @admin.display(boolean=True, description="has an account")
    def has_account(self, contact: Contact) -> bool:
        return contact.person_id is not None
