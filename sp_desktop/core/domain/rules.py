"""Record-level rules: which fields a household, visit, helper or post needs.

Each `*_problems` function returns {field: message in Bahasa Indonesia} for the errors
that block saving; warnings (an unusual but possible NIK) are for the form to show and
never block. Storage calls these before every write, so the command line and the window
obey the same rules.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sp_desktop.core.base.i18n import _
from sp_desktop.core.domain.identifiers import digits_only
from sp_desktop.core.domain.model import (
    FailureReason,
    Helper,
    HelpReason,
    Household,
    Outcome,
    Post,
    Visit,
)
from sp_desktop.core.domain.regions import region_index
from sp_desktop.core.domain.validation import (
    validate_kk,
    validate_nik,
    validate_nip,
    validate_phone,
    validate_rt_rw,
)

MAX_MEMBERS = 30
MAX_TEXT = 500


def clean_digits(value: str) -> str:
    return digits_only(value or "")


def clean_name(value: str) -> str:
    """Collapse runs of spaces; names are typed in a hurry."""
    return " ".join((value or "").split())


def name_problem(value: str, what: str) -> str | None:
    name = clean_name(value)
    if not name:
        return _("{what} wajib diisi.").format(what=what)
    if len(name) < 2:
        return _("{what} terlalu pendek.").format(what=what)
    if len(name) > 100:
        return _("{what} terlalu panjang (paling banyak 100 huruf).").format(what=what)
    if any(ch.isdigit() for ch in name):
        return _(
            "{what} tidak boleh berisi angka. Periksa apakah NIK tertukar ke kolom nama."
        ).format(what=what)
    return None


def kelurahan_problem(code: str) -> str | None:
    if not code:
        return _("Pilih kelurahan/desa: ketik sebagian namanya lalu pilih dari daftar.")
    region = region_index().get(code)
    if region is None or region.level != 4:
        return _("Kelurahan/desa tidak dikenal. Pilih dari daftar yang muncul saat mengetik.")
    return None


def normalise_household(household: Household) -> Household:
    rt = validate_rt_rw(household.rt, field="RT")
    rw = validate_rt_rw(household.rw, field="RW")
    phone = validate_phone(household.phone)
    return replace(
        household,
        no_kk=clean_digits(household.no_kk),
        head_nik=clean_digits(household.head_nik),
        head_name=clean_name(household.head_name),
        address=" ".join(household.address.split()),
        rt=rt.value if rt.ok else household.rt.strip(),
        rw=rw.value if rw.ok else household.rw.strip(),
        phone=phone.value if phone.ok else household.phone.strip(),
        help_note=household.help_note.strip(),
    )


def household_problems(household: Household, *, today: date | None = None) -> dict[str, str]:
    problems: dict[str, str] = {}
    checks = {
        "no_kk": validate_kk(household.no_kk, today=today),
        "head_nik": validate_nik(household.head_nik, today=today),
        "rt": validate_rt_rw(household.rt, field="RT"),
        "rw": validate_rt_rw(household.rw, field="RW"),
        "phone": validate_phone(household.phone),
    }
    for field, result in checks.items():
        if not result.ok:
            problems[field] = result.message
    if (problem := name_problem(household.head_name, _("Nama kepala keluarga"))) is not None:
        problems["head_name"] = problem
    if (problem := kelurahan_problem(household.kelurahan_code)) is not None:
        problems["kelurahan_code"] = problem
    if not 1 <= household.members <= MAX_MEMBERS:
        problems["members"] = _("Jumlah anggota keluarga harus 1 sampai {limit}.").format(
            limit=MAX_MEMBERS
        )
    if not isinstance(household.help_reason, HelpReason):
        problems["help_reason"] = _("Pilih alasan rumah tangga ini perlu didampingi.")
    elif household.help_reason is HelpReason.LAINNYA and not household.help_note.strip():
        problems["help_note"] = _("Tuliskan alasan lainnya.")
    if len(household.address) > MAX_TEXT:
        problems["address"] = _("Alamat terlalu panjang (paling banyak {limit} huruf).").format(
            limit=MAX_TEXT
        )
    if not household.consent:
        # UU 27/2022: the legal basis comes before the personal numbers are stored.
        problems["consent"] = _(
            "Tanyakan dan catat persetujuan kepala keluarga dulu: tanpa persetujuan, "
            "No KK dan NIK tidak boleh disimpan."
        )
    return problems


def normalise_visit(visit: Visit) -> Visit:
    return replace(
        visit,
        failure_note=visit.failure_note.strip(),
        note=visit.note.strip(),
        failure_reason=visit.failure_reason if visit.outcome is Outcome.GAGAL else None,
    )


def visit_problems(visit: Visit, *, today: date | None = None) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not isinstance(visit.outcome, Outcome):
        problems["outcome"] = _("Pilih hasil pendampingan: Berhasil, Gagal atau Belum.")
    if visit.outcome is Outcome.GAGAL:
        if not isinstance(visit.failure_reason, FailureReason):
            problems["failure_reason"] = _("Pilih alasan gagal.")
        elif visit.failure_reason is FailureReason.LAINNYA and not visit.failure_note:
            problems["failure_note"] = _("Tuliskan alasan gagal lainnya.")
    if not visit.helper_id:
        problems["helper_id"] = _("Pilih petugas yang mendampingi.")
    if not visit.post_id:
        problems["post_id"] = _("Pilih posko tempat pendampingan.")
    if not visit.visited_at:
        problems["visited_at"] = _("Isi tanggal dan jam kunjungan.")
    if visit.revisit_date is not None:
        visited_on = visit.visited_at[:10]
        if visited_on and visit.revisit_date.isoformat() < visited_on:
            problems["revisit_date"] = _(
                "Tanggal kunjungan ulang tidak boleh sebelum kunjungan ini."
            )
    for field in ("failure_note", "note"):
        if len(getattr(visit, field)) > MAX_TEXT:
            problems[field] = _("Catatan terlalu panjang (paling banyak {limit} huruf).").format(
                limit=MAX_TEXT
            )
    return problems


def helper_problems(helper: Helper) -> dict[str, str]:
    problems: dict[str, str] = {}
    nip = validate_nip(helper.nip)
    if not nip.ok:
        problems["nip"] = nip.message
    if (problem := name_problem(helper.name, _("Nama petugas"))) is not None:
        problems["name"] = problem
    phone = validate_phone(helper.phone)
    if not phone.ok:
        problems["phone"] = phone.message
    return problems


def post_problems(post: Post) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not post.name.strip():
        problems["name"] = _("Nama posko wajib diisi.")
    if (problem := kelurahan_problem(post.kelurahan_code)) is not None:
        problems["kelurahan_code"] = problem
    return problems
