"""The installation's signing key, trusted keys of other offices, and issued slips."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sp_desktop.core.base.i18n import _
from sp_desktop.core.domain.model import Account, utc_now
from sp_desktop.core.domain.permissions import Permission, PermissionDeniedError
from sp_desktop.core.storage.connection import StorageBase
from sp_desktop.core.trust import audit
from sp_desktop.core.trust.office_keys import OfficeSecrets, Published
from sp_desktop.core.trust.signing import KeyRing, PublicKey, Signer, TrustedKey, key_id_of

if TYPE_CHECKING:
    import sqlite_utils


class KeysMixin(StorageBase):
    # -- signing key, trusted keys and slips -------------------------------------------------

    def signer(self) -> Signer:
        """The office's private key, for signing what this signed-in account issues.

        Once the office keys are sealed (0007) only a session whose tier opened them has it;
        before that, the key still in `signing_keys` serves."""
        self._require_signed_in()
        if self._office is not None and self._office.signing is not None:
            private = self._office.signing
        else:
            row = self._read("SELECT private_key FROM signing_keys WHERE own = 1")
            if not row or row[0][0] is None:
                raise PermissionDeniedError(
                    _("Akun ini tidak memegang kunci tanda tangan kantor."),
                    hint=_("Minta koordinator atau admin kantor membuat dokumen ini."),
                )
            private = bytes(row[0][0])
        return Signer(
            private,
            office=self._get_setting("office_name"),
            kelurahan_code=self._get_setting("office_kelurahan"),
        )

    def document_signer(self) -> Signer:
        """For what any account may issue (proof slips, working lists, evaluations): the
        office key when this session holds it, else the helpers' key, which the office key
        certified for these documents only. Before the upgrade, the office key as before."""
        if self._office is not None and self._office.signing is not None:
            return self.signer()
        self._require_signed_in()
        row = self._read("SELECT private_key FROM signing_keys WHERE own = 2")
        if not row or row[0][0] is None:
            return self.signer()
        return Signer(
            bytes(row[0][0]),
            office=self._get_setting("office_name"),
            kelurahan_code=self._get_setting("office_kelurahan"),
        )

    def own_public_key(self) -> PublicKey:
        """Readable without signing in: the fingerprint shows on the login window. With the
        exchange key and the helpers' key, each vouched for by the office key (0007)."""
        row = self._read(
            "SELECT public_key, exchange_key, certificate FROM signing_keys WHERE own = 1"
        )
        helper = self._read("SELECT public_key, certificate FROM signing_keys WHERE own = 2")
        return PublicKey(
            bytes(row[0][0]),
            office=self._get_setting("office_name"),
            kelurahan_code=self._get_setting("office_kelurahan"),
            exchange=row[0][1] if row[0][2] else "",
            exchange_signature=row[0][2],
            helper_key=bytes(helper[0][0]) if helper else b"",
            helper_certificate=helper[0][1] if helper else "",
        )

    def trusted_keys(self) -> list[TrustedKey]:
        """This installation's own key first, then imported ones by office."""
        self._require_signed_in()
        own = self.own_public_key()
        rows = self._read(
            "SELECT public_key, office, kelurahan_code, added_at, added_by, exchange_key "
            "FROM signing_keys WHERE own = 0 AND kind = 'kantor' ORDER BY office, added_at"
        )
        return [TrustedKey(own, own=True, added_at="", added_by="")] + [
            TrustedKey(
                PublicKey(bytes(r[0]), office=r[1], kelurahan_code=r[2], exchange=r[5] or ""),
                False,
                r[3],
                r[4],
            )
            for r in rows
        ]

    def key_ring(self) -> KeyRing:
        """Every key a signature here may verify against: the offices' keys and the helpers'
        keys they certified (this office's and those imported with their office's key)."""
        helpers = self._read(
            "SELECT public_key, office, kelurahan_code FROM signing_keys WHERE kind = 'petugas'"
        )
        own = self.own_public_key()
        helper_keys = [
            PublicKey(
                bytes(r[0]), office=r[1] or own.office, kelurahan_code=r[2] or own.kelurahan_code
            )
            for r in helpers
        ]
        return KeyRing(
            [k.key for k in self.trusted_keys()] + helper_keys,
            helper_ids=frozenset(k.key_id for k in helper_keys),
        )

    def trust_key(self, key: PublicKey) -> bool:
        """Trust another office's public key; False when it was already known."""
        actor = self._require(Permission.SETTINGS)
        with self._writing() as db:
            return self._trust_key(db, key, actor)

    def _trust_key(self, db: sqlite_utils.Database, key: PublicKey, actor: Account) -> bool:
        if key.helper_key:  # parse_public_key checked its certificate
            self._trust_helper_key(db, key)
        known = db.execute(
            "SELECT own, exchange_key FROM signing_keys WHERE key_id = ?", [key.key_id]
        ).fetchone()
        if known:
            # A newer .spkunci of a known office brings (or renews) its exchange key; a QR
            # text or an older file carries none and leaves the stored one as it is.
            if known[0] == 0 and key.exchange and key.exchange != known[1]:
                db.execute(
                    "UPDATE signing_keys SET exchange_key = ? WHERE key_id = ? AND own = 0",
                    [key.exchange, key.key_id],
                )
                self._audit(
                    db, audit.SETTING, "kunci_tepercaya", key.key_id,
                    {"kantor": key.office, "sidik": key.fingerprint,
                     "tindakan": "kunci_pertukaran_diperbarui"},
                )  # fmt: skip
                return True
            return False
        db.execute(
            "INSERT INTO signing_keys (key_id, public_key, office, kelurahan_code, added_at, "
            "added_by, exchange_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                key.key_id, key.raw, key.office, key.kelurahan_code, utc_now(), actor.label(),
                key.exchange,
            ],
        )  # fmt: skip
        self._audit(
            db, audit.SETTING, "kunci_tepercaya", key.key_id,
            {"kantor": key.office, "sidik": key.fingerprint, "tindakan": "ditambahkan"},
        )  # fmt: skip
        return True

    @staticmethod
    def _trust_helper_key(db: sqlite_utils.Database, key: PublicKey) -> None:
        """The helpers' key of a trusted office: its slips verify here too (never a package)."""
        db.execute("DELETE FROM signing_keys WHERE parent = ? AND own = 0", [key.key_id])
        db.execute(
            "INSERT OR IGNORE INTO signing_keys (key_id, public_key, office, kelurahan_code, "
            "added_at, kind, certificate, parent) VALUES (?, ?, ?, ?, ?, 'petugas', ?, ?)",
            [
                key_id_of(key.helper_key), key.helper_key, key.office, key.kelurahan_code,
                utc_now(), key.helper_certificate, key.key_id,
            ],
        )  # fmt: skip

    def distrust_key(self, key_id: str) -> None:
        self._require(Permission.SETTINGS)
        with self._writing() as db:
            cursor = db.execute("DELETE FROM signing_keys WHERE key_id = ? AND own = 0", [key_id])
            db.execute("DELETE FROM signing_keys WHERE parent = ? AND own = 0", [key_id])
            if cursor.rowcount:
                self._audit(db, audit.SETTING, "kunci_tepercaya", key_id, {"tindakan": "dihapus"})

    def register_slips(self, slips: Sequence[tuple[str, str, str]]) -> None:
        """Record issued slips as (visit id, QR text, short code), with one audit entry."""
        actor = self._require(Permission.RECORD)
        if not slips:
            return
        now = utc_now()
        key_id = self.own_public_key().key_id
        with self._writing() as db:
            db.conn.executemany(
                "INSERT INTO slips (code, visit_id, qr_text, key_id, first_issued_at, issued_by) "
                "VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (code) DO UPDATE SET times_issued = times_issued + 1",
                [(code, visit_id, qr, key_id, now, actor.id) for visit_id, qr, code in slips],
            )
            self._audit(
                db,
                audit.PRINT,
                "bukti_pendampingan",
                slips[0][0] if len(slips) == 1 else "",
                {"jumlah": len(slips)},
            )

    def slip_by_code(self, code: str) -> tuple[str, str] | None:
        """(visit id, QR text) of a slip issued here with this short code."""
        self._require_signed_in()
        rows = self._read("SELECT visit_id, qr_text FROM slips WHERE code = ?", [code])
        return (rows[0][0], rows[0][1]) if rows else None

    def visit_outcome(self, visit_id: str) -> str | None:
        """The outcome now stored for a visit, or None when this PC does not have it."""
        self._require_signed_in()
        rows = self._read("SELECT outcome FROM visits WHERE id = ?", [visit_id])
        return rows[0][0] if rows else None

    # -- the office's sealed keys and role grants (trust/office_keys.py) -----------------------

    def office_keys_sealed(self) -> bool:
        """True once the office's private keys left `signing_keys` for `office_secrets`."""
        return bool(self._read("SELECT 1 FROM office_secrets LIMIT 1"))

    def sealed_office_secrets(self) -> list[tuple[str, str, bytes, bytes]]:
        rows = self._read("SELECT name, tier, nonce, sealed FROM office_secrets ORDER BY name")
        return [(r[0], r[1], bytes(r[2]), bytes(r[3])) for r in rows]

    def published_keys(self) -> Published | None:
        """The office's public keys as its root key signed them (None before the upgrade)."""
        text = self._get_setting("office_keys")
        return Published.from_text(text) if text else None

    def legacy_signing_key(self) -> bytes | None:
        """The signing key still stored in clear by a version before 0007's upgrade."""
        rows = self._read("SELECT private_key FROM signing_keys WHERE own = 1")
        return bytes(rows[0][0]) if rows and rows[0][0] is not None else None

    def use_office_secrets(self, secrets: OfficeSecrets | None) -> None:
        """The keys this session's tiers opened (the security layer opens them at sign-in)."""
        self._office = secrets

    def start_witnessing(self) -> None:
        """From now on each audit entry of this session moves the signed witness on (the
        signer made once: a save pays one signature, not a key derivation too)."""
        office = self._office
        self._witness_signer = (
            Signer(office.signing) if office is not None and office.signing else None
        )

    @property
    def office_secrets(self) -> OfficeSecrets | None:
        return self._office

    def seal_office_keys(
        self,
        rows: Sequence[tuple[str, str, bytes, bytes]],
        published: Published,
        grants: dict[str, tuple[str, str]],
        helper_key: tuple[bytes, bytes, str],
        exchange_signature: str,
    ) -> None:
        """Store the sealed private keys and the signed public ones, wipe the clear signing
        key, add the helpers' key (private, public, certificate) and write the accounts'
        grants: one transaction (the upgrade, or a new office)."""
        self._require(Permission.SETTINGS)
        now = utc_now()
        with self._writing() as db:
            db.execute("DELETE FROM office_secrets")
            db.conn.executemany(
                "INSERT INTO office_secrets (name, tier, nonce, sealed, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(*row, now) for row in rows],
            )
            self._put_setting(db, "office_keys", published.to_text())
            # secure_delete is on: the page that held the key is zeroed, not just unlinked.
            db.execute(
                "UPDATE signing_keys SET private_key = NULL, exchange_key = ?, certificate = ? "
                "WHERE own = 1",
                [published.exchange, exchange_signature],
            )
            private, public, certificate = helper_key
            published_raw = base64.b64decode(published.signing)
            db.execute("DELETE FROM signing_keys WHERE own = 2")
            db.execute(
                "INSERT INTO signing_keys (key_id, public_key, private_key, added_at, own, kind, "
                "certificate, parent) VALUES (?, ?, ?, ?, 2, 'petugas', ?, ?)",
                [key_id_of(public), public, private, now, certificate, key_id_of(published_raw)],
            )
            self._write_grants(db, grants)
            self._audit(db, audit.SETTING, "kunci_kantor", "", {"tindakan": "disegel"})

    def account_grants(self) -> dict[str, tuple[str, str]]:
        """account id -> (its age recipient, its grant text); '' where none yet."""
        rows = self._read("SELECT id, recipient, grant_sig FROM accounts")
        return {r[0]: (r[1], r[2]) for r in rows}

    def set_account_grants(self, grants: dict[str, tuple[str, str]]) -> None:
        """Store re-signed grants (a new recipient, a new role). Callers sign them; an
        unsigned or forged one is refused at its account's next sign-in."""
        self._require(Permission.MANAGE_HELPERS)
        with self._writing() as db:
            self._write_grants(db, grants)

    @staticmethod
    def _write_grants(db: sqlite_utils.Database, grants: dict[str, tuple[str, str]]) -> None:
        db.conn.executemany(
            "UPDATE accounts SET recipient = ?, grant_sig = ? WHERE id = ?",
            [(recipient, grant, account_id) for account_id, (recipient, grant) in grants.items()],
        )

    # Records of the key check (security/office_access.py) any signed-in account may write.
    KEY_RECORDS = frozenset({"recovery_slot", "key_check_reported"})

    def put_key_record(self, key: str, value: str) -> None:
        self._require_signed_in()
        if key not in self.KEY_RECORDS:
            raise ValueError(key)
        with self._writing() as db:
            self._put_setting(db, key, value)

    def own_exchange_recipient(self) -> str:
        """This office's age recipient for bundles sealed to it ('' before the upgrade)."""
        published = self.published_keys()
        return published.exchange if published else ""

    def exchange_identities(self) -> list[str]:
        """The age identities the signed-in account may open sealed bundles with."""
        self._require(Permission.SYNC)
        if self._office is not None and self._office.exchange:
            return [self._office.exchange]
        return []
