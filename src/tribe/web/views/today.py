"""Today: what is due for me across every relationship."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tribe.today.selectors import Urgency, today_for
from tribe.web.views.common import me, person_page

HEADINGS = {
    Urgency.OVERDUE: "Overdue",
    Urgency.TODAY: "Due today",
    Urgency.SOON: "Coming up this week",
    Urgency.OPEN: "Whenever you can",
}


@person_page
def today(request: HttpRequest) -> HttpResponse:
    person = me(request)
    agenda = today_for(person=person)
    groups = [
        (HEADINGS[urgency], [item for item in agenda.items if item.urgency == urgency])
        for urgency in Urgency
    ]
    return render(
        request,
        "web/today.html",
        {"agenda": agenda, "groups": [(h, items) for h, items in groups if items]},
    )
