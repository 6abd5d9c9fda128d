"""Checking what SP Desktop issued: a slip's QR text or short code, a PDF, a handover package.

`verify(input, keys, ...)` sorts out what it was given and returns a `Verdict`: valid (and
by whom) or not (and why, in words a kelurahan clerk or a BPS officer can act on). It
reads files defensively: a package is only ever read, never unpacked to disk, and zip
members with odd paths or implausible sizes are named and refused.
"""

from __future__ import annotations

import json
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sp_desktop.core.base.i18n import _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.base.zip_reading import check_extents, open_zip
from sp_desktop.core.documents.issuing import (
    MANIFEST_FORMAT,
    MANIFEST_NAME,
    MANIFEST_VERSION,
    RECAP_NAME,
)
from sp_desktop.core.domain.model import Outcome
from sp_desktop.core.domain.text import date_text
from sp_desktop.core.trust import signing
from sp_desktop.core.trust.signing import KeyRing, PublicKey, SignatureProblem

# Nothing SP Desktop writes into a package comes near this; a bigger member is refused
# before it is read (a "zip bomb" would otherwise fill memory).
MAX_MEMBER_BYTES = 2 * 1024 * 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024
# 1,000 slips make about 4 MB; anything far bigger is not ours, and is not read whole.
MAX_PDF_BYTES = 512 * 1024 * 1024
# Files an operating system drops into a folder someone opened: not part of a package.
OS_LITTER = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})
# What a damaged member of a zip raises while it is read (CRC, inflate, encryption).
_ZIP_READ_ERRORS = (OSError, zipfile.BadZipFile, EOFError, zlib.error, RuntimeError,
                    NotImplementedError, ValueError)  # fmt: skip
_KEYWORD_CLAIM = re.compile(
    rb"SP1:[A-Z2-7]{16}:[A-Z2-7]{26}:[0-9*]{0,16}:[A-Z]+:\d{8}:[A-Z2-7]{103}"
)

# (visit id, QR text) of a slip issued on this PC, by its short code.
CodeLookup = Callable[[str], "tuple[str, str] | None"]
# Current outcome word of a visit stored here ("berhasil"), or None when it is not here.
VisitLookup = Callable[[str], "str | None"]


@dataclass
class Verdict:
    valid: bool
    kind: str  # "bukti", "kode", "pdf", "paket"
    title: str  # one line: what was checked and the result
    details: list[str] = field(default_factory=list)  # further lines for the summary
    problems: list[str] = field(default_factory=list)  # what is wrong, one line each
    reason: str = ""  # machine word of the first problem (tests, exit codes)
    key: PublicKey | None = None

    def text(self) -> str:
        lines = [self.title, *self.details]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


def _signed_by(key: PublicKey, keys: KeyRing | None = None) -> str:
    office = key.office or _("kantor tanpa nama")
    if keys is not None and keys.is_helper_key(key.key_id):
        return _(
            "Ditandatangani dengan kunci petugas {office} (sidik kunci {fingerprint}): sah "
            "untuk bukti pendampingan dan daftar kerja, bukan untuk rekap atau paket."
        ).format(office=office, fingerprint=key.fingerprint)
    return _("Ditandatangani oleh {office} (sidik kunci {fingerprint}).").format(
        office=office, fingerprint=key.fingerprint
    )


def _failed(kind: str, what: str, problem: SignatureProblem) -> Verdict:
    lines = [problem.message] + ([problem.hint] if problem.hint else [])
    return Verdict(
        valid=False,
        kind=kind,
        title=_("TIDAK SAH: {what}").format(what=what),
        problems=lines,
        reason=problem.reason,
    )


def verify(
    given: str,
    keys: KeyRing,
    *,
    code_lookup: CodeLookup | None = None,
    visit_lookup: VisitLookup | None = None,
    progress: Progress | None = None,
    password: str | None = None,
) -> Verdict:
    """Whatever the user pasted or chose: QR text, short code, PDF, package folder or zip.
    `progress` is told of each package file checked, and stops the check when cancelled.
    `password` opens a password-protected (AES) package zip."""
    text = given.strip()
    if text.upper().startswith(signing.SLIP_PREFIX + ":"):
        return verify_slip_text(text, keys, visit_lookup=visit_lookup)
    path = Path(text).expanduser()
    if (code := signing.normalise_short_code(text)) is not None and not _exists(path):
        return verify_short_code(code, keys, code_lookup, visit_lookup)
    if not text or not _exists(path):
        return Verdict(
            False,
            "tidak_dikenal",
            _("TIDAK DIKENALI: bukan teks QR bukti, kode verifikasi, atau berkas yang ada."),
            problems=[
                _(
                    "Tempel teks QR lengkap (diawali SP1:), ketik kode verifikasi 12 huruf "
                    "(misalnya ABCD-EFGH-JKLM), atau pilih berkas PDF / folder / zip paket."
                )
            ],
            reason="rusak",
        )
    if path.is_dir() or zipfile.is_zipfile(path):
        return verify_package(path, keys, progress=progress, password=password)
    return verify_pdf_file(path, keys)


def _exists(path: Path) -> bool:
    """False also for text that cannot be a path at all (too long, odd characters)."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def verify_slip_text(text: str, keys: KeyRing, *, visit_lookup: VisitLookup | None) -> Verdict:
    try:
        claim, key = signing.verify_slip_qr_text(text, keys)
    except SignatureProblem as problem:
        return _failed("bukti", _("bukti pendampingan"), problem)
    return _slip_verdict("bukti", claim, key, visit_lookup)


def _slip_verdict(
    kind: str, claim: signing.SlipClaim, key: PublicKey, visit_lookup: VisitLookup | None
) -> Verdict:
    verdict = Verdict(
        True,
        kind,
        _("SAH: bukti pendampingan SP Online asli."),
        details=[
            _signed_by(key),
            _("Kunjungan tanggal {date}, hasil {outcome}, No KK {kk}.").format(
                date=date_text(claim.visit_date),
                outcome=_(claim.outcome.label).upper(),
                kk=claim.kk_masked or _("(dihapus)"),
            ),
        ],
        key=key,
    )
    current = visit_lookup(claim.visit_id) if visit_lookup else None
    if current is not None and current != claim.outcome.value:
        verdict.details.append(
            _(
                "Catatan: di data kantor ini hasil kunjungan itu kini tercatat {outcome} (diubah "
                "setelah bukti dicetak)."
            ).format(outcome=_outcome_text(current))
        )
    return verdict


def _outcome_text(value: str) -> str:
    """A stored outcome code as the verdict shows it: "BERHASIL" (or "COMPLETED")."""
    try:
        return _(Outcome(value).label).upper()
    except ValueError:
        return value.upper()


def verify_short_code(
    code: str,
    keys: KeyRing,
    code_lookup: CodeLookup | None,
    visit_lookup: VisitLookup | None,
) -> Verdict:
    found = code_lookup(code) if code_lookup else None
    if found is None:
        return Verdict(
            False,
            "kode",
            _("TIDAK DITEMUKAN: kode verifikasi {code}.").format(code=code),
            problems=[
                _(
                    "Kode ini tidak pernah dicetak oleh kantor yang datanya dibuka di sini. Kode "
                    "pendek hanya bisa diperiksa di kantor penerbitnya (lihat nama kantor di "
                    "bukti); di tempat lain pindai QR-nya."
                ),
            ],
            reason="kode_tidak_dikenal",
        )
    _visit_id, qr_text = found
    verdict = verify_slip_text(qr_text, keys, visit_lookup=visit_lookup)
    verdict.kind = "kode"
    return verdict


def verify_pdf_file(path: Path, keys: KeyRing) -> Verdict:
    try:
        if path.stat().st_size > MAX_PDF_BYTES:
            return Verdict(
                False,
                "pdf",
                _("TIDAK DIKENALI: {name} terlalu besar untuk SP Desktop.").format(name=path.name),
                problems=[_("Pilih PDF bukti/rekap dari SP Desktop, atau folder/zip paket.")],
                reason="rusak",
            )
        data = path.read_bytes()
    except OSError as exc:
        return Verdict(
            False,
            "pdf",
            _("TIDAK BISA DIBACA: {name}.").format(name=path.name),
            problems=[
                _("{value}. Periksa berkasnya lalu coba lagi.").format(value=exc.strerror or exc)
            ],
            reason="tidak_terbaca",
        )
    if not data.startswith(b"%PDF-"):
        return Verdict(
            False,
            "pdf",
            _("TIDAK DIKENALI: {name} bukan PDF atau paket SP Desktop.").format(name=path.name),
            problems=[_("Pilih PDF bukti/rekap dari SP Desktop, atau folder/zip paket.")],
            reason="rusak",
        )
    try:
        key = signing.verify_pdf(data, keys)
    except SignatureProblem as problem:
        return _failed("pdf", path.name, problem)
    verdict = Verdict(
        True,
        "pdf",
        _("SAH: {name} utuh, tidak diubah.").format(name=path.name),
        [_signed_by(key, keys)],
    )
    verdict.key = key
    claims = _KEYWORD_CLAIM.findall(data)
    if claims:
        # The whole file is signed, so the claims in it are too; check each all the same.
        bad = 0
        for raw in claims:
            try:
                signing.verify_slip_qr_text(raw.decode("ascii"), keys)
            except SignatureProblem:
                bad += 1
        verdict.details.append(
            _("Memuat {count} bukti pendampingan bertanda tangan.").format(count=len(claims))
        )
        if bad:
            verdict.valid = False
            verdict.title = _("TIDAK SAH: {name}").format(name=path.name)
            verdict.problems.append(_("{bad} QR bukti di dalamnya tidak sah.").format(bad=bad))
            verdict.reason = "tanda_tangan_salah"
    return verdict


# -- handover packages ----------------------------------------------------------------------


class _Package:
    """A package folder or zip, read-only, with the same small interface for both."""

    def __init__(self, path: Path, password: str | None = None) -> None:
        from sp_desktop.core.documents.protection import open_aes_zip

        self.path = path
        self.zip: zipfile.ZipFile | None = None
        if not path.is_dir() and password is not None:
            # pyzipper's reader has zipfile's interface (it is a copy of it).
            self.zip = open_aes_zip(path, password)
            try:
                check_extents(self.zip, path.stat().st_size)
            except BaseException:
                self.zip.close()
                raise
        elif not path.is_dir():
            self.zip = open_zip(path)

    def names(self) -> list[str]:
        """Every entry, folders with a trailing '/'. A folder package is listed one level
        deep only: a wrongly chosen drive is not walked to its last file."""
        if self.zip is None:
            return sorted(p.name + ("/" if p.is_dir() else "") for p in self.path.iterdir())
        return [i.filename for i in self.zip.infolist()]

    def size(self, name: str) -> int:
        if self.zip is None:
            return (self.path / name).stat().st_size
        return self.zip.getinfo(name).file_size

    def read(self, name: str) -> bytes:
        if self.zip is None:
            return (self.path / name).read_bytes()
        return self.zip.read(name)

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


def _unsafe_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or ":" in name


def verify_package(
    path: Path, keys: KeyRing, *, progress: Progress | None = None, password: str | None = None
) -> Verdict:
    from sp_desktop.core.documents.protection import is_bad_password, is_encrypted_zip

    encrypted = not path.is_dir() and is_encrypted_zip(path)
    if encrypted and password is None:
        return Verdict(
            False,
            "paket",
            _("BERSANDI: paket {name} dilindungi sandi.").format(name=path.name),
            problems=[
                _(
                    "Ekstrak dulu paket ini dengan sandinya (7-Zip atau WinRAR), lalu periksa "
                    "folder hasil ekstraknya. Di baris perintah bisa juga: sp-desktop verify "
                    "BERKAS.zip --password-file BERKAS-SANDI."
                )
            ],
            reason="bersandi",
        )
    try:
        package = _Package(path, password if encrypted else None)
    except _ZIP_READ_ERRORS:
        return Verdict(
            False,
            "paket",
            _("TIDAK BISA DIBACA: {name}.").format(name=path.name),
            problems=[_("Zip rusak atau terpotong. Salin ulang paketnya dari sumbernya.")],
            reason="rusak",
        )
    try:
        return _verify_package(package, keys, progress or Progress())
    except _ZIP_READ_ERRORS as exc:
        if encrypted and is_bad_password(exc):
            return Verdict(
                False,
                "paket",
                _("SANDI SALAH: paket {name} tidak bisa dibuka.").format(name=path.name),
                problems=[
                    _("Periksa sandinya dengan pengirim paket (lewat telepon), lalu coba lagi.")
                ],
                reason="sandi_salah",
            )
        return Verdict(
            False,
            "paket",
            _("TIDAK BISA DIBACA: {name}.").format(name=path.name),
            problems=[
                _("Berkas di dalam paket rusak atau terpotong ({error}).").format(
                    error=type(exc).__name__
                )
            ],
            reason="rusak",
        )
    finally:
        package.close()


def _verify_package(package: _Package, keys: KeyRing, progress: Progress) -> Verdict:
    name = package.path.name
    present = package.names()
    if MANIFEST_NAME not in present:
        return Verdict(
            False,
            "paket",
            _("TIDAK SAH: {name}").format(name=name),
            problems=[
                _(
                    "{manifest} tidak ada: ini bukan paket serah terima SP Desktop, "
                    "atau manifesnya hilang."
                ).format(manifest=MANIFEST_NAME)
            ],
            reason="manifes_hilang",
        )
    if package.size(MANIFEST_NAME) > MAX_MANIFEST_BYTES:
        return Verdict(
            False,
            "paket",
            _("TIDAK SAH: {name}").format(name=name),
            problems=[
                _("{manifest} terlalu besar untuk manifes SP Desktop.").format(
                    manifest=MANIFEST_NAME
                )
            ],
            reason="rusak",
        )
    try:
        manifest = json.loads(package.read(MANIFEST_NAME).decode("utf-8"))
        # Office keys only: a helpers' key signs slips, never a package.
        body, key = signing.verify_manifest(manifest, keys.office_only())
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _failed("paket", name, signing.malformed(_("Manifes paket serah terima")))
    except SignatureProblem as problem:
        return _failed("paket", name, problem)
    if body.get("format") != MANIFEST_FORMAT:
        return _failed("paket", name, signing.malformed(_("Manifes paket serah terima")))
    if not isinstance(body.get("versi"), int) or body["versi"] > MANIFEST_VERSION:
        return Verdict(
            False,
            "paket",
            _("TIDAK BISA DIPERIKSA: {name}").format(name=name),
            problems=[
                _(
                    "Paket ini dibuat SP Desktop versi yang lebih baru. Pasang versi "
                    "terbaru untuk memeriksanya."
                )
            ],
            reason="versi_baru",
        )
    problems: list[str] = []
    reasons: list[str] = []
    seen: set[str] = set()
    for member in present:
        # Two entries of one name: zip readers differ on which one they show, so the one
        # checked here need not be the one opened in Excel.
        folded = member.casefold()
        if folded in seen:
            problems.append(
                _("{member}: ada DUA berkas dengan nama ini di dalam paket.").format(member=member)
            )
            reasons.append("berkas_ganda")
        seen.add(folded)
    ignored = [m for m in present if m.casefold() in OS_LITTER]
    present = [m for m in present if m.casefold() not in OS_LITTER]
    listed: dict[str, dict[str, object]] = {}
    for entry in body.get("berkas", []):
        if isinstance(entry, dict) and isinstance(entry.get("nama"), str):
            listed[entry["nama"]] = entry
    for member in present:
        if _unsafe_name(member):
            problems.append(
                _("{member}: nama berkas tidak aman (keluar dari folder paket).").format(
                    member=member
                )
            )
            reasons.append("berkas_tidak_aman")
        elif member.endswith("/"):
            problems.append(
                _("{member}: folder TAMBAHAN yang tidak tercantum di manifes.").format(
                    member=member
                )
            )
            reasons.append("berkas_tambahan")
        elif member != MANIFEST_NAME and member not in listed:
            problems.append(
                _("{member}: berkas TAMBAHAN yang tidak tercantum di manifes.").format(
                    member=member
                )
            )
            reasons.append("berkas_tambahan")
    for done, (member, entry) in enumerate(listed.items()):
        progress.report(done, len(listed), _("Memeriksa {member}…").format(member=member))
        if member not in present:
            problems.append(_("{member}: HILANG dari paket.").format(member=member))
            reasons.append("berkas_hilang")
            continue
        size = package.size(member)
        if size > MAX_MEMBER_BYTES or size != entry.get("ukuran"):
            problems.append(
                _("{member}: DIUBAH (ukurannya berbeda dari manifes).").format(member=member)
            )
            reasons.append("berkas_diubah")
            continue
        data = package.read(member)
        if signing.sha256_hex(data) != entry.get("sha256"):
            problems.append(
                _("{member}: DIUBAH (isinya berbeda dari saat ditandatangani).").format(
                    member=member
                )
            )
            reasons.append("berkas_diubah")
        elif member == RECAP_NAME:
            try:
                signing.verify_pdf(data, keys.office_only())
            except SignatureProblem as problem:
                problems.append(f"{member}: {problem.message}")
                reasons.append(problem.reason)
    counts = body.get("jumlah", {})
    details = [
        _signed_by(key),
        _("Kantor: {office}; dibuat {made} oleh {maker}.").format(
            office=body.get("kantor", ""),
            made=body.get("dibuat", ""),
            maker=body.get("dibuat_oleh", ""),
        ),
        _("Cakupan: {scope}; periode {start} s.d. {end}.").format(
            scope=body.get("cakupan", {}).get("keterangan", ""),
            start=body.get("periode", {}).get("dari") or _("awal"),
            end=body.get("periode", {}).get("sampai") or _("akhir"),
        ),
        _(
            "Isi: {households} rumah tangga ({completed} berhasil, {failed} gagal, "
            "{not_yet} belum), {visits} kunjungan, {interview} perlu SP Wawancara."
        ).format(
            households=counts.get("rumah_tangga", "?"),
            completed=counts.get("berhasil", "?"),
            failed=counts.get("gagal", "?"),
            not_yet=counts.get("belum", "?"),
            visits=counts.get("kunjungan", "?"),
            interview=counts.get("perlu_sp_wawancara", "?"),
        ),
    ]
    if ignored:
        details.append(
            _("Diabaikan (dibuat sistem operasi): {value}.").format(value=", ".join(ignored))
        )
    if problems:
        return Verdict(
            False,
            "paket",
            _("TIDAK SAH: paket {name} tidak utuh.").format(name=name),
            details=details,
            problems=problems,
            reason=reasons[0],
            key=key,
        )
    return Verdict(
        True,
        "paket",
        _("SAH: paket {name} utuh ({count} berkas sesuai manifes).").format(
            name=name, count=len(listed)
        ),
        details=details,
        key=key,
    )
