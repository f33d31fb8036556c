"""Provisioning a programme's roster from an identity provider (SCIM 2.0).

An identity provider (Okta, Entra ID) holds a programme's SCIM token and keeps
the roster in step with the organisation's directory, person by person,
instead of a CSV export. This module is the domain side: the tokens (made and
revoked by the programme's administrators, hashed as ``accounts.ApiToken``
is) and the roster writes a token may make. The protocol (JSON, filters,
PATCH operations, the error shape) is ``tribe.api.scim``'s.

The roster's rules are the import's (``roster_import.roster_values_clean``
and ``roster_entries_left``), so an entry written here is one an import could
have written: the employee id and the work e-mail required and unique in the
programme, the manager on the roster and no circle in the chain, and a person
who left deactivated, never deleted (their participation ends, their account
and relationships stay). A token reaches its own programme's roster only.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.people.models import Person
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import Programme, RosterEntry, ScimToken
from tribe.programs.roster_import import roster_entries_left, roster_values_clean
from tribe.programs.selectors import is_admin

__all__ = [
    "FILTER_MAX",
    "MAX_LIVE_TOKENS",
    "SCIM_TOKEN_PREFIX",
    "RosterValues",
    "scim_entries",
    "scim_entry_get",
    "scim_filter",
    "scim_token_create",
    "scim_token_get_for",
    "scim_token_programme",
    "scim_token_revoke",
    "scim_token_touch",
    "scim_tokens_of",
    "scim_user_create",
    "scim_user_deactivate",
    "scim_user_replace",
]

#: Every SCIM token starts with this, so a secret scanner (and a person) can tell it apart.
SCIM_TOKEN_PREFIX = "tribe_scim_"
#: One per identity provider and a spare for rotating: a cap, not a working number.
MAX_LIVE_TOKENS = 5
#: ``last_used_at`` is written at most this often: a sync is thousands of requests.
TOUCH_EVERY = dt.timedelta(minutes=1)
#: The longest filter read; what identity providers send is a few dozen characters.
FILTER_MAX = 1000


# -- tokens ----------------------------------------------------------------------


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def _require_admin(actor: Person, programme: Programme) -> None:
    if not is_admin(person=actor, programme=programme):
        raise NotFound(ProgrammeCode.NO_PROGRAMME)


@transaction.atomic
def scim_token_create(
    *, actor: Person, programme: Programme, name: str, now: dt.datetime | None = None
) -> tuple[ScimToken, str]:
    """A new SCIM token of the programme and its secret, which is never shown again."""
    _require_admin(actor, programme)
    moment = clock.resolve(now)
    label = v.line(name, field="name", max_length=100, required=True)
    live = ScimToken.objects.select_for_update().filter(
        programme=programme, revoked_at__isnull=True
    )
    if len(live) >= MAX_LIVE_TOKENS:
        raise Conflict(ProgrammeCode.SCIM_TOO_MANY_TOKENS, limit=MAX_LIVE_TOKENS)
    secret = SCIM_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ScimToken.objects.create(
        programme=programme,
        name=label,
        prefix=secret[: len(SCIM_TOKEN_PREFIX) + 6],
        digest=_digest(secret),
        created_by=actor,
        created_at=moment,
    )
    return token, secret


@transaction.atomic
def scim_token_revoke(
    *, actor: Person, token: ScimToken, now: dt.datetime | None = None
) -> ScimToken:
    """Revoke ``token`` (fetch it with ``scim_token_get_for``): it is refused at once."""
    _require_admin(actor, token.programme)
    locked = ScimToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        raise Conflict(ProgrammeCode.SCIM_TOKEN_REVOKED)
    locked.revoked_at = clock.resolve(now)
    locked.save(update_fields=["revoked_at"])
    return locked


def scim_token_touch(*, token: ScimToken, now: dt.datetime | None = None) -> None:
    """Note that ``token`` was just used (at most once a minute: one UPDATE, no lock)."""
    moment = clock.resolve(now)
    if token.last_used_at is None or moment - token.last_used_at >= TOUCH_EVERY:
        ScimToken.objects.filter(pk=token.pk).update(last_used_at=moment)
        token.last_used_at = moment


def scim_tokens_of(*, programme: Programme) -> QuerySet[ScimToken]:
    """The programme's SCIM tokens, newest first, revoked ones too (the record)."""
    return ScimToken.objects.filter(programme=programme)


def scim_token_get_for(*, person: Person, programme: Programme, token_id: Any) -> ScimToken:
    """One of the programme's tokens, for one of its administrators; NotFound otherwise."""
    _require_admin(person, programme)
    try:
        return ScimToken.objects.select_related("programme").get(
            programme=programme, pk=int(token_id)
        )
    except (ScimToken.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(ProgrammeCode.SCIM_TOKEN_NOT_FOUND) from None


def scim_token_programme(*, secret: str) -> ScimToken | None:
    """The live token ``secret`` is, with its programme (one query); None otherwise."""
    if not secret.startswith(SCIM_TOKEN_PREFIX) or len(secret) > 200:
        return None
    # Unordered: the model's ordering would join and sort for a unique digest.
    found = ScimToken.objects.select_related("programme").filter(
        digest=_digest(secret), revoked_at__isnull=True
    )
    return next(iter(found.order_by()[:1]), None)


# -- reading the roster ----------------------------------------------------------

_CORE = "urn:ietf:params:scim:schemas:core:2.0:user"
_ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user"
#: (attribute, sub-attribute, schema) as the filter names them, lower case -> roster field.
_TEXT_ATTRIBUTES = {
    ("username", None): "email",
    ("externalid", None): "employee_id",
    ("emails", "value"): "email",
    ("emails", None): "email",
    ("name", "givenname"): "given_name",
    ("name", "familyname"): "family_name",
    ("title", None): "title",
    ("employeenumber", None): "employee_id",
    ("department", None): "department",
}
_ATTRIBUTES: dict[tuple[str, str | None, str | None], str] = {}
for (_name, _sub), _field in _TEXT_ATTRIBUTES.items():
    _schema = _ENTERPRISE if _name in {"employeenumber", "department"} else _CORE
    _ATTRIBUTES[(_name, _sub, _schema)] = _field
    if _schema == _CORE:
        _ATTRIBUTES[(_name, _sub, None)] = _field
_ATTRIBUTES[("active", None, None)] = _ATTRIBUTES[("active", None, _CORE)] = "active"
_TEXT_OPERATORS = frozenset({"eq", "ne", "co", "sw", "ew", "pr", "gt", "ge", "lt", "le"})
_FLAG_OPERATORS = frozenset({"eq", "ne", "pr"})


def _bad_filter(problem: str) -> ValidationError:
    return ValidationError(ProgrammeCode.SCIM_BAD_FILTER, field="filter", problem=problem)


#: How deep a filter may nest (parentheses, ``not``, ``and`` inside ``or``): a
#: flat chain of ``or`` (or of ``and``) is one level, however long.
FILTER_DEPTH = 50
#: The lookups a text attribute's comparison becomes (case-insensitive, as the
#: attributes are: RFC 7643 §2.2 ``caseExact`` false).
_LOOKUPS = {
    "eq": "iexact", "ne": "iexact", "co": "icontains", "sw": "istartswith",
    "ew": "iendswith", "gt": "gt", "ge": "gte", "lt": "lt", "le": "lte",
}  # fmt: skip


def _operands(node: Any, op: str) -> list[Any]:
    """The terms of a chain of one operator (``a or b or c``), without recursion:
    the parser nests a flat chain one level a term, which is not nesting."""
    from scim2_filter_parser import ast  # type: ignore[import-untyped]

    out: list[Any] = []
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, ast.Filter) and not current.negated and current.namespace is None:
            pending.append(current.expr)
        elif isinstance(current, ast.LogExpr) and current.op.lower() == op:
            pending.extend((current.expr2, current.expr1))
        else:
            out.append(current)
    return out


def _query(node: Any, depth: int = 0) -> Q:
    """The roster condition of a parsed filter, every attribute one the roster has,
    compared sensibly; anything else refused (never dropped, which would widen it)."""
    from scim2_filter_parser import ast

    if depth > FILTER_DEPTH:
        raise _bad_filter("nested too deeply")
    if isinstance(node, ast.Filter):
        if node.namespace is not None:
            raise _bad_filter("value paths in [brackets] are not supported")
        inner = _query(node.expr, depth + 1)
        return ~inner if node.negated else inner
    if isinstance(node, ast.LogExpr):
        op = node.op.lower()
        parts = [_query(term, depth + 1) for term in _operands(node, op)]
        return Q(*parts, _connector=Q.AND if op == "and" else Q.OR)
    if isinstance(node, ast.AttrExpr):
        return _comparison(node)
    raise _bad_filter("the filter cannot be read")


def _comparison(node: Any) -> Q:
    path = node.attr_path
    if not isinstance(path.attr_name, str):
        raise _bad_filter("value paths in [brackets] are not supported")
    sub = path.sub_attr.value.lower() if path.sub_attr is not None else None
    uri = path.uri.lower() if path.uri else None
    name = f"{path.uri + ':' if path.uri else ''}{path.attr_name}{'.' + sub if sub else ''}"
    target = _ATTRIBUTES.get((path.attr_name.lower(), sub, uri))
    if target is None:
        raise _bad_filter(f"“{name[:100]}” is not an attribute that can be filtered")
    operator = str(node.value).lower()
    value = node.comp_value.value if node.comp_value is not None else None
    if target == "active":
        if operator not in _FLAG_OPERATORS or (operator != "pr" and value not in {"true", "false"}):
            raise _bad_filter("active is compared with eq or ne and true or false")
        if operator == "pr":  # always there: true or false
            return Q(active__in=[True, False])
        flag = Q(active=value == "true")
        return ~flag if operator == "ne" else flag
    if operator not in _TEXT_OPERATORS or (operator != "pr" and value in {None, "null"}):
        raise _bad_filter(f"“{operator[:10]}” does not compare {name[:100]} with a text")
    if operator == "pr":
        # Present means a value (RFC 7644 §3.4.2.2): the roster keeps none as "".
        return ~Q(**{target: ""})
    text = str(value)
    if "\x00" in text:
        raise _bad_filter("a value cannot hold the character NUL")
    lookup = "exact" if text == "" and operator in {"eq", "ne"} else _LOOKUPS[operator]
    condition = Q(**{f"{target}__{lookup}": text})
    if target == "email" and operator in {"eq", "ne"}:
        # Addresses are stored in lower case: an exact match on the lowered value
        # uses the (programme, email) index, where iexact reads every entry (the
        # check Okta makes before each create; bench/scim_bench.py).
        condition = Q(email=text.lower())
    return ~condition if operator == "ne" else condition


class _Unreadable(Exception):
    def __init__(self, index: int | None) -> None:
        super().__init__(index)
        self.index = index


#: A quoted value, escapes and all (a name, not a literal in the decorator: sly's
#: lexer decorator is called ``_``, which makemessages takes for gettext). Lower
#: case on purpose: in a sly lexer's body an unknown upper-case name is a token.
quoted_value = r'"(?:[^"\\]|\\.)*"'


@functools.cache
def _lexer() -> Any:
    """The library's lexer, reading a quoted value as the JSON string it is
    (RFC 7644 §3.4.2.2), so ``\\"`` and ``\\\\`` in it are a quote and a backslash."""
    from scim2_filter_parser.lexer import SCIMLexer  # type: ignore[import-untyped]

    class Lexer(SCIMLexer):  # type: ignore[misc]
        tokens = SCIMLexer.tokens

        @_(quoted_value)  # type: ignore[name-defined,untyped-decorator]  # noqa: F821 - sly's
        def COMP_VALUE(self, t: Any) -> Any:
            try:
                t.value = json.loads(t.value, strict=False)
            except ValueError:
                raise _Unreadable(t.index) from None
            return t

        def error(self, t: Any) -> None:
            raise _Unreadable(t.index)

    return Lexer


def _stop(token: Any) -> None:
    raise _Unreadable(getattr(token, "index", None))


def _parse(text: str) -> Any:
    """The filter's syntax tree; a plain ``SCIM_BAD_FILTER`` saying where it stops
    making sense, never the parser's own account of its tokens."""
    from scim2_filter_parser.parser import SCIMParser  # type: ignore[import-untyped]

    parser = SCIMParser()
    # sly builds a parser's grammar per class, so it cannot be subclassed: the
    # error hook is set on the instance.
    parser.error = _stop
    try:
        return parser.parse(_lexer()().tokenize(text))
    except _Unreadable as exc:
        if exc.index is None or exc.index >= len(text):
            raise _bad_filter("it ends before it is complete") from None
        where = text[exc.index : exc.index + 20]
        raise _bad_filter(
            f"it could not be read from character {exc.index + 1} (“{where}”)"
        ) from None
    except Exception:  # the library's own checks raise bare ValueError and its own errors
        raise _bad_filter("it could not be read") from None


def scim_filter(text: str) -> Q:
    """The roster condition a SCIM filter (RFC 7644 §3.4.2.2) stands for.

    The attributes an identity provider searches by (``userName``,
    ``externalId``, ``emails.value``, the enterprise ``employeeNumber``…);
    anything else, or anything unreadable, is a ``SCIM_BAD_FILTER``.
    """
    if len(text) > FILTER_MAX:
        raise _bad_filter(f"longer than {FILTER_MAX} characters")
    tree = _parse(text)
    if tree is None:
        raise _bad_filter("the filter is empty")
    return _query(tree)


def scim_entries(
    *, programme: Programme, where: Q | None, start: int, count: int
) -> tuple[int, list[RosterEntry]]:
    """The total matching ``where`` and one page (``start`` from 1), in a stable order."""
    rows = RosterEntry.objects.filter(programme=programme)
    if where is not None:
        rows = rows.filter(where)
    total = rows.count()
    if count <= 0 or start > total:
        return total, []
    page = rows.select_related("manager").order_by("id")[start - 1 : start - 1 + count]
    return total, list(page)


def scim_entry_get(*, programme: Programme, entry_id: Any) -> RosterEntry:
    """One entry of the programme's roster by its SCIM id; NotFound for any other."""
    try:
        pk = int(str(entry_id))
    except (ValueError, TypeError, OverflowError):
        raise NotFound(ProgrammeCode.SCIM_NO_USER) from None
    if not 0 < pk < 2**63:
        raise NotFound(ProgrammeCode.SCIM_NO_USER)
    found = RosterEntry.objects.select_related("manager").filter(programme=programme, pk=pk)
    entry = next(iter(found.order_by()[:1]), None)
    if entry is None:
        raise NotFound(ProgrammeCode.SCIM_NO_USER)
    return entry


# -- writing the roster ----------------------------------------------------------


@dataclass(frozen=True)
class RosterValues:
    """What an identity provider says of one person, as roster fields.

    ``manager``: the manager's SCIM id, employee id or e-mail; "" for none.
    """

    employee_id: str
    email: str
    given_name: str = ""
    family_name: str = ""
    title: str = ""
    department: str = ""
    manager: str = ""
    active: bool = True


def _clean(values: RosterValues) -> tuple[dict[str, str], bool]:
    cleaned = roster_values_clean(
        {
            "employee_id": values.employee_id,
            "email": values.email,
            "given_name": values.given_name,
            "family_name": values.family_name,
            "title": values.title,
            "department": values.department,
        }
    )
    if cleaned.problems:
        name, problem = cleaned.problems[0]
        raise ValidationError(ProgrammeCode.SCIM_INVALID, field=name, problem=problem[:300])
    return cleaned.values, values.active


def _holders(programme: Programme, fields: dict[str, str]) -> list[tuple[int, str, str, bool]]:
    """Entries with the employee id or the address: (pk, employee id, e-mail, active)."""
    return list(
        RosterEntry.objects.filter(programme=programme)
        .filter(Q(email=fields["email"]) | Q(employee_id=fields["employee_id"]))
        .order_by()
        .values_list("pk", "employee_id", "email", "active")
    )


def _unique(
    fields: dict[str, str], holders: list[tuple[int, str, str, bool]], entry: RosterEntry | None
) -> None:
    for pk, _employee_id, email, _active in holders:
        if entry is not None and pk == entry.pk:
            continue
        name = "email" if email == fields["email"] else "employee_id"
        raise Conflict(ProgrammeCode.SCIM_TAKEN, field=name, value=fields[name][:300])


def _manager(programme: Programme, reference: str, entry: RosterEntry | None) -> int | None:
    """The manager's pk, found by SCIM id, employee id or e-mail, with no circle."""
    reference = reference.strip()
    if not reference:
        return None
    if entry is not None and entry.manager_id is not None and reference == str(entry.manager_id):
        return entry.manager_id  # unchanged: nothing to look up or check
    roster = RosterEntry.objects.filter(programme=programme).order_by()
    found = None
    if reference.isdigit() and len(reference) < 19:
        found = roster.filter(pk=int(reference)).values_list("pk", flat=True).first()
    if found is None:
        found = (
            roster.filter(Q(employee_id=reference[:100]) | Q(email=reference.lower()[:254]))
            .values_list("pk", flat=True)
            .first()
        )
    if found is None:
        raise ValidationError(
            ProgrammeCode.ROSTER_NO_MANAGER, field="manager", value=reference[:100]
        )
    if entry is not None:
        # Up the chain from the new manager, a step a query (chains are short, and
        # this is only when the manager changes): meeting the person is a circle.
        seen: set[int] = set()
        current: int | None = found
        while current is not None and current not in seen:
            if current == entry.pk:
                raise ValidationError(
                    ProgrammeCode.ROSTER_CYCLE, field="manager", people=str(entry)
                )
            seen.add(current)
            current = roster.filter(pk=current).values_list("manager_id", flat=True).first()
    return found


def _writable(token: ScimToken) -> Programme:
    programme = token.programme
    if programme.archived_at is not None:
        raise Conflict(ProgrammeCode.ARCHIVED)
    # One roster write at a time per programme, imports included (they lock the same row).
    list(Programme.objects.select_for_update().filter(pk=programme.pk).order_by().values("pk"))
    return programme


def scim_user_create(
    *, token: ScimToken, values: RosterValues, now: dt.datetime | None = None
) -> RosterEntry:
    """A new roster entry, or a rehire: an inactive entry with the address comes back
    under its new employee id, as an import would match it. Conflict when either
    the employee id or the address belongs to someone else."""
    moment = clock.resolve(now)
    fields, active = _clean(values)
    try:
        with transaction.atomic():
            programme = _writable(token)
            holders = _holders(programme, fields)
            if len(holders) == 1 and not holders[0][3] and holders[0][1] != fields["employee_id"]:
                rehired = RosterEntry.objects.get(pk=holders[0][0])
                return _write(programme, rehired, fields, active, values.manager, moment, [])
            _unique(fields, holders, None)
            manager = _manager(programme, values.manager, None)
            return RosterEntry.objects.create(
                programme=programme,
                manager_id=manager,
                active=active,
                deactivated_at=None if active else moment,
                **fields,
            )
    except IntegrityError:  # pragma: no cover - the programme's lock orders writers
        raise Conflict(
            ProgrammeCode.SCIM_TAKEN, field="email", value=fields["email"][:300]
        ) from None


def scim_user_replace(
    *,
    token: ScimToken,
    entry: RosterEntry,
    values: RosterValues,
    now: dt.datetime | None = None,
) -> RosterEntry:
    """Replace what the identity provider keeps of ``entry`` (fetch it with
    ``scim_entry_get`` for the token's programme); ``active`` False deactivates."""
    if entry.programme_id != token.programme_id:
        raise NotFound(ProgrammeCode.SCIM_NO_USER)
    moment = clock.resolve(now)
    fields, active = _clean(values)
    with transaction.atomic():
        programme = _writable(token)
        holders = _holders(programme, fields)
        return _write(programme, entry, fields, active, values.manager, moment, holders)


def scim_user_deactivate(
    *, token: ScimToken, entry: RosterEntry, now: dt.datetime | None = None
) -> RosterEntry:
    """What a SCIM DELETE means here: the person left. Deactivated, never deleted."""
    if entry.programme_id != token.programme_id:
        raise NotFound(ProgrammeCode.SCIM_NO_USER)
    moment = clock.resolve(now)
    with transaction.atomic():
        _writable(token)
        locked = RosterEntry.objects.get(pk=entry.pk)
        if locked.active:
            locked.active = False
            locked.deactivated_at = moment
            locked.save(update_fields=["active", "deactivated_at", "updated_at"])
            roster_entries_left(
                programme=token.programme, people={locked.pk: locked.person_id}, moment=moment
            )
        return locked


def _write(
    programme: Programme,
    entry: RosterEntry,
    fields: dict[str, str],
    active: bool,
    manager_reference: str,
    moment: dt.datetime,
    holders: list[tuple[int, str, str, bool]],
) -> RosterEntry:
    _unique(fields, holders, entry)
    manager = _manager(programme, manager_reference, entry)
    left = entry.active and not active
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.manager_id = manager
    if entry.active != active:
        entry.active = active
        entry.deactivated_at = None if active else moment
    # Only what the identity provider keeps: ``person`` is set by enrolment, meanwhile.
    entry.save(update_fields=[*fields, "manager", "active", "deactivated_at", "updated_at"])
    if left:
        roster_entries_left(programme=programme, people={entry.pk: entry.person_id}, moment=moment)
    return entry
