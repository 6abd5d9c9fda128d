"""Column lists, SQL fragments and row <-> record conversions shared by the mixins."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time
from typing import Any

import orjson

from sp_desktop.core.domain import monitoring, sync_docs
from sp_desktop.core.domain.model import (
    FailureReason,
    HelpReason,
    Household,
    Outcome,
    Visit,
    to_utc_text,
)
from sp_desktop.core.domain.regions import region_index
from sp_desktop.core.trust import audit
from sp_desktop.core.trust.revisions import Leaf

# A household's own fields are those its document carries (sync_docs); the derived ones are
# kept from its visits, on this PC only. HOUSEHOLD_COLUMNS is the table's column order (as
# the migrations added them; bulk rows come in it): own fields, then 0001's derived ones,
# 0002's own ones, 0006's derived ones. tests/unit/test_schema.py holds it to the table.
_DERIVED_HOUSEHOLD_COLUMNS = (
    "latest_outcome",
    "latest_visit_at",
    "visit_count",
    "latest_post_id",
    "latest_helper_id",
)
_OWN_0002 = sync_docs.HOUSEHOLD.columns.index("created_by")
HOUSEHOLD_COLUMNS = (
    *sync_docs.HOUSEHOLD.columns[:_OWN_0002],
    *_DERIVED_HOUSEHOLD_COLUMNS[:3],
    *sync_docs.HOUSEHOLD.columns[_OWN_0002:],
    *_DERIVED_HOUSEHOLD_COLUMNS[3:],
)
# Synced records: the columns are those their documents carry (sync_docs), one list.
VISIT_COLUMNS = sync_docs.VISIT.columns
ACCOUNT_COLUMNS = ("id", "helper_id", "role", "active", "created_at", "updated_at", "origin")
HELPER_COLUMNS = sync_docs.HELPER.columns
POST_COLUMNS = sync_docs.POST.columns
_ROW_COLUMNS = (
    "pk, id, no_kk, head_name, head_nik, kelurahan_code, rt, rw, latest_outcome, "
    "latest_visit_at, visit_count, created_by, erased_at"
)


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


STAFF_COLUMNS = sync_docs.STAFF.columns
STAFF_UPDATE_COLUMNS = sync_docs.STAFF_UPDATE.columns
STAFF_PROOF_COLUMNS = sync_docs.STAFF_PROOF.columns
TARGET_COLUMNS = sync_docs.TARGET.columns
_STAFF_SELECT = (
    ", ".join(f"s.{c}" for c in STAFF_COLUMNS) + ", s.status, s.status_date, s.status_reason, "
    "(SELECT count(*) FROM staff_proof_files p WHERE p.staff_id = s.id)"
)


def _staff_from_row(row: Sequence[Any]) -> monitoring.Staff:
    values = dict(zip(STAFF_COLUMNS, row, strict=False))
    status, status_date, reason, proofs_count = row[len(STAFF_COLUMNS) :]
    return monitoring.Staff(
        **{**values, "active": bool(values["active"])},
        status=status,
        status_date=date.fromisoformat(status_date) if status_date else None,
        status_reason=reason,
        proof_count=proofs_count,
    )


def _leaves_text(leaves: Sequence[Leaf]) -> str:
    return orjson.dumps([leaf.as_json() for leaf in leaves]).decode()


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _day_start_utc(day: date) -> str:
    """The UTC timestamp of local midnight at the start of this day (the PC's time zone)."""
    return to_utc_text(datetime.combine(day, time()))


def _local_time(utc_text: str) -> datetime:
    """A stored UTC time as naive local time, which is what documents and Excel show.
    (fromisoformat: a quarter of strptime's cost, which counts over 100k export rows.)"""
    return datetime.fromisoformat(utc_text).astimezone().replace(tzinfo=None)


def _kelurahan_label(code: str, cache: dict[str, str]) -> str:
    label = cache.get(code)
    if label is None:
        region = region_index().get(code) if code else None
        label = cache[code] = f"{region.kind} {region.name}" if region else code
    return label


def _db_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return None
    if hasattr(value, "value"):  # StrEnum
        return value.value
    return value


_AUDIT_SELECT = "seq, at, account_id, actor, action, entity, entity_id, details, prev_hash, hash"


def _entry_from_row(row: Sequence[Any]) -> audit.Entry:
    return audit.Entry(
        seq=row[0],
        at=row[1],
        account_id=row[2],
        actor=row[3],
        action=row[4],
        entity=row[5],
        entity_id=row[6],
        details=json.loads(row[7]),
        prev_hash=row[8],
        hash=row[9],
    )


def _household_fields(household: Household) -> dict[str, Any]:
    """A household's own fields (not derived, not bookkeeping) for the audit trail."""
    skip = {*_DERIVED_HOUSEHOLD_COLUMNS, "id", "created_at", "updated_at", "origin"}
    return {c: _db_value(getattr(household, c)) for c in HOUSEHOLD_COLUMNS if c not in skip}


def _household_from_row(row: Sequence[Any]) -> Household:
    data = dict(zip(HOUSEHOLD_COLUMNS, row, strict=True))
    data["help_reason"] = HelpReason(data["help_reason"])
    data["consent"] = bool(data["consent"])
    data["latest_outcome"] = Outcome(data["latest_outcome"]) if data["latest_outcome"] else None
    return Household(**data)


def _visit_from_row(row: Sequence[Any]) -> Visit:
    data = dict(zip(VISIT_COLUMNS, row, strict=True))
    data["outcome"] = Outcome(data["outcome"])
    data["failure_reason"] = (
        FailureReason(data["failure_reason"]) if data["failure_reason"] else None
    )
    data["revisit_date"] = (
        date.fromisoformat(data["revisit_date"]) if data["revisit_date"] else None
    )
    return Visit(**data)
