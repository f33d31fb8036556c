"""SCIM 2.0 (RFC 7643/7644) for identity providers: ``/scim/v2/``.

Okta or Entra ID keeps one programme's roster in step with the directory
(``programs.provisioning`` does the writes under the roster's rules). The
programme's SCIM token (``Authorization: Bearer tribe_scim_…``) decides the
programme: nothing of another one is reachable (404).

Plain Django views, not the ninja API: SCIM has its own media type, its own
error shape (``urn:ietf:params:scim:api:messages:2.0:Error``, the status as a
string, ``scimType``), attribute names without case, and bodies whose shape
the operation decides (a PATCH path says what its value is), so each body is
read here, strictly: an attribute this server does not know, a value of the
wrong type or a body that is not a JSON object is a 400, never a 500.

Groups are not supported: ``/Groups`` answers 501 (docs/programmes.md says why).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from tribe.core.errors import Conflict, NotFound, TribeError, ValidationError
from tribe.programs import provisioning as p
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import RosterEntry, ScimToken

__all__ = ["urlpatterns"]

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/scim+json"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
CORE = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
#: Largest page of a list, and of a body read.
MAX_RESULTS = 200
MAX_BODY = 64 * 1024
MAX_OPERATIONS = 100


class ScimError(Exception):
    def __init__(self, status: int, detail: str, scim_type: str | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.scim_type = scim_type


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )
    for key, value in (headers or {}).items():
        response[key] = value
    return response


def _error(status: int, detail: str, scim_type: str | None = None) -> HttpResponse:
    body: dict[str, Any] = {"schemas": [ERROR], "status": str(status), "detail": detail}
    if scim_type:
        body["scimType"] = scim_type
    headers = {"WWW-Authenticate": 'Bearer realm="tribe-scim"'} if status == 401 else None
    return _json(body, status, headers)


def _bad(detail: str, scim_type: str = "invalidValue") -> ScimError:
    return ScimError(400, detail, scim_type)


# -- the frame: authentication, errors, methods --------------------------------------

View = Callable[[HttpRequest, ScimToken, str], HttpResponse]


def _endpoint(methods: dict[str, View]) -> Callable[..., HttpResponse]:
    @csrf_exempt
    def view(request: HttpRequest, entry_id: str = "") -> HttpResponse:
        header = request.headers.get("Authorization", "")
        scheme, _, secret = header.partition(" ")
        token = (
            p.scim_token_programme(secret=secret.strip()) if scheme.lower() == "bearer" else None
        )
        if token is None:
            return _error(401, "send the programme's SCIM token as Authorization: Bearer")
        handler = methods.get(request.method or "")
        if handler is None:
            response = _error(405, f"this address takes {', '.join(methods)}")
            response["Allow"] = ", ".join(methods)
            return response
        p.scim_token_touch(token=token)
        try:
            return handler(request, token, entry_id)
        except ScimError as exc:
            return _error(exc.status, exc.detail, exc.scim_type)
        except NotFound as exc:
            return _error(404, str(exc))
        except Conflict as exc:
            kind = "uniqueness" if exc.code == ProgrammeCode.SCIM_TAKEN else None
            return _error(409, str(exc), kind)
        except ValidationError as exc:
            kind = "invalidFilter" if exc.code == ProgrammeCode.SCIM_BAD_FILTER else "invalidValue"
            return _error(400, str(exc), kind)
        except TribeError as exc:  # pragma: no cover - every service error is one of the above
            return _error(400, str(exc), "invalidValue")
        except Exception:  # pragma: no cover - a bug: logged, and still answered as SCIM
            logger.exception("SCIM %s %s failed", request.method, request.path)
            return _error(500, "something went wrong on our side; it has been logged")

    return view


def _body(request: HttpRequest) -> dict[str, Any]:
    kind = request.content_type or ""
    if kind not in {CONTENT_TYPE, "application/json"}:
        raise ScimError(415, f"send {CONTENT_TYPE} (or application/json)")
    if len(request.body) > MAX_BODY:
        raise ScimError(413, f"a body is at most {MAX_BODY} bytes", "tooMany")
    try:
        data = json.loads(request.body)
    except (ValueError, RecursionError):
        raise _bad("the body is not JSON", "invalidSyntax") from None
    if not isinstance(data, dict):
        raise _bad("the body is not one JSON object", "invalidSyntax")
    return data


def _lower(data: dict[str, Any]) -> dict[str, Any]:
    """SCIM attribute names have no case (RFC 7643 §2.1)."""
    return {str(k).lower(): value for k, value in data.items()}


# -- the resource: a roster entry as a SCIM User ------------------------------------


def _location(request: HttpRequest, entry: RosterEntry) -> str:
    return request.build_absolute_uri(f"/scim/v2/Users/{entry.pk}")


def _user(request: HttpRequest, entry: RosterEntry) -> dict[str, Any]:
    manager = entry.manager
    extension: dict[str, Any] = {"employeeNumber": entry.employee_id}
    if entry.department:
        extension["department"] = entry.department
    if manager is not None:
        extension["manager"] = {"value": str(manager.pk), "displayName": str(manager)}
    user: dict[str, Any] = {
        "schemas": [CORE, ENTERPRISE],
        "id": str(entry.pk),
        "externalId": entry.employee_id,
        "userName": entry.email,
        "name": {
            "givenName": entry.given_name,
            "familyName": entry.family_name,
            "formatted": " ".join(x for x in (entry.given_name, entry.family_name) if x),
        },
        "displayName": str(entry),
        "emails": [{"value": entry.email, "type": "work", "primary": True}],
        "active": entry.active,
        ENTERPRISE: extension,
        "meta": {
            "resourceType": "User",
            "created": entry.created_at.isoformat(),
            "lastModified": entry.updated_at.isoformat(),
            "location": _location(request, entry),
        },
    }
    if entry.title:
        user["title"] = entry.title
    return user


#: The flat attributes kept, by their lower-case SCIM path, with their type.
_KEPT = {
    "username": str,
    "externalid": str,
    "name.givenname": str,
    "name.familyname": str,
    "title": str,
    "active": bool,
    "employeenumber": str,
    "department": str,
    "manager": str,
}
_NAMES = {
    "username": "userName",
    "externalid": "externalId",
    "name.givenname": "name.givenName",
    "name.familyname": "name.familyName",
    "employeenumber": "employeeNumber",
}
#: Attributes of the two schemas accepted and not kept: what the identity
#: provider sends by default (a display name, a locale, a password when its
#: push is on), which the roster has no place for.
_IGNORED = frozenset(
    {
        "schemas", "id", "meta", "displayname", "nickname", "profileurl", "usertype",
        "preferredlanguage", "locale", "timezone", "password", "phonenumbers",
        "ims", "photos", "addresses", "groups", "entitlements", "roles",
        "x509certificates", "name.formatted", "name.middlename", "name.honorificprefix",
        "name.honorificsuffix", "costcenter", "organization", "division",
    }
)  # fmt: skip
_READ_ONLY = frozenset({"id", "meta", "groups"})
#: ``emails`` (the list) and a value path to the work address: the roster keeps
#: one address, which is ``userName`` too.
_EMAILS = frozenset({"emails", "emails.value"})
_ENTERPRISE_KEY = ENTERPRISE.lower()
_CORE_KEY = CORE.lower()


def _state(entry: RosterEntry | None) -> dict[str, Any]:
    if entry is None:
        return {"active": True}
    manager = entry.manager
    return {
        "username": entry.email,
        "externalid": entry.employee_id,
        "employeenumber": entry.employee_id,
        "name.givenname": entry.given_name,
        "name.familyname": entry.family_name,
        "title": entry.title,
        "department": entry.department,
        "manager": str(manager.pk) if manager is not None else "",
        "active": entry.active,
    }


def _as_bool(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    # Entra ID sends "True" and "False" as strings in PATCH operations.
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    raise _bad(f"{where} is true or false")


def _work_email(value: Any, original: str) -> str | None:
    """The work address among ``emails`` (a list of them, one of them, or the
    address itself): the primary one, else the one of type work, else the
    only one; None for an empty list (``userName`` stands)."""
    if isinstance(value, str):
        return value
    items = [value] if isinstance(value, dict) else value
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise _bad(f"{original[:100]} is a list of addresses, each {{value, type, primary}}")
    if not items:
        return None
    emails = [_lower(item) for item in items]
    chosen = [e for e in emails if _as_bool(e.get("primary") or False, "primary")]
    if not chosen:
        chosen = [e for e in emails if str(e.get("type", "")).lower() == "work"] or emails
    if len(chosen) > 1:
        raise _bad("emails: this server keeps one address, the work one: mark it primary")
    address = chosen[0].get("value")
    if not isinstance(address, str):
        raise _bad("emails: value is the address, a text")
    return address


def _set(state: dict[str, Any], key: str, value: Any, *, original: str) -> None:
    """Set one flat attribute, checked; an unknown one is refused."""
    if key in _READ_ONLY:
        raise _bad(f"{original} is read-only", "mutability")
    if key in _EMAILS:
        address = _work_email(value, original)
        if address is not None:
            state["emails"] = address
        return
    if key in _IGNORED:
        return
    kind = _KEPT.get(key)
    if kind is None:
        raise _bad(f"“{original[:100]}” is not an attribute of this server's User", "invalidSyntax")
    if key == "manager" and isinstance(value, dict):
        value = _lower(value).get("value", "")
    if kind is bool:
        state[key] = _as_bool(value, original)
        return
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _bad(f"{original[:100]} is a text")
    state[key] = value


def _set_tree(state: dict[str, Any], data: dict[str, Any], prefix: str = "") -> None:
    """A (part of a) User body into the flat state: nested objects, extension
    blocks and ``urn:…:attribute`` keys all land on the same keys."""
    for raw, value in data.items():
        key = str(raw).lower()
        if key.startswith(_ENTERPRISE_KEY):
            rest = key[len(_ENTERPRISE_KEY) :].lstrip(":")
            if not rest:
                if not isinstance(value, dict):
                    raise _bad(f"{ENTERPRISE} is an object")
                _set_tree(state, value)
                continue
            key = rest
        elif key.startswith(_CORE_KEY):
            key = key[len(_CORE_KEY) :].lstrip(":")
        full = f"{prefix}{key}"
        if full == "name" and isinstance(value, dict):
            _set_tree(state, value, "name.")
        elif full == "name":
            raise _bad("name is an object")
        else:
            _set(state, full, value, original=str(raw))


def _values(state: dict[str, Any], user_name: str | None = None) -> p.RosterValues:
    """The roster's values of the flat state; ``user_name``: the entry's address
    before a PATCH (which names only what changes)."""
    if "emails" in state:
        # One address is both userName and the work e-mail: a request changing
        # one changes the other, and one naming two different addresses is refused.
        address, named = state.pop("emails"), state.get("username")
        if named and named != user_name and named.strip().lower() != address.strip().lower():
            raise _bad(
                "userName and the work e-mail in emails are one address here: "
                "send the same value for both"
            )
        state["username"] = address
    external, number = state.get("externalid", ""), state.get("employeenumber", "")
    if external and number and external != number:
        raise _bad("externalId and employeeNumber are both the employee id: send one value")
    employee_id = number or external
    if not employee_id:
        raise _bad("the employee id is required: map externalId or employeeNumber to it")
    if not state.get("username"):
        raise _bad("userName (the work e-mail address) is required")
    return p.RosterValues(
        employee_id=employee_id,
        email=state["username"],
        given_name=state.get("name.givenname", ""),
        family_name=state.get("name.familyname", ""),
        title=state.get("title", ""),
        department=state.get("department", ""),
        manager=state.get("manager", ""),
        active=state.get("active", True),
    )


def _from_body(data: dict[str, Any], entry: RosterEntry | None) -> p.RosterValues:
    schemas = data.get("schemas", [CORE])
    if not isinstance(schemas, list) or not all(isinstance(s, str) for s in schemas):
        raise _bad("schemas is a list of schema URNs", "invalidSyntax")
    if entry is not None and "id" in _lower(data) and str(_lower(data)["id"]) != str(entry.pk):
        raise _bad("id is read-only", "mutability")
    state: dict[str, Any] = {"active": True}
    body = {k: v for k, v in data.items() if str(k).lower() not in _READ_ONLY}
    _set_tree(state, body)
    # A replacement names the employee id one way or the other; a stored one stands in.
    if entry is not None and not state.get("externalid") and not state.get("employeenumber"):
        state["employeenumber"] = entry.employee_id
    return _values(state)


# -- PATCH ---------------------------------------------------------------------------

_PATH_ALIASES = {
    'emails[type eq "work"].value': "emails.value",
    "emails[primary eq true].value": "emails.value",
}


def _path_key(raw: str) -> str:
    key = raw.strip().lower()
    if key.startswith(_ENTERPRISE_KEY):
        key = key[len(_ENTERPRISE_KEY) :].lstrip(":")
        if key == "manager.value":
            key = "manager"
    elif key.startswith(_CORE_KEY):
        key = key[len(_CORE_KEY) :].lstrip(":")
    key = _PATH_ALIASES.get(key, key)
    if "[" in key:
        raise _bad(f"the path “{raw[:100]}” is not supported", "invalidPath")
    return key


def _patch(data: dict[str, Any], entry: RosterEntry) -> p.RosterValues:
    schemas = data.get("schemas")
    if not isinstance(schemas, list) or PATCH not in schemas:
        raise _bad(f"a PATCH body has schemas [{PATCH}]", "invalidSyntax")
    operations = _lower(data).get("operations")
    if not isinstance(operations, list) or not operations:
        raise _bad("Operations is a list of operations", "invalidSyntax")
    if len(operations) > MAX_OPERATIONS:
        raise _bad(f"at most {MAX_OPERATIONS} operations in one request", "tooMany")
    state = _state(entry)
    for number, raw in enumerate(operations, 1):
        if not isinstance(raw, dict):
            raise _bad(f"operation {number} is not an object", "invalidSyntax")
        operation = _lower(raw)
        op = operation.get("op")
        if not isinstance(op, str) or op.lower() not in {"add", "replace", "remove"}:
            raise _bad(f"operation {number}: op is add, replace or remove", "invalidSyntax")
        op = op.lower()
        target = operation.get("path")
        if target is not None and not isinstance(target, str):
            raise _bad(f"operation {number}: path is a text", "invalidPath")
        value = operation.get("value")
        if op == "remove":
            if not target:
                raise _bad(f"operation {number}: remove needs a path", "noTarget")
            key = _path_key(target)
            if key in {"username", "externalid", "employeenumber", "active", *_EMAILS}:
                raise _bad(f"{target[:100]} is required: it cannot be removed")
            _set(state, key, False if key == "active" else "", original=target)
            continue
        if "value" not in operation:
            raise _bad(f"operation {number}: {op} needs a value", "invalidSyntax")
        if not target:
            if not isinstance(value, dict):
                raise _bad(f"operation {number}: without a path the value is an object")
            _set_tree(state, value)
            continue
        key = _path_key(target)
        if key == "name":
            if not isinstance(value, dict):
                raise _bad("name is an object")
            _set_tree(state, value, "name.")
        elif key in {"urn", ""} or (key == _ENTERPRISE_KEY):
            raise _bad(f"the path “{target[:100]}” is not supported", "invalidPath")
        else:
            _set(state, key, value, original=target)
    if (
        state.get("externalid") != entry.employee_id
        and state.get("employeenumber") == entry.employee_id
    ):
        state["employeenumber"] = state["externalid"]
    elif (
        state.get("employeenumber") != entry.employee_id
        and state.get("externalid") == entry.employee_id
    ):
        state["externalid"] = state["employeenumber"]
    return _values(state, entry.email)


# -- the operations --------------------------------------------------------------------


def _int(request: HttpRequest, name: str, default: int) -> int:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _bad(f"{name} is a whole number") from None
    return max(min(value, 10**9), -1)


def users(request: HttpRequest, token: ScimToken, _: str) -> HttpResponse:
    if request.method == "POST":
        values = _from_body(_body(request), None)
        entry = p.scim_user_create(token=token, values=values)
        return _json(_user(request, entry), 201, {"Location": _location(request, entry)})
    text = request.GET.get("filter", "").strip()
    where = p.scim_filter(text) if text else None
    start = max(_int(request, "startIndex", 1), 1)
    count = min(max(_int(request, "count", MAX_RESULTS), 0), MAX_RESULTS)
    total, page = p.scim_entries(programme=token.programme, where=where, start=start, count=count)
    return _json(
        {
            "schemas": [LIST],
            "totalResults": total,
            "startIndex": start,
            "itemsPerPage": len(page),
            "Resources": [_user(request, entry) for entry in page],
        }
    )


def user(request: HttpRequest, token: ScimToken, entry_id: str) -> HttpResponse:
    entry = p.scim_entry_get(programme=token.programme, entry_id=entry_id)
    if request.method == "DELETE":
        p.scim_user_deactivate(token=token, entry=entry)
        empty = HttpResponse(status=204)
        del empty["Content-Type"]  # no body, so no type of one (RFC 9110 §15.3.5)
        return empty
    if request.method == "PUT":
        values = _from_body(_body(request), entry)
        entry = p.scim_user_replace(token=token, entry=entry, values=values)
    elif request.method == "PATCH":
        values = _patch(_body(request), entry)
        entry = p.scim_user_replace(token=token, entry=entry, values=values)
    return _json(_user(request, entry))


def groups(request: HttpRequest, token: ScimToken, _: str) -> HttpResponse:
    return _error(501, "groups are not supported: a programme's roles are chosen by its people")


def service_provider_config(request: HttpRequest, token: ScimToken, _: str) -> HttpResponse:
    return _json(
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "documentationUri": "https://github.com/tribe/tribe/blob/main/docs/programmes.md",
            "patch": {"supported": True},
            "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
            "filter": {"supported": True, "maxResults": MAX_RESULTS},
            "changePassword": {"supported": False},
            "sort": {"supported": False},
            "etag": {"supported": False},
            "authenticationSchemes": [
                {
                    "type": "oauthbearertoken",
                    "name": "Programme SCIM token",
                    "description": "Authorization: Bearer tribe_scim_…, made on the "
                    "programme's settings page or with tribe programme scim-token create",
                    "primary": True,
                }
            ],
            "meta": {"resourceType": "ServiceProviderConfig"},
        }
    )


def resource_types(request: HttpRequest, token: ScimToken, _: str) -> HttpResponse:
    user_type = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
        "id": "User",
        "name": "User",
        "endpoint": "/Users",
        "description": "A person on the programme's roster (an employee, not an account)",
        "schema": CORE,
        "schemaExtensions": [{"schema": ENTERPRISE, "required": False}],
        "meta": {"resourceType": "ResourceType", "location": "/scim/v2/ResourceTypes/User"},
    }
    return _json(
        {"schemas": [LIST], "totalResults": 1, "startIndex": 1, "itemsPerPage": 1,
         "Resources": [user_type]}
    )  # fmt: skip


def _attribute(name: str, kind: str = "string", **more: Any) -> dict[str, Any]:
    return {
        "name": name,
        "type": kind,
        "multiValued": False,
        "required": False,
        "caseExact": False,
        "mutability": "readWrite",
        "returned": "default",
        "uniqueness": "none",
        **more,
    }


def schemas(request: HttpRequest, token: ScimToken, _: str) -> HttpResponse:
    core = {
        "id": CORE,
        "name": "User",
        "description": "A person on the roster",
        "attributes": [
            _attribute("userName", required=True, uniqueness="server",
                       description="The work e-mail address"),
            _attribute("externalId", caseExact=True, uniqueness="server",
                       description="The employee id"),
            {**_attribute("name", "complex"), "subAttributes": [
                _attribute("givenName"), _attribute("familyName")]},
            _attribute("displayName", mutability="readOnly"),
            _attribute("title"),
            _attribute("active", "boolean", description="False: the person left"),
            {**_attribute("emails", "complex", description="One address, the work one: "
                          "the same value as userName"), "multiValued": True,
             "subAttributes": [_attribute("value"), _attribute("type"),
                               _attribute("primary", "boolean")]},
        ],
        "meta": {"resourceType": "Schema", "location": f"/scim/v2/Schemas/{CORE}"},
    }  # fmt: skip
    enterprise = {
        "id": ENTERPRISE,
        "name": "EnterpriseUser",
        "description": "The employee's place in the organisation",
        "attributes": [
            _attribute("employeeNumber", caseExact=True, uniqueness="server",
                       description="The employee id (the same value as externalId)"),
            _attribute("department"),
            {**_attribute("manager", "complex"), "subAttributes": [
                _attribute("value", description="The manager's id, employee id or e-mail"),
                _attribute("displayName", mutability="readOnly")]},
        ],
        "meta": {"resourceType": "Schema", "location": f"/scim/v2/Schemas/{ENTERPRISE}"},
    }  # fmt: skip
    found = [{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"], **s}
             for s in (core, enterprise)]  # fmt: skip
    return _json(
        {"schemas": [LIST], "totalResults": len(found), "startIndex": 1,
         "itemsPerPage": len(found), "Resources": found}
    )  # fmt: skip


urlpatterns = [
    path("ServiceProviderConfig", _endpoint({"GET": service_provider_config})),
    path("ResourceTypes", _endpoint({"GET": resource_types})),
    path("Schemas", _endpoint({"GET": schemas})),
    path("Users", _endpoint({"GET": users, "POST": users})),
    path(
        "Users/<str:entry_id>",
        _endpoint({"GET": user, "PUT": user, "PATCH": user, "DELETE": user}),
    ),
    path("Groups", _endpoint({"GET": groups, "POST": groups})),
    path(
        "Groups/<str:entry_id>", _endpoint({m: groups for m in ("GET", "PUT", "PATCH", "DELETE")})
    ),
]
