"""My goals: what I want to learn, why, by when."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tribe.people.selectors import goal_get_for, goals_of
from tribe.people.services import goal_create, goal_delete, goal_update
from tribe.web.forms import FAILED, GoalForm, run_service
from tribe.web.views.common import confirm_page, form_page, me, person_page


@person_page
def goal_list(request: HttpRequest) -> HttpResponse:
    goals = list(goals_of(person=me(request)))
    return render(request, "web/goals/list.html", {"goals": goals})


@person_page
@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest) -> HttpResponse:
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        goal = run_service(form, goal_create, person=me(request), **form.cleaned_data)
        if goal is not FAILED:
            messages.success(request, f"Goal “{goal.title}” added.")
            return redirect("web:goals")
    return form_page(
        request,
        title="New goal",
        form=form,
        submit="Add goal",
        cancel_url=reverse("web:goals"),
        intro="Know your why: what you want to learn comes before whom you ask.",
    )


@person_page
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = goal_get_for(person=me(request), goal_id=goal_id)
    form = GoalForm(request.POST or None, initial=GoalForm.initial_for(goal))
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, goal_update, actor=me(request), goal=goal, **form.cleaned_data)
        if saved is not FAILED:
            messages.success(request, f"Goal “{goal.title}” saved.")
            return redirect("web:goals")
    return form_page(
        request, title="Edit goal", form=form, submit="Save goal", cancel_url=reverse("web:goals")
    )


@person_page
@require_http_methods(["GET", "POST"])
def goal_remove(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = goal_get_for(person=me(request), goal_id=goal_id)
    return confirm_page(
        request,
        act=lambda: goal_delete(actor=me(request), goal=goal),
        done=f"Goal “{goal.title}” deleted.",
        then="web:goals",
        title="Delete goal",
        question=f"Delete the goal “{goal.title}”? Relationships keep going without it.",
        submit="Delete goal",
        cancel_url=reverse("web:goals"),
    )
