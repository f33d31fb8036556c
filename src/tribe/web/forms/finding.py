"""Finding mentors: a candidate picked on the fit page, the request, the nudge,
the answer to a mentor's question, and the agreement that starts it all."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tribe.relationships.models import Relationship
from tribe.web.forms.base import ButtonForm, DateField, TribeForm, long_text
from tribe.web.forms.relationships import (
    CHANNEL,
    MEET_EVERY,
    MEETING_LENGTH,
    STARTS_ON,
    confidentiality_field,
    purpose_field,
)

#: "person:12" or "contact:5": a candidate of the fit page, as the ranking names it.
CANDIDATE = re.compile(r"^(person|contact):(\d+)$")


class CandidateForm(TribeForm):
    """A candidate chosen on the fit page; the view fetches it through the selector."""

    candidate = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A hidden field's errors would not show: this one goes above the form.
        match = CANDIDATE.match(data.get("candidate") or "")
        if match is None:
            self.add_error(None, _("no such candidate"))
        else:
            data["candidate"] = (match.group(1), int(match.group(2)))
        return data


class ProspectForm(CandidateForm):
    id_prefix = "prospect"


class NotAMatchForm(CandidateForm):
    id_prefix = "nam"
    reason = forms.CharField(
        required=False,
        max_length=300,
        label=_("Why not"),
        help_text=_("For you alone, so you remember, for example “no time for mentees this year”."),
    )
    scope = forms.ChoiceField(
        choices=[("goal", _("For this goal")), ("all", _("For all my goals"))],
        initial="goal",
        widget=forms.RadioSelect,
        label=_("Rule out"),
    )


class OutreachForm(TribeForm):
    id_prefix = "outreach"
    purpose = purpose_field(
        _(
            "One sentence: what you want to learn from this person, and why. "
            "Tribe does not send a request without it."
        )
    )
    ask = long_text(
        rows=2,
        max_length=500,
        label=_("The specific ask"),
        help_text=_(
            "In your own words, what you hope for. Left empty, the request asks "
            "whether they would be open to mentoring you; either way it states the size below."
        ),
    )
    why_them = long_text(
        rows=2,
        max_length=500,
        label=_("Why this person"),
        help_text=_("What in their experience made you think of them."),
    )
    cadence_days = forms.IntegerField(
        required=False,
        label=MEET_EVERY,
        help_text=_("Left empty: as often as they like to meet, else once a month."),
    )
    meeting_minutes = forms.IntegerField(required=False, label=MEETING_LENGTH)
    months = forms.IntegerField(
        required=False,
        label=_("For how many months"),
        help_text=_("At most 24: a first ask is better small, and it can always be renewed."),
    )
    give_back = long_text(
        rows=3,
        max_length=1000,
        label=_("What I can give back"),
        help_text=_(
            "Drafted from your expertise, your recent wins and the causes they support. "
            "Edit it, or empty it to leave it out of the request."
        ),
    )

    @classmethod
    def initial_for(cls, relationship: Relationship, *, give_back: str) -> dict[str, Any]:
        """What is stored, the size as proposed and the give-back text as it stands."""
        return {
            "purpose": relationship.purpose,
            "ask": relationship.ask,
            "why_them": relationship.why_them,
            "cadence_days": relationship.ask_cadence_days,
            "meeting_minutes": relationship.ask_meeting_minutes,
            "months": relationship.ask_months,
            "give_back": give_back,
        }


class OutreachSendForm(TribeForm):
    id_prefix = "send"
    message = long_text(
        rows=16,
        label=_("The request"),
        help_text=_("Edit it as you like, send it from your own e-mail, then record it as sent."),
    )


class ThankYouEmailForm(TribeForm):
    """The thank-you after a no, sent by e-mail: the text as the page showed it."""

    id_prefix = "thank_you"
    body = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)


class NudgeForm(ButtonForm):
    """The one-button "nudge sent": no fields, only the service's verdict."""

    id_prefix = "nudge"


class InfoAnswerForm(TribeForm):
    id_prefix = "answer"
    answer = long_text(rows=4, label=_("My answer"))


class AgreementStartForm(TribeForm):
    """Step 5: the agreement made at the intro meeting. The service checks the ranges."""

    purpose = purpose_field(_("One sentence both of you agree on."))
    cadence_days = forms.IntegerField(label=MEET_EVERY)
    meeting_minutes = forms.IntegerField(label=MEETING_LENGTH)
    channel = forms.ChoiceField(choices=Relationship.Channel.choices, label=CHANNEL)
    starts_on = DateField(label=STARTS_ON)
    months = forms.IntegerField(
        label=_("For how many months"), help_text=_("You can always renew.")
    )
    confidentiality = confidentiality_field()
