"""Accounts, helpers (petugas) and posts (posko), and the first admin's set-up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, TypeVar

from sp_desktop.core.base.errors import NotFoundError, RecordValidationError
from sp_desktop.core.base.i18n import _
from sp_desktop.core.domain import rules
from sp_desktop.core.domain.model import Account, Helper, Post, new_id, utc_now
from sp_desktop.core.domain.permissions import Permission, PermissionDeniedError, Role
from sp_desktop.core.storage.connection import StorageBase
from sp_desktop.core.storage.rows import (
    ACCOUNT_COLUMNS,
    HELPER_COLUMNS,
    POST_COLUMNS,
    _db_value,
    _insert_sql,
)
from sp_desktop.core.trust import audit

# The two record kinds _upsert writes, kept apart for the type checker.
_Listed = TypeVar("_Listed", Helper, Post)


class AccountsMixin(StorageBase):
    # -- accounts ------------------------------------------------------------------------

    def _accounts_unchecked(self) -> list[Account]:
        rows = self._read(
            "SELECT a.id, a.helper_id, a.role, a.active, a.created_at, a.updated_at, a.origin, "
            "h.nip, h.name FROM accounts a JOIN helpers h ON h.id = a.helper_id ORDER BY h.name"
        )
        return [
            Account(
                id=r[0],
                helper_id=r[1],
                role=r[2],
                active=bool(r[3]),
                created_at=r[4],
                updated_at=r[5],
                origin=r[6],
                nip=r[7],
                name=r[8],
            )
            for r in rows
        ]

    def accounts(self) -> list[Account]:
        self._require_signed_in()
        return self._accounts_unchecked()

    def account(self, account_id: str, *, check: bool = True) -> Account:
        if check:
            self._require_signed_in()
        for account in self._accounts_unchecked():
            if account.id == account_id:
                return account
        raise NotFoundError(_("Akun ini tidak ditemukan (mungkin sudah dihapus)."))

    def account_by_nip(self, nip: str) -> Account | None:
        digits = rules.clean_digits(nip)
        return next((a for a in self._accounts_unchecked() if a.nip == digits), None)

    def _require_account_manager(self, role: str) -> Account:
        if role in (Role.HELPER, Role.OPD_ADMIN):
            return self._require(Permission.MANAGE_HELPERS)
        return self._require(Permission.MANAGE_ALL_ACCOUNTS)

    def save_account(self, helper: Helper, role: Role, *, active: bool = True) -> Account:
        """Create or change an account (and its helper record). Passwords: see keyring."""
        if role not in set(Role):
            raise RecordValidationError({"role": _("Pilih peran akun.")})
        existing = self.account_by_nip(helper.nip) if helper.nip else None
        if existing is not None:
            self._require_account_manager(existing.role)
            helper = replace(helper, id=existing.helper_id)
        else:  # a helper who records already, now given an account
            known = self._read(
                "SELECT id FROM helpers WHERE nip = ?", [rules.clean_digits(helper.nip)]
            )
            if known:
                helper = replace(helper, id=known[0][0])
        self._require_account_manager(role)
        stored = next((h for h in self._helpers_unchecked() if h.id == helper.id), None)
        if stored is not None:
            # Fields left empty keep what is stored (a role change must not wipe a phone).
            helper = replace(
                helper,
                name=helper.name or stored.name,
                opd=helper.opd or stored.opd,
                phone=helper.phone or stored.phone,
            )
        if (
            existing is not None
            and self.actor is not None
            and existing.id == self.actor.id
            and (role != existing.role or not active)
        ):
            raise PermissionDeniedError(
                _("Peran dan status akun sendiri tidak bisa diubah."),
                hint=_("Minta admin lain mengubahnya."),
            )
        if (
            existing is not None
            and existing.role == Role.ADMIN
            and (role != Role.ADMIN or not active)
            and self._active_admins() <= 1
        ):
            raise PermissionDeniedError(
                _("Harus ada paling sedikit satu admin aktif."),
                hint=_("Jadikan akun lain admin dulu."),
            )
        helper = self._save_helper_unchecked(helper)
        now = utc_now()
        account = Account(
            helper_id=helper.id,
            role=str(role),
            active=active,
            id=existing.id if existing else new_id(),
            created_at=existing.created_at if existing else now,
            updated_at=now,
            origin=existing.origin if existing else self.installation_id,
            nip=helper.nip,
            name=helper.name,
        )
        values = [_db_value(getattr(account, c)) for c in ACCOUNT_COLUMNS]
        with self._writing() as db:
            if existing is None:
                db.execute(_insert_sql("accounts", ACCOUNT_COLUMNS), values)
                self._audit(db, audit.CREATE, "akun", account.id, {"peran": [None, account.role]})
            else:
                db.execute(
                    "UPDATE accounts SET role = ?, active = ?, updated_at = ? WHERE id = ?",
                    [account.role, int(active), now, account.id],
                )
                change = audit.changes(
                    {"role": existing.role, "active": existing.active},
                    {"role": account.role, "active": account.active},
                )
                if change:
                    self._audit(db, audit.UPDATE, "akun", account.id, change)
        return account

    def bootstrap(
        self, admin: Helper, account_id: str, *, office: str, kelurahan_code: str
    ) -> Account:
        """The first admin account and the office's name, in one transaction (set-up only)."""
        if self._accounts_unchecked():
            raise PermissionDeniedError(
                _("Instalasi ini sudah punya akun."), hint=_("Masuk dengan akun yang ada.")
            )
        problems = rules.helper_problems(admin)
        if problems:
            raise RecordValidationError(problems)
        known = self._read("SELECT id FROM helpers WHERE nip = ?", [admin.nip])
        now = utc_now()
        with self._writing() as db:
            if known:  # data from before accounts: the admin may already be a helper
                admin = replace(admin, id=known[0][0])
                db.execute("UPDATE helpers SET name = ? WHERE id = ?", [admin.name, admin.id])
            else:
                admin = replace(admin, created_at=now, updated_at=now, origin=self.installation_id)
                db.execute(
                    _insert_sql("helpers", HELPER_COLUMNS),
                    [_db_value(getattr(admin, c)) for c in HELPER_COLUMNS],
                )
            account = Account(
                helper_id=admin.id,
                role=Role.ADMIN.value,
                id=account_id,
                created_at=now,
                updated_at=now,
                origin=self.installation_id,
                nip=admin.nip,
                name=admin.name,
            )
            db.execute(
                _insert_sql("accounts", ACCOUNT_COLUMNS),
                [_db_value(getattr(account, c)) for c in ACCOUNT_COLUMNS],
            )
            self._put_setting(db, "office_name", office)
            self._put_setting(db, "office_kelurahan", kelurahan_code)
            self.actor = account
            self._audit(
                db,
                audit.CREATE,
                "instalasi",
                self.installation_id,
                {"kantor": office, "kelurahan": kelurahan_code, "admin": account.label()},
            )
        return account

    def _active_admins(self) -> int:
        return sum(1 for a in self._accounts_unchecked() if a.active and a.role == Role.ADMIN)

    def record_password_change(self, account_id: str) -> None:
        with self._writing() as db:
            self._audit(db, audit.PASSWORD, "akun", account_id, {})

    def check_may_set_password(self, account_id: str) -> Account:
        """Own password: anyone. Someone else's: whoever may manage that account's role."""
        actor = self._require_signed_in()
        target = self.account(account_id)
        if target.id != actor.id:
            self._require_account_manager(target.role)
        return target

    # -- helpers and posts --------------------------------------------------------------

    def save_helper(self, helper: Helper) -> Helper:
        self._require(Permission.MANAGE_HELPERS)
        return self._save_helper_unchecked(helper)

    def _save_helper_unchecked(self, helper: Helper) -> Helper:
        problems = rules.helper_problems(helper)
        helper = replace(helper, nip=rules.clean_digits(helper.nip), name=helper.name.strip())
        clash = self._read(
            "SELECT 1 FROM helpers WHERE nip = ? AND id != ?", [helper.nip, helper.id]
        )
        if clash and "nip" not in problems:
            problems["nip"] = _("NIP ini sudah terdaftar untuk petugas lain.")
        if problems:
            raise RecordValidationError(problems)
        return self._upsert("helpers", HELPER_COLUMNS, helper)

    def save_post(self, post: Post) -> Post:
        self._require(Permission.MANAGE_HELPERS)
        problems = rules.post_problems(post)
        if problems:
            raise RecordValidationError(problems)
        post = replace(post, name=post.name.strip())
        clash = self._read(
            "SELECT 1 FROM posts WHERE name = ? AND kelurahan_code = ? AND id != ?",
            [post.name, post.kelurahan_code, post.id],
        )
        if clash:
            raise RecordValidationError(
                {"name": _("Posko dengan nama ini sudah ada di kelurahan itu.")}
            )
        return self._upsert("posts", POST_COLUMNS, post)

    def _upsert(self, table: str, columns: Sequence[str], record: _Listed) -> _Listed:
        now = utc_now()
        entity = {"helpers": "petugas", "posts": "posko"}[table]
        existing = self._read(f"SELECT {', '.join(columns)} FROM {table} WHERE id = ?", [record.id])
        if existing:
            old = dict(zip(columns, existing[0], strict=True))
            record = replace(
                record, created_at=old["created_at"], origin=old["origin"], updated_at=now
            )
            sets = ", ".join(f"{c} = ?" for c in columns if c != "id")
            values: list[Any] = [_db_value(getattr(record, c)) for c in columns if c != "id"]
            new = {c: _db_value(getattr(record, c)) for c in columns}
            with self._writing() as db:
                db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values, record.id])
                if change := audit.changes(old, new):
                    self._audit(db, audit.UPDATE, entity, record.id, change)
        else:
            record = replace(record, created_at=now, updated_at=now, origin=self.installation_id)
            new = {c: _db_value(getattr(record, c)) for c in columns}
            with self._writing() as db:
                db.execute(
                    _insert_sql(table, columns), [_db_value(getattr(record, c)) for c in columns]
                )
                self._audit(db, audit.CREATE, entity, record.id, audit.changes(None, new))
        return record

    def helpers(self) -> list[Helper]:
        self._require_signed_in()
        return self._helpers_unchecked()

    def _helpers_unchecked(self) -> list[Helper]:
        rows = self._read(f"SELECT {', '.join(HELPER_COLUMNS)} FROM helpers ORDER BY name")
        return [Helper(**dict(zip(HELPER_COLUMNS, row, strict=True))) for row in rows]

    def posts(self) -> list[Post]:
        self._require_signed_in()
        rows = self._read(f"SELECT {', '.join(POST_COLUMNS)} FROM posts ORDER BY name")
        return [Post(**dict(zip(POST_COLUMNS, row, strict=True))) for row in rows]
