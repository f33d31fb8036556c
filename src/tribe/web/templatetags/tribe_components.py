"""Pieces of markup many pages share, each written once in ``web/components/``.

A page hands a component its words already translated (``{% translate "…" as
title %}``, ``{% blocktranslate … asvar label %}`` or ``_("…")`` where the page
says them, so ``makemessages`` finds each message in its place) and the parts
that differ::

    {% section title id="notes" %}…{% endsection %}
        A section named by its heading: ``<section id="notes"
        aria-labelledby="notes-title">``, the ``<h2 id="notes-title">`` and the
        body. ``heading_id=`` names the heading otherwise (``id`` may then be
        left out); ``classes=`` and ``count=`` (shown after the title) are
        optional.
    {% cards item in items %}…{% empty %}…{% endcards %}
        ``{% for %}`` inside ``<ul class="cards">``: the body once per item
        (each its own ``<li class="card">``); the ``{% empty %}`` part, if any,
        stands instead of the list when there are no items.
    {% table row in rows caption=caption %}…{% rows %}…{% empty %}…{% endtable %}
        The same for a table with a caption for screen readers: the body up to
        ``{% rows %}`` is the heading row's cells, the part after it one row.
    {% nav_link "today" label %}
        An entry of the site's navigation, ``aria-current="page"`` on its page.
    {% post_form form submit action=url %}
        A page form: its fields, the submit button and, with ``cancel_url=``, a
        way back. Django's own account forms do not know Tribe's form template:
        ``fields="web/forms/form.html"`` renders them through it.
    {% button_form url label name="done" value="1" classes="small" %}
        A form that is one button (and at most one hidden field).
    {% edit_delete edit_url delete_url name %}
        The links to edit and to delete a thing, named for screen readers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import template
from django.template.base import FilterExpression, Node, NodeList, Parser, Token, token_kwargs
from django.template.context import Context
from django.urls import reverse
from django.utils.safestring import SafeString

register = template.Library()


def _render(context: Context, name: str, values: dict[str, Any]) -> SafeString:
    """The component ``name`` given ``values`` and nothing else of the page."""
    component = context.template.engine.get_template(name)  # type: ignore[union-attr]
    return SafeString(component.render(context.new(values)))


# -- a section -----------------------------------------------------------------------


@register.simple_block_tag(takes_context=True)
def section(
    context: Context,
    content: SafeString,
    title: str,
    *,
    id: str = "",
    heading_id: str = "",
    classes: str = "",
    count: int | None = None,
) -> SafeString:
    if not (id or heading_id):
        raise template.TemplateSyntaxError("section needs id= or heading_id=")
    values: dict[str, Any] = {"id": id, "heading_id": heading_id or f"{id}-title"}
    values |= {"classes": classes, "title": title, "count": count, "content": content}
    return _render(context, "web/components/section.html", values)


# -- lists: {% for %} inside a component --------------------------------------------


class ListNode(Node):
    """``{% for %}`` whose rendered items go into a component's markup."""

    child_nodelists = ("each", "empty", "head")

    def __init__(
        self,
        component: str,
        loop: tuple[list[str], FilterExpression],
        options: dict[str, FilterExpression],
        *,
        each: NodeList,
        empty: NodeList,
        head: NodeList,
    ) -> None:
        self.component = component
        self.loopvars, self.sequence = loop
        self.options = options
        self.each, self.empty, self.head = each, empty, head

    def render(self, context: Context) -> SafeString:
        items = list(self.sequence.resolve(context, ignore_failures=True) or ())
        if not items:
            return self.empty.render(context)
        values = {name: value.resolve(context) for name, value in self.options.items()}
        values |= {"head": self.head.render(context), "items": self._each(context, items)}
        return _render(context, self.component, values)

    def _each(self, context: Context, items: Sequence[Any]) -> SafeString:
        parts = []
        parent = context.get("forloop", {})
        last = len(items) - 1
        for i, item in enumerate(items):
            bound = self._unpack(item)
            bound["forloop"] = {
                "parentloop": parent,
                "counter0": i,
                "counter": i + 1,
                "revcounter": last - i + 1,
                "revcounter0": last - i,
                "first": i == 0,
                "last": i == last,
            }
            with context.push(bound):
                parts.append(self.each.render(context))
        return SafeString("".join(parts))

    def _unpack(self, item: Any) -> dict[str, Any]:
        if len(self.loopvars) == 1:
            return {self.loopvars[0]: item}
        return dict(zip(self.loopvars, item, strict=True))


def _loop(parser: Parser, token: Token) -> tuple[str, list[str], FilterExpression, list[str]]:
    """``{% tag a, b in items key=value … %}``: the tag, the names, the items, the rest."""
    tag, *bits = token.split_contents()
    if "in" not in bits or bits.index("in") in (0, len(bits) - 1):
        raise template.TemplateSyntaxError(f"{tag} reads like for: {{% {tag} item in items %}}")
    at = bits.index("in")
    loopvars = re.split(r" *, *", " ".join(bits[:at]))
    if not all(loopvars) or any(" " in name for name in loopvars):
        raise template.TemplateSyntaxError(f"{tag}: bad names {' '.join(bits[:at])!r}")
    return tag, loopvars, parser.compile_filter(bits[at + 1]), bits[at + 2 :]


def _list_tag(
    parser: Parser,
    token: Token,
    component: str,
    *,
    options: frozenset[str] = frozenset(),
    head: bool = False,
) -> ListNode:
    """Parse ``{% tag … in items [options] %}[head{% rows %}]each[{% empty %}empty]{% endtag %}``.

    A component with ``options`` needs each of them (and no other); one with a
    ``head`` (a table's heading row) reads it up to ``{% rows %}``.
    """
    tag, loopvars, sequence, bits = _loop(parser, token)
    given = token_kwargs(bits, parser)
    if bits or given.keys() != options:
        raise template.TemplateSyntaxError(f"{tag} takes {sorted(options)} after the items")
    heading = _until(parser, "rows")[0] if head else NodeList()
    each, end = _until(parser, "empty", f"end{tag}")
    empty = _until(parser, f"end{tag}")[0] if end == "empty" else NodeList()
    return ListNode(component, (loopvars, sequence), given, each=each, empty=empty, head=heading)


def _until(parser: Parser, *ends: str) -> tuple[NodeList, str]:
    nodelist = parser.parse(ends)
    return nodelist, parser.next_token().contents


@register.tag
def cards(parser: Parser, token: Token) -> ListNode:
    return _list_tag(parser, token, "web/components/cards.html")


@register.tag
def table(parser: Parser, token: Token) -> ListNode:
    caption = frozenset({"caption"})
    return _list_tag(parser, token, "web/components/table.html", options=caption, head=True)


# -- small inclusions ----------------------------------------------------------------


@register.inclusion_tag("web/components/nav_link.html", takes_context=True)
def nav_link(context: Context, page: str, label: str) -> dict[str, Any]:
    match = getattr(context.get("request"), "resolver_match", None)
    here = match is not None and match.url_name == page
    return {"href": reverse(f"web:{page}"), "label": label, "here": here}


@register.inclusion_tag("web/components/post_form.html")
def post_form(
    form: Any,
    submit: str,
    *,
    action: str = "",
    cancel_url: str = "",
    fields: str = "",
    classes: str = "",
) -> dict[str, Any]:
    return {
        "form": form,
        "submit": submit,
        "action": action,
        "cancel_url": cancel_url,
        "fields": fields,
        "classes": classes,
    }


@register.inclusion_tag("web/components/button_form.html")
def button_form(
    url: str, label: str, *, name: str = "", value: str = "", classes: str = ""
) -> dict[str, Any]:
    return {"url": url, "label": label, "name": name, "value": value, "classes": classes}


@register.inclusion_tag("web/components/edit_delete.html")
def edit_delete(edit_url: str, delete_url: str, name: str) -> dict[str, Any]:
    return {"edit_url": edit_url, "delete_url": delete_url, "name": name}
