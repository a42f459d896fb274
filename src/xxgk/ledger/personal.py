"""Applicants' personal data: kept because the answer must reach the applicant, shown masked
in lists, never in exports or the annual report, never in logs, and every full view recorded
in the audit log (:mod:`xxgk.store.audit`: who, when, which request — not the data).

The name is the ``applicant`` registration field (per-request fees count by it); ID number,
phone, address and e-mail live in ``request_contact``, outside the event log, so no export of
events can carry them.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from xxgk.errors import LedgerError

if TYPE_CHECKING:
    from xxgk.ledger.book import Ledger

FIELDS = ("id_number", "phone", "address", "email")
LABELS = {
    "name": "姓名/名称",
    "id_number": "身份证件号码",
    "phone": "联系电话",
    "address": "通讯地址",
    "email": "电子邮箱",
}
VIEW_ACTION = "request.view_personal"


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    id_number: str | None = None
    phone: str | None = None
    address: str | None = None
    email: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def masked(self) -> Contact:
        return Contact(
            mask_name(self.name),
            mask_id(self.id_number),
            mask_phone(self.phone),
            mask_address(self.address),
            mask_email(self.email),
        )


# ---------------------------------------------------------------- masking (lists)


def mask_name(name: str | None) -> str | None:
    """张三丰 → 张**; an organisation keeps its first four characters (某某公司 → 某某公司…)."""
    if not name:
        return name
    if len(name) > 4:
        return name[:4] + "*" * min(len(name) - 4, 6)
    return name[0] + "*" * (len(name) - 1)


def mask_id(value: str | None) -> str | None:
    if not value:
        return value
    return value[:4] + "*" * max(len(value) - 8, 1) + value[-4:] if len(value) > 8 else "****"


def mask_phone(value: str | None) -> str | None:
    if not value:
        return value
    digits = value.strip()
    return digits[:3] + "****" + digits[-4:] if len(digits) >= 8 else "****"


def mask_email(value: str | None) -> str | None:
    if not value or "@" not in value:
        return value and "****"
    user, _, host = value.partition("@")
    return user[:1] + "***@" + host


def mask_address(value: str | None) -> str | None:
    if not value:
        return value
    return value[:6] + "……" if len(value) > 6 else value[:2] + "……"


# ---------------------------------------------------------------- validation


_ID = re.compile(r"^(\d{17}[\dXx]|\d{15})$")
_PHONE = re.compile(r"^[\d\-+() ]{7,20}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MESSAGES = {
    "id_number": "身份证件号码应为18位（末位可为X）或15位数字",
    "phone": "联系电话只能包含数字、空格和 - + ( )，7–20位",
    "email": "电子邮箱格式不正确",
    "address": "通讯地址过长（最多200字）",
}


def check(values: dict[str, str | None]) -> dict[str, str | None]:
    """Stripped values; an invalid one is refused naming its field (message in Chinese)."""
    out, errors = check_all(values)
    for key, message in errors.items():
        raise LedgerError(message, field=key, zh=message)
    return out


def check_all(values: dict[str, Any]) -> tuple[dict[str, str | None], dict[str, str]]:
    """Stripped values, and every invalid field's Chinese message."""
    out: dict[str, str | None] = {}
    errors: dict[str, str] = {}
    for key in FIELDS:
        value = (values.get(key) or "").strip() or None
        ok = value is None or {
            "id_number": lambda v: bool(_ID.match(v)),
            "phone": lambda v: bool(_PHONE.match(v)),
            "email": lambda v: bool(_EMAIL.match(v)),
            "address": lambda v: len(v) <= 200,
        }[key](value)
        if not ok:
            errors[key] = MESSAGES[key]
        out[key] = value
    return out, errors


# ---------------------------------------------------------------- storage


def set_contact(ledger: Ledger, request_id: str, values: dict[str, str | None], *, by: str) -> None:
    """Store (replace) the contact details of one request."""
    from xxgk.ledger.book import now

    clean = check(values)
    with ledger.store.transaction() as s:
        if ledger._lock(request_id) is None:
            raise LedgerError(
                "no such request in the ledger", request=request_id, field="request_id"
            )
        s.execute(
            "DELETE FROM request_contact WHERE unit_code = ? AND request_id = ?",
            (ledger.unit, request_id),
        )
        s.execute(
            "INSERT INTO request_contact (unit_code, request_id, id_number, phone, address, email,"
            " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (ledger.unit, request_id, *(clean[k] for k in FIELDS), by, now()),
        )


def _stored(ledger: Ledger, request_id: str) -> Contact:
    name_row = ledger.store.one(
        "SELECT applicant FROM requests WHERE unit_code = ? AND id = ?", (ledger.unit, request_id)
    )
    if name_row is None:
        raise LedgerError("no such request in the ledger", request=request_id, field="request_id")
    row = ledger.store.one(
        "SELECT id_number, phone, address, email FROM request_contact"
        " WHERE unit_code = ? AND request_id = ?",
        (ledger.unit, request_id),
    )
    return Contact(name_row[0], *(row or (None, None, None, None)))


def masked_contact(ledger: Ledger, request_id: str) -> Contact:
    """The contact details masked (no audit entry: nothing personal is shown)."""
    return _stored(ledger, request_id).masked()


def view_contact(ledger: Ledger, request_id: str, *, viewer: str) -> Contact:
    """The full contact details; the view is recorded in the audit log first."""
    from xxgk.store import audit

    contact = _stored(ledger, request_id)
    with ledger.store.transaction() as s:
        audit.record(
            store=s,
            actor=viewer,
            action=VIEW_ACTION,
            target=f"request:{ledger.unit}/{request_id}",
            detail={"fields": [k for k, v in contact.to_dict().items() if v]},
        )
    return contact
