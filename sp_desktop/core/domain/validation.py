"""Validators for NIK, No KK, NIP, RT/RW and phone numbers.

ERROR means the number cannot be right and blocks saving. WARNING means it is unusual
but real registries hold such numbers, so the helper checks the card and may save what
the card says.

- NIK: ERROR if empty, not digits, not 16 long, all zeros, unknown province, or month
  not 01-12. WARNING for a kecamatan code in neither the 2020 nor
  the newest codes (an old code), a day code outside 01-31 and 41-71, a day and month
  that are not a calendar date, and serial 0000.
- No KK: ERROR if empty, not digits, not 16 long, all zeros, unknown province, month not
  01-12, issue date not a calendar date or after today. WARNING for an unknown kecamatan
  code, serial 0000, and an issue date in 2020 or later (SP Online checked Dukcapil data
  as of 30 June 2019, so login may fail with "NIK dan KK tidak sesuai").
- NIP: ERROR if empty, not digits, not 18 long, all zeros, birth date not a calendar
  date, after today or more than 130 years ago, TMT CPNS month not 01-12, TMT before the
  birth month or after this month, sex digit not 1 or 2. WARNING for an age at TMT under
  18 or over 60, and serial 000.
- RT/RW and phone: errors only; an empty phone number is fine.

A NIK's two-digit year gives the most recent birth date not after ``today`` (a date later
this year means a century ago), so it is never in the future; a No KK's issue date is
the most recent year not after ``today``, and a date later this year is an error.
Messages are in the program's language (`_()`), say what to fix, and never contain the value (these
are personal numbers, and messages reach dialogs and logs).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sp_desktop.core.base import clock
from sp_desktop.core.base.i18n import _
from sp_desktop.core.domain.identifiers import (
    FEMALE_DAY_OFFSET,
    KK_LENGTH,
    NIK_LENGTH,
    NIP_LENGTH,
    digits_only,
    is_ascii_digits,
    parse_kk,
    parse_nik,
    parse_nip,
)
from sp_desktop.core.domain.regions import region_index

MAX_AGE_YEARS = 130
# SP Online checked logins against Dukcapil data as of 30 June 2019 (field-notes.md).
KK_LATE_ISSUE_YEAR = 2020


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str  # stable, e.g. "nik.length"
    message: str


@dataclass(frozen=True)
class Validation:
    value: str  # normalised value; "" if unusable
    findings: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def message(self) -> str:
        first = self.errors or self.warnings
        return first[0].message if first else ""


def _error(code: str, message: str) -> Finding:
    return Finding(Severity.ERROR, code, message)


def _warning(code: str, message: str) -> Finding:
    return Finding(Severity.WARNING, code, message)


def _years_between(earlier: date, later: date) -> int:
    """Full years from ``earlier`` to ``later`` (an age)."""
    return later.year - earlier.year - ((later.month, later.day) < (earlier.month, earlier.day))


def _number_shape(
    value: str, length: int, prefix: str, label: str, document: str
) -> tuple[str, Finding | None]:
    """The digits of a 16/18-digit number, or the one error that makes it unusable."""
    digits = digits_only(value)
    if not digits:
        return "", _error(
            f"{prefix}.empty",
            _("{label} belum diisi. Ketik {length} digit {label} dari {document}.").format(
                label=label, length=length, document=document
            ),
        )
    if not is_ascii_digits(digits):
        return "", _error(
            f"{prefix}.chars",
            _(
                "{label} hanya boleh berisi angka 0-9. Hapus huruf atau tanda lain, lalu periksa "
                "kembali."
            ).format(label=label),
        )
    if len(digits) != length:
        return "", _error(
            f"{prefix}.length",
            _(
                "{label} harus {length} digit, yang terisi {count} digit. Periksa angka yang "
                "kurang atau berlebih."
            ).format(label=label, length=length, count=len(digits)),
        )
    if not digits.strip("0"):
        return "", _error(
            f"{prefix}.zeros",
            _("{label} tidak boleh nol semua. Ketik {label} dari {document}.").format(
                label=label, document=document
            ),
        )
    return digits, None


def _region_findings(region6: str, prefix: str, label: str) -> list[Finding]:
    regions = region_index()
    if not regions.province_exists(region6[:2]):
        return [
            _error(
                f"{prefix}.province",
                _(
                    "Dua digit pertama {label} bukan kode provinsi. Periksa kembali {label} pada "
                    "kartunya."
                ).format(label=label),
            )
        ]
    if not regions.kecamatan_known(region6):
        return [
            _warning(
                f"{prefix}.kecamatan",
                _(
                    "Enam digit pertama {label} tidak ada di daftar kode kecamatan 2020 maupun "
                    "terbaru. Bisa jadi kode wilayah lama: simpan bila sama dengan kartunya."
                ).format(label=label),
            )
        ]
    return []


def validate_nik(value: str, *, today: date | None = None) -> Validation:
    today = today or clock.today()
    digits, problem = _number_shape(value, NIK_LENGTH, "nik", "NIK", _("KTP atau Kartu Keluarga"))
    if problem:
        return Validation("", (problem,))
    parts = parse_nik(digits, today)
    findings = _region_findings(parts.region6, "nik", "NIK")
    day_code_ok = 1 <= parts.day_code <= 31 or 41 <= parts.day_code <= 31 + FEMALE_DAY_OFFSET
    if not 1 <= parts.month <= 12:
        findings.append(
            _error(
                "nik.month",
                _(
                    "Digit ke-9 dan ke-10 NIK (bulan lahir) harus 01 sampai 12. Periksa kembali "
                    "NIK."
                ),
            )
        )
    if not day_code_ok:
        findings.append(
            _warning(
                "nik.day_code",
                _(
                    "Digit ke-7 dan ke-8 NIK (tanggal lahir) di luar 01-31 (laki-laki) dan 41-71 "
                    "(perempuan). Pastikan sama dengan KTP atau KK."
                ),
            )
        )
    elif parts.birth_date is None and 1 <= parts.month <= 12:
        findings.append(
            _warning(
                "nik.date",
                _(
                    "Tanggal lahir dalam NIK tidak ada di kalender (misalnya 30 Februari). "
                    "Pastikan "
                    "sama dengan KTP atau KK."
                ),
            )
        )
    if parts.serial == 0:
        findings.append(
            _warning(
                "nik.serial",
                _(
                    "Empat digit terakhir NIK (nomor urut) 0000 tidak lazim. Pastikan sama dengan "
                    "KTP atau KK."
                ),
            )
        )
    return Validation(digits, tuple(findings))


def validate_kk(value: str, *, today: date | None = None) -> Validation:
    today = today or clock.today()
    digits, problem = _number_shape(value, KK_LENGTH, "kk", _("Nomor KK"), _("Kartu Keluarga"))
    if problem:
        return Validation("", (problem,))
    parts = parse_kk(digits, today)
    findings = _region_findings(parts.region6, "kk", _("Nomor KK"))
    issue = parts.issue_date
    if not 1 <= int(digits[8:10]) <= 12:
        findings.append(
            _error(
                "kk.month",
                _(
                    "Digit ke-9 dan ke-10 Nomor KK (bulan terbit) harus 01 sampai 12. Periksa "
                    "kembali Nomor KK."
                ),
            )
        )
    elif issue is None:
        findings.append(
            _error(
                "kk.date",
                _(
                    "Tanggal terbit dalam Nomor KK (digit ke-7 sampai ke-12) tidak ada di "
                    "kalender. "
                    "Periksa kembali Nomor KK."
                ),
            )
        )
    elif issue > today:
        findings.append(
            _error(
                "kk.issue_future",
                _(
                    "Tanggal terbit dalam Nomor KK (digit ke-7 sampai ke-12) jatuh setelah hari "
                    "ini. "
                    "Periksa kembali Nomor KK."
                ),
            )
        )
    elif issue.year >= KK_LATE_ISSUE_YEAR:
        findings.append(
            _warning(
                "kk.issued_2020",
                _(
                    "KK terbit 2020 atau sesudahnya; SP Online memeriksa data Dukcapil per 30 Juni "
                    "2019, sehingga login bisa gagal 'NIK dan KK tidak sesuai'."
                ),
            )
        )
    if parts.serial == 0:
        findings.append(
            _warning(
                "kk.serial",
                _(
                    "Empat digit terakhir Nomor KK (nomor urut) 0000 tidak lazim. Pastikan sama "
                    "dengan Kartu Keluarga."
                ),
            )
        )
    return Validation(digits, tuple(findings))


def validate_nip(value: str, *, today: date | None = None) -> Validation:
    today = today or clock.today()
    digits, problem = _number_shape(value, NIP_LENGTH, "nip", "NIP", _("SK atau kartu pegawai"))
    if problem:
        return Validation("", (problem,))
    parts = parse_nip(digits)
    birth = parts.birth_date
    findings: list[Finding] = []
    if birth is None:
        findings.append(
            _error(
                "nip.birth_date",
                _(
                    "Delapan digit pertama NIP (tanggal lahir: tahun, bulan, tanggal) bukan "
                    "tanggal "
                    "yang benar. Periksa kembali NIP."
                ),
            )
        )
    elif birth > today:
        findings.append(
            _error(
                "nip.birth_future",
                _(
                    "Tanggal lahir dalam NIP (delapan digit pertama) jatuh setelah hari ini. "
                    "Periksa "
                    "kembali NIP."
                ),
            )
        )
    elif _years_between(birth, today) > MAX_AGE_YEARS:
        findings.append(
            _error(
                "nip.birth_implausible",
                _(
                    "Tanggal lahir dalam NIP (delapan digit pertama) lebih dari {years} "
                    "tahun lalu. Periksa tahun lahir di NIP."
                ).format(years=MAX_AGE_YEARS),
            )
        )
    appointment = (parts.appointment_year, parts.appointment_month)
    if not 1 <= parts.appointment_month <= 12:
        findings.append(
            _error(
                "nip.appointment_month",
                _(
                    "Digit ke-13 dan ke-14 NIP (bulan TMT CPNS) harus 01 sampai 12. Periksa "
                    "kembali "
                    "NIP."
                ),
            )
        )
    elif appointment > (today.year, today.month):
        findings.append(
            _error(
                "nip.appointment_future",
                _(
                    "TMT CPNS dalam NIP (digit ke-9 sampai ke-14) jatuh setelah bulan ini. Periksa "
                    "kembali NIP."
                ),
            )
        )
    elif birth is not None and appointment < (birth.year, birth.month):
        findings.append(
            _error(
                "nip.appointment_before_birth",
                _(
                    "TMT CPNS dalam NIP (digit ke-9 sampai ke-14) lebih awal dari tanggal lahir. "
                    "Periksa kembali NIP."
                ),
            )
        )
    elif birth is not None and birth <= today:
        # TMT CPNS is a month; take its first day.
        age = _years_between(birth, date(*appointment, 1))
        if not 18 <= age <= 60:
            findings.append(
                _warning(
                    "nip.appointment_age",
                    _(
                        "Menurut NIP, umur saat TMT CPNS di bawah 18 atau di atas 60 tahun. "
                        "Pastikan "
                        "sama dengan SK atau kartu pegawai."
                    ),
                )
            )
    if parts.sex_digit not in (1, 2):
        findings.append(
            _error(
                "nip.sex",
                _(
                    "Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan). "
                    "Periksa "
                    "kembali NIP."
                ),
            )
        )
    if parts.serial == 0:
        findings.append(
            _warning(
                "nip.serial",
                _(
                    "Tiga digit terakhir NIP (nomor urut) 000 tidak lazim. Pastikan sama dengan SK "
                    "atau kartu pegawai."
                ),
            )
        )
    return Validation(digits, tuple(findings))


def validate_rt_rw(value: str, *, field: str = "RT") -> Validation:
    """RT or RW number: 1-3 digits, 001-999, normalised to three digits ("5" -> "005")."""
    prefix = field.lower()
    digits = digits_only(value)
    if not digits:
        return Validation(
            "",
            (
                _error(
                    f"{prefix}.empty",
                    _("{field} belum diisi. Ketik nomor {field}, misalnya 003.").format(
                        field=field
                    ),
                ),
            ),
        )
    if not is_ascii_digits(digits):
        return Validation(
            "",
            (
                _error(
                    f"{prefix}.chars",
                    _("{field} hanya boleh berisi angka 0-9, misalnya 003.").format(field=field),
                ),
            ),
        )
    if len(digits) > 3:
        return Validation(
            "",
            (
                _error(
                    f"{prefix}.length",
                    _("{field} paling banyak 3 digit, misalnya 003.").format(field=field),
                ),
            ),
        )
    if int(digits) == 0:
        return Validation(
            "",
            (
                _error(
                    f"{prefix}.zero",
                    _("{field} tidak boleh 000. Nomor {field} mulai dari 001.").format(field=field),
                ),
            ),
        )
    return Validation(f"{int(digits):03d}")


def validate_phone(value: str) -> Validation:
    """Optional phone number: 08.., +628.., 628.. or a landline 0xx..; normalised to 0...

    Mobile numbers (08) have 10-13 digits, landlines (area code 021-0986) 9-12.
    """
    # Brackets around area codes and a leading "+" are common ways to write a number.
    digits = digits_only(value).replace("(", "").replace(")", "")
    if not digits:
        return Validation("")
    if digits.startswith("+"):
        digits = digits[1:]
    if not is_ascii_digits(digits):
        return Validation(
            "",
            (
                _error(
                    "phone.chars",
                    _(
                        "Nomor telepon hanya boleh berisi angka (boleh diawali +62). Hapus huruf "
                        "atau "
                        "tanda lain."
                    ),
                ),
            ),
        )
    if digits.startswith("62"):
        # "+62 (0)812..." keeps its trunk zero in some notations; drop it once.
        rest = digits[2:]
        digits = "0" + (rest[1:] if rest.startswith("0") else rest)
    if not digits.startswith("0") or digits.startswith("00"):
        return Validation(
            "",
            (
                _error(
                    "phone.prefix",
                    _(
                        "Nomor telepon harus diawali 0 atau +62, misalnya 08xx untuk HP atau kode "
                        "area "
                        "untuk telepon rumah."
                    ),
                ),
            ),
        )
    mobile = digits.startswith("08")
    low, high = (10, 13) if mobile else (9, 12)
    if not low <= len(digits) <= high:
        kind = _("Nomor HP (08..)") if mobile else _("Nomor telepon rumah (dengan kode area)")
        return Validation(
            "",
            (
                _error(
                    "phone.length",
                    _(
                        "{kind} harus {low}-{high} digit, yang terisi {count} digit. Periksa "
                        "angka yang kurang atau berlebih."
                    ).format(kind=kind, low=low, high=high, count=len(digits)),
                ),
            ),
        )
    return Validation(digits)
