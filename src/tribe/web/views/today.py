"""Today: what is due for me across every relationship."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tribe.outreach.selectors import mentoring_readiness
from tribe.today.selectors import TodayItem, Urgency, today_for
from tribe.web.views.common import me, person_page

HEADINGS = {
    Urgency.OVERDUE: _("Overdue"),
    Urgency.TODAY: _("Due today"),
    Urgency.SOON: _("Coming up this week"),
    Urgency.OPEN: _("Whenever you can"),
}


#: A word before each duty, so the list reads well without colour or icons. Several
#: are a noun or a verb in English ("Update", "Schedule"): the context says which.
KIND_LABELS = {
    "meeting": pgettext_lazy("a duty on Today", "Meeting"),
    "follow_up": pgettext_lazy("a duty on Today", "Follow up"),
    "contact": pgettext_lazy("a duty on Today", "Get in touch"),
    "action_item": pgettext_lazy("a duty on Today", "Action item"),
    "update": pgettext_lazy("a duty on Today", "Update"),
    "thanks": pgettext_lazy("a duty on Today", "Thanks"),
    "report_back": pgettext_lazy("a duty on Today", "Report back"),
    "schedule": pgettext_lazy("a duty on Today", "Schedule"),
}


def link_for(item: TodayItem) -> str:
    """Where each kind of duty is done."""
    kind, pk, relationship_id = item.kind, item.object_id, item.relationship_id
    if kind in ("meeting", "follow_up"):
        return reverse("web:meeting", args=[pk]) + ("#follow-up" if kind == "follow_up" else "")
    if kind == "thanks":
        return reverse("web:gratitude") + f"#unthanked-{pk}"
    if kind == "report_back":
        return reverse("web:advice_log") + f"#advice-{pk}"
    if kind == "update":
        return reverse("web:updates") + f"#relationship-{relationship_id}"
    if kind == "schedule":
        return reverse("web:schedule", args=[relationship_id])
    if kind == "action_item":
        return reverse("web:relationship", args=[relationship_id]) + "#actions"
    return reverse("web:relationship", args=[relationship_id])


@person_page
def today(request: HttpRequest) -> HttpResponse:
    person = me(request)
    agenda = today_for(person=person)
    groups = [
        (
            str(HEADINGS[urgency]),
            [
                (item, link_for(item), str(KIND_LABELS.get(item.kind, "")))
                for item in agenda.items
                if item.urgency == urgency
            ],
        )
        for urgency in Urgency
    ]
    return render(
        request,
        "web/today.html",
        {
            "agenda": agenda,
            "groups": [(h, items) for h, items in groups if items],
            "readiness": mentoring_readiness(person=person),
        },
    )
