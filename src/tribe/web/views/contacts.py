"""My contacts: people I know who may become mentors or mentees; and importing them."""

from __future__ import annotations

import base64
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods

from tribe.core.errors import ImportRejected, RowProblem
from tribe.people.importers import detect_format
from tribe.people.models import Contact, Person
from tribe.people.selectors import contact_get_for, contacts_of
from tribe.people.services import (
    ContactInput,
    ImportReport,
    contact_create,
    contact_delete,
    contact_unlink,
    contact_update,
    contacts_import,
)
from tribe.web.forms.base import FAILED, run_service
from tribe.web.forms.contacts import ContactForm, ContactImportForm, ContactSearchForm
from tribe.web.views.common import (
    confirm_page,
    handle_form,
    me,
    object_page,
    person_page,
    save_or_show,
)

PAGE_SIZE = 50
#: Where a previewed file waits for the "import" button (one per session).
PENDING_KEY = "tribe.contacts_import"


@person_page
def contact_list(request: HttpRequest) -> HttpResponse:
    search = ContactSearchForm(request.GET)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    page = Paginator(contacts_of(person=me(request), query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "web/contacts/list.html", {"search": search, "query": query, "page": page}
    )


def _contact_input(data: dict[str, Any]) -> ContactInput:
    # The form's fields are exactly ContactInput's: empty text is "", no date is None.
    return ContactInput(**data)


@person_page
@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest) -> HttpResponse:
    return save_or_show(
        request,
        ContactForm(request.POST or None),
        contact_create,
        lambda data: {"owner": me(request), "data": _contact_input(data)},
        done=lambda contact: gettext("{name} added to your contacts.").format(name=contact.name),
        back=reverse("web:contacts"),
        title=gettext("New contact"),
        submit=gettext("Add contact"),
    )


@object_page(contact_get_for)
def contact_edit(request: HttpRequest, person: Person, contact: Contact) -> HttpResponse:
    form = ContactForm(request.POST or None, initial=ContactForm.initial_for(contact))
    saved = handle_form(
        request,
        form,
        contact_update,
        lambda data: {"actor": person, "contact": contact, "data": _contact_input(data)},
        done=lambda saved: gettext("{name} saved.").format(name=saved.name),
        then=reverse("web:contacts"),
    )
    if saved is not None:
        return saved
    # The contact's page: besides the form, whether it is linked to a Tribe
    # account, so that the link is never silent and can be undone.
    return render(
        request,
        "web/contacts/edit.html",
        {
            "title": gettext("Edit {name}").format(name=contact.name),
            "contact": contact,
            "form": form,
            "submit": gettext("Save contact"),
            "cancel_url": reverse("web:contacts"),
        },
    )


@object_page(contact_get_for)
def contact_unlink_page(request: HttpRequest, person: Person, contact: Contact) -> HttpResponse:
    back = reverse("web:contact_edit", args=[contact.pk])
    if contact.person_id is None:
        messages.info(
            request, gettext("{name} is not linked to a Tribe account.").format(name=contact.name)
        )
        return redirect(back)
    return confirm_page(
        request,
        act=lambda: contact_unlink(actor=person, contact=contact),
        done=gettext("{name} is no longer linked to a Tribe account.").format(name=contact.name),
        back=back,
        title=gettext("Unlink {name}").format(name=contact.name),
        question=gettext(
            "Stop treating {name} as the Tribe account with the address "
            "{email}? New relationships you start from this contact stay yours "
            "alone; relationships already started with the account are not changed. "
            "Changing the contact's e-mail address later may link it again."
        ).format(name=contact.name, email=contact.email),
        submit=gettext("Unlink"),
    )


@object_page(contact_get_for)
def contact_remove(request: HttpRequest, person: Person, contact: Contact) -> HttpResponse:
    return confirm_page(
        request,
        act=lambda: contact_delete(actor=person, contact=contact),
        done=gettext("{name} removed from your contacts.").format(name=contact.name),
        back=reverse("web:contacts"),
        title=gettext("Delete contact"),
        question=gettext(
            "Delete {name}? Relationships you recorded with this contact "
            "are deleted too, with their meetings and notes."
        ).format(name=contact.name),
    )


@person_page
@require_http_methods(["GET", "POST"])
def contact_import(request: HttpRequest) -> HttpResponse:
    """Upload, preview (a dry run), then import: all rows or none.

    A previewed file is kept in the session so that "Import" does not make the
    person choose it again; it is dropped once imported or replaced.
    """
    pending: dict[str, str] | None = request.session.get(PENDING_KEY)
    form = ContactImportForm(
        request.POST or None, request.FILES or None, pending=pending["name"] if pending else None
    )
    report: ImportReport | None = None
    problems: list[RowProblem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload is not None:  # a new file replaces whatever was previewed before
            request.session.pop(PENDING_KEY, None)
            pending = None
            data, name = upload.read(), upload.name or "file"
        else:  # the form requires a file unless one is pending
            assert pending is not None
            data, name = base64.b64decode(pending["data"]), pending["name"]
        dry_run = request.POST.get("action") != "import"
        report, problems, fmt = _run_import(form, me(request), data, name, dry_run=dry_run)
        if report is not None and not dry_run:
            request.session.pop(PENDING_KEY, None)
            messages.success(
                request,
                gettext(
                    "Imported {file}: {new} new, {updated} updated, {unchanged} unchanged."
                ).format(
                    file=name,
                    new=len(report.created),
                    updated=len(report.updated),
                    unchanged=len(report.unchanged),
                ),
            )
            return redirect("web:contacts")
        if report is not None:
            pending = {"name": name, "format": fmt, "data": base64.b64encode(data).decode()}
            request.session[PENDING_KEY] = pending
            form = ContactImportForm(initial={"format": fmt}, pending=name)
    return render(
        request,
        "web/contacts/import.html",
        {"form": form, "report": report, "problems": problems, "pending": pending},
    )


def _run_import(
    form: ContactImportForm, owner: Person, data: bytes, name: str, *, dry_run: bool
) -> tuple[ImportReport | None, list[RowProblem], str]:
    """Detect the format if asked, then import; refusals become form errors or a problem list."""
    fmt = form.cleaned_data["format"]
    if fmt == "auto":
        detected = run_service(form, detect_format, filename=name, head=data[:4096])
        if detected is FAILED:
            return None, [], fmt
        fmt = detected
    try:
        report = run_service(
            form,
            contacts_import,
            owner=owner,
            data=data,
            format=fmt,
            source_name=name,
            dry_run=dry_run,
        )
    except ImportRejected as exc:
        count = len(exc.problems)
        form.add_error(
            None,
            ngettext(
                "{file} cannot be imported, so nothing was changed: "
                "{count} problem, listed below by line.",
                "{file} cannot be imported, so nothing was changed: "
                "{count} problems, listed below by line.",
                count,
            ).format(file=name, count=count),
        )
        return None, exc.problems, fmt
    return (None if report is FAILED else report), [], fmt
