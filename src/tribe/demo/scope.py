"""Whose data the demo may touch: demo accounts, and what they have among themselves.

Demo accounts carry ``Person.is_demo`` (and a verified address). The demo
only ever deletes or replaces what demo people have *among themselves*:

- relationships whose every side is a demo account or a contact owned by one
  (with their meetings, notes, action items, advice, thanks, questions, …);
- the demo people's own goals (those no longer on any relationship), wins,
  contacts and availability, their journal's cadence and the journal entries
  not about a relationship with a real person; and their profiles and
  password are reset;
- programmes among demo people (``demo_programmes``: started by a demo
  account, every administrator and participant a demo one), with their
  roster, invitations, runs, offers and surveys, and the demo's own
  programme (``tribe.demo.programme``), whose slug it needs free.

It never deletes or changes an account that is not ``is_demo`` — an address
at ``@tribe.example`` does not make a real person a demo one — nor anything
that involves such an account: a real person's relationships, requests, notes
and contacts with demo people survive every reload, and the demo accounts keep
their ids, so what points at them still does. Before deleting, the whole
cascade is checked (``delete_demo_only``): if any row in it refers to a real
account, nothing is changed and the load is refused.

Loading into an installation that has real accounts is refused unless
``force=True`` (``tribe demo --force``): the demo would mix made-up people
into real ones' suggestions, and that should be asked for. ``force`` never
widens what may be touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from django.db import router
from django.db.models import Model, Q, QuerySet
from django.db.models.deletion import Collector
from django.utils.translation import gettext

from tribe.core.errors import Conflict
from tribe.demo.errors import MSG_DATA_OF, DemoCode
from tribe.demo.personas import PEOPLE
from tribe.journal.models import JournalCadence, JournalEntry
from tribe.ledger.models import Win
from tribe.people.models import Contact, Goal, Person
from tribe.programs.models import Programme
from tribe.relationships.models import Relationship


def demo_accounts() -> QuerySet[Person]:
    return Person.objects.filter(is_demo=True)


def real_accounts() -> QuerySet[Person]:
    """Every account that is not a demo one, whatever its address."""
    return Person.objects.filter(is_demo=False)


def demo_relationships() -> QuerySet[Relationship]:
    """Relationships between demo people only: every side a demo account or a demo contact."""
    return Relationship.objects.filter(
        Q(created_by__is_demo=True),
        Q(mentee__isnull=True) | Q(mentee__is_demo=True),
        Q(mentor__isnull=True) | Q(mentor__is_demo=True),
        Q(mentee_contact__isnull=True) | Q(mentee_contact__owner__is_demo=True),
        Q(mentor_contact__isnull=True) | Q(mentor_contact__owner__is_demo=True),
    )


def demo_programmes() -> QuerySet[Programme]:
    """Programmes among demo people only: started by a demo account, and every
    administrator and participant (past ones too) a demo account."""
    return (
        Programme.objects.filter(created_by__is_demo=True)
        .exclude(admins__person__is_demo=False)
        .exclude(participants__person__is_demo=False)
    )


def spec_accounts() -> QuerySet[Person]:
    """Accounts at the demo's exact addresses, demo or not."""
    at = Q()
    for spec in PEOPLE:
        at |= Q(email__iexact=spec.email)
    return Person.objects.filter(at)


def demo_is_loaded() -> bool:
    """Every demo person is there, as a demo account."""
    return spec_accounts().filter(is_demo=True).count() == len(PEOPLE)


def check_may_load(*, force: bool) -> None:
    taken = spec_accounts().filter(is_demo=False).order_by("email").first()
    if taken is not None:  # --force does not help: that person is never touched
        raise Conflict(DemoCode.ADDRESS_TAKEN, email=taken.email)
    if not force:
        count = real_accounts().count()
        if count:
            raise Conflict(DemoCode.REAL_ACCOUNTS, count=count)


def _rows(collector: Collector) -> Iterator[tuple[type[Model], QuerySet[Any]]]:
    """Every row a collected delete would delete or update, as (model, queryset)."""
    for model, instances in collector.data.items():
        yield model, model._base_manager.filter(pk__in=[obj.pk for obj in instances])
    for queryset in collector.fast_deletes:
        yield queryset.model, queryset
    for batches in collector.field_updates.values():
        batch: Any  # a queryset, or a list of instances
        for batch in batches:
            if isinstance(batch, QuerySet):
                yield batch.model, batch
            elif objs := list(batch):
                model = type(objs[0])
                yield model, model._base_manager.filter(pk__in=[obj.pk for obj in objs])


def _accounts_touched(collector: Collector) -> dict[int, str]:
    """The accounts referred to by any row the delete would touch: {person id: model name}."""
    touched: dict[int, str] = {}
    for model, rows in _rows(collector):
        if issubclass(model, Person):
            columns = ["pk"]
        else:
            columns = [
                f.attname
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is Person
            ]
        if not columns:
            continue
        for values in rows.values_list(*columns):
            for person_id in values:
                if person_id is not None:
                    touched.setdefault(person_id, str(model._meta.verbose_name))
    return touched


def delete_demo_only(*querysets: QuerySet[Any]) -> None:
    """Delete ``querysets`` with their cascade, unless any of it refers to a real account."""
    collector = Collector(using=router.db_for_write(Person))
    for queryset in querysets:
        collector.collect(cast(Any, queryset))  # the stubs want a list; Django takes a queryset
    touched = _accounts_touched(collector)
    real = real_accounts().filter(pk__in=touched).order_by("pk").first()
    if real is not None:
        what = gettext(MSG_DATA_OF).format(model=touched[real.pk], email=real.email)
        raise Conflict(DemoCode.TOUCHES_REAL, what=what)
    collector.delete()


def clear_demo(*, programme_slug: str = "") -> None:
    """Delete what the demo people have among themselves; accounts stay (their ids too).

    The programme at ``programme_slug`` goes too (the demo makes it again), so
    a real account involved in it refuses the load instead of being touched.
    """
    delete_demo_only(
        Programme.objects.filter(Q(pk__in=demo_programmes().values("pk")) | Q(slug=programme_slug))
    )
    delete_demo_only(demo_relationships())
    delete_demo_only(
        # A goal still on a relationship is not the demo's alone any more.
        Goal.objects.filter(person__is_demo=True, relationships__isnull=True),
        Win.objects.filter(person__is_demo=True),
        Contact.objects.filter(owner__is_demo=True),
        # The relationships deleted above left their entries detached (``detach_entries``);
        # an entry about a relationship with a real person stays, as their notes do.
        JournalEntry.objects.filter(author__is_demo=True, relationship__isnull=True),
        JournalCadence.objects.filter(person__is_demo=True),
    )
