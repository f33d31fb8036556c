"""My goals: what I want to learn, why, by when."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from tribe.people.models import Goal, Person
from tribe.people.selectors import goal_get_for, goals_of
from tribe.people.services import goal_create, goal_delete, goal_update
from tribe.web.forms.goals import GoalForm
from tribe.web.views.common import confirm_page, me, object_page, person_page, save_or_show


@person_page
def goal_list(request: HttpRequest) -> HttpResponse:
    goals = list(goals_of(person=me(request)))
    return render(request, "web/goals/list.html", {"goals": goals})


@person_page
@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest) -> HttpResponse:
    return save_or_show(
        request,
        GoalForm(request.POST or None),
        goal_create,
        lambda data: {"person": me(request), **data},
        done=lambda goal: gettext("Goal “{title}” added.").format(title=goal.title),
        back=reverse("web:goals"),
        title=gettext("New goal"),
        submit=gettext("Add goal"),
        intro=gettext("Know your why: what you want to learn comes before whom you ask."),
    )


@object_page(goal_get_for)
def goal_edit(request: HttpRequest, person: Person, goal: Goal) -> HttpResponse:
    return save_or_show(
        request,
        GoalForm(request.POST or None, initial=GoalForm.initial_for(goal)),
        goal_update,
        lambda data: {"actor": person, "goal": goal, **data},
        done=lambda _: gettext("Goal “{title}” saved.").format(title=goal.title),
        back=reverse("web:goals"),
        title=gettext("Edit goal"),
        submit=gettext("Save goal"),
    )


@object_page(goal_get_for)
def goal_remove(request: HttpRequest, person: Person, goal: Goal) -> HttpResponse:
    return confirm_page(
        request,
        act=lambda: goal_delete(actor=person, goal=goal),
        done=gettext("Goal “{title}” deleted.").format(title=goal.title),
        back=reverse("web:goals"),
        title=gettext("Delete goal"),
        question=gettext("Delete the goal “{title}”? Relationships keep going without it.").format(
            title=goal.title
        ),
    )
