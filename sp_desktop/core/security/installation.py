"""One installation on one PC: its keyring, its encrypted database, who is signed in.

This is the door to the data for the window and the command line alike: set up once
(`create`), then `open` with a NIP and password (or `recover` with the recovery sheet).
It holds the data folder's instance lock, so a second SP Desktop on the same folder is
told who is using it instead of writing alongside.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from sp_desktop.core.base.data_folder import DB_FILENAME, State, remember_office_name, state
from sp_desktop.core.base.errors import RecordValidationError, UserFacingError
from sp_desktop.core.base.i18n import N_, _
from sp_desktop.core.domain import rules
from sp_desktop.core.domain.model import Account, Helper, new_id
from sp_desktop.core.domain.permissions import Permission, Role
from sp_desktop.core.domain.regions import region_index
from sp_desktop.core.security import office_access
from sp_desktop.core.security.instance_lock import InstanceLock
from sp_desktop.core.security.keyring import (
    Keyring,
    LoginAttempts,
    Unlocked,
    key_fingerprint,
)
from sp_desktop.core.security.office_access import Session
from sp_desktop.core.storage import Storage, encrypt_plaintext_database
from sp_desktop.core.trust import audit
from sp_desktop.core.trust.office_keys import ROLE_TIERS, grant_verifies, sign_grant
from sp_desktop.core.trust.sealed import new_identity, recipient_of

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
    session: Session
    closed: bool = False
    # What is wrong with the key file (kunci.json), for a coordinator or admin to see.
    key_problems: list[str] = field(default_factory=list)

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
            identity = new_identity()
            keyring, data_key, recovery_key = Keyring.create(data_dir, new_id())
            keyring.set_password(account_id, admin.nip, password, data_key, identity=identity)
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
            # The office's keys, sealed to the admin's tiers; the admin's slot and a new
            # recovery slot (the key shown is this one) carry the root as their anchor.
            session = Session(Unlocked(account_id, data_key, identity))
            office_access.seal_office(
                storage, keyring, session, signing=storage.legacy_signing_key()
            )
            keyring.set_password(
                account_id,
                admin.nip,
                password,
                data_key,
                identity=identity,
                anchor=session.unlocked.anchor,
            )
            recovery_key = keyring.set_recovery_key(
                data_key, anchor=session.unlocked.anchor, tiers=session.tiers
            )
            assert session.secrets is not None
            office_access.record_recovery_slot(storage, keyring, session.secrets)
            office_access.settle(storage, keyring, session)
            keyring.save()
        except BaseException:
            lock.release()
            raise
        remember_office_name(data_dir, office)
        return cls(data_dir, keyring, storage, lock, data_key, session), recovery_key

    @classmethod
    def open(
        cls, data_dir: Path, nip: str, password: str, *, program: str = PROGRAM_APP
    ) -> Installation:
        data_dir = Path(data_dir)
        keyring = Keyring.load(data_dir)
        unlocked = keyring.unlock(nip, password)
        return cls._open_with_key(data_dir, keyring, unlocked, program, password=password)

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
        recovered = keyring.open_recovery(recovery_key)
        data_key = recovered.data_key
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
            # The sheet stands in for the admin: its anchor and tiers go to their new slot.
            identity = new_identity()
            keyring.set_password(
                account.id,
                account.nip,
                new_password,
                data_key,
                identity=identity,
                anchor=recovered.anchor,
            )
            keyring.deliver(account.id, recovered.tiers)
            keyring.save()
            storage.act_as_system(account)
            storage.record_event(audit.RECOVERY, "akun", account.id)
            session = Session(
                Unlocked(account.id, data_key, identity, recovered.anchor, recovered.tiers)
            )
            installation = cls(data_dir, keyring, storage, lock, data_key, session)
            installation._begin(new_password)
        except BaseException:
            lock.release()
            raise
        return installation

    @classmethod
    def _open_with_key(
        cls,
        data_dir: Path,
        keyring: Keyring,
        unlocked: Unlocked,
        program: str,
        *,
        password: str,
    ) -> Installation:
        lock = InstanceLock(data_dir, program=program)
        lock.acquire()
        try:
            storage = Storage(data_dir, key=unlocked.data_key, create=False)
            try:
                installation = cls(
                    data_dir, keyring, storage, lock, unlocked.data_key, Session(unlocked)
                )
                installation._flush_failed_logins()
                installation._begin(password)
                # For the next login screen: the name is inside the encrypted database.
                remember_office_name(data_dir, installation.office)
            except BaseException:
                storage.close()
                raise
        except BaseException:
            lock.release()
            raise
        return installation

    def _begin(self, password: str) -> None:
        """Sign in the session's account: its grant checked first, then the keys its tiers
        reach; a key holder settles the other accounts' tiers; the key file is checked."""
        storage, keyring, unlocked = self.storage, self.keyring, self.session.unlocked
        account = storage.account(unlocked.account_id, check=False)
        office_access.check_grant(storage, unlocked, account)
        storage.sign_in(account.id)
        if (missing := office_access.keys_missing(storage, unlocked)) is not None:
            self.session.problems.append(missing)
        changed = False
        if not unlocked.identity and password:
            # A slot from before 0007: give its owner a key pair (their grant follows it
            # at a key holder's next sign-in).
            unlocked.identity = new_identity()
            anchor = {}
            if (published := storage.published_keys()) is not None:
                anchor = {"akar": published.root}
            keyring.set_password(
                account.id, account.nip, password, self._data_key,
                identity=unlocked.identity, anchor=anchor,
            )  # fmt: skip
            unlocked.anchor = anchor
            changed = True
        storage.use_own_identity(unlocked.identity)
        if not storage.office_keys_sealed() and account.role == Role.ADMIN:
            # The first admin sign-in after the update seals the office's keys.
            office_access.seal_office(
                storage, keyring, self.session, signing=storage.legacy_signing_key()
            )
            if password and unlocked.identity:
                keyring.set_password(
                    account.id, account.nip, password, self._data_key,
                    identity=unlocked.identity, anchor=unlocked.anchor,
                )  # fmt: skip
            changed = True
        else:
            office_access.open_office(storage, self.session)
            published = storage.published_keys()
            if password and unlocked.identity and published and not unlocked.anchor:
                # A slot given its key pair before the office keys were sealed: from now
                # on it checks against this root (as the upgrade took the roles on trust).
                unlocked.anchor = {"akar": published.root}
                keyring.set_password(
                    account.id, account.nip, password, self._data_key,
                    identity=unlocked.identity, anchor=unlocked.anchor,
                )  # fmt: skip
                changed = True
        changed = office_access.settle(storage, keyring, self.session) or changed
        if changed:
            keyring.save()
        self._check_keys(report=True)
        # Proof files and stored revisions an earlier version kept in clear: sealed at the
        # first sign-in that finds them (public keys suffice, so whoever signs in first).
        storage.seal_clear_data()

    def _check_keys(self, *, report: bool = False) -> None:
        """The key file's check, for a coordinator or admin to see (and, at sign-in, for the
        trail); again after this session changes a slot."""
        problems = office_access.check_slots(self.storage, self.keyring) + self.session.problems
        if report:
            office_access.report_problems(self.storage, problems)
        self.key_problems = problems if self.account.role in (Role.COORDINATOR, Role.ADMIN) else []

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
        self.session = Session(unlocked)
        self._begin(password)
        return self.account

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
        before = self.storage.account_by_nip(helper.nip) if helper.nip else None
        account = self.storage.save_account(helper, role, active=active)
        if password is not None and active:
            self.set_password(account.id, password)
            return self.storage.account(account.id)
        if not active:
            self.keyring.remove_account(account.id)
            self.keyring.save()
        self._regrant(self.storage.account(account.id), self._granted_recipient(before))
        self._check_keys()
        return self.storage.account(account.id)

    def _granted_recipient(self, before: Account | None) -> str:
        """The recipient the account's grant named before this change, if that grant held
        and its slot still names it: the only recipient a promotion may seal tiers to
        (kunci.json alone is not trusted)."""
        published = self.storage.published_keys()
        if before is None or published is None:
            return ""
        recipient, grant = self.storage.account_grants().get(before.id, ("", ""))
        held = grant_verifies(
            office_access.subject(before, recipient), grant, self.storage.installation_id, published
        )
        return recipient if held and recipient == self.keyring.recipient(before.id) else ""

    def _regrant(self, account: Account, recipient: str) -> None:
        """Sign the account's grant for its role and key pair, and give its slot that role's
        tiers (only on a `recipient` this session trusts: one it made, or one the previous
        grant named). Before the office keys are sealed there is nothing to sign."""
        storage, secrets = self.storage, self.session.secrets
        if storage.published_keys() is None or secrets is None:
            return
        grant = sign_grant(
            office_access.subject(account, recipient), storage.installation_id, secrets
        )
        before, _grant = storage.account_grants().get(account.id, ("", ""))
        storage.set_account_grants({account.id: (recipient, grant)})
        if recipient and (recipient != before or account.role == Role.OPD_ADMIN):
            # Its proof files follow a new key pair (sealed to one it may no longer hold);
            # an Admin OPD's also follow a change of office.
            storage.reseal_proofs_for(account.id)
        wanted = set(ROLE_TIERS[Role(account.role)]) if account.active else set()
        if (
            recipient
            and recipient == self.keyring.recipient(account.id)
            and not wanted - set(self.session.tiers)
        ):
            self.keyring.deliver(account.id, {t: self.session.tiers[t] for t in wanted})
            self.keyring.save()

    def set_password(self, account_id: str, password: str) -> None:
        target = self.storage.check_may_set_password(account_id)
        if (problem := password_problem(password, target.nip)) is not None:
            raise RecordValidationError({"password": problem})
        unlocked = self.session.unlocked
        own = target.id == unlocked.account_id
        # Someone else's password: a new key pair for them (their old one stays theirs).
        identity = unlocked.identity if own and unlocked.identity else new_identity()
        self.keyring.set_password(
            target.id, target.nip, password, self._data_key,
            identity=identity, anchor=unlocked.anchor,
        )  # fmt: skip
        self.keyring.save()
        if own:
            unlocked.identity = identity
        else:  # a key pair this session just made: trusted
            self._regrant(self.storage.account(target.id), recipient_of(identity))
        self.storage.record_password_change(target.id)
        self._check_keys()

    def new_recovery_key(self) -> str:
        """A new recovery sheet; the old sheet stops working."""
        self.storage._require(Permission.SETTINGS)
        recovery_key = self.keyring.set_recovery_key(
            self._data_key, anchor=self.session.unlocked.anchor, tiers=self.session.tiers
        )
        self.keyring.save()
        if self.session.secrets is not None:
            office_access.record_recovery_slot(self.storage, self.keyring, self.session.secrets)
        self.storage.record_event(audit.SETTING, "lembar_pemulihan", "", dibuat_ulang=True)
        self._check_keys()
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
