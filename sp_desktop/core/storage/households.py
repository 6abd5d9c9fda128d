"""Households and their visits: the save path, search, list rows, counts and stats."""

from __future__ import annotations

import re
from collections.abc import Generator, Sequence
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import NotFoundError, RecordValidationError, UserFacingError
from sp_desktop.core.base.i18n import _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain import monitoring, rules
from sp_desktop.core.domain.identifiers import KK_LENGTH
from sp_desktop.core.domain.model import (
    Account,
    Household,
    HouseholdQuery,
    HouseholdRow,
    Outcome,
    Visit,
    to_utc_text,
    utc_now,
)
from sp_desktop.core.domain.permissions import (
    Permission,
    PermissionDeniedError,
    Role,
    allowed,
)
from sp_desktop.core.storage.connection import StorageBase, _interruptible, user_errors
from sp_desktop.core.storage.rows import (
    _DERIVED_HOUSEHOLD_COLUMNS,
    _ROW_COLUMNS,
    HOUSEHOLD_COLUMNS,
    VISIT_COLUMNS,
    _db_value,
    _household_fields,
    _household_from_row,
    _insert_sql,
    _visit_from_row,
)
from sp_desktop.core.trust import audit

if TYPE_CHECKING:
    import sqlite_utils

# From this many digits on, a No KK/NIK prefix is selective enough for index lookups.
SELECTIVE_DIGITS = 7
# A lower role's exact No KK look-ups of households another helper entered (audit.LOOKUP):
# at most this many per account in any LOOKUP_WINDOW. A duplicate check at the posko finds
# a few an hour; an oracle needs thousands.
LOOKUP_LIMIT = 30
LOOKUP_WINDOW = timedelta(hours=1)


def _fts_query(text: str) -> str:
    """'budi san' -> '"budi"* AND "san"*': every word, as a prefix, in any order."""
    # Letters and digits only: FTS5 splits words at "_" too, and "a_b"* is a phrase query.
    words = re.findall(r"[^\W_]+", text.lower())
    return " AND ".join(f'"{w}"*' for w in words)


def _digit_range(prefix: str) -> tuple[str, str]:
    """Index range for 'starts with prefix' over digit strings."""
    return prefix, prefix + ":"  # ':' sorts right after '9'


_HOUSEHOLD_COUNT_FIELDS = ("berhasil", "gagal", "belum", "tanpa_kunjungan")


def _staff_section(dashboard: monitoring.Dashboard) -> list[dict[str, Any]]:
    """`sp-desktop stats`' staff section: per OPD total, sudah, gagal, belum, target."""
    return [
        {
            "opd": opd.opd,
            "total": opd.counts.total,
            "sudah": opd.counts.sudah,
            "gagal": opd.counts.gagal,
            "belum": opd.counts.belum,
            "target_persen": opd.target_percent,
            "target": opd.target_count,
            "batas_waktu": opd.deadline.isoformat() if opd.deadline else "",
            "di_bawah_target": opd.below_target,
        }
        for opd in dashboard.opds
    ]


def _filters(query: HouseholdQuery) -> tuple[list[str], list[Any]]:
    """WHERE conditions on households (aliased h) for the list's outcome and kelurahan filters."""
    filters: list[str] = []
    args: list[Any] = []
    if query.outcome is not None:
        filters.append("h.latest_outcome = ?")
        args.append(query.outcome.value)
    elif query.no_visit:
        filters.append("h.latest_outcome IS NULL")
    if query.kelurahan_code:
        filters.append("h.kelurahan_code = ?")
        args.append(query.kelurahan_code)
    if query.revisit_until is not None:
        # The latest visit decides, as for latest_outcome (see _REFRESH_SUMMARY).
        filters.append(
            "h.latest_outcome IN ('belum', 'gagal') AND (SELECT x.revisit_date FROM visits x "
            "WHERE x.household_id = h.id ORDER BY x.visited_at DESC, x.created_at DESC "
            "LIMIT 1) <= ?"
        )
        args.append(query.revisit_until.isoformat())
    return filters, args


# A household's derived columns from its visits (local: the sync triggers ignore them, and
# updated_at stays, as they are not the household's own data).
_REFRESH_SUMMARY = """UPDATE households SET
    latest_outcome = (SELECT outcome FROM visits WHERE household_id = :id
                      ORDER BY visited_at DESC, created_at DESC LIMIT 1),
    latest_visit_at = coalesce((SELECT max(visited_at) FROM visits
                                WHERE household_id = :id), ''),
    visit_count = (SELECT count(*) FROM visits WHERE household_id = :id),
    latest_post_id = coalesce((SELECT post_id FROM visits WHERE household_id = :id
                      ORDER BY visited_at DESC, created_at DESC LIMIT 1), ''),
    latest_helper_id = coalesce((SELECT helper_id FROM visits
                      WHERE household_id = :id
                      ORDER BY visited_at DESC, created_at DESC LIMIT 1), '')
   WHERE id = :id"""
# The derived columns of a household without visits (the table's defaults).
_NO_VISITS: dict[str, Any] = {
    "latest_outcome": None,
    "latest_visit_at": "",
    "visit_count": 0,
    "latest_post_id": "",
    "latest_helper_id": "",
}
# Who holds a No KK: this installation's own entry wins over synced ones (household_by_kk).
_KK_HOLDER = (
    "SELECT id FROM households WHERE no_kk = ? AND no_kk <> '' "
    "ORDER BY origin = ? DESC, created_at LIMIT 1"
)


class HouseholdsMixin(StorageBase):
    # -- households ---------------------------------------------------------------------

    def save_household(self, household: Household, visit: Visit | None = None) -> Household:
        """Insert or update a household and, optionally, add or correct one of its visits,
        in ONE transaction; with a visit, its helper and post become the defaults for the
        next one (in the same transaction). Returns the household as `household(id)` would.

        Raises RecordValidationError with per-field messages (visit fields prefixed
        "visit.") before anything is written, so a failed save changes nothing.
        """
        actor = self._require(Permission.RECORD)
        # One read: the stored household and who holds the No KK the form sent.
        sent_kk = rules.clean_digits(household.no_kk)
        pk, stored, kk_holder = self._household_for_save(household.id, sent_kk)
        if stored is not None and stored.erased_at:
            raise UserFacingError(
                _("Data pribadi rumah tangga ini sudah dihapus dan tidak bisa diisi lagi."),
                hint=_("Jika keluarga ini setuju lagi, catat sebagai rumah tangga baru."),
            )
        if stored is not None and not self._sees_numbers(stored.created_by):
            # The form got masked numbers: keep the stored ones, never the masks.
            household = replace(household, no_kk=stored.no_kk, head_nik=stored.head_nik)
        household = rules.normalise_household(household)
        problems = rules.household_problems(household)
        if stored is not None and stored.consent and not household.consent:
            problems["consent"] = _(
                "Persetujuan tidak bisa dicabut dengan menghapus centang. Pakai tombol "
                "'Tarik persetujuan' supaya data pribadinya dihapus dan tercatat."
            )
        if "no_kk" not in problems:
            if household.no_kk != sent_kk:  # the stored number stood in for a masked one
                kk_holder = self._kk_holder(household.no_kk)
            if kk_holder is not None and kk_holder != household.id:
                problems["no_kk"] = _(
                    "No KK ini sudah terdaftar. Buka rumah tangga itu dari daftar."
                )
                if household.no_kk == sent_kk:  # typed in full: a look-up like household_by_kk
                    self._audit_hidden_kk_holder(kk_holder)
        if visit is not None:
            visit = rules.normalise_visit(replace(visit, household_id=household.id))
            visit_problems = self._visit_problems(visit, actor, household_pending=True)
            problems.update({f"visit.{k}": v for k, v in visit_problems.items()})
        if problems:
            raise RecordValidationError(problems)
        now = utc_now()
        editable = [c for c in HOUSEHOLD_COLUMNS if c not in _DERIVED_HOUSEHOLD_COLUMNS]
        household = replace(
            household,
            created_by=stored.created_by if stored else actor.id,
            consent_at=(stored.consent_at if stored and stored.consent_at else now),
            erased_at="",
            numbers_hidden=False,
        )
        # The derived columns as they stand; a saved visit refreshes them below.
        summary = (
            {c: getattr(stored, c) for c in _DERIVED_HOUSEHOLD_COLUMNS} if stored else _NO_VISITS
        )
        with self._writing() as db:
            if stored is not None:
                household = replace(
                    household, created_at=stored.created_at, origin=stored.origin, updated_at=now
                )
                if change := audit.changes(_household_fields(stored), _household_fields(household)):
                    self._audit(db, audit.UPDATE, "rumah_tangga", household.id, change)
                sets = ", ".join(f"{c} = ?" for c in editable if c != "id")
                db.execute(
                    f"UPDATE households SET {sets} WHERE id = ?",
                    [
                        *(_db_value(getattr(household, c)) for c in editable if c != "id"),
                        household.id,
                    ],
                )
                if household.head_name != stored.head_name:
                    # An FTS5 write costs about 1.5 ms at COMMIT: only when the name changed.
                    db.execute(
                        "UPDATE households_fts SET head_name = ? WHERE rowid = ?",
                        [household.head_name, pk],
                    )
            else:
                household = replace(
                    household, created_at=now, updated_at=now, origin=self.installation_id
                )
                cursor = db.execute(
                    _insert_sql("households", editable),
                    [_db_value(getattr(household, c)) for c in editable],
                )
                db.execute(
                    "INSERT INTO households_fts (rowid, head_name) VALUES (?, ?)",
                    [cursor.lastrowid, household.head_name],
                )
                self._audit(
                    db,
                    audit.CREATE,
                    "rumah_tangga",
                    household.id,
                    audit.changes(None, _household_fields(household)),
                )
            if visit is not None:
                visit, summary = self._write_visit(db, visit, now)
                # What the form offers first next time (was two more commits after this one).
                self._put_setting(db, "last_helper_id", visit.helper_id)
                self._put_setting(db, "last_post_id", visit.post_id)
        # Built from what was written, not read back: the same as household(id) returns.
        return self._as_seen(replace(household, **summary))

    def _household_for_save(
        self, household_id: str, no_kk: str
    ) -> tuple[int | None, Household | None, str | None]:
        """(pk, stored household) of this id, or (None, None), and the id of the household
        that holds this No KK (as household_by_kk picks it), in one read."""
        columns = ", ".join(f"h.{c}" for c in HOUSEHOLD_COLUMNS)
        row = self._read(
            f"SELECT ({_KK_HOLDER}), h.pk, {columns} FROM (SELECT 1) "
            "LEFT JOIN households h ON h.id = ?",
            [no_kk, self.installation_id, household_id],
        )[0]
        if row[1] is None:
            return None, None, row[0]
        return row[1], _household_from_row(row[2:]), row[0]

    def _kk_holder(self, no_kk: str) -> str | None:
        rows = self._read(_KK_HOLDER, [no_kk, self.installation_id])
        return str(rows[0][0]) if rows else None

    def _stored_household(self, household_id: str) -> Household | None:
        rows = self._read(
            f"SELECT {', '.join(HOUSEHOLD_COLUMNS)} FROM households WHERE id = ?", [household_id]
        )
        return _household_from_row(rows[0]) if rows else None

    def _as_seen(self, household: Household) -> Household:
        no_kk, head_nik, hidden = self._numbers_as_seen(
            household.created_by,
            household.no_kk,
            household.head_nik,
            erased=bool(household.erased_at),
        )
        if not hidden:
            return household
        return replace(household, no_kk=no_kk, head_nik=head_nik, numbers_hidden=True)

    def household(self, household_id: str) -> Household:
        """The household as the signed-in account may see it (numbers masked if not theirs)."""
        self._require_signed_in()
        household = self._stored_household(household_id)
        if household is None:
            raise NotFoundError(_("Rumah tangga ini tidak ditemukan (mungkin sudah dihapus)."))
        return self._as_seen(household)

    def household_by_kk(self, no_kk: str) -> Household | None:
        """The household with this exact full No KK; this installation's own entry wins over
        synced ones. For every role (the form's duplicate check); finding one whose numbers
        the account may not read writes an audit entry (household id, never the number)."""
        self._require_signed_in()
        digits = rules.clean_digits(no_kk)
        if len(digits) != KK_LENGTH or not digits.isdigit():
            return None  # only the whole number opens a household
        rows = self._read(
            f"SELECT {', '.join(HOUSEHOLD_COLUMNS)} FROM households "
            "WHERE no_kk = ? AND no_kk <> '' ORDER BY origin = ? DESC, created_at LIMIT 1",
            [digits, self.installation_id],
        )
        if not rows:
            return None
        household = self._as_seen(_household_from_row(rows[0]))
        if household.numbers_hidden:
            self._audit_kk_lookups([household.id], "cek_duplikat")
        return household

    def _digits_owner(self) -> str | None:
        """None if the account may search every household by digits; else its own id: a
        role without SEE_ALL_NUMBERS searches digits only among households it entered
        (households.created_by), so a prefix search is no oracle for hidden numbers."""
        actor = self._require_signed_in()
        if allowed(Role(actor.role), Permission.SEE_ALL_NUMBERS):
            return None
        return actor.id

    def _audit_kk_lookups(self, household_ids: Sequence[str], via: str) -> None:
        """One entry per household an exact No KK look-up found but the account may not
        read in full: the household id and the account, never the number."""
        if not household_ids:
            return
        since = to_utc_text(clock.utc_now() - LOOKUP_WINDOW)
        actor = self._require_signed_in()
        with self._writing() as db:
            (recent,) = db.execute(
                "SELECT count(*) FROM audit_log WHERE action = ? AND account_id = ? AND at >= ?",
                [audit.LOOKUP, actor.id, since],
            ).fetchone()
            if recent + len(household_ids) > LOOKUP_LIMIT:
                # Refused, and the refusal counts too: trying on keeps the door shut.
                self._audit(db, audit.LOOKUP, "rumah_tangga", "", {"lewat": via, "ditolak": 1})
            else:
                for household_id in household_ids:
                    self._audit(db, audit.LOOKUP, "rumah_tangga", household_id, {"lewat": via})
                return
        raise PermissionDeniedError(
            _(
                "Sudah terlalu sering mencari No KK lengkap rumah tangga yang dicatat petugas "
                "lain dalam satu jam terakhir. Pencarian ini tercatat di jejak audit."
            ),
            hint=_(
                "Coba lagi satu jam lagi, atau minta koordinator mencarinya. Rumah tangga yang "
                "Anda catat sendiri tetap bisa dicari."
            ),
        )

    def _audit_hidden_kk_holder(self, household_id: str) -> None:
        rows = self._read("SELECT created_by FROM households WHERE id = ?", [household_id])
        if rows and not self._sees_numbers(rows[0][0]):
            self._audit_kk_lookups([household_id], "simpan")

    def _audit_search_lookup(self, query: HouseholdQuery) -> None:
        """A lower role's search for an exact full No KK: audit the hidden households found."""
        digits = rules.clean_digits(query.text.strip())
        if len(digits) != KK_LENGTH or not digits.isdigit():
            return
        owner = self._digits_owner()
        if owner is None:
            return
        rows = self._read(
            "SELECT id FROM households WHERE no_kk = ? AND no_kk <> '' AND created_by <> ? "
            "AND erased_at = '' ORDER BY pk",
            [digits, owner],
        )
        self._audit_kk_lookups([r[0] for r in rows], "pencarian")

    def iter_household_pks(
        self,
        query: HouseholdQuery,
        *,
        chunk_size: int = 2000,
        first_chunk: int = 100,
        progress: Progress | None = None,
    ) -> Generator[list[int], None, None]:
        """Matching household pks in display order, in chunks, without sorting in memory.

        Names: newest first via the FTS index. Digits: households whose No KK starts with
        them (in No KK order), then those whose NIK does. No filter: newest first.
        The first chunk is small so the first page shows at once. Cancelling `progress`
        interrupts even a query that is still looking for its next row.
        """
        self._require_signed_in()
        parts = self._search_parts(query)
        self._audit_search_lookup(query)
        conn = self._reader()
        with user_errors(), _interruptible(conn, progress):
            for select, order, args in parts:
                cursor = conn.execute(f"{select} ORDER BY {order}", args)
                size = first_chunk
                while rows := cursor.fetchmany(size):
                    yield [r[0] for r in rows]
                    size = chunk_size

    def _search_parts(self, query: HouseholdQuery) -> list[tuple[str, str, list[Any]]]:
        """(SELECT h.pk ..., ORDER BY clause, parameters) per stream of results.

        Each stream walks an index in its display order, so the first rows come back
        without SQLite collecting and sorting every match (a million for "5").
        """
        filters, args = _filters(query)
        extra = "".join(f" AND {f}" for f in filters)
        text = query.text.strip()
        digits = rules.clean_digits(text)
        if text and digits.isdigit():
            low, high = _digit_range(digits)
            owner = self._digits_owner()
            if owner is not None:
                return self._own_digit_parts(digits, extra, args, owner)
            return [
                (
                    # "no_kk <> ''" lets SQLite use the partial unique index.
                    "SELECT h.pk FROM households h INDEXED BY households_kk "
                    f"WHERE h.no_kk >= ? AND h.no_kk < ? AND h.no_kk <> ''{extra}",
                    "h.no_kk",
                    [low, high, *args],
                ),
                (
                    "SELECT h.pk FROM households h INDEXED BY households_nik "
                    "WHERE h.head_nik >= ? AND h.head_nik < ? "
                    f"AND NOT (h.no_kk >= ? AND h.no_kk < ?){extra}",
                    "h.head_nik",
                    [low, high, low, high, *args],
                ),
            ]
        match = _fts_query(text)
        if match:
            return [
                (
                    "SELECT h.pk FROM households_fts "
                    "JOIN households h ON h.pk = households_fts.rowid "
                    f"WHERE households_fts MATCH ?{extra}",
                    "households_fts.rowid DESC",
                    [match, *args],
                )
            ]
        where = f"WHERE {' AND '.join(filters)}" if filters else ""
        return [(f"SELECT h.pk FROM households h {where}", "h.pk DESC", args)]

    @staticmethod
    def _own_digit_parts(
        digits: str, extra: str, args: list[Any], owner: str
    ) -> list[tuple[str, str, list[Any]]]:
        """A lower role's digit search: prefixes among its own households (their numbers it
        sees, so their order reveals nothing), then another's household only for the exact
        full No KK. An exact NIK finds only its own households (decided: a NIK is printed
        on every KTP, and the duplicate check needs only the No KK)."""
        low, high = _digit_range(digits)
        own = f" AND h.created_by = ?{extra}"
        parts = [
            (
                "SELECT h.pk FROM households h "
                f"WHERE h.no_kk >= ? AND h.no_kk < ? AND h.no_kk <> ''{own}",
                "h.no_kk",
                [low, high, owner, *args],
            ),
            (
                "SELECT h.pk FROM households h "
                "WHERE h.head_nik >= ? AND h.head_nik < ? "
                f"AND NOT (h.no_kk >= ? AND h.no_kk < ?){own}",
                "h.head_nik",
                [low, high, low, high, owner, *args],
            ),
        ]
        if len(digits) == KK_LENGTH:
            parts.append(
                (
                    "SELECT h.pk FROM households h "
                    f"WHERE h.no_kk = ? AND h.no_kk <> '' AND h.created_by <> ?{extra}",
                    "h.pk",
                    [digits, owner, *args],
                )
            )
        return parts

    def kelurahan_in_use(self) -> list[str]:
        """Codes of the kelurahan/desa that have at least one household (for the filter)."""
        self._require_signed_in()
        return [
            r[0]
            for r in self._read(
                "SELECT DISTINCT kelurahan_code FROM households ORDER BY kelurahan_code"
            )
        ]

    def household_rows(self, pks: Sequence[int]) -> dict[int, HouseholdRow]:
        """The list columns for these households (missing pks are simply absent)."""
        self._require_signed_in()
        if not pks:
            return {}
        marks = ", ".join("?" for _ in pks)
        rows = self._read(f"SELECT {_ROW_COLUMNS} FROM households WHERE pk IN ({marks})", pks)
        return {r[0]: self._household_row(r) for r in rows}

    def _household_row(self, r: Sequence[Any]) -> HouseholdRow:
        no_kk, head_nik, hidden = self._numbers_as_seen(r[11], r[2], r[4])
        return HouseholdRow(
            pk=r[0],
            id=r[1],
            no_kk=no_kk,
            head_name=r[3],
            head_nik=head_nik,
            kelurahan_code=r[5],
            rt=r[6],
            rw=r[7],
            latest_outcome=Outcome(r[8]) if r[8] else None,
            latest_visit_at=r[9],
            visit_count=r[10],
            numbers_hidden=hidden,
            erased=bool(r[12]),
        )

    def count_by_outcome(
        self, query: HouseholdQuery | None = None, *, progress: Progress | None = None
    ) -> dict[str, int]:
        """Households per latest outcome ('tanpa_kunjungan' = never visited) for a filter."""
        self._require_signed_in()
        counts = {o.value: 0 for o in Outcome} | {"tanpa_kunjungan": 0}
        query = query or HouseholdQuery()
        conditions, args = _filters(query)
        source = "households h"
        text = query.text.strip()
        digits = rules.clean_digits(text)
        if text and digits.isdigit():
            low, high = _digit_range(digits)
            digit_match = "((h.no_kk >= ? AND h.no_kk < ?) OR (h.head_nik >= ? AND h.head_nik < ?))"
            digit_args: list[Any] = [low, high, low, high]
            owner = self._digits_owner()
            if owner is not None:  # as _own_digit_parts: no count of hidden households
                digit_match = f"(h.created_by = ? AND {digit_match})"
                digit_args.insert(0, owner)
                if len(digits) == KK_LENGTH:
                    digit_match = f"({digit_match} OR (h.no_kk = ? AND h.no_kk <> ''))"
                    digit_args.append(digits)
            conditions.insert(0, digit_match)
            args[:0] = digit_args
            if len(digits) < SELECTIVE_DIGITS and owner is None:
                # A short prefix matches most households: reading the table in order beats
                # a million index lookups (0.5 s against 9 s for "5" over a million).
                source = "households h NOT INDEXED"
        elif match := _fts_query(text):
            conditions.insert(
                0, "h.pk IN (SELECT rowid FROM households_fts WHERE households_fts MATCH ?)"
            )
            args.insert(0, match)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        sql = f"SELECT h.latest_outcome, count(*) FROM {source}{where} GROUP BY h.latest_outcome"
        conn = self._reader()
        with user_errors(), _interruptible(conn, progress):
            rows = conn.execute(sql, args).fetchall()
        for outcome, count in rows:
            counts[outcome or "tanpa_kunjungan"] = count
        return counts

    # -- visits -------------------------------------------------------------------------

    def add_visit(self, visit: Visit) -> Visit:
        return self._save_visit(visit, insert=True)

    def update_visit(self, visit: Visit) -> Visit:
        return self._save_visit(visit, insert=False)

    def _visit_problems(
        self, visit: Visit, actor: Account, *, household_pending: bool = False
    ) -> dict[str, str]:
        problems = rules.visit_problems(visit)
        if (
            not allowed(Role(actor.role), Permission.SEE_ALL_NUMBERS)
            and visit.helper_id != actor.helper_id
        ):
            problems["helper_id"] = _(
                "Akun petugas hanya bisa mencatat kunjungannya sendiri; koordinator bisa "
                "mencatat atas nama petugas lain."
            )
        references = [
            ("helper_id", "helpers", _("Pilih petugas yang terdaftar.")),
            ("post_id", "posts", _("Pilih posko yang terdaftar.")),
        ]
        if not household_pending:
            references.append(("household_id", "households", _("Simpan rumah tangganya dulu.")))
        for column, table, message in references:
            value = getattr(visit, column)
            if column not in problems and not self._read(
                f"SELECT 1 FROM {table} WHERE id = ?", [value]
            ):
                problems[column] = message
        return problems

    def _save_visit(self, visit: Visit, *, insert: bool) -> Visit:
        actor = self._require(Permission.RECORD)
        visit = rules.normalise_visit(visit)
        problems = self._visit_problems(visit, actor)
        if problems:
            raise RecordValidationError(problems)
        with self._writing() as db:
            if insert:
                return self._insert_visit(db, visit, utc_now())[0]
            return self._update_visit(db, visit, utc_now())[0]

    def _write_visit(
        self, db: sqlite_utils.Database, visit: Visit, now: str
    ) -> tuple[Visit, dict[str, Any]]:
        """Insert a new visit or update a stored one (same id); see _insert_visit."""
        row = db.execute(
            f"SELECT {', '.join(VISIT_COLUMNS)} FROM visits WHERE id = ?", [visit.id]
        ).fetchone()
        if row is not None:
            return self._update_visit(db, visit, now, row)
        return self._insert_visit(db, visit, now)

    def _update_visit(
        self,
        db: sqlite_utils.Database,
        visit: Visit,
        now: str,
        row: Sequence[Any] | None = None,
    ) -> tuple[Visit, dict[str, Any]]:
        """Update a stored visit (`row`: as stored, when the caller has read it already)."""
        if row is None:
            row = db.execute(
                f"SELECT {', '.join(VISIT_COLUMNS)} FROM visits WHERE id = ?", [visit.id]
            ).fetchone()
        if row is None:
            raise NotFoundError(_("Kunjungan ini tidak ditemukan (mungkin sudah dihapus)."))
        old = dict(zip(VISIT_COLUMNS, row, strict=True))
        visit = replace(
            visit,
            created_at=old["created_at"],
            origin=old["origin"],
            created_by=old["created_by"],
            updated_at=now,
        )
        sets = ", ".join(f"{c} = ?" for c in VISIT_COLUMNS if c != "id")
        new = {c: _db_value(getattr(visit, c)) for c in VISIT_COLUMNS}
        db.execute(
            f"UPDATE visits SET {sets} WHERE id = ?",
            [*(new[c] for c in VISIT_COLUMNS if c != "id"), visit.id],
        )
        if change := audit.changes(old, new):
            self._audit(db, audit.UPDATE, "kunjungan", visit.id, change)
        if old["household_id"] != visit.household_id:
            self._refresh_household_summary(db, old["household_id"])
        return visit, self._refresh_household_summary(db, visit.household_id)

    def _insert_visit(
        self, db: sqlite_utils.Database, visit: Visit, now: str
    ) -> tuple[Visit, dict[str, Any]]:
        """The stored visit, and its household's derived columns as they now are."""
        visit = replace(
            visit,
            created_at=now,
            updated_at=now,
            origin=self.installation_id,
            created_by=self.actor.id if self.actor else "",
        )
        values = {c: _db_value(getattr(visit, c)) for c in VISIT_COLUMNS}
        db.execute(_insert_sql("visits", VISIT_COLUMNS), list(values.values()))
        self._audit(db, audit.CREATE, "kunjungan", visit.id, audit.changes(None, values))
        return visit, self._refresh_household_summary(db, visit.household_id)

    @staticmethod
    def _refresh_household_summary(db: sqlite_utils.Database, household_id: str) -> dict[str, Any]:
        """Refresh one household's derived columns; returns them, as a Household holds them
        (empty when there is no such household)."""
        row = db.execute(
            f"{_REFRESH_SUMMARY} RETURNING {', '.join(_DERIVED_HOUSEHOLD_COLUMNS)}",
            {"id": household_id},
        ).fetchone()
        if row is None:
            return {}
        summary = dict(zip(_DERIVED_HOUSEHOLD_COLUMNS, row, strict=True))
        summary["latest_outcome"] = Outcome(row[0]) if row[0] else None
        return summary

    @staticmethod
    def _refresh_household_summaries(db: sqlite_utils.Database, household_ids: list[str]) -> None:
        # Derived, local columns: not part of the household's own data, so updated_at stays.
        db.conn.executemany(
            _REFRESH_SUMMARY,
            [{"id": household_id} for household_id in household_ids],
        )

    def visits_for(self, household_id: str) -> list[Visit]:
        self._require_signed_in()
        rows = self._read(
            f"SELECT {', '.join(VISIT_COLUMNS)} FROM visits WHERE household_id = ? "
            "ORDER BY visited_at DESC, created_at DESC",
            [household_id],
        )
        return [_visit_from_row(r) for r in rows]

    # -- statistics and bulk -------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        self._require_signed_in()
        counts = self._read(
            "SELECT (SELECT count(*) FROM households), (SELECT count(*) FROM visits), "
            "(SELECT count(*) FROM helpers), (SELECT count(*) FROM posts)"
        )[0]
        stats: dict[str, Any] = {
            "households": counts[0],
            "visits": counts[1],
            "by_outcome": self.count_by_outcome(),
            "helpers": counts[2],
            "posts": counts[3],
            "installation_id": self.installation_id,
            "demo": self.get_setting("demo") == "1",
        }
        if self.can(Permission.MONITOR):
            # The dashboard's own figures: one function computes both.
            dashboard = self.dashboard()
            stats["staff"] = _staff_section(dashboard)
            stats["kelurahan"] = [
                {
                    "kode": k.code,
                    "nama": k.name,
                    **{o: getattr(k.counts, o) for o in _HOUSEHOLD_COUNT_FIELDS},
                    "target": k.target,
                    "batas_waktu": k.deadline.isoformat() if k.deadline else "",
                }
                for k in dashboard.kelurahan
            ]
        return stats

    def is_empty(self) -> bool:
        """No household, visit or post (the accounts' own helper records do not count)."""
        return not self._read(
            "SELECT 1 FROM households UNION ALL SELECT 1 FROM visits "
            "UNION ALL SELECT 1 FROM posts LIMIT 1"
        )
