"""The mentor directory's filters and the search box over my own things (GET forms)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tribe.matching.directory import MAX_QUERY as MAX_DIRECTORY_QUERY
from tribe.search.selectors import MAX_QUERY


class DirectoryForm(forms.Form):
    q = forms.CharField(
        label=_("What you want to learn"), required=False, max_length=MAX_DIRECTORY_QUERY
    )
    expertise = forms.CharField(label=_("Expertise"), required=False, max_length=100)
    language = forms.CharField(
        label=_("Language"),
        required=False,
        max_length=20,
        help_text=_("A language code, for example en or de."),
    )
    overlap = forms.FloatField(
        label=_("Shared hours a day, at least"), required=False, min_value=0, max_value=24
    )
    places = forms.BooleanField(label=_("Only mentors with a free place"), required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search my things"), max_length=MAX_QUERY)
