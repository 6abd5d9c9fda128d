"""Signed data bundles (*paket data*): how installations exchange records without a hub.

A bundle is one zip file that goes on a USB stick or through WhatsApp:

    manifest.json              signed (Ed25519) list of every other member
    data/<kind>.jsonl          one CouchDB document per line, in the order they apply
    berkas/<sha256>            each attached proof file once, named by its hash

Reading is paranoid, because a bundle may come from anywhere: the member names must be
exactly those the manifest lists (no `../`, no duplicates, nothing extra), no member may
be larger than the manifest says or inflate absurdly (zip bombs), every member's SHA-256
must match, and the manifest's signature must verify, all before the database is touched.
Then every document is applied in ONE transaction (Storage.sync_apply): all or nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import lzma
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.files import write_atomically
from sp_desktop.core.base.i18n import _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.base.zip_reading import open_zip
from sp_desktop.core.domain import sync_docs
from sp_desktop.core.domain.model import utc_now
from sp_desktop.core.storage import Storage
from sp_desktop.core.sync import sealing
from sp_desktop.core.trust.signing import (
    PublicKey,
    Signer,
    canonical_json,
    fingerprint_text,
    key_id_of,
    sign_manifest,
)

BUNDLE_FORMAT = "sp-desktop-paket-data"
BUNDLE_SUFFIX = sync_docs.BUNDLE_SUFFIX
MANIFEST_NAME = "manifest.json"
# A petugas's own bundle (write_own_bundle), signed with the office's helpers' key.
HELPER_SCOPE = "petugas"
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_MEMBER_BYTES = 4 * 1024 * 1024 * 1024
MAX_LINE_BYTES = 64 * 1024
# Our JSON lines deflate about 8:1 and proof files not at all; far beyond that is a bomb.
MAX_RATIO = 200
_PART_NAME = re.compile(r"data/[a-z_]+\.jsonl|berkas/[0-9a-f]{64}")
# lzma.LZMAError: a member whose compression method says LZMA (zipfile reads it) with
# invalid data is not an OSError; found by tests/unit/test_bundle_bad_input.py.
_READ_ERRORS = (
    OSError,
    zipfile.BadZipFile,
    EOFError,
    zlib.error,
    lzma.LZMAError,
    RuntimeError,
    ValueError,
)
_CHUNK = 1024 * 1024


class BundleProblem(UserFacingError):
    """A bundle that cannot be imported; `reason` names why (for tests and the CLI)."""

    def __init__(self, message: str, *, hint: str = "", reason: str) -> None:
        super().__init__(message, hint=hint)
        self.reason = reason


class UnknownBundleKey(BundleProblem):
    """Signed correctly, by a key this installation does not trust yet."""

    def __init__(self, key: PublicKey, office: str) -> None:
        known = (
            _("Paket ini ditandatangani kunci yang belum dikenal: {fingerprint} ({office}).")
            if office
            else _("Paket ini ditandatangani kunci yang belum dikenal: {fingerprint}.")
        )
        super().__init__(
            known.format(fingerprint=key.fingerprint, office=office),
            hint=_(
                "Cocokkan sidik kunci ini dengan kantor pengirimnya lewat telepon. Jika "
                "sama, impor lagi dengan --trust-key {fingerprint} (admin)."
            ).format(fingerprint=key.fingerprint),
            reason="kunci_tidak_dikenal",
        )
        self.key = key
        self.office = office


def damaged(detail: str = "") -> BundleProblem:
    message = (
        _(
            "Berkas ini bukan paket data SP Desktop yang utuh ({detail}): mungkin terpotong "
            "saat dikirim, atau rusak."
        )
        if detail
        else _(
            "Berkas ini bukan paket data SP Desktop yang utuh: mungkin terpotong saat "
            "dikirim, atau rusak."
        )
    )
    return BundleProblem(
        message.format(detail=detail),
        hint=_(
            "Minta pengirim mengirim ulang paketnya (lebih aman lewat flashdisk atau "
            "sebagai dokumen di WhatsApp, bukan sebagai foto)."
        ),
        reason="rusak",
    )


def altered(what: str) -> BundleProblem:
    return BundleProblem(
        _("Isi paket telah berubah setelah ditandatangani ({what}).").format(what=what),
        hint=_("Jangan pakai paket ini. Minta pengirim membuat dan mengirim paket baru."),
        reason="isi_berubah",
    )


@dataclass(frozen=True)
class ExportResult:
    path: Path
    counts: dict[str, int]
    files: int
    upto_seq: int
    size: int
    sealed_to: tuple[str, ...] = ()  # age recipients; () for a clear bundle
    signed_by: str = ""  # the fingerprint of the key that signed it


@dataclass(frozen=True)
class ImportResult:
    summary: sync_docs.ApplySummary
    sender_office: str
    sender_key: PublicKey
    already_imported_at: str  # "" unless this very bundle was imported before
    trusted_now: bool  # the sender's key was trusted during this import


# -- writing -----------------------------------------------------------------------------


def write_bundle(
    storage: Storage,
    out: Path,
    *,
    since_last_export: bool,
    progress: Progress | None = None,
    recipients: Sequence[str] | None = None,
) -> ExportResult:
    """Write every record changed since the last export (or all of them) to `out`.

    With `recipients` (age X25519 recipients of other offices) the signed zip is sealed
    whole to them and to this office's own exchange key (sealing.py), so this office can
    read its own file back; without, the bundle is written in clear (callers ask first)."""
    sealed_to = _seal_targets(storage, recipients)
    storage.sync_commit(progress)
    since = storage.last_export_seq() if since_last_export else 0
    upto = storage.sync_seq()
    signer = storage.signer()
    path, stats, files = _write(
        storage,
        out,
        storage.sync_counts(since, upto),
        lambda kind: storage.sync_documents(
            since=since, upto=upto, kinds=(kind,), progress=progress
        ),
        signer,
        {
            "cakupan": "sejak_ekspor_terakhir" if since_last_export else "semua",
            "urutan": {"dari": since, "sampai": upto},
        },
        sealed_to,
        progress,
    )
    storage.record_bundle_export(
        upto,
        path.name,
        # How many offices it was sealed to; 0: written in clear.
        {**stats, "berkas_bukti": files, "disegel_untuk": len(sealed_to)},
    )
    return ExportResult(
        path, stats, files, upto, path.stat().st_size, sealed_to, signer.public_key.fingerprint
    )


def write_own_bundle(
    storage: Storage,
    out: Path,
    *,
    recipients: Sequence[str],
    progress: Progress | None = None,
) -> ExportResult:
    """A petugas at a posko with no coordinator sends their own records: the households
    they entered, with the visits and proof files they recorded, and the helpers and posts
    those visits name. Signed with the office's helpers' key and always sealed (to the
    offices chosen, such as their kelurahan office); the receiver checks that it holds
    nothing else (`_helper_scope`)."""
    if not recipients:
        raise UserFacingError(
            _("Paket petugas selalu disegel: pilih kantor yang boleh membukanya."),
            hint=_(
                "Impor dulu berkas .spkunci kantor kelurahan Anda (Dokumen › Kunci "
                "tanda tangan kantor), lalu pilih kantor itu sebagai penerima."
            ),
        )
    actor = storage.actor
    assert actor is not None
    sealed_to = _seal_targets(storage, recipients)
    selection = storage.own_bundle_selection()
    if not any(doc.startswith(f"{sync_docs.HOUSEHOLD.name}:") for doc in selection):
        raise UserFacingError(
            _("Belum ada rumah tangga yang Anda catat di komputer ini; paket tidak dibuat."),
            hint=_("Paket petugas berisi rumah tangga yang Anda catat sendiri."),
        )
    counts = {
        kind.name: sum(1 for doc in selection if doc.startswith(f"{kind.name}:"))
        for kind in sync_docs.KINDS
    }
    signer = storage.document_signer()
    path, stats, files = _write(
        storage,
        out,
        counts,
        lambda kind: storage.own_sync_documents(selection, kinds=(kind,), progress=progress),
        signer,
        {"cakupan": HELPER_SCOPE, "lingkup": {"akun": actor.id, "nama": actor.name}},
        sealed_to,
        progress,
    )
    storage.record_own_bundle_export(
        path.name, {**stats, "berkas_bukti": files, "disegel_untuk": len(sealed_to)}
    )
    return ExportResult(
        path, stats, files, 0, path.stat().st_size, sealed_to, signer.public_key.fingerprint
    )


def _seal_targets(storage: Storage, recipients: Sequence[str] | None) -> tuple[str, ...]:
    """The recipients a bundle is sealed to, with this office's own exchange key."""
    if not recipients:
        return ()
    own = storage.own_exchange_recipient()
    return tuple(
        dict.fromkeys(sealing.check_recipient(r) for r in [*recipients, *([own] if own else [])])
    )


def _write(
    storage: Storage,
    out: Path,
    counts: dict[str, int],
    documents: Callable[[sync_docs.Kind], Iterator[tuple[dict[str, Any], bytes | None]]],
    signer: Signer,
    scope: dict[str, Any],
    sealed_to: tuple[str, ...],
    progress: Progress | None,
) -> tuple[Path, dict[str, int], int]:
    """The signed zip (sealed when `sealed_to`): (its path, records per kind, files)."""
    total = sum(counts.values())
    stats: dict[str, Any] = {}

    def render(stream: IO[bytes]) -> None:
        parts: list[dict[str, Any]] = []
        done = 0
        written: set[str] = set()
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for kind in sync_docs.KINDS:
                if not counts.get(kind.name):
                    continue
                lines: list[bytes] = []
                records = 0
                for document, content in documents(kind):
                    if content is not None and document.get("sha256") not in written:
                        name = f"berkas/{document['sha256']}"
                        archive.writestr(_info(name), content)
                        parts.append(_part(name, content, 1))
                        written.add(document["sha256"])
                    lines.append(orjson.dumps(document) + b"\n")
                    records += 1
                    done += 1
                    if progress is not None and done % 2000 == 0:
                        progress.report(done, total, _("Menulis paket data"))
                data = b"".join(lines)
                name = f"data/{kind.name}.jsonl"
                archive.writestr(_info(name), data)
                parts.append(_part(name, data, records))
                stats[kind.name] = records
            body = {
                "format": BUNDLE_FORMAT,
                "versi_format": sync_docs.SYNC_FORMAT,
                "instalasi": storage.installation_id,
                "kantor": signer.public_key.office,
                "kelurahan": signer.public_key.kelurahan_code,
                "dibuat": utc_now(),
                **scope,
                "jumlah": stats,
                "bagian": parts,
            }
            if (witness := storage.audit_witness()) is not None:
                # The sender's audit trail as far as its office key vouched for it: kept in
                # the receiver's trail, out of reach of anyone at the sender's PC.
                body["saksi_audit"] = witness.to_text()
            manifest = sign_manifest(body, signer)
            archive.writestr(
                _info(MANIFEST_NAME),
                json.dumps(manifest, ensure_ascii=False, indent=1).encode(),
            )
        stats["_files"] = len(written)

    if sealed_to:
        path = write_atomically(
            Path(out), lambda stream: sealing.seal_stream(render, stream, sealed_to)
        )
    else:
        path = write_atomically(Path(out), render)
    files = stats.pop("_files", 0)
    return path, stats, files


def _plain(value: Any, limit: int = 100) -> str:
    """A name from an unverified manifest, fit to show and to store: one line, short.
    (Until the key is trusted, anyone may have written it.)"""
    text = value if isinstance(value, str) else ""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())[:limit]


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


def _part(name: str, data: bytes, records: int) -> dict[str, Any]:
    return {
        "nama": name,
        "ukuran": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "jumlah": records,
    }


# -- reading -----------------------------------------------------------------------------


class BundleReader:
    """An opened bundle whose structure, signature and hashes were checked."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self._zip = open_zip(self.path)
        except FileNotFoundError as exc:
            raise BundleProblem(
                _("Berkas paket tidak ditemukan."),
                hint=_("Periksa nama dan foldernya."),
                reason="tidak_ada",
            ) from exc
        except _READ_ERRORS as exc:
            raise damaged() from exc
        try:
            self._open()
        except BaseException:
            self._zip.close()
            raise

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> BundleReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(self) -> None:
        infos = self._zip.infolist()
        names = [info.filename for info in infos]
        for name in names:
            if name.startswith(("/", "\\")) or ".." in name.split("/") or "\\" in name:
                raise BundleProblem(
                    _("Paket ini berisi nama berkas yang berbahaya (keluar dari foldernya)."),
                    hint=_("Jangan pakai paket ini; minta pengirim membuat paket baru."),
                    reason="jalur_berbahaya",
                )
        if len(set(names)) != len(names):
            raise BundleProblem(
                _("Paket ini berisi dua berkas dengan nama yang sama."),
                hint=_("Jangan pakai paket ini; minta pengirim membuat paket baru."),
                reason="nama_ganda",
            )
        self._infos = {info.filename: info for info in infos}
        if MANIFEST_NAME not in self._infos:
            raise damaged(_("tanpa manifes"))
        raw = self._read_member(MANIFEST_NAME, MAX_MANIFEST_BYTES)
        try:
            manifest = json.loads(raw)
            body = manifest["isi"]
            seal = manifest["tanda_tangan"]
            public_raw = base64.b64decode(seal["kunci_publik"], validate=True)
            signature = base64.b64decode(seal["nilai"], validate=True)
            if not isinstance(body, dict) or key_id_of(public_raw) != seal["id_kunci"]:
                raise ValueError("manifest")
            key = PublicKey(
                public_raw,
                office=_plain(body.get("kantor")),
                kelurahan_code=_plain(body.get("kelurahan"), 20),
            )
        # RecursionError: json.loads of `[[[[...` nested deeper than Python's stack (the
        # manifest is parsed before its signature can be checked).
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError) as exc:
            raise damaged(_("manifes tidak terbaca")) from exc
        if body.get("format") != BUNDLE_FORMAT:
            raise damaged(_("bukan paket data"))
        version = body.get("versi_format")
        if type(version) is not int:
            raise damaged(_("versi tidak terbaca"))
        if version > sync_docs.SYNC_FORMAT:
            raise BundleProblem(
                _("Paket ini dibuat oleh SP Desktop versi yang lebih baru."),
                hint=_("Pasang versi terbaru SP Desktop, lalu impor lagi. Data Anda tidak diubah."),
                reason="versi_baru",
            )
        if not key.verifies(signature, canonical_json(body)):
            raise BundleProblem(
                _(
                    "Tanda tangan paket ini TIDAK cocok: isinya telah diubah setelah "
                    "ditandatangani, atau tanda tangannya dipalsukan."
                ),
                hint=_("Jangan pakai paket ini. Minta pengirim membuat dan mengirim paket baru."),
                reason="tanda_tangan_salah",
            )
        self.body: dict[str, Any] = body
        self.key = key
        self.manifest_sha256 = hashlib.sha256(raw).hexdigest()
        self._parts = self._check_parts(body.get("bagian"))

    def _check_parts(self, parts: Any) -> dict[str, dict[str, Any]]:
        if not isinstance(parts, list):
            raise damaged(_("daftar isi tidak terbaca"))
        listed: dict[str, dict[str, Any]] = {}
        for part in parts:
            try:
                name, size, digest = part["nama"], part["ukuran"], part["sha256"]
                count = part["jumlah"]
            except (KeyError, TypeError) as exc:
                raise damaged(_("daftar isi tidak terbaca")) from exc
            if (
                not isinstance(name, str)
                or not _PART_NAME.fullmatch(name)
                or type(size) is not int
                or type(count) is not int
                or not isinstance(digest, str)
                or name in listed
            ):
                raise damaged(_("daftar isi tidak terbaca"))
            if name.startswith("data/") and name[5:-6] not in sync_docs.KIND_BY_NAME:
                raise damaged(_("jenis data tidak dikenal"))
            if not 0 <= size <= MAX_MEMBER_BYTES:
                raise BundleProblem(
                    _("Paket ini menyatakan isi yang terlalu besar untuk diimpor."),
                    hint=_("Minta pengirim membuat paket lebih kecil (sejak ekspor terakhir)."),
                    reason="terlalu_besar",
                )
            listed[name] = part
        actual = set(self._infos) - {MANIFEST_NAME}
        if actual - set(listed):
            raise BundleProblem(
                _("Paket ini berisi berkas yang tidak tercantum di manifesnya."),
                hint=_("Jangan pakai paket ini; minta pengirim membuat paket baru."),
                reason="berkas_asing",
            )
        if set(listed) - actual:
            raise altered(_("ada bagian yang hilang"))
        return listed

    @property
    def office(self) -> str:
        return self.key.office

    @property
    def installation_id(self) -> str:
        return str(self.body.get("instalasi", ""))

    @property
    def document_count(self) -> int:
        return sum(p["jumlah"] for n, p in self._parts.items() if n.startswith("data/"))

    def _read_member(self, name: str, limit: int) -> bytes:
        info = self._infos[name]
        if info.file_size > limit:
            raise BundleProblem(
                _("Salah satu isi paket ini terlalu besar untuk diimpor."),
                hint=_("Minta pengirim membuat paket baru."),
                reason="terlalu_besar",
            )
        chunks = []
        for chunk in self._stream(name, limit):
            chunks.append(chunk)
        return b"".join(chunks)

    def _stream(self, name: str, limit: int) -> Iterator[bytes]:
        """The member's bytes, stopping a zip bomb: never more than `limit` bytes, nor
        far more than it occupies compressed."""
        info = self._infos[name]
        ceiling = min(limit, max(info.compress_size, 1) * MAX_RATIO + 64 * 1024)
        if info.file_size > ceiling:
            raise BundleProblem(
                _("Paket ini berisi bagian yang mengembang jauh melebihi ukurannya (bom zip)."),
                hint=_("Jangan pakai paket ini."),
                reason="terlalu_besar",
            )
        seen = 0
        try:
            with self._zip.open(info) as member:
                while chunk := member.read(_CHUNK):
                    seen += len(chunk)
                    if seen > ceiling:
                        raise BundleProblem(
                            _(
                                "Paket ini berisi bagian yang lebih besar dari yang tercantum "
                                "(bom zip)."
                            ),
                            hint=_("Jangan pakai paket ini."),
                            reason="terlalu_besar",
                        )
                    yield chunk
        except _READ_ERRORS as exc:
            raise damaged() from exc

    def verify(self, progress: Progress | None = None) -> None:
        """Every member's size and SHA-256 against the signed manifest."""
        total = sum(p["ukuran"] for p in self._parts.values()) or 1
        done = 0
        for name, part in self._parts.items():
            digest = hashlib.sha256()
            size = 0
            for chunk in self._stream(name, part["ukuran"]):
                digest.update(chunk)
                size += len(chunk)
                done += len(chunk)
                if progress is not None:
                    progress.report(done, total, _("Memeriksa keaslian paket"))
            if size != part["ukuran"] or digest.hexdigest() != part["sha256"]:
                raise altered(name)

    def documents(self) -> Iterator[tuple[dict[str, Any], bytes | None]]:
        """Each document with its proof file's bytes, in the order they apply."""
        for kind in sync_docs.KINDS:
            name = f"data/{kind.name}.jsonl"
            part = self._parts.get(name)
            if part is None:
                continue
            digest = hashlib.sha256()
            for line in self._lines(name, part["ukuran"], digest):
                try:
                    document = orjson.loads(line)
                except orjson.JSONDecodeError as exc:
                    raise damaged(_("baris data tidak terbaca")) from exc
                if not isinstance(document, dict):
                    raise damaged(_("baris data tidak terbaca"))
                content = None
                sha = document.get("sha256")
                if kind.has_content and isinstance(sha, str):
                    member = f"berkas/{sha}"
                    if member in self._parts:
                        content = self._read_member(member, self._parts[member]["ukuran"])
                        if hashlib.sha256(content).hexdigest() != sha:
                            raise altered(member)
                yield document, content
            # Checked again while applying: the file could change between the two reads.
            if digest.hexdigest() != part["sha256"]:
                raise altered(name)

    def _lines(self, name: str, size: int, digest: Any) -> Iterator[bytes]:
        rest = b""
        for chunk in self._stream(name, size):
            digest.update(chunk)
            rest += chunk
            *lines, rest = rest.split(b"\n")
            for line in lines:
                if line:
                    yield line
            if len(rest) > MAX_LINE_BYTES:
                raise damaged(_("baris data terlalu panjang"))
        if rest:
            yield rest


def import_bundle(
    storage: Storage,
    path: Path,
    *,
    trust_fingerprint: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Check a bundle completely, then apply it in one transaction (or not at all).

    A sealed bundle (age) is first opened with the keys the signed-in account holds
    (`Storage.exchange_identities`) into a temporary file that is removed afterwards."""
    if sealing.is_sealed(Path(path)):
        identities = storage.exchange_identities()
        with sealing.opened(
            Path(path),
            identities,
            own_fingerprint=storage.own_public_key().fingerprint,
            work_dir=storage.data_dir,
        ) as clear:
            return _import_clear(
                storage, clear, trust_fingerprint=trust_fingerprint, progress=progress
            )
    return _import_clear(
        storage, Path(path), trust_fingerprint=trust_fingerprint, progress=progress
    )


def _witness_note(reader: BundleReader) -> str:
    """'; saksi jejak audit #12 · 3f9a1c2e…c2e1' when the sender's witness is genuine."""
    import base64

    from sp_desktop.core.trust.audit import Witness

    text = reader.body.get("saksi_audit")
    witness = Witness.from_text(text) if isinstance(text, str) else None
    if witness is None or witness.installation_id != reader.installation_id:
        return ""
    try:
        signature = base64.b64decode(witness.signature, validate=True)
    except ValueError:
        return ""
    if not reader.key.verifies(signature, witness.body()):
        return ""
    return f"; saksi jejak audit {witness.short()}"


def _import_clear(
    storage: Storage,
    path: Path,
    *,
    trust_fingerprint: str,
    progress: Progress | None,
) -> ImportResult:
    with BundleReader(path) as reader:
        if (
            reader.key.key_id == storage.own_public_key().key_id
            or reader.installation_id == storage.installation_id
        ):
            raise BundleProblem(
                _("Paket ini dibuat oleh komputer ini sendiri."),
                hint=_("Impor paket dari komputer atau kantor lain."),
                reason="paket_sendiri",
            )
        trust = None
        ring = storage.key_ring()
        # A helpers' key signs slips, and a petugas's own bundle (checked below); an office
        # bundle needs the office key.
        by_helper = ring.is_helper_key(reader.key.key_id)
        if not by_helper and ring.office_only().get(reader.key.key_id) is None:
            wanted = re.sub(r"[^A-Z2-7]", "", trust_fingerprint.upper())
            if wanted != reader.key.key_id:
                raise UnknownBundleKey(reader.key, reader.office)
            trust = reader.key
        earlier = storage.bundle_imported_at(reader.manifest_sha256)
        if earlier and trust is None:
            # Its signature was checked above; nothing in it can be new.
            return ImportResult(
                sync_docs.ApplySummary.empty(), reader.office, reader.key, earlier, False
            )
        reader.verify(progress)
        source = f"paket {reader.office} ({fingerprint_text(reader.key.key_id)})"
        documents = reader.documents()
        if by_helper:
            helper_name, already_here = _helper_scope(storage, reader)
            source = f"paket petugas {helper_name}, {source}"
            documents = (d for d in reader.documents() if d[0].get("_id") not in already_here)
        summary = storage.sync_apply(
            documents,
            strict=True,
            progress=progress,
            total=reader.document_count,
            source=source + _witness_note(reader),
            bundle=(reader.manifest_sha256, reader.installation_id),
            trust=trust,
        )
        return ImportResult(summary, reader.office, reader.key, "", trust is not None)


# What a petugas's own bundle may carry: their households, visits and proof files, and
# the helpers and posts those visits name (taken only where this office has none yet).
_HELPER_BUNDLE_OWNED = (sync_docs.HOUSEHOLD, sync_docs.VISIT, sync_docs.PROOF)
_HELPER_BUNDLE_SHARED = (sync_docs.HELPER, sync_docs.POST)


def outside_scope() -> BundleProblem:
    return BundleProblem(
        _(
            "Paket ini ditandatangani dengan kunci petugas, tetapi memuat data di luar "
            "catatan petugas itu sendiri. Tidak ada yang diimpor."
        ),
        hint=_(
            "Paket dari kunci petugas hanya boleh berisi rumah tangga, kunjungan, dan bukti "
            "yang dicatat petugas itu. Minta kantor pengirim membuat paket dengan kunci "
            "kantornya."
        ),
        reason="di_luar_lingkup_petugas",
    )


def _helper_scope(storage: Storage, reader: BundleReader) -> tuple[str, set[str]]:
    """Check a bundle signed with a trusted office's helpers' key (write_own_bundle): every
    household, visit and proof file in it, and every copy of one already here, was made
    by the one account its manifest names at the installation that signed it; nothing is
    deleted; nothing of another kind. Returns the petugas's name and the helper and post
    documents this office already has (left as they are here)."""
    scope = reader.body.get("lingkup")
    account = scope.get("akun") if isinstance(scope, dict) else None
    installation = reader.installation_id
    if reader.body.get("cakupan") != HELPER_SCOPE or not isinstance(account, str) or not account:
        raise outside_scope()
    if not installation:
        raise outside_scope()
    owned: dict[sync_docs.Kind, list[str]] = {}
    shared: list[str] = []
    for document, _content in reader.documents():
        try:
            kind, record_id = sync_docs.split_doc_id(document.get("_id"))
        except sync_docs.DocumentProblem:
            raise outside_scope() from None
        if document.get("_deleted"):
            raise outside_scope()
        if kind in _HELPER_BUNDLE_SHARED:
            shared.append(sync_docs.doc_id(kind, record_id))
        elif kind in _HELPER_BUNDLE_OWNED:
            if document.get("created_by") != account or document.get("origin") != installation:
                raise outside_scope()
            owned.setdefault(kind, []).append(record_id)
        else:
            raise outside_scope()
    for kind, ids in owned.items():
        for origin, creator in storage.record_provenance(kind, ids).values():
            if (origin, creator) != (installation, account):
                raise outside_scope()
    assert isinstance(scope, dict)
    return _plain(scope.get("nama")), storage.known_doc_ids(shared)
