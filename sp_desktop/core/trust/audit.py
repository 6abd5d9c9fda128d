"""The audit trail's rules: what an entry holds, how entries chain, how a chain is checked.

Each entry's hash covers its own content and the previous entry's hash, so editing or
deleting an entry (or cutting entries off the end, checked against the head kept in the
database's settings) breaks the chain from that point. Storage writes entries in the same
transaction as the change they describe; this module holds no SQL.

Values of personal fields are masked before they enter the trail: the trail is
append-only, so it must never hold what a household may later ask to have erased.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sp_desktop.core.base.i18n import N_, _
from sp_desktop.core.domain.identifiers import mask_number

GENESIS = "0" * 64

# Action names, stored as they are (Indonesian: the trail is read by coordinators).
LOGIN = "masuk"
LOGIN_FAILED = "masuk_gagal"
LOGOUT = "keluar"
CREATE = "buat"
UPDATE = "ubah"
DELETE = "hapus"
ERASE = "hapus_data_pribadi"
PURGE = "hapus_massal_data_pribadi"
EXPORT = "ekspor"
PRINT = "cetak"
BACKUP = "cadangan"
RESTORE = "pulihkan"
SETTING = "pengaturan"
PASSWORD = "ganti_kata_sandi"
RECOVERY = "pemulihan"
VIEW = "buka"
IMPORT = "impor"
SYNC = "sinkron"
RESOLVE = "selesaikan_konflik"
MERGE = "gabung"
# An exact full No KK look-up (search, duplicate check) that found a household whose
# numbers the account may not read: names the household and the account, never the number.
LOOKUP = "cari_no_kk"
# Files stored in clear by an earlier version, sealed to their readers (one entry per run).
SEAL = "segel"

ACTION_LABELS = {
    LOGIN: N_("Masuk"),
    LOGIN_FAILED: N_("Gagal masuk"),
    LOGOUT: N_("Keluar / kunci"),
    CREATE: N_("Buat"),
    UPDATE: N_("Ubah"),
    DELETE: N_("Hapus"),
    ERASE: N_("Hapus data pribadi (persetujuan ditarik)"),
    PURGE: N_("Hapus data pribadi (masa simpan berakhir)"),
    EXPORT: N_("Ekspor"),
    PRINT: N_("Cetak"),
    BACKUP: N_("Cadangan"),
    RESTORE: N_("Pulihkan cadangan"),
    SETTING: N_("Ubah pengaturan"),
    PASSWORD: N_("Ganti kata sandi"),
    RECOVERY: N_("Pakai lembar pemulihan"),
    VIEW: N_("Buka berkas"),
    IMPORT: N_("Impor"),
    SYNC: N_("Sinkron dengan server"),
    RESOLVE: N_("Selesaikan konflik"),
    MERGE: N_("Gabungkan data ganda"),
    LOOKUP: N_("Cari No KK lengkap (data petugas lain)"),
    SEAL: N_("Segel data lama (bukti, revisi tersimpan)"),
}

# What was imported or exported, where the action alone says too little.
ENTITY_ACTION_LABELS = {
    (IMPORT, "data"): N_("Impor paket data"),
    (IMPORT, "daftar_pegawai"): N_("Impor daftar pegawai ASN"),
    (EXPORT, "paket_data"): N_("Ekspor paket data"),
    (EXPORT, "evaluasi_dua_mingguan"): N_("Ekspor evaluasi dua mingguan"),
}


def action_label(action: str, entity: str) -> str:
    """The trail's words for an entry: "Impor daftar pegawai ASN", not "Impor paket data".
    Indonesian as marked (N_): show it through `_()`."""
    return ENTITY_ACTION_LABELS.get((action, entity)) or ACTION_LABELS.get(action, action)


# Fields whose values never enter the trail in clear.
NUMBER_FIELDS = frozenset({"no_kk", "head_nik", "nip"})
NAME_FIELDS = frozenset({"head_name"})
TEXT_FIELDS = frozenset({"address", "phone", "help_note", "failure_note", "note"})


def mask_name(name: str) -> str:
    """'Baiq Nurul Hakim' -> 'B*** N**** H****': enough to tell entries apart, not a name."""
    return " ".join(w[0] + "*" * (len(w) - 1) for w in name.split() if w)


def mask_value(field: str, value: Any) -> Any:
    if value in (None, ""):
        return value
    if field in NUMBER_FIELDS:
        return mask_number(str(value))
    if field in NAME_FIELDS:
        return mask_name(str(value))
    if field in TEXT_FIELDS:
        return "(diisi)"
    return value


def changes(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> dict[str, Any]:
    """{field: [old, new]} for fields that differ, masked. Bookkeeping fields are left out."""
    skip = {"created_at", "updated_at", "origin", "pk"}
    old = old or {}
    new = new or {}
    result: dict[str, Any] = {}
    for name in sorted(set(old) | set(new)):
        if name in skip:
            continue
        before, after = _plain(old.get(name)), _plain(new.get(name))
        if before == after:
            continue
        if name in TEXT_FIELDS and before and after:
            result[name] = ["(diisi)", "(diubah)"]
        else:
            result[name] = [mask_value(name, before), mask_value(name, after)]
    return result


def _plain(value: Any) -> Any:
    if hasattr(value, "value"):  # enums
        return value.value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    account_id: str
    actor: str  # "Name (masked NIP)" as it was at the time
    action: str
    entity: str
    entity_id: str
    details: dict[str, Any]
    prev_hash: str
    hash: str = ""

    def body(self) -> bytes:
        return json.dumps(
            [
                self.seq,
                self.at,
                self.account_id,
                self.actor,
                self.action,
                self.entity,
                self.entity_id,
                self.details,
            ],
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode("utf-8")


def entry_hash(entry: Entry) -> str:
    return hashlib.sha256(entry.prev_hash.encode("ascii") + b"\n" + entry.body()).hexdigest()


def details_text(details: Mapping[str, Any]) -> str:
    return json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_broken: int | None = None  # seq of the first entry that fails
    reason: str = ""

    def describe(self) -> str:
        if self.ok:
            return _("Jejak audit utuh: {entries} catatan, rantai hash cocok.").format(
                entries=self.entries
            )
        return _("Jejak audit rusak mulai catatan nomor {first_broken}: {reason}").format(
            first_broken=self.first_broken, reason=self.reason
        )


WITNESS_FORMAT = "sp-desktop-saksi-audit"


@dataclass(frozen=True)
class Witness:
    """A point of the trail (seq, hash) signed by the office key, which only coordinators
    and admins hold: a lower role can cut or rewrite the trail but not move this point.
    Written with each entry a key holder's session appends; travels in bundles and hub
    syncs and is printed on recaps."""

    installation_id: str
    seq: int
    hash: str
    signature: str = ""

    def body(self) -> bytes:
        return json.dumps(
            {
                "format": WITNESS_FORMAT,
                "instalasi": self.installation_id,
                "seq": self.seq,
                "hash": self.hash,
            },
            sort_keys=True,
            separators=(",", ":"),
        ).encode()

    def to_text(self) -> str:
        return json.dumps(
            {
                "instalasi": self.installation_id,
                "seq": self.seq,
                "hash": self.hash,
                "ttd": self.signature,
            },
            sort_keys=True,
        )

    @classmethod
    def from_text(cls, text: str) -> Witness | None:
        try:
            data = json.loads(text)
            return cls(
                str(data["instalasi"]), int(data["seq"]), str(data["hash"]), str(data["ttd"])
            )
        except (KeyError, TypeError, ValueError):
            return None

    def short(self) -> str:
        """As printed on a recap: '#1234 · 3f9a…c2e1'."""
        return f"#{self.seq} · {self.hash[:8]}…{self.hash[-4:]}"


def verify_chain(
    entries: Iterable[Entry],
    head: tuple[int, str] | None,
    witnesses: Iterable[tuple[int, str]] = (),
) -> ChainReport:
    """Check every link; `head` is (last seq, last hash) as recorded with the last append,
    `witnesses` the signed points known (kept here, or back from the hub), which the chain
    must still hold."""
    points = dict(witnesses)
    previous_hash = GENESIS
    expected_seq = 1
    count = 0
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainReport(
                False,
                count,
                expected_seq,
                _("catatan nomor {expected_seq} hilang (berikutnya nomor {seq}).").format(
                    expected_seq=expected_seq, seq=entry.seq
                ),
            )
        if entry.prev_hash != previous_hash:
            return ChainReport(
                False, count, entry.seq, _("tidak tersambung dengan catatan sebelumnya.")
            )
        if entry_hash(entry) != entry.hash:
            return ChainReport(False, count, entry.seq, _("isinya diubah setelah dicatat."))
        if entry.seq in points and entry.hash != points[entry.seq]:
            return ChainReport(
                False,
                count,
                entry.seq,
                _("berbeda dari saksi bertanda tangan kantor: jejak ditulis ulang."),
            )
        previous_hash = entry.hash
        expected_seq += 1
        count += 1
    if points and max(points) > count:
        return ChainReport(
            False,
            count,
            count + 1,
            _(
                "saksi bertanda tangan kantor mencatat sampai nomor {seq}, tetapi rantai "
                "berakhir di nomor {count}: catatan dihapus."
            ).format(seq=max(points), count=count),
        )
    if head is not None:
        last_seq, last_hash = head
        if last_seq > count:
            return ChainReport(
                False,
                count,
                count + 1,
                _(
                    "catatan sampai nomor {last_seq} pernah ada, tetapi rantai berakhir di nomor "
                    "{count}: catatan di ujung dihapus."
                ).format(last_seq=last_seq, count=count),
            )
        if last_seq < count:
            return ChainReport(
                False, count, last_seq + 1, _("catatan ini ditambahkan di luar SP Desktop.")
            )
        if count and last_hash != previous_hash:
            return ChainReport(False, count, count, _("catatan terakhir diganti."))
    return ChainReport(True, count)
