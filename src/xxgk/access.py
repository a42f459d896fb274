"""Authorisation in one place (STYLE 14): who may do what to which unit's objects.

Every web route and API call asks :func:`require` (or :func:`can`). The rules are data:
:data:`RULES` maps an action to the scope each role has for it —

* ``all``  — any unit (and objects of no unit);
* ``own``  — objects of the user's own unit only (an officer);
* ``tree`` — the user's unit and every unit under it in the unit tree (a supervisor).

A role without an entry may not do the action at all. Refusing an object of a unit out of
scope raises :class:`NotFound` (a 404: it does not confirm the object exists); refusing an
action the role never has raises :class:`Forbidden`; no user at all raises
:class:`LoginRequired`. Other areas add their actions to :data:`RULES` (one line each).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from xxgk.errors import XxgkError

ROLES = ("admin", "officer", "supervisor")
ROLE_LABELS = {"admin": "系统管理员", "officer": "信息公开工作人员", "supervisor": "政务公开办"}

RULES: dict[str, dict[str, str]] = {
    # the public check page needs no rule: it is open to everyone
    "users.manage": {"admin": "all"},
    "calendar.read": {"admin": "all", "officer": "all", "supervisor": "all"},
    "calendar.write": {"admin": "all"},
    "ledger.read": {"admin": "all", "officer": "own", "supervisor": "tree"},
    "ledger.write": {"admin": "all", "officer": "own"},
    "ledger.personal": {"admin": "all", "officer": "own"},
    "report.read": {"admin": "all", "officer": "own", "supervisor": "tree"},
    "report.write": {"admin": "all", "officer": "own"},
    "report.submit": {"admin": "all", "officer": "own"},
    "office.read": {"admin": "all", "supervisor": "tree"},
    "office.write": {"admin": "all", "supervisor": "tree"},
}


class Refused(XxgkError):
    """An access refusal; ``status`` is the HTTP status the web app answers with."""

    status = 403


class LoginRequired(Refused):
    status = 401

    def __init__(self) -> None:
        super().__init__("login required", zh="请先登录")


class Forbidden(Refused):
    status = 403

    def __init__(self) -> None:
        super().__init__("this account may not do that", zh="您的账号无权进行此操作")


class NotFound(Refused):
    status = 404

    def __init__(self) -> None:
        super().__init__("not found", zh="找不到该页面或对象")


@dataclass(frozen=True)
class User:
    """Who is asking: an account's name, role and unit, and (for a supervisor, resolved by the
    caller from the unit tree) the units in its scope."""

    name: str
    role: str
    unit: str | None = None
    tree: frozenset[str] = frozenset()

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "unit": self.unit}


def unit_of(obj: Any) -> str | None:
    """The unit code an object belongs to: a code itself, ``obj.unit`` / ``obj.unit_code``, or
    ``obj["unit"]`` of a mapping; ``None`` when it belongs to no unit."""
    if obj is None or isinstance(obj, str):
        return obj
    if isinstance(obj, Mapping):
        value = obj.get("unit", obj.get("unit_code"))
        return None if value is None else str(value)
    for attr in ("unit", "unit_code"):
        value = getattr(obj, attr, None)
        if isinstance(value, str):
            return value
    return None


def scope(user: User | None, action: str) -> str | None:
    """The scope ``user`` has for ``action`` (``all``/``own``/``tree``), ``None`` for none."""
    if user is None:
        return None
    if action not in RULES:
        raise KeyError(f"unknown action {action!r} (add it to xxgk.access.RULES)")
    return RULES[action].get(user.role)


def visible_units(user: User | None, action: str) -> frozenset[str] | None:
    """The unit codes ``user`` may ``action`` on: ``None`` means every unit, an empty set none.
    Lists filter by it (``WHERE unit IN …``)."""
    granted = scope(user, action)
    if granted == "all":
        return None
    if granted is None or user is None:
        return frozenset()
    if granted == "own":
        return frozenset({user.unit}) if user.unit else frozenset()
    return user.tree | ({user.unit} if user.unit else set())


def can(user: User | None, action: str, obj: Any = None) -> bool:
    """Whether ``user`` may ``action`` on ``obj`` (``None``: the action itself, no object)."""
    units = visible_units(user, action)
    if units is None:
        return True
    if obj is None:
        return bool(units)
    unit = unit_of(obj)
    return unit is not None and unit in units


def require(user: User | None, action: str, obj: Any = None) -> None:
    """Raise unless ``user`` may ``action`` on ``obj``: :class:`LoginRequired` without a user,
    :class:`Forbidden` when the role never may, :class:`NotFound` for an object out of scope."""
    if user is None:
        raise LoginRequired()
    if scope(user, action) is None:
        raise Forbidden()
    if not can(user, action, obj):
        raise NotFound()
