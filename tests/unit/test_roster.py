"""Reading a staff roster from XLSX/CSV and planning its import (sp_desktop.core.documents.roster).

Every file here is a real file in tmp_path: written by openpyxl, by the csv module, or
(for what Excel itself writes: shared strings, prefixes, phonetic guides) zipped by hand.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from sp_desktop.core.base.progress import Cancelled, Progress
from sp_desktop.core.documents import roster
from sp_desktop.core.documents.roster import (
    DUPLICATE_NIP,
    FIELD_LABELS,
    FIELDS,
    NAME_EMPTY,
    NAME_TOO_LONG,
    OPD_EMPTY,
    OPD_TOO_LONG,
    OTHER_OPD,
    REQUIRED_FIELDS,
    ROUNDED_NIP,
    UNIT_TOO_LONG,
    RosterEntry,
    RosterFileProblem,
    RosterPlan,
    RosterRejection,
    RosterTable,
    guess_mapping,
    plan_roster,
    read_roster,
)
from sp_desktop.core.domain.identifiers import compose_nip
from sp_desktop.core.domain.validation import validate_nip

TODAY = date(2024, 5, 15)
TEXT_MESSAGE = (
    "NIP tersimpan sebagai angka di Excel sehingga digit terakhirnya bisa hilang. Ubah format "
    "kolom NIP menjadi Teks lalu ketik ulang NIP-nya."
)
SAVE_AGAIN = "Simpan ulang sebagai .xlsx atau .csv dari Excel"

# Valid NIPs: birth date, TMT CPNS, woman?, serial.
BUDI = compose_nip(date(1985, 1, 1), date(2010, 1, 1), False, 1)  # 198501012010011001
SITI = compose_nip(date(1987, 2, 2), date(2011, 3, 1), True, 2)  # 198702022011032002
ANI = compose_nip(date(1990, 12, 31), date(2015, 6, 1), True, 0)  # serial 000: a warning
JOKO = compose_nip(date(1979, 7, 17), date(2005, 12, 1), False, 17)
WRONG_LENGTH = BUDI[:-1]  # 17 digits
WITH_LETTER = BUDI[:-1] + "A"
BAD_BIRTH_DATE = "19850230" + BUDI[8:]  # 30 February
BAD_SEX_DIGIT = BUDI[:14] + "3" + BUDI[15:]


def message_of(nip: str) -> str:
    return validate_nip(nip, today=TODAY).errors[0].message


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], title: str = "Pegawai") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], delimiter: str, encoding: str = "utf-8-sig"
) -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def rejections(plan: RosterPlan) -> list[tuple[int, str]]:
    return [(r.row, r.reason) for r in plan.rejected]


def plan_file(path: Path, **options: object) -> tuple[RosterTable, RosterPlan]:
    table = read_roster(path)
    return table, plan_roster(table, guess_mapping(table.headers), today=TODAY, **options)  # type: ignore[arg-type]


# Rows 1-13 of a messy roster: header, good rows with stray spaces, every kind of bad NIP,
# a blank row, a duplicate, a missing name and a NIP that is only worth a warning.
BUDI_SPACED = f" {BUDI[:8]} {BUDI[8:14]} {BUDI[14]} {BUDI[15:]} "
SITI_DOTTED = f"{SITI[:8]}.{SITI[8:14]}-{SITI[14:]}"
MESSY = [
    ["NIP", "Nama", "OPD", "Unit kerja"],  # 1
    [BUDI_SPACED, "  Budi   Santoso ", "Dinas\u00a0Kesehatan", "Bidang  P2P"],  # 2
    [SITI_DOTTED, "Siti\u00a0Aminah, S.Kep.", " Dinas Kesehatan", ""],  # 3
    [WRONG_LENGTH, "Kurang Digit", "Dinas Kesehatan", ""],  # 4
    [WITH_LETTER, "Ada Huruf", "Dinas Kesehatan", ""],  # 5
    ["", "", "", ""],  # 6
    [BAD_BIRTH_DATE, "Tanggal Salah", "Dinas Kesehatan", ""],  # 7
    [BAD_SEX_DIGIT, "Kelamin Salah", "Dinas Kesehatan", ""],  # 8
    [BUDI, "Budi Dobel", "Dinas Kesehatan", ""],  # 9
    [JOKO, "   ", "Dinas Kesehatan", ""],  # 10
    [ANI, "Ani\u00a0\u00a0Lestari", "Dinas Kesehatan", "Sekretariat "],  # 11
    [JOKO, "Joko Susilo", "Dinas Kesehatan", "Bidang Yankes"],  # 12
]
MESSY_BAD_NIPS = [WRONG_LENGTH, WITH_LETTER, BAD_BIRTH_DATE, BAD_SEX_DIGIT]


def write_messy(tmp_path: Path, kind: str) -> Path:
    if kind == "xlsx":
        return write_xlsx(tmp_path / "pegawai.xlsx", MESSY)
    delimiter = {"csv;": ";", "csv,": ",", "tab": "\t"}[kind]
    return write_csv(tmp_path / "pegawai.csv", MESSY, delimiter)


@pytest.mark.parametrize("kind", ["xlsx", "csv;", "csv,", "tab"])
def test_a_messy_roster_imports_exactly_the_good_rows(tmp_path: Path, kind: str) -> None:
    table, plan = plan_file(write_messy(tmp_path, kind))

    assert table.header_row == 1
    assert table.headers == ("NIP", "Nama", "OPD", "Unit kerja")
    assert [number for number, _ in table.rows] == list(range(2, 13))
    assert plan.entries == (
        RosterEntry(2, BUDI, "Budi Santoso", "Dinas Kesehatan", "Bidang P2P"),
        RosterEntry(3, SITI, "Siti Aminah, S.Kep.", "Dinas Kesehatan", ""),
        RosterEntry(11, ANI, "Ani Lestari", "Dinas Kesehatan", "Sekretariat"),
        RosterEntry(12, JOKO, "Joko Susilo", "Dinas Kesehatan", "Bidang Yankes"),
    )
    assert rejections(plan) == [
        (4, "NIP harus 18 digit, yang terisi 17 digit. Periksa angka yang kurang atau berlebih."),
        (5, message_of(WITH_LETTER)),
        (7, message_of(BAD_BIRTH_DATE)),
        (8, message_of(BAD_SEX_DIGIT)),
        (9, "NIP sama dengan baris 2."),
        (10, "Nama kosong."),
    ]
    assert "angka 0-9" in rejections(plan)[1][1]
    assert "tanggal lahir" in rejections(plan)[2][1]
    assert "jenis kelamin" in rejections(plan)[3][1]
    assert plan.empty_rows == 1
    assert plan.warnings == (
        RosterRejection(
            11,
            "Tiga digit terakhir NIP (nomor urut) 000 tidak lazim. Pastikan sama dengan SK "
            "atau kartu pegawai.",
        ),
    )


def test_no_message_ever_contains_a_nip(tmp_path: Path) -> None:
    _, plan = plan_file(write_messy(tmp_path, "xlsx"))
    texts = [r.reason for r in (*plan.rejected, *plan.warnings)]
    assert len(texts) == 7
    for nip in [BUDI, SITI, ANI, JOKO, *MESSY_BAD_NIPS]:
        for text in texts:
            assert nip not in text
            assert nip[:8] not in text  # not even the birth-date part


def test_the_header_may_sit_below_a_title_with_synonyms_and_columns_in_any_order(
    tmp_path: Path,
) -> None:
    path = write_xlsx(
        tmp_path / "daftar.xlsx",
        [
            ["DAFTAR ASN DINAS PENDIDIKAN KOTA MATARAM"],
            [],
            ["No.", "Nama Pegawai", "Sub-Unit", "NIP Baru", "SKPD", "Jabatan"],
            [1, "Siti Aminah", "SD Negeri 1", SITI, "Dinas Pendidikan", "Guru"],
            [2, "Joko Susilo", "SMP Negeri 2", JOKO, "Dinas Pendidikan", "Guru"],
        ],
    )
    table = read_roster(path)

    assert table.source_name == "daftar.xlsx"
    assert table.header_row == 3
    assert table.headers == ("No.", "Nama Pegawai", "Sub-Unit", "NIP Baru", "SKPD", "Jabatan")
    assert table.rows == (
        (4, ("1", "Siti Aminah", "SD Negeri 1", SITI, "Dinas Pendidikan", "Guru")),
        (5, ("2", "Joko Susilo", "SMP Negeri 2", JOKO, "Dinas Pendidikan", "Guru")),
    )
    mapping = guess_mapping(table.headers)
    assert mapping == {"nip": 3, "name": 1, "opd": 4, "unit": 2}
    plan = plan_roster(table, mapping, today=TODAY)
    assert plan.entries == (
        RosterEntry(4, SITI, "Siti Aminah", "Dinas Pendidikan", "SD Negeri 1"),
        RosterEntry(5, JOKO, "Joko Susilo", "Dinas Pendidikan", "SMP Negeri 2"),
    )
    assert plan.rejected == () and plan.warnings == () and plan.empty_rows == 0


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("NIP", "nip"),
        ("nip baru", "nip"),
        ("No. NIP", "nip"),
        ("Nomor Induk Pegawai", "nip"),
        ("NIP (18 digit)", "nip"),
        ("NAMA", "name"),
        ("Nama Lengkap", "name"),
        ("Nama_ASN", "name"),
        ("Nama Pegawai", "name"),
        ("Perangkat Daerah", "opd"),
        ("S.K.P.D.", "opd"),
        ("Instansi", "opd"),
        ("Dinas", "opd"),
        ("OPD", "opd"),
        ("Unit Kerja", "unit"),
        ("Bidang", "unit"),
        ("Bagian", "unit"),
        ("Sub Unit", "unit"),
    ],
)
def test_header_synonyms(header: str, field: str) -> None:
    mapping = guess_mapping(["Keterangan", header])
    assert mapping == {f: (1 if f == field else None) for f in FIELDS}


def test_guess_mapping_gives_none_for_unknown_headers_and_never_reuses_a_column() -> None:
    assert guess_mapping(["Kolom 1", "Jabatan", "Golongan", ""]) == dict.fromkeys(FIELDS)
    assert guess_mapping([]) == dict.fromkeys(FIELDS)
    assert guess_mapping(["NIP", "NIP", "Nama"]) == {
        "nip": 0,
        "name": 2,
        "opd": None,
        "unit": None,
    }
    assert FIELDS == ("nip", "name", "opd", "unit")
    assert REQUIRED_FIELDS == ("nip", "name")
    assert FIELD_LABELS == {"nip": "NIP", "name": "Nama", "opd": "OPD", "unit": "Unit kerja"}


def test_without_known_headers_the_first_non_empty_row_is_the_header(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "tanpa-judul.csv",
        [[], ["Kolom A", "Kolom B"], [BUDI, "Budi"]],
        ";",
    )
    table = read_roster(path)
    assert table.header_row == 2
    assert table.headers == ("Kolom A", "Kolom B")
    assert guess_mapping(table.headers) == dict.fromkeys(FIELDS)
    with pytest.raises(RosterFileProblem) as caught:
        plan_roster(table, guess_mapping(table.headers), today=TODAY)
    assert caught.value.message == "Kolom NIP dan Nama belum ditemukan."
    # The wizard's own choice works where the guess did not.
    plan = plan_roster(table, {"nip": 0, "name": 1}, opd="Dinas Sosial", today=TODAY)
    assert plan.entries == (RosterEntry(3, BUDI, "Budi", "Dinas Sosial", ""),)


def test_a_header_row_naming_one_known_column_beats_the_title_above_it(
    tmp_path: Path,
) -> None:
    path = write_csv(
        tmp_path / "satu-judul.csv",
        [["Daftar Pegawai"], ["NIP", "Nama Lengkap dengan Gelar"], [BUDI, "Budi, S.H."]],
        ";",
    )
    table = read_roster(path)
    assert table.header_row == 2
    assert guess_mapping(table.headers) == {"nip": 0, "name": None, "opd": None, "unit": None}


def test_cell_types_written_by_openpyxl_become_text(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "jenis.xlsx",
        [
            ["NIP", "Nama", "No", "Nilai", "Aktif", "Rumus", "Kosong", "Akhir"],
            [BUDI, "  Budi ", 7, 2.5, True, "=1+1", None, 3.0],
        ],
    )
    assert read_roster(path).rows == (
        (2, (BUDI, "Budi", "7", "2.5", "TRUE", "", "", "3")),  # a formula has no cached value
    )


def test_a_mapping_with_a_bad_column_is_a_programming_error(tmp_path: Path) -> None:
    table = read_roster(write_messy(tmp_path, "csv;"))
    with pytest.raises(ValueError, match="not in the table"):
        plan_roster(table, {"nip": 0, "name": 9}, today=TODAY)
    with pytest.raises(ValueError, match="two fields"):
        plan_roster(table, {"nip": 0, "name": 0}, today=TODAY)
    with pytest.raises(RosterFileProblem, match="Kolom Nama belum ditemukan"):
        plan_roster(table, {"nip": 0}, today=TODAY)


def test_a_nip_stored_as_an_excel_number_is_rejected(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "angka.xlsx",
        [
            ["NIP", "Nama", "OPD"],
            [float(SITI), "Siti Float", "Dinas Sosial"],  # 2: a double, as Excel stores it
            [198501012010011000, "Budi Dibulatkan", "Dinas Sosial"],  # 3: Excel's rounding
            # 4: even an exact Python int: openpyxl writes it as "1.97907172005121e+17"
            [int(JOKO), "Joko Bilangan Bulat", "Dinas Sosial"],
            ["1.98501E+17", "Teks Ilmiah", "Dinas Sosial"],  # 5: what a CSV from Excel holds
            ["1,98501E+17", "Teks Ilmiah Koma", "Dinas Sosial"],  # 6: in Indonesian Excel
            [12345, "Pendek", "Dinas Sosial"],  # 7
            [ANI, "Ani Teks", "Dinas Sosial"],  # 8: a text cell, as it should be
        ],
    )
    table = read_roster(path)
    assert [cells[0] for _, cells in table.rows] == [
        "1.98702022011032E+17",
        "1.98501012010011E+17",
        "1.97907172005121E+17",
        "1.98501E+17",
        "1,98501E+17",
        "12345",
        ANI,
    ]
    plan = plan_roster(table, guess_mapping(table.headers), today=TODAY)
    assert rejections(plan) == [
        (2, TEXT_MESSAGE),
        (3, TEXT_MESSAGE),
        (4, TEXT_MESSAGE),
        (5, TEXT_MESSAGE),
        (6, TEXT_MESSAGE),
        (7, message_of("12345")),
    ]
    assert ROUNDED_NIP == TEXT_MESSAGE
    assert [e.nip for e in plan.entries] == [ANI]


def test_an_exact_integer_in_the_workbook_is_accepted_a_rounded_one_is_not(
    tmp_path: Path,
) -> None:
    # Personnel-system exports may write the NIP as a number cell holding every digit;
    # Excel itself only ever keeps 15 significant digits.
    sheet = (
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v>'
        '</x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row>'
        f'<x:row r="2"><x:c r="A2"><x:v>{JOKO}</x:v></x:c><x:c r="B2" t="s"><x:v>3</x:v></x:c>'
        '<x:c r="C2" t="s"><x:v>4</x:v></x:c></x:row>'
        f'<x:row r="3"><x:c r="A3" t="n"><x:v>{BUDI[:15]}000</x:v></x:c>'
        '<x:c r="B3" t="s"><x:v>3</x:v></x:c><x:c r="C3" t="s"><x:v>4</x:v></x:c></x:row>'
        '<x:row r="4"><x:c r="A4"><x:v>1.9870202201103201E+17</x:v></x:c>'
        '<x:c r="B4" t="s"><x:v>3</x:v></x:c><x:c r="C4" t="s"><x:v>4</x:v></x:c></x:row>'
    )
    strings = "".join(f"<x:si><x:t>{s}</x:t></x:si>" for s in ("NIP", "Nama", "OPD", "X", "D"))
    path = excel_like_workbook(tmp_path / "ekspor.xlsx", [("Data", "visible", sheet)], strings)
    table = read_roster(path)
    assert [cells[0] for _, cells in table.rows] == [
        JOKO,
        "1.98501012010011E+17",
        "1.98702022011032E+17",  # shown as Excel shows it: 15 significant digits
    ]
    plan = plan_roster(table, guess_mapping(table.headers), today=TODAY)
    assert [(e.row, e.nip) for e in plan.entries] == [(2, JOKO)]
    assert rejections(plan) == [(3, TEXT_MESSAGE), (4, TEXT_MESSAGE)]


def test_nips_rounded_to_000_in_a_csv_are_rejected_but_one_serial_000_is_a_warning(
    tmp_path: Path,
) -> None:
    rounded_budi, rounded_siti = BUDI[:15] + "000", SITI[:15] + "000"
    path = write_csv(
        tmp_path / "dibulatkan.csv",
        [
            ["NIP", "Nama", "OPD"],
            [rounded_budi, "Budi", "Dinas Sosial"],
            [rounded_siti, "Siti", "Dinas Sosial"],
            [JOKO, "Joko", "Dinas Sosial"],
        ],
        ";",
    )
    _, plan = plan_file(path)
    assert rejections(plan) == [(2, TEXT_MESSAGE), (3, TEXT_MESSAGE)]
    assert [e.nip for e in plan.entries] == [JOKO]

    path = write_csv(
        tmp_path / "satu-000.csv",
        [["NIP", "Nama", "OPD"]] + [[n, "X", "Dinas Sosial"] for n in (ANI, BUDI, SITI)],
        ";",
    )
    _, plan = plan_file(path)
    assert [e.nip for e in plan.entries] == [ANI, BUDI, SITI]
    assert [w.row for w in plan.warnings] == [2]


def test_the_opd_option_overrides_every_row(tmp_path: Path) -> None:
    _, plan = plan_file(write_messy(tmp_path, "xlsx"), opd="  Dinas  Pendidikan ")
    assert {e.opd for e in plan.entries} == {"Dinas Pendidikan"}
    assert [e.nip for e in plan.entries] == [BUDI, SITI, ANI, JOKO]


def test_without_an_opd_column_or_option_every_row_is_rejected(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "tanpa-opd.csv", [["NIP", "Nama"], [BUDI, "Budi"]], ",")
    table, plan = plan_file(path)
    assert guess_mapping(table.headers)["opd"] is None
    assert rejections(plan) == [(2, OPD_EMPTY)]
    assert OPD_EMPTY == "OPD kosong. Isi kolom OPD atau pilih OPD untuk seluruh berkas."
    plan = plan_roster(table, guess_mapping(table.headers), opd="Dinas Sosial", today=TODAY)
    assert plan.entries == (RosterEntry(2, BUDI, "Budi", "Dinas Sosial", ""),)


def test_an_opd_administrator_imports_only_their_own_office(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "kota.xlsx",
        [
            ["NIP", "Nama", "OPD"],
            [BUDI, "Budi", "dinas  kesehatan "],  # 2: own office, other spelling
            [SITI, "Siti", "Dinas Pendidikan"],  # 3: another office
            [JOKO, "Joko", ""],  # 4: no OPD: gets the administrator's
            [BAD_SEX_DIGIT, "Salah", "Dinas Pendidikan"],  # 5: not theirs to fix
            [ANI, "Ani", "DINAS KESEHATAN"],  # 6
        ],
    )
    _, plan = plan_file(path, allowed_opd="Dinas Kesehatan")
    assert [(e.row, e.nip, e.opd) for e in plan.entries] == [
        (2, BUDI, "Dinas Kesehatan"),
        (4, JOKO, "Dinas Kesehatan"),
        (6, ANI, "Dinas Kesehatan"),
    ]
    assert rejections(plan) == [(3, OTHER_OPD), (5, OTHER_OPD)]
    assert OTHER_OPD == "Baris ini untuk OPD lain; Anda hanya boleh mengimpor pegawai OPD Anda."
    # The --opd option of another office cannot get round it.
    _, plan = plan_file(path, allowed_opd="Dinas Kesehatan", opd="Dinas Pendidikan")
    assert plan.entries == ()
    assert [row for row, _ in rejections(plan)] == [2, 3, 4, 5, 6]


def test_opd_spellings_that_differ_only_in_case_take_the_first_one(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "ejaan.csv",
        [
            ["NIP", "Nama", "Perangkat Daerah", "Bidang"],
            [BUDI, "Budi", "Dinas Kesehatan", "P2P"],
            [SITI, "Siti", "DINAS KESEHATAN", "p2p"],
            [JOKO, "Joko", "dinas\u00a0kesehatan", "Yankes"],
            [ANI, "Ani", "Dinas Sosial", ""],
        ],
        ";",
    )
    _, plan = plan_file(path)
    assert [(e.opd, e.unit) for e in plan.entries] == [
        ("Dinas Kesehatan", "P2P"),
        ("Dinas Kesehatan", "p2p"),
        ("Dinas Kesehatan", "Yankes"),
        ("Dinas Sosial", ""),
    ]


def test_a_duplicate_is_judged_against_the_imported_row(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "dobel.csv",
        [
            ["NIP", "Nama", "OPD"],
            [BUDI, "", "Dinas Sosial"],  # 2: rejected, keeps nobody out
            [BUDI, "Budi", "Dinas Sosial"],  # 3: imported
            [f"{BUDI[:8]} {BUDI[8:]}", "Budi Lagi", "Dinas Sosial"],  # 4: same NIP, spaced
        ],
        ";",
    )
    _, plan = plan_file(path)
    assert [(e.row, e.name) for e in plan.entries] == [(3, "Budi")]
    assert rejections(plan) == [(2, NAME_EMPTY), (4, DUPLICATE_NIP.format(row=3))]
    assert rejections(plan)[1][1] == "NIP sama dengan baris 3."


def test_texts_longer_than_200_characters_are_rejected(tmp_path: Path) -> None:
    long = "A" * 201
    path = write_xlsx(
        tmp_path / "panjang.xlsx",
        [
            ["NIP", "Nama", "OPD", "Unit kerja"],
            [BUDI, long, "Dinas Sosial", ""],
            [SITI, "Siti", long, ""],
            [JOKO, "Joko", "Dinas Sosial", long],
            [ANI, "B" * 200, "C" * 200, "D" * 200],
        ],
    )
    _, plan = plan_file(path)
    assert rejections(plan) == [(2, NAME_TOO_LONG), (3, OPD_TOO_LONG), (4, UNIT_TOO_LONG)]
    assert [e.row for e in plan.entries] == [5]


def test_invisible_characters_and_the_text_apostrophe_are_removed(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "tempelan.csv",
        [
            ["NIP", "Nama", "OPD"],
            [f"'{BUDI}", "\u200bBudi\u200b", "Dinas\u200b Sosial"],
            [f"\u2019{SITI}", "Siti", "Dinas Sosial"],
            [f'="{JOKO}"', "Joko", "Dinas Sosial"],
        ],
        ",",
    )
    _, plan = plan_file(path)
    assert plan.entries == (
        RosterEntry(2, BUDI, "Budi", "Dinas Sosial", ""),
        RosterEntry(3, SITI, "Siti", "Dinas Sosial", ""),
        RosterEntry(4, JOKO, "Joko", "Dinas Sosial", ""),
    )


def test_csv_encodings_and_excel_sep_line(tmp_path: Path) -> None:
    rows = [["NIP", "Nama", "OPD"], [BUDI, "José Ramos-Horta", "Dinas Sosial"]]
    ansi = write_csv(tmp_path / "ansi.csv", rows, ";", encoding="cp1252")
    assert read_roster(ansi).rows == ((2, (BUDI, "José Ramos-Horta", "Dinas Sosial")),)

    unicode_text = tmp_path / "unicode.txt"
    unicode_text.write_bytes("\r\n".join("\t".join(r) for r in rows).encode("utf-16"))
    assert read_roster(unicode_text).rows == ((2, (BUDI, "José Ramos-Horta", "Dinas Sosial")),)

    sep = tmp_path / "sep.csv"
    sep.write_text(f"sep=,\r\nNIP,Nama;gelar,OPD\r\n{BUDI},Budi;S.H.,Dinas Sosial\r\n")
    table = read_roster(sep)
    assert table.header_row == 1  # Excel does not count the sep= line
    assert table.headers == ("NIP", "Nama;gelar", "OPD")
    assert table.rows == ((2, (BUDI, "Budi;S.H.", "Dinas Sosial")),)


def test_semicolon_detected_although_names_carry_commas(tmp_path: Path) -> None:
    path = tmp_path / "koma.csv"
    path.write_text(
        "NIP;Nama;OPD\n"
        f"{BUDI};Dr. Budi, S.H., M.H.;Dinas Sosial\n"
        f"{SITI};Siti, S.Kep.;Dinas Sosial\n"
        f"{JOKO};Joko;Dinas Sosial\n",
        encoding="utf-8",
    )
    _, plan = plan_file(path)
    assert [e.name for e in plan.entries] == ["Dr. Budi, S.H., M.H.", "Siti, S.Kep.", "Joko"]


# --- What Excel writes, which openpyxl does not --------------------------------------------

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def excel_like_workbook(path: Path, sheets: list[tuple[str, str, str]], strings: str) -> Path:
    """A workbook zipped by hand: sheets as (name, state, sheetData XML), shared strings."""
    sheet_entries = "".join(
        f'<x:sheet name="{name}" sheetId="{i}" state="{state}" r:id="rId{i}"/>'
        for i, (name, state, _) in enumerate(sheets, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<x:workbook xmlns:x="{NS}" xmlns:r="{REL}"><x:sheets>{sheet_entries}'
            "</x:sheets></x:workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PKG_REL}">{rels}<Relationship Id="rIdS" '
            f'Type="{REL}/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>',
        )
        archive.writestr("xl/sharedStrings.xml", f'<x:sst xmlns:x="{NS}">{strings}</x:sst>')
        for i, (_, _, data) in enumerate(sheets, start=1):
            archive.writestr(
                f"xl/worksheets/sheet{i}.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<x:worksheet xmlns:x="{NS}"><x:dimension ref="A1:D9"/>'
                f"<x:sheetData>{data}</x:sheetData></x:worksheet>",
            )
    return path


def test_a_workbook_as_excel_writes_it(tmp_path: Path) -> None:
    strings = (
        "<x:si><x:t>NIP</x:t></x:si>"  # 0
        "<x:si><x:t>Nama</x:t></x:si>"  # 1
        "<x:si><x:t>OPD</x:t></x:si>"  # 2
        # 3: rich text in two runs, with a phonetic guide that is not part of the text
        "<x:si><x:r><x:t>Siti </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>Aminah</x:t></x:r>"
        "<x:rPh sb='0' eb='1'><x:t>XX</x:t></x:rPh></x:si>"
        f'<x:si><x:t xml:space="preserve">  {BUDI} </x:t></x:si>'  # 4
        "<x:si><x:t>Dinas Sosial &amp; P3A</x:t></x:si>"  # 5
        "<x:si><x:t>Daftar Dinas Lain</x:t></x:si>"  # 6
    )
    empty_visible = '<x:row r="1"><x:c r="A1" s="1"/></x:row>'
    hidden = '<x:row r="1"><x:c r="A1" t="s"><x:v>6</x:v></x:c></x:row>'
    roster_sheet = (
        '<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="B2" t="s"><x:v>1</x:v></x:c>'
        '<x:c r="D2" t="s"><x:v>2</x:v></x:c></x:row>'
        # cells without "r" follow each other; a formula's cached text; an OPD by formula
        '<x:row r="3"><x:c t="s"><x:v>4</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c><x:c/>'
        '<x:c t="str"><x:f>UPPER("x")</x:f><x:v>Dinas Sosial &amp; P3A</x:v></x:c></x:row>'
        # rows 4 and 5 are not in the file at all: blank rows in Excel
        f'<x:row r="6"><x:c r="A6" t="inlineStr"><x:is><x:t>{JOKO}</x:t></x:is></x:c>'
        '<x:c r="B6" t="inlineStr"><x:is><x:r><x:t>Joko</x:t></x:r><x:r><x:t> S.</x:t></x:r>'
        '</x:is></x:c><x:c r="D6" t="s"><x:v>5</x:v></x:c><x:c r="E6" t="b"><x:v>1</x:v></x:c>'
        "</x:row>"
    )
    path = excel_like_workbook(
        tmp_path / "excel.xlsx",
        [
            ("Kosong", "visible", empty_visible),
            ("Referensi", "hidden", hidden),
            ("Pegawai", "visible", roster_sheet),
        ],
        strings,
    )
    table = read_roster(path)
    assert table.header_row == 2
    assert table.headers == ("NIP", "Nama", "", "OPD", "")
    assert table.rows == (
        (3, (BUDI, "Siti Aminah", "", "Dinas Sosial & P3A", "")),
        (4, ("", "", "", "", "")),
        (5, ("", "", "", "", "")),
        (6, (JOKO, "Joko S.", "", "Dinas Sosial & P3A", "TRUE")),
    )
    plan = plan_roster(table, guess_mapping(table.headers), today=TODAY)
    assert [(e.row, e.nip, e.name, e.opd) for e in plan.entries] == [
        (3, BUDI, "Siti Aminah", "Dinas Sosial & P3A"),
        (6, JOKO, "Joko S.", "Dinas Sosial & P3A"),
    ]
    assert plan.empty_rows == 2


def test_a_workbook_part_with_a_dtd_is_refused(tmp_path: Path) -> None:
    bomb = (
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<x:sst xmlns:x="{NS}"><x:si><x:t>&b;</x:t></x:si></x:sst>'
    )
    path = excel_like_workbook(
        tmp_path / "dtd.xlsx", [("Pegawai", "visible", '<x:row r="1"/>')], ""
    )
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/sharedStrings2.xml", bomb)
    # Point the workbook at the part with the DTD by rewriting the relationships.
    rebuilt = tmp_path / "dtd2.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"/xl/sharedStrings.xml", b"/xl/sharedStrings2.xml")
            target.writestr(item.filename, data)
    with pytest.raises(RosterFileProblem) as caught:
        read_roster(rebuilt)
    assert caught.value.message == (
        "Berkas Excel ini rusak atau tidak lengkap, sehingga tidak bisa dibaca."
    )
    assert SAVE_AGAIN in str(caught.value)


# --- Files that are not a roster -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "lama.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            "Berkas ini berformat Excel lama (.xls) atau dilindungi kata sandi",
        ),
        ("acak.csv", bytes(range(256)) * 40, "tidak bisa dibaca sebagai daftar pegawai"),
        ("acak.xlsx", b"\x01\x02garbage" * 100, "Berkas Excel ini rusak"),
        ("daftar.pdf", b"%PDF-1.4 NIP;Nama\n", "tidak bisa dibaca sebagai daftar pegawai"),
        ("potong.xlsx", b"PK\x03\x04" + bytes(200), "Berkas Excel ini rusak"),
    ],
)
def test_files_that_are_not_a_roster(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(RosterFileProblem) as caught:
        read_roster(path)
    assert expected in caught.value.message
    assert SAVE_AGAIN in caught.value.hint
    assert ".xlsx" in str(caught.value) and ".csv" in str(caught.value)


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "dokumen.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(RosterFileProblem) as caught:
        read_roster(path)
    assert caught.value.message == (
        "Berkas ini tidak bisa dibaca sebagai daftar pegawai. Yang diterima hanya berkas Excel "
        "(.xlsx) atau CSV (.csv, .txt)."
    )


@pytest.mark.parametrize("kind", ["zero-bytes.csv", "blank.csv", "empty.xlsx"])
def test_empty_files(tmp_path: Path, kind: str) -> None:
    path = tmp_path / kind
    if kind == "blank.csv":
        path.write_text(";;;\r\n\r\n  ;\r\n", encoding="utf-8")
    elif kind == "empty.xlsx":
        write_xlsx(path, [])
    else:
        path.write_bytes(b"")
    with pytest.raises(RosterFileProblem) as caught:
        read_roster(path)
    assert caught.value.message == "Berkas daftar pegawai kosong: tidak ada baris yang berisi data."


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RosterFileProblem) as caught:
        read_roster(tmp_path / "tidak-ada.xlsx")
    assert caught.value.message == "Berkas daftar pegawai tidak bisa dibuka."
    assert "coba lagi" in caught.value.hint


def test_files_over_the_size_and_row_caps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    xlsx = write_messy(tmp_path, "xlsx")
    csv_path = write_messy(tmp_path, "csv;")
    monkeypatch.setattr(roster, "MAX_FILE_BYTES", 100)
    for path in (xlsx, csv_path):
        with pytest.raises(RosterFileProblem, match="lebih besar dari 0 MB"):
            read_roster(path)
    monkeypatch.undo()
    assert roster.MAX_FILE_BYTES == 50 * 1024 * 1024
    assert roster.MAX_ROWS == 200_000
    monkeypatch.setattr(roster, "MAX_ROWS", 5)
    for path in (xlsx, csv_path):
        with pytest.raises(RosterFileProblem) as caught:
            read_roster(path)
        assert caught.value.message == "Berkas daftar pegawai berisi lebih dari 5 baris."
        assert "beberapa berkas" in caught.value.hint


def test_the_real_caps_are_announced_in_indonesian() -> None:
    assert str(roster._too_many_rows()).startswith(
        "Berkas daftar pegawai berisi lebih dari 200.000 baris."
    )
    assert roster._too_big().message == "Berkas daftar pegawai lebih besar dari 50 MB."


# --- Progress and Batal --------------------------------------------------------------------


def test_reading_and_planning_report_progress_and_stop_on_batal(tmp_path: Path) -> None:
    rows: list[list[object]] = [["NIP", "Nama", "OPD"]]
    rows += [
        [compose_nip(date(1980, 1, 1 + i % 28), date(2005, 1, 1), False, i % 1000), f"P {i}", "D"]
        for i in range(1, 4501)
    ]
    xlsx = write_xlsx(tmp_path / "besar.xlsx", rows)
    big_csv = write_csv(tmp_path / "besar.csv", rows, ";")

    for path in (xlsx, big_csv):
        reports: list[tuple[int, int, str]] = []
        table = read_roster(path, progress=Progress(lambda *a, seen=reports: seen.append(a)))
        assert len(table.rows) == 4500
        assert reports and all(text == "Membaca daftar pegawai" for _, _, text in reports)

    planned: list[tuple[int, int, str]] = []
    plan = plan_roster(
        table,
        guess_mapping(table.headers),
        today=TODAY,
        progress=Progress(lambda *a: planned.append(a)),
    )
    assert len(plan.entries) == 4500
    assert [done for done, _, _ in planned] == [0, 2000, 4000, 4500]
    assert {total for _, total, _ in planned} == {4500}

    stopped = Progress()
    stopped.cancel()
    for path in (xlsx, big_csv):
        with pytest.raises(Cancelled):
            read_roster(path, progress=stopped)
    with pytest.raises(Cancelled):
        plan_roster(table, guess_mapping(table.headers), today=TODAY, progress=stopped)
