"""What every Tribe admin page shares.

The admin is for site administrators to look, not to edit: every write goes
through a service (docs/conventions.md, "Services write, selectors read"), and
a ModelAdmin's save would bypass it. Administrators see counts, dates and
states, never the contents of notes or other private text: nobody but a note's
author, and the other side for a shared note, reads it, administrators included.

Not showing text is not enough: a changelist that filters on it answers
``?why__startswith=a`` with a count, and hidden text (a password hash too) can
be read one character at a time; a list sorted by a hidden column leaks its
order. So the query string is held to an allow-list:

- filters (``lookup_allowed``) only on booleans, dates and times, numbers,
  choices and related ids, on the model or through relations, with plain
  comparisons; anything else is refused with Django's
  ``DisallowedModelAdminLookup``, a 400 "Bad Request";
- sorting only by columns whose values are such facts (or counts);
- search only on an account's name and e-mail address (administrators manage
  accounts); on any other model ``?q=`` does nothing;
- ``?_to_field=`` (popups) only the primary key.

Titles and breadcrumbs show "Goal 12", never the object's ``__str__`` (a
goal's title, a contact's name), and so do admin log entries. Each admin's
declared columns, fields, filters and search are also checked by
``manage.py check`` (errors ``tribe.A00x``) against the same rules.

The rules are in ``allowlist``; the ModelAdmin and inline that apply them on
every page (and add ``tribe.A008``: inlines must be read-only too) in
``readonly``. Domain apps' ``admin.py`` modules import them from here.
"""

from tribe.core.admin.readonly import (
    CountColumn,
    ReadOnlyAdmin,
    ReadOnlyInline,
    record_link,
    record_title,
)

__all__ = ["CountColumn", "ReadOnlyAdmin", "ReadOnlyInline", "record_link", "record_title"]
