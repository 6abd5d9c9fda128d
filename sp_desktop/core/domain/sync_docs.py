"""What a synced record looks like as a CouchDB document, and the checks on one that arrives.

Each record kind maps to one table. A document's `_id` is `<kind>:<record id>`, so one
CouchDB database can hold every kind and a person reading it in Fauxton sees what each
document is. The body holds the record's own columns under their column names, plus
`jenis` (the kind) and `wilayah` (the kelurahan code it belongs to, for a replication
selector); the columns SP Desktop derives locally (a household's latest outcome, the
row number) never travel.

A document that arrives from elsewhere is untrusted input even when signed: every field
is checked for its type and a sane length before it may reach a table.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.i18n import N_, _

# Bumped when a document's shape changes in a way an older SP Desktop cannot read.
SYNC_FORMAT = 1
PROOF_ATTACHMENT = "berkas"
BUNDLE_SUFFIX = ".sppaket"  # a data bundle's file name (bundle.py)
MAX_TEXT = 4000
_UUID = re.compile(r"[0-9A-Za-z_-]{1,64}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, eq=False)  # one instance per kind: compared by identity
class Kind:
    name: str  # document prefix and `jenis`
    table: str
    label: str  # for people: "rumah tangga", "kunjungan", ...
    columns: tuple[str, ...]  # synced columns, `id` first
    # column -> "s" text, "n" text or null, "i" integer
    types: Mapping[str, str]
    # column -> kind whose record it references (must exist before this one is written)
    references: Mapping[str, str]
    # Carries a file (a proof of completion) as the attachment PROOF_ATTACHMENT.
    has_content: bool = False

    @property
    def type_codes(self) -> tuple[str, ...]:
        return _TYPE_CODES[self.name]


def _spec(columns: str, nullable: str = "", integers: str = "") -> dict[str, str]:
    types = {c: "s" for c in columns.split()}
    types.update({c: "n" for c in nullable.split()})
    types.update({c: "i" for c in integers.split()})
    return types


HELPER = Kind(
    "petugas",
    "helpers",
    N_("petugas"),
    ("id", "nip", "name", "opd", "phone", "created_at", "updated_at", "origin"),
    _spec("id nip name opd phone created_at updated_at origin"),
    {},
)
POST = Kind(
    "posko",
    "posts",
    N_("posko"),
    ("id", "name", "kelurahan_code", "address", "created_at", "updated_at", "origin"),
    _spec("id name kelurahan_code address created_at updated_at origin"),
    {},
)
HOUSEHOLD = Kind(
    "rumah_tangga",
    "households",
    N_("rumah tangga"),
    (
        "id",
        "no_kk",
        "head_name",
        "head_nik",
        "kelurahan_code",
        "address",
        "rt",
        "rw",
        "members",
        "phone",
        "help_reason",
        "help_note",
        "consent",
        "created_at",
        "updated_at",
        "origin",
        "created_by",
        "consent_at",
        "erased_at",
    ),
    _spec(
        "id no_kk head_name head_nik kelurahan_code address rt rw phone help_reason "
        "help_note created_at updated_at origin created_by consent_at erased_at",
        integers="members consent",
    ),
    {},
)
# What a person may take from either of two records of one family when merging them: the
# household's own fields, not its identity, provenance or erasure marks.
_HOUSEHOLD_PROVENANCE = {"id", "created_at", "updated_at", "origin", "created_by"}
HOUSEHOLD_MERGE_FIELDS = tuple(
    c for c in HOUSEHOLD.columns if c not in {*_HOUSEHOLD_PROVENANCE, "consent_at", "erased_at"}
)
VISIT = Kind(
    "kunjungan",
    "visits",
    N_("kunjungan"),
    (
        "id",
        "household_id",
        "helper_id",
        "post_id",
        "visited_at",
        "outcome",
        "failure_reason",
        "failure_note",
        "revisit_date",
        "note",
        "created_at",
        "updated_at",
        "origin",
        "created_by",
    ),
    _spec(
        "id household_id helper_id post_id visited_at outcome failure_note note "
        "created_at updated_at origin created_by",
        nullable="failure_reason revisit_date",
    ),
    {"household_id": "rumah_tangga", "helper_id": "petugas", "post_id": "posko"},
)
PROOF = Kind(
    "bukti",
    "proof_files",
    N_("berkas bukti"),
    (
        "id",
        "visit_id",
        "household_id",
        "filename",
        "media_type",
        "size",
        "sha256",
        "created_at",
        "created_by",
        "origin",
        "erased_at",
    ),
    _spec(
        "id visit_id household_id filename media_type sha256 created_at created_by origin "
        "erased_at",
        integers="size",
    ),
    {"visit_id": "kunjungan", "household_id": "rumah_tangga"},
    has_content=True,
)
# The city's ASN staff and their own SP Online status (monitoring.py). A staff record's id
# comes from the NIP, so one person imported on two PCs is one document.
STAFF = Kind(
    "pegawai",
    "staff",
    N_("pegawai"),
    (
        "id",
        "nip",
        "name",
        "opd",
        "unit",
        "active",
        "created_at",
        "updated_at",
        "origin",
        "created_by",
    ),
    _spec("id nip name opd unit created_at updated_at origin created_by", integers="active"),
    {},
)
STAFF_UPDATE = Kind(
    "status_pegawai",
    "staff_updates",
    N_("status SP Online pegawai"),
    ("id", "staff_id", "status", "status_date", "reason", "created_at", "created_by", "origin"),
    _spec("id staff_id status status_date reason created_at created_by origin"),
    {"staff_id": "pegawai"},
)
STAFF_PROOF = Kind(
    "bukti_pegawai",
    "staff_proof_files",
    N_("berkas bukti pegawai"),
    (
        "id",
        "update_id",
        "staff_id",
        "filename",
        "media_type",
        "size",
        "sha256",
        "created_at",
        "created_by",
        "origin",
    ),
    _spec(
        "id update_id staff_id filename media_type sha256 created_at created_by origin",
        integers="size",
    ),
    {"update_id": "status_pegawai", "staff_id": "pegawai"},
    has_content=True,
)
TARGET = Kind(
    "target",
    "targets",
    N_("target"),
    ("id", "scope", "key", "value", "deadline", "created_at", "updated_at", "origin", "updated_by"),
    _spec("id scope key deadline created_at updated_at origin updated_by", integers="value"),
    {},
)

# In the order they are applied: a record's references come before it.
KINDS: tuple[Kind, ...] = (
    HELPER,
    POST,
    HOUSEHOLD,
    VISIT,
    PROOF,
    STAFF,
    STAFF_UPDATE,
    STAFF_PROOF,
    TARGET,
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}
_TYPE_CODES = {kind.name: tuple(kind.types[c] for c in kind.columns) for kind in KINDS}


@dataclass(frozen=True)
class _Checks:
    texts: tuple[int, ...]
    integers: tuple[int, ...]
    nullable: tuple[int, ...]


_CHECKS = {
    kind.name: _Checks(
        *(
            tuple(i for i, code in enumerate(_TYPE_CODES[kind.name]) if code == wanted)
            for wanted in "sin"
        )
    )
    for kind in KINDS
}
KIND_BY_TABLE = {kind.table: kind for kind in KINDS}
# A tombstone of a household merged into another names the one it went into, so a visit
# made elsewhere on the old household can follow it.
MERGED_INTO = "digabung_ke"
OUTCOMES = frozenset({"berhasil", "gagal", "belum"})
STAFF_STATUSES = frozenset({"sudah", "gagal", "belum"})
TARGET_SCOPES = frozenset({"opd", "kelurahan"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DocumentProblem(UserFacingError):
    """A document that cannot be a record of ours (wrong kind, field or value)."""


def doc_id(kind: Kind, record_id: str) -> str:
    return f"{kind.name}:{record_id}"


def split_doc_id(value: Any) -> tuple[Kind, str]:
    if isinstance(value, str) and ":" in value:
        prefix, record_id = value.split(":", 1)
        kind = KIND_BY_NAME.get(prefix)
        if kind is not None and _UUID.fullmatch(record_id):
            return kind, record_id
    raise DocumentProblem(_("Ada data dengan pengenal yang tidak dikenal."))


def body_from_row(kind: Kind, row: Sequence[Any], wilayah: str) -> dict[str, Any]:
    """The document body of a record read as `kind.columns` (plus `jenis` and `wilayah`)."""
    body = dict(zip(kind.columns, row, strict=True))
    body["jenis"] = kind.name
    body["wilayah"] = wilayah or ""
    return body


def row_from_body(kind: Kind, record_id: str, body: Mapping[str, Any]) -> tuple[Any, ...]:
    """The table row (in `kind.columns` order) for a document body, checked field by field.

    Raises DocumentProblem naming the kind, never a value: values may be personal data.
    Runs for every arriving document, so it is written for speed: one pass, no regex on
    free text.
    """
    if body.get("jenis") != kind.name or body.get("id") != record_id:
        raise _problem(kind, "jenis/id")
    values: tuple[Any, ...] = tuple(map(body.get, kind.columns))
    checks = _CHECKS[kind.name]
    texts = [values[i] for i in checks.texts]
    # Types, lengths and NUL bytes of all text fields at once, in C; the slow loop below
    # only runs to name the field that failed.
    if (
        set(map(type, texts)) != {str}
        or max(map(len, texts)) > MAX_TEXT
        or "\x00" in "".join(texts)
        or any(type(values[i]) is not int for i in checks.integers)
        or any(values[i] is not None and type(values[i]) is not str for i in checks.nullable)
    ):
        raise _problem(kind, _first_bad(kind, values))
    for i in checks.integers:
        if not 0 <= values[i] <= 1_000_000_000_000:
            raise _problem(kind, kind.columns[i])
    for i in checks.nullable:
        if values[i] is not None and (len(values[i]) > MAX_TEXT or "\x00" in values[i]):
            raise _problem(kind, kind.columns[i])
    if kind is VISIT and body["outcome"] not in OUTCOMES:
        raise _problem(kind, "outcome")
    for column in kind.references:
        if not _UUID.fullmatch(body[column]):
            raise _problem(kind, column)
    if kind.has_content and not _SHA256.fullmatch(body["sha256"]):
        raise _problem(kind, "sha256")
    if kind is STAFF_UPDATE:
        if body["status"] not in STAFF_STATUSES:
            raise _problem(kind, "status")
        if not _ISO_DATE.fullmatch(body["status_date"]):
            raise _problem(kind, "status_date")
    elif kind is TARGET:
        if body["scope"] not in TARGET_SCOPES:
            raise _problem(kind, "scope")
        if body["deadline"] and not _ISO_DATE.fullmatch(body["deadline"]):
            raise _problem(kind, "deadline")
    return values


def _first_bad(kind: Kind, values: tuple[Any, ...]) -> str:
    for column, value, expected in zip(kind.columns, values, kind.type_codes, strict=True):
        if expected == "i":
            wrong = type(value) is not int
        elif type(value) is str:
            wrong = len(value) > MAX_TEXT or "\x00" in value
        else:
            wrong = not (expected == "n" and value is None)
        if wrong:
            return column
    return "?"


def _problem(kind: Kind, what: str) -> DocumentProblem:
    return DocumentProblem(
        _("Data {label} dalam kiriman ini tidak sah ({what}).").format(
            label=_(kind.label), what=what
        )
    )


def is_erased(kind: Kind, body: Mapping[str, Any] | None) -> bool:
    return body is not None and kind in (HOUSEHOLD, PROOF) and bool(body.get("erased_at"))


@dataclass
class ApplySummary:
    """What applying documents from a bundle or a hub did, per kind name."""

    added: dict[str, int]
    updated: dict[str, int]
    conflicts: dict[str, int]
    unchanged: int = 0
    parked: int = 0  # waiting for a record they refer to (a later bundle or sync brings it)
    rejected: int = 0  # invalid documents skipped (hub only; a bundle is refused whole)

    @staticmethod
    def empty() -> ApplySummary:
        return ApplySummary({}, {}, {})

    def count(self, field: dict[str, int], kind: Kind) -> None:
        field[kind.name] = field.get(kind.name, 0) + 1

    def absorb(self, other: ApplySummary) -> None:
        for mine, theirs in (
            (self.added, other.added),
            (self.updated, other.updated),
            (self.conflicts, other.conflicts),
        ):
            for key, value in theirs.items():
                mine[key] = mine.get(key, 0) + value
        self.unchanged += other.unchanged
        self.parked += other.parked
        self.rejected += other.rejected

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.conflicts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ditambah": self.added,
            "diperbarui": self.updated,
            "konflik": self.conflicts,
            "sama": self.unchanged,
            "menunggu": self.parked,
            "ditolak": self.rejected,
        }

    def lines(self) -> list[str]:
        """Plain lines for the CLI and the app, in the program's language."""

        def number(value: int) -> str:
            from sp_desktop.core.domain.text import format_count

            return format_count(value)

        def listed(counts: dict[str, int]) -> str:
            if not counts:
                return _("tidak ada")
            return ", ".join(
                f"{number(counts[k.name])} {_(k.label)}" for k in KINDS if k.name in counts
            )

        lines = [
            _("Ditambahkan: {kinds}").format(kinds=listed(self.added)),
            _("Diperbarui: {kinds}").format(kinds=listed(self.updated)),
            _("Konflik baru: {kinds}").format(kinds=listed(self.conflicts)),
            _("Sudah ada (tidak berubah): {count}").format(count=number(self.unchanged)),
        ]
        if self.parked:
            lines.append(
                _("Menunggu data induknya (rumah tangga/petugas/posko/pegawai): {count}").format(
                    count=number(self.parked)
                )
            )
        if self.rejected:
            lines.append(_("Ditolak karena tidak sah: {count}").format(count=number(self.rejected)))
        return lines


@dataclass(frozen=True)
class ConflictSide:
    rev: str
    body: dict[str, Any]
    winner: bool


@dataclass(frozen=True)
class Conflict:
    """A record edited in two places: its winning version and every live losing one."""

    doc_id: str
    kind: Kind
    record_id: str
    sides: tuple[ConflictSide, ...]  # winner first


@dataclass(frozen=True)
class SyncStatus:
    pending: int  # local changes not yet sent by bundle or hub
    last_sync_at: str  # UTC text, "" if never
    last_sync_peer: str
    conflicts: int
    duplicates: int
    parked: int
