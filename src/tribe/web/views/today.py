"""Today: what is due for me across every relationship."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tribe.outbox.selectors import failed_count
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
    "offer": pgettext_lazy("a duty on Today", "Match"),
    "request": pgettext_lazy("a duty on Today", "Request"),
    "info_asked": pgettext_lazy("a duty on Today", "Asked for more"),
    "nudge": pgettext_lazy("a duty on Today", "Nudge"),
    "move_on": pgettext_lazy("a duty on Today", "Move on"),
    "declined": pgettext_lazy("a duty on Today", "A no"),
    "meeting": pgettext_lazy("a duty on Today", "Meeting"),
    "follow_up": pgettext_lazy("a duty on Today", "Follow up"),
    "contact": pgettext_lazy("a duty on Today", "Get in touch"),
    "action_item": pgettext_lazy("a duty on Today", "Action item"),
    "update": pgettext_lazy("a duty on Today", "Update"),
    "thanks": pgettext_lazy("a duty on Today", "Thanks"),
    "report_back": pgettext_lazy("a duty on Today", "Report back"),
    "reflect": pgettext_lazy("a duty on Today", "Reflect"),
    "journal": pgettext_lazy("a duty on Today", "Journal"),
    "practice": pgettext_lazy("a duty on Today", "Practice"),
    "advocacy": pgettext_lazy("a duty on Today", "Advocacy"),
    "schedule": pgettext_lazy("a duty on Today", "Schedule"),
}


class Links:
    """Where each kind of duty is done.

    Today lists hundreds of duties for a well-connected person: each address is
    reversed once per kind and page, and the ids put into it (reversing every
    item took a tenth of the page's time).
    """

    #: An id no object has, marking where a real id goes in a reversed address.
    HOLE = 987654321987654321

    def __init__(self) -> None:
        self._by_id: dict[str, tuple[str, str]] = {}
        self._fixed: dict[str, str] = {}

    def _with(self, name: str, pk: int) -> str:
        if name not in self._by_id:
            before, _, after = reverse(name, args=[self.HOLE]).partition(str(self.HOLE))
            self._by_id[name] = (before, after)
        before, after = self._by_id[name]
        return f"{before}{pk}{after}"

    def _plain(self, name: str) -> str:
        if name not in self._fixed:
            self._fixed[name] = reverse(name)
        return self._fixed[name]

    def __call__(self, item: TodayItem) -> str:
        kind, pk, relationship_id = item.kind, item.object_id, item.relationship_id
        if kind == "reflect":
            # The write form, about that meeting (the journal page reads ``?meeting=``).
            return self._plain("web:journal") + f"?meeting={pk}#write"
        if kind == "journal":
            return self._plain("web:journal") + "#write"
        if kind == "offer" or relationship_id is None:
            return reverse("web:my_programme_offers", args=[item.programme]) + f"#offer-{pk}"
        if kind in ("meeting", "follow_up"):
            return self._with("web:meeting", pk) + ("#follow-up" if kind == "follow_up" else "")
        if kind == "request":
            return self._plain("web:requests") + f"#request-{pk}"
        if kind in ("info_asked", "nudge", "move_on", "declined"):
            return self._with("web:ask", relationship_id)
        if kind == "thanks":
            return self._plain("web:gratitude") + f"#unthanked-{pk}"
        if kind == "report_back":
            return self._plain("web:advice_log") + f"#advice-{pk}"
        if kind == "update":
            return self._plain("web:updates") + f"#relationship-{relationship_id}"
        if kind == "schedule":
            return self._with("web:schedule", relationship_id)
        if kind == "action_item":
            return self._with("web:relationship", relationship_id) + "#actions"
        if kind == "practice":
            return self._with("web:relationship", relationship_id) + "#regimen"
        if kind == "advocacy":
            return self._with("web:relationship", relationship_id) + "#advocacy"
        return self._with("web:relationship", relationship_id)


@person_page
def today(request: HttpRequest) -> HttpResponse:
    person = me(request)
    agenda = today_for(person=person)
    link = Links()
    labels = {kind: str(label) for kind, label in KIND_LABELS.items()}
    groups = [
        (
            str(HEADINGS[urgency]),
            [
                (item, link(item), labels.get(item.kind, ""))
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
            # One count: a mail that could not be delivered is worth a line, not a list.
            "failed_messages": failed_count(person=person),
        },
    )
