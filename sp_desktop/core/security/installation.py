"""One installation on one PC: its keyring, its encrypted database, who is signed in.

This is the door to the data for the window and the command line alike: set up once
(`create`), then `open` with a NIP and password (or `recover` with the recovery sheet).
It holds the data folder's instance lock, so a second SP Desktop on the same folder is
told who is using it instead of writing alongside.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from pathlib import Path

from sp_desktop.core.base.data_folder import DB_FILENAME, State, remember_office_name, state
from sp_desktop.core.base.errors import RecordValidationError, UserFacingError
from sp_desktop.core.base.i18n import N_, _
from sp_desktop.core.domain import rules
from sp_desktop.core.domain.model import Account, Helper, new_id
from sp_desktop.core.domain.permissions import Permission, Role
from sp_desktop.core.domain.regions import region_index
from sp_desktop.core.security.instance_lock import InstanceLock
from sp_desktop.core.security.keyring import (
    Keyring,
    LoginAttempts,
    key_fingerprint,
)
from sp_desktop.core.storage import Storage, encrypt_plaintext_database
from sp_desktop.core.trust import audit

MIN_PASSWORD_LENGTH = 8
PROGRAM_APP = N_("aplikasi")
PROGRAM_CLI = N_("baris perintah")


class SetupError(UserFacingError):
    pass


def password_problem(password: str, nip: str = "") -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return _("Kata sandi paling sedikit {length} huruf/angka.").format(
            length=MIN_PASSWORD_LENGTH
        )
    if nip and rules.clean_digits(nip) in password:
        return _("Kata sandi tidak boleh memuat NIP.")
    if password.strip() != password:
        return _("Kata sandi tidak boleh diawali atau diakhiri spasi.")
    return None


@dataclass
class Installation:
    data_dir: Path
    keyring: Keyring
    storage: Storage
    lock: InstanceLock
    _data_key: bytes
    closed: bool = False

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        data_dir: Path,
        *,
        office: str,
        kelurahan_code: str,
        admin: Helper,
        password: str,
        program: str = PROGRAM_APP,
    ) -> tuple[Installation, str]:
        """First run: keyring, encrypted database (old data encrypted), the admin account.

        Returns the installation, signed in as the admin, and the recovery key to print.
        """
        data_dir = Path(data_dir)
        problems = rules.helper_problems(admin)
        if not office.strip():
            problems["office"] = _("Isi nama kantor atau posko.")
        if rules.kelurahan_problem(kelurahan_code) is not None:
            problems["kelurahan_code"] = _("Pilih kelurahan/desa kantor ini.")
        if (problem := password_problem(password, admin.nip)) is not None:
            problems["password"] = problem
        if problems:
            raise RecordValidationError(problems)
        current = state(data_dir)
        if current is State.READY:
            raise SetupError(
                _("SP Desktop di folder ini sudah disiapkan."),
                hint=_("Masuk dengan akun yang ada, atau pakai lembar pemulihan."),
            )
        lock = InstanceLock(data_dir, program=program)  # creates the folder
        lock.acquire()
        try:
            account_id = new_id()
            keyring, data_key, recovery_key = Keyring.create(data_dir, new_id())
            keyring.set_password(account_id, admin.nip, password, data_key)
            # The key file goes first: whatever happens next, the data it locks can be
            # opened. Then old data is encrypted in one rename.
            keyring.save()
            if current is State.UNENCRYPTED:
                Storage(data_dir, key=None).close()  # bring old data to the current schema
                encrypt_plaintext_database(data_dir / DB_FILENAME, data_key)
            storage = Storage(data_dir, key=data_key)
            keyring.installation_id = storage.installation_id
            keyring.save()
            admin = replace(admin, nip=rules.clean_digits(admin.nip), name=admin.name.strip())
            storage.act_as_system(
                Account(
                    helper_id=admin.id,
                    role=Role.ADMIN,
                    id=account_id,
                    nip=admin.nip,
                    name=admin.name,
                )
            )
            storage.bootstrap(
                admin, account_id, office=office.strip(), kelurahan_code=kelurahan_code
            )
            storage.sign_in(account_id)
        except BaseException:
            lock.release()
            raise
        remember_office_name(data_dir, office)
        return cls(data_dir, keyring, storage, lock, data_key), recovery_key

    @classmethod
    def open(
        cls, data_dir: Path, nip: str, password: str, *, program: str = PROGRAM_APP
    ) -> Installation:
        data_dir = Path(data_dir)
        keyring = Keyring.load(data_dir)
        unlocked = keyring.unlock(nip, password)
        return cls._open_with_key(
            data_dir, keyring, unlocked.data_key, unlocked.account_id, program
        )

    @classmethod
    def recover(
        cls,
        data_dir: Path,
        recovery_key: str,
        *,
        admin_nip: str,
        new_password: str,
        program: str = PROGRAM_APP,
    ) -> Installation:
        """Every password lost: the recovery sheet opens the data and gives an admin a new one."""
        data_dir = Path(data_dir)
        keyring = Keyring.load(data_dir)
        data_key = keyring.unlock_recovery(recovery_key)
        lock = InstanceLock(data_dir, program=program)
        lock.acquire()
        try:
            storage = Storage(data_dir, key=data_key, create=False)
            account = storage.account_by_nip(admin_nip)
            if account is None or account.role != Role.ADMIN or not account.active:
                storage.close()
                raise SetupError(
                    _("NIP ini bukan akun admin yang aktif di instalasi ini."),
                    hint=_("Ketik NIP salah satu admin kantor."),
                )
            if (problem := password_problem(new_password, account.nip)) is not None:
                storage.close()
                raise RecordValidationError({"password": problem})
            keyring.set_password(account.id, account.nip, new_password, data_key)
            keyring.save()
            storage.act_as_system(account)
            storage.record_event(audit.RECOVERY, "akun", account.id)
            storage.sign_in(account.id)
        except BaseException:
            lock.release()
            raise
        return cls(data_dir, keyring, storage, lock, data_key)

    @classmethod
    def _open_with_key(
        cls, data_dir: Path, keyring: Keyring, data_key: bytes, account_id: str, program: str
    ) -> Installation:
        lock = InstanceLock(data_dir, program=program)
        lock.acquire()
        try:
            storage = Storage(data_dir, key=data_key, create=False)
            try:
                installation = cls(data_dir, keyring, storage, lock, data_key)
                installation._flush_failed_logins()
                storage.sign_in(account_id)
                # For the next login screen: the name is inside the encrypted database.
                remember_office_name(data_dir, installation.office)
            except BaseException:
                storage.close()
                raise
        except BaseException:
            lock.release()
            raise
        return installation

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(UserFacingError):
            self.storage.sign_out()
        self.storage.close()
        self.lock.release()

    def __enter__(self) -> Installation:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- who is at the PC ----------------------------------------------------------------

    @property
    def account(self) -> Account:
        assert self.storage.actor is not None
        return self.storage.actor

    def lock_screen(self) -> None:
        """The session stays open for the form; the data is closed to everyone until unlock."""
        self.storage.sign_out(reason="layar dikunci")

    def unlock(self, nip: str, password: str) -> Account:
        """Unlock the screen, or switch to another account. Counts failures like a login."""
        try:
            unlocked = self.keyring.unlock(nip, password)
        finally:
            self._flush_failed_logins()
        if self.storage.actor is not None:
            self.storage.sign_out(reason="ganti pengguna")
        return self.storage.sign_in(unlocked.account_id)

    def _flush_failed_logins(self) -> None:
        attempts = LoginAttempts(self.data_dir)
        pending = attempts.pending()
        if not pending:
            return
        by_tag = {s.get("tag"): s["account_id"] for s in self.keyring.slots if s["kind"] == "akun"}
        self.storage.record_failed_logins([(p["at"], by_tag.get(p["tag"], "")) for p in pending])
        attempts.clear_pending(len(pending))

    # -- accounts and passwords ----------------------------------------------------------

    def save_account(
        self, helper: Helper, role: Role, *, password: str | None = None, active: bool = True
    ) -> Account:
        """Create or change an account; a new account needs its first password."""
        is_new = self.storage.account_by_nip(helper.nip) is None
        if is_new:
            problem = (
                password_problem(password, helper.nip)
                if password is not None
                else _("Isi kata sandi pertama untuk akun baru.")
            )
            if problem is not None:
                self.storage._require_account_manager(role)  # a refusal beats a form error
                raise RecordValidationError({"password": problem})
        account = self.storage.save_account(helper, role, active=active)
        if password is not None:
            self.set_password(account.id, password)
        elif not active:
            self.keyring.remove_account(account.id)
            self.keyring.save()
        return account

    def set_password(self, account_id: str, password: str) -> None:
        target = self.storage.check_may_set_password(account_id)
        if (problem := password_problem(password, target.nip)) is not None:
            raise RecordValidationError({"password": problem})
        self.keyring.set_password(target.id, target.nip, password, self._data_key)
        self.keyring.save()
        self.storage.record_password_change(target.id)

    def new_recovery_key(self) -> str:
        """A new recovery sheet; the old sheet stops working."""
        self.storage._require(Permission.SETTINGS)
        recovery_key = self.keyring.set_recovery_key(self._data_key)
        self.keyring.save()
        self.storage.record_event(audit.SETTING, "lembar_pemulihan", "", dibuat_ulang=True)
        return recovery_key

    # -- facts about the installation ----------------------------------------------------

    @property
    def key_fingerprint(self) -> str:
        return key_fingerprint(self._data_key)

    @property
    def office(self) -> str:
        return self.storage.get_setting("office_name")

    @property
    def kelurahan_code(self) -> str:
        return self.storage.get_setting("office_kelurahan")

    def kelurahan_label(self) -> str:
        code = self.kelurahan_code
        region = region_index().get(code) if code else None
        return f"{region.kind} {region.name}" if region else code

    @property
    def data_key(self) -> bytes:
        """For the file vault and backups only."""
        return self._data_key
