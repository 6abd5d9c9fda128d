"""The installation's signing key, trusted keys of other offices, and issued slips."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sp_desktop.core.domain.model import Account, utc_now
from sp_desktop.core.domain.permissions import Permission
from sp_desktop.core.storage.connection import StorageBase
from sp_desktop.core.trust import audit
from sp_desktop.core.trust.signing import KeyRing, PublicKey, Signer, TrustedKey

if TYPE_CHECKING:
    import sqlite_utils


class KeysMixin(StorageBase):
    # -- signing key, trusted keys and slips -------------------------------------------------

    def signer(self) -> Signer:
        """The installation's private key, for signing what this signed-in account issues."""
        self._require_signed_in()
        row = self._read("SELECT private_key FROM signing_keys WHERE private_key IS NOT NULL")
        return Signer(
            bytes(row[0][0]),
            office=self._get_setting("office_name"),
            kelurahan_code=self._get_setting("office_kelurahan"),
        )

    def own_public_key(self) -> PublicKey:
        """Readable without signing in: the fingerprint shows on the login window."""
        row = self._read("SELECT public_key FROM signing_keys WHERE private_key IS NOT NULL")
        return PublicKey(
            bytes(row[0][0]),
            office=self._get_setting("office_name"),
            kelurahan_code=self._get_setting("office_kelurahan"),
        )

    def trusted_keys(self) -> list[TrustedKey]:
        """This installation's own key first, then imported ones by office."""
        self._require_signed_in()
        own = self.own_public_key()
        rows = self._read(
            "SELECT public_key, office, kelurahan_code, added_at, added_by FROM signing_keys "
            "WHERE private_key IS NULL ORDER BY office, added_at"
        )
        return [TrustedKey(own, own=True, added_at="", added_by="")] + [
            TrustedKey(PublicKey(bytes(r[0]), office=r[1], kelurahan_code=r[2]), False, r[3], r[4])
            for r in rows
        ]

    def key_ring(self) -> KeyRing:
        return KeyRing([k.key for k in self.trusted_keys()])

    def trust_key(self, key: PublicKey) -> bool:
        """Trust another office's public key; False when it was already known."""
        actor = self._require(Permission.SETTINGS)
        with self._writing() as db:
            return self._trust_key(db, key, actor)

    def _trust_key(self, db: sqlite_utils.Database, key: PublicKey, actor: Account) -> bool:
        known = db.execute("SELECT 1 FROM signing_keys WHERE key_id = ?", [key.key_id]).fetchone()
        if known:
            return False
        db.execute(
            "INSERT INTO signing_keys (key_id, public_key, office, kelurahan_code, added_at, "
            "added_by) VALUES (?, ?, ?, ?, ?, ?)",
            [key.key_id, key.raw, key.office, key.kelurahan_code, utc_now(), actor.label()],
        )
        self._audit(
            db, audit.SETTING, "kunci_tepercaya", key.key_id,
            {"kantor": key.office, "sidik": key.fingerprint, "tindakan": "ditambahkan"},
        )  # fmt: skip
        return True

    def distrust_key(self, key_id: str) -> None:
        self._require(Permission.SETTINGS)
        with self._writing() as db:
            cursor = db.execute(
                "DELETE FROM signing_keys WHERE key_id = ? AND private_key IS NULL", [key_id]
            )
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
