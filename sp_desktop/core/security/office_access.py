"""What a sign-in may reach beyond the data key: the grant check, the office's sealed keys,
tier delivery and the key-file check (see trust/office_keys.py for the model).

The database opens with every account's password, so it cannot be the judge of roles: a
lower role can rewrite it. Judged instead by keys it does not hold:

- an account's role counts only with a grant that verifies against the root key its own
  slot names (its anchor); a role rewritten in the database is refused at sign-in;
- the office's private keys open only with the tier keys sealed to coordinators' and
  admins' own identities;
- the key slots are checked against what a key holder last recorded (signed), so a
  removed or replaced slot (the recovery sheet's, above all) is reported to the admin.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from sp_desktop.core.base.encoding import unb64
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.i18n import _
from sp_desktop.core.domain.model import Account
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.keyring import Keyring, Unlocked
from sp_desktop.core.storage import Storage
from sp_desktop.core.trust import audit
from sp_desktop.core.trust.office_keys import (
    ROLE_TIERS,
    ROOT,
    TIER_ADMIN,
    TIER_OFFICE,
    GrantSubject,
    OfficeSecrets,
    certify_helper_key,
    grant_verifies,
    new_signing_key,
    new_tier_key,
    open_secrets,
    public_of,
    seal_secrets,
    sign_exchange_key,
    sign_grant,
)
from sp_desktop.core.trust.sealed import recipient_of

RECOVERY_SLOT_SETTING = "recovery_slot"


class TamperedGrantError(UserFacingError):
    """The account's role in the database is not one a key holder granted."""


def tampered_grant() -> TamperedGrantError:
    return TamperedGrantError(
        _("Peran akun ini di basis data tidak sah: data akun diubah di luar SP Desktop."),
        hint=_(
            "Akun ini tidak dibuka. Laporkan ke admin kantor; admin dapat menyimpan ulang "
            "akun ini di menu Akun."
        ),
    )


def subject(account: Account, recipient: str) -> GrantSubject:
    return GrantSubject(account.id, account.nip, account.role, account.active, recipient)


@dataclass
class Session:
    """The keys one sign-in opened: its slot (identity, anchor, tier keys) and the office's
    private keys those tiers reach."""

    unlocked: Unlocked
    secrets: OfficeSecrets | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def tiers(self) -> dict[str, bytes]:
        return self.unlocked.tiers


# -- at sign-in -----------------------------------------------------------------------------


def check_grant(storage: Storage, unlocked: Unlocked, account: Account) -> None:
    """Refuse (and audit) a role that no key holder granted. Before the office's keys were
    sealed (an installation not yet upgraded) there is nothing to check against."""
    if not account.active:
        return  # refused by sign_in, in its own words
    published = storage.published_keys()
    anchor_root = unlocked.anchor.get(ROOT)
    if published is None:
        # Nothing to check against: an installation not yet upgraded, or data restored
        # from a backup made before it was (see keys_missing: reported, then sealed again).
        return
    if not published.verifies(storage.installation_id, anchor_root):
        _refuse(storage, account, "kunci_kantor_diubah")
    recipient, grant = storage.account_grants().get(account.id, ("", ""))
    if not grant_verifies(subject(account, recipient), grant, storage.installation_id, published):
        _refuse(storage, account, "hibah_tidak_sah")


def _refuse(storage: Storage, account: Account, reason: str) -> None:
    storage.act_as_system(account)
    try:
        storage.record_event(audit.LOGIN_FAILED, "akun", account.id, sebab=reason)
    finally:
        storage.actor = None
    raise tampered_grant()


def keys_missing(storage: Storage, unlocked: Unlocked) -> str | None:
    """What to tell a key holder when the slot knows the office keys were sealed but the
    data no longer has them (restored from an older backup, or removed)."""
    if unlocked.anchor.get(ROOT) and storage.published_keys() is None:
        return _(
            "Kunci kantor tidak ada lagi di data ini (data dipulihkan dari cadangan lama, atau "
            "dihapus di luar SP Desktop). Admin menyegelnya lagi saat masuk; akun koordinator "
            "lain perlu kata sandi baru dari admin."
        )
    return None


def open_office(storage: Storage, session: Session) -> None:
    """Open the office's private keys this session's tiers reach, for storage to use."""
    if not session.tiers or not storage.office_keys_sealed():
        storage.use_office_secrets(None)
        return
    secrets = open_secrets(storage.sealed_office_secrets(), session.tiers, storage.installation_id)
    session.secrets = secrets
    storage.use_office_secrets(secrets)
    # A key holder moves the signed witness on with each entry, but never over a trail
    # found cut or rewritten since the last one: that evidence stays for the admin.
    if storage.witness_holds():
        storage.start_witnessing()
    else:
        session.problems.append(
            _(
                "Jejak audit dipotong atau ditulis ulang sejak saksi bertanda tangan terakhir. "
                "Buka Jejak audit, pilih Periksa keutuhan, dan simpan cadangan terakhir."
            )
        )


def seal_office(
    storage: Storage, keyring: Keyring, session: Session, *, signing: bytes | None
) -> None:
    """Create the office's keys and tier keys (a new office, or the first admin sign-in
    after the update), seal them, sign every account's grant and give the signed-in
    admin both tiers. The roles stored at this moment are taken as they are; the other
    coordinators and admins receive their tiers with a new password from an admin."""
    secrets = OfficeSecrets.new(signing)
    assert secrets.root is not None
    tiers = {TIER_OFFICE: new_tier_key(), TIER_ADMIN: new_tier_key()}
    installation_id = storage.installation_id
    published = secrets.published().signed(secrets.root, installation_id)
    # Only this session's own key pair is proven (by the unlock); another account's grant
    # names no recipient until an admin gives it a new password (kunci.json is not trusted).
    me = session.unlocked
    grants = {}
    for account in storage.accounts():
        recipient = recipient_of(me.identity) if account.id == me.account_id else ""
        grants[account.id] = (
            recipient,
            sign_grant(subject(account, recipient), installation_id, secrets),
        )
    # The keys first: the entry sealing them is the trail's first signed witness.
    storage.use_office_secrets(secrets)
    storage.start_witnessing()
    helper_private = new_signing_key()
    helper_public = public_of(helper_private)
    assert secrets.signing is not None
    helper_key = (helper_private, helper_public, certify_helper_key(secrets.signing, helper_public))
    storage.seal_office_keys(
        seal_secrets(secrets, tiers, installation_id),
        published,
        grants,
        helper_key,
        sign_exchange_key(secrets.signing, published.exchange),
    )
    session.unlocked.tiers = dict(tiers)
    session.unlocked.anchor = secrets.anchor()
    session.secrets = secrets


def settle(storage: Storage, keyring: Keyring, session: Session) -> bool:
    """As a key holder: give each account exactly the tiers its granted role holds (those
    this session has), only on the recipient its grant names, and re-sign this session's
    own grant when its key pair is new. Returns True when the key file changed (save it).

    A grant names its account's recipient because `kunci.json` is not trusted: a recipient
    found only there (a slot from before the upgrade, or one swapped in by someone else) is
    never sealed to. Such an account gets its tiers when an admin gives it a new password
    (check_slots says which)."""
    secrets = session.secrets
    published = storage.published_keys()
    if secrets is None or published is None or not session.tiers:
        return False
    installation_id = storage.installation_id
    unlocked = session.unlocked
    # Proven by the unlock itself: the key pair in this account's own slot (not the
    # recovery sheet's, standing in for it).
    own = recipient_of(unlocked.identity) if unlocked.identity else ""
    changed = False
    stored = storage.account_grants()
    for account in storage.accounts():
        recipient, grant = stored.get(account.id, ("", ""))
        if not grant_verifies(subject(account, recipient), grant, installation_id, published):
            continue  # reported by check_slots; never delivered to
        mine = account.id == unlocked.account_id and own == keyring.recipient(account.id)
        if mine and own != recipient:
            try:
                grant = sign_grant(subject(account, own), installation_id, secrets)
            except ValueError:
                continue
            storage.set_account_grants({account.id: (own, grant)})
            recipient = own
        if not recipient or recipient != keyring.recipient(account.id):
            continue
        wanted = set(ROLE_TIERS[Role(account.role)]) if account.active else set()
        if wanted - set(session.tiers):
            continue  # a coordinator cannot hand out the admin tier
        if keyring.tiers_of(account.id) != wanted:
            keyring.deliver(account.id, {t: session.tiers[t] for t in wanted})
            changed = True
    # The recovery slot only as this office made it (signed record): one a petugas put in
    # with their own key would otherwise be handed the admin tiers here.
    admin_tiers = set(ROLE_TIERS[Role.ADMIN])
    if (
        set(session.tiers) >= admin_tiers
        and keyring.tiers_of("") != admin_tiers
        and recovery_intact(storage, keyring)
    ):
        keyring.deliver("", {t: session.tiers[t] for t in admin_tiers})
        changed = True
    return changed


# -- the key file's check -------------------------------------------------------------------


def _slot_digest(slot: dict[str, object]) -> str:
    # What its maker set and nobody else can change unseen; not its tiers (delivered later).
    fixed = {k: slot.get(k) for k in ("id", "kind", "kdf", "nonce", "wrapped", "recipient")}
    return hashlib.sha256(
        json.dumps(fixed, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()


def record_recovery_slot(storage: Storage, keyring: Keyring, secrets: OfficeSecrets) -> None:
    """Remember the recovery slot this session just made, signed by the office key: a later
    removal or replacement by someone without that key shows in check_slots."""
    from sp_desktop.core.trust.signing import Signer

    slot = keyring.slot_of("")
    if slot is None or secrets.signing is None:
        return
    digest = _slot_digest(slot)
    signature = Signer(secrets.signing).sign(f"{storage.installation_id}|{digest}".encode())
    storage.put_key_record(
        RECOVERY_SLOT_SETTING, json.dumps({"slot": digest, "ttd": signature.hex()})
    )


def recovery_intact(storage: Storage, keyring: Keyring) -> bool:
    """The recovery slot is the one a key holder of this office recorded."""
    from sp_desktop.core.trust.signing import PublicKey

    published = storage.published_keys()
    slot = keyring.slot_of("")
    record = storage.get_setting(RECOVERY_SLOT_SETTING)
    if published is None or slot is None or not record:
        return False
    try:
        data = json.loads(record)
        return bool(data["slot"] == _slot_digest(slot)) and PublicKey(
            unb64(published.signing)
        ).verifies(
            bytes.fromhex(str(data["ttd"])),
            f"{storage.installation_id}|{data['slot']}".encode(),
        )
    except (KeyError, ValueError, TypeError):
        return False


def check_slots(storage: Storage, keyring: Keyring) -> list[str]:
    """What is wrong with the key file, in words for the admin (empty when all is well)."""
    problems: list[str] = []
    published = storage.published_keys()
    accounts = storage.accounts()
    grants = storage.account_grants()
    for account in accounts:
        if account.active and not keyring.has_account(account.id):
            problems.append(
                _("Kunci akun {name} hilang dari kunci.json: akun itu tidak bisa masuk.").format(
                    name=account.name
                )
            )
        if published is not None:
            recipient, grant = grants.get(account.id, ("", ""))
            if not grant_verifies(
                subject(account, recipient), grant, storage.installation_id, published
            ):
                problems.append(
                    _("Peran akun {name} diubah di luar SP Desktop (tidak sah).").format(
                        name=account.name
                    )
                )
            elif (
                account.active
                and ROLE_TIERS[Role(account.role)]
                and (not recipient or recipient != keyring.recipient(account.id))
            ):
                problems.append(
                    _(
                        "Akun {name} belum memegang kunci kantor: beri akun itu kata sandi "
                        "baru di Akun › Kelola akun."
                    ).format(name=account.name)
                )
    if not keyring.verify_checksums():
        problems.append(_("Ada kunci di kunci.json yang rusak atau diubah."))
    recovery = keyring.slot_of("")
    if recovery is None:
        problems.append(
            _("Kunci lembar pemulihan hilang dari kunci.json: lembar pemulihan tidak berlaku.")
        )
    elif published is not None:
        if not recovery.get("recipient") or not storage.get_setting(RECOVERY_SLOT_SETTING):
            problems.append(
                _(
                    "Lembar pemulihan dibuat sebelum kunci kantor disegel: cetak lembar "
                    "pemulihan baru (Akun › Buat lembar pemulihan baru)."
                )
            )
        elif not recovery_intact(storage, keyring):
            problems.append(
                _(
                    "Kunci lembar pemulihan di kunci.json diganti di luar SP Desktop: lembar "
                    "pemulihan mungkin tidak berlaku. Cetak lembar pemulihan baru."
                )
            )
    return problems


def report_problems(storage: Storage, problems: Sequence[str]) -> None:
    """Write a new set of problems into the audit trail once (not at every sign-in)."""
    digest = hashlib.sha256("\n".join(problems).encode()).hexdigest() if problems else ""
    if storage.get_setting("key_check_reported") == digest:
        return
    if problems:
        storage.record_event(
            audit.SETTING, "kunci.json", "", masalah=len(problems), pemeriksaan="gagal"
        )
    storage.put_key_record("key_check_reported", digest)
