"""Region data: the packaged resource, its builder, lookups and village search."""

from __future__ import annotations

import functools
import gzip
import os
import subprocess
import sys
import threading
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from script_support import load_script

from sp_desktop.core.domain import regions
from sp_desktop.core.domain.regions import WILAYAH_NOTICE, Region, RegionIndex, region_index

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "sp_desktop" / "data"
SOURCE = REPO.parent / "shared" / "data" / "wilayah"
needs_source = pytest.mark.skipif(
    not (SOURCE / "wilayah_2020.sql").is_file(), reason="source dumps not available"
)


@pytest.fixture(scope="module")
def index() -> RegionIndex:
    return region_index()


@pytest.fixture(scope="module")
def build() -> ModuleType:
    return load_script("resources/build_wilayah.py")


def _fold(text: str) -> str:
    return text.casefold().replace("\u2019", "'")


@functools.cache
def all_villages() -> list[tuple[Region, str]]:
    return [(v, _fold(v.name)) for v in region_index().villages_in("")]


def reference_search(index: RegionIndex, text: str, limit: int, prefer: str | None) -> list[Region]:
    """The documented ranking, by brute force over every village."""
    assert index is region_index()
    words = _fold(text).split()
    if not words:
        return []

    def preferred(v: Region) -> bool:
        return bool(prefer) and v.code.startswith(prefer)

    if "".join(words).replace(".", "").isdigit():
        prefix = regions.dotted("".join(words))
        found = [(v, name) for v, name in all_villages() if v.code.startswith(prefix)]
        found.sort(key=lambda item: (not preferred(item[0]), not item[0].current, item[0].code))
    else:
        found = [(v, name) for v, name in all_villages() if all(w in name for w in words)]
        found.sort(
            key=lambda item: (
                not preferred(item[0]),
                not item[1].startswith(words[0]),
                not item[0].current,
                item[1],
                item[0].code,
            )
        )
    return [v for v, _ in found[:limit]]


# --- the resource and its builder --------------------------------------------------------


def test_resource_is_small_deterministic_and_carries_the_licence() -> None:
    raw = (DATA / "wilayah.tsv.gz").read_bytes()
    assert len(raw) < 1_000_000
    assert raw[4:8] == b"\0\0\0\0"  # gzip mtime 0: rebuilding gives the same bytes
    text = gzip.decompress(raw).decode("utf-8")
    header = [line for line in text.splitlines()[:40] if line.startswith("#")]
    joined = "\n".join(header)
    assert "Copyright (c) 2017-2025 Cahya DSN" in joined
    assert "cahyadsn/wilayah" in joined and "MIT License" in joined
    assert "Permission is hereby granted" in joined
    licence = (DATA / "LICENSE-wilayah.txt").read_text("utf-8")
    assert "cahyadsn/wilayah" in licence and "Copyright (c) 2017-2025 Cahya DSN" in licence
    assert "Copyright (c) 2017-2025 Cahya DSN" in WILAYAH_NOTICE and "MIT" in WILAYAH_NOTICE
    body = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert all(len(row) == 3 and row[2] in {"c", "h", "ch"} for row in body)
    assert [row[0] for row in body] == sorted(row[0] for row in body)


@pytest.mark.parametrize(
    ("name", "level", "shown"),
    [
        ("KAB. ACEH SELATAN", 2, "Kab. Aceh Selatan"),
        ("P A P U A", 1, "Papua"),
        ("KOTA MATARAM", 2, "Kota Mataram"),
        ("KAB TIMOR TENGAH SELATAN", 2, "Kab. Timor Tengah Selatan"),
        ("KOTA ADM. JAKARTA PUSAT", 2, "Kota Adm. Jakarta Pusat"),
        ("DKI JAKARTA", 1, "DKI Jakarta"),
        ("KAB. TOLI-TOLI", 2, "Kab. Toli-Toli"),
        ("Kota Administrasi Jakarta Utara ", 2, "Kota Administrasi Jakarta Utara"),
        ("Seuneubok  Jaya", 4, "Seuneubok Jaya"),
        ("RD. PJKA", 4, "RD. PJKA"),  # an all-capital village name is kept as it is
        ("Pardomuan II", 4, "Pardomuan II"),
    ],
)
def test_display_names(build: ModuleType, name: str, level: int, shown: str) -> None:
    assert build.display_name(name, level) == shown


def test_parse_dump_handles_quotes(build: ModuleType) -> None:
    sql = (
        "-- ('99', 'not a row')\n/* ('98', 'nor this') */ INSERT INTO `w` (`kode`, `nama`) VALUES\n"
        "('11.01.02.2018', 'Pasi Kuala Ba''u'),\r\n"
        "('53.02.10','KI\\'E'),('52.71', 'A), (''52'', ''b'''),\n"
        "('52.71.01.1004','Ampenan Selatan');"
    )
    assert build.parse_dump(sql) == {
        "11.01.02.2018": "Pasi Kuala Ba'u",
        "53.02.10": "KI'E",
        "52.71": "A), ('52', 'b'",
        "52.71.01.1004": "Ampenan Selatan",
    }


def test_merge_flags_and_prefers_the_current_name(build: ModuleType) -> None:
    rows = build.merge(
        {"52": "NUSA TENGGARA BARAT", "52.71": "KOTA MATARAM", "91.01": "KAB. MERAUKE"},
        {"52": "Nusa Tenggara Barat", "52.71": "Kota Mataram", "93": "Papua Selatan"},
    )
    assert rows == [
        ("52", "Nusa Tenggara Barat", "ch"),
        ("52.71", "Kota Mataram", "ch"),
        ("91.01", "Kab. Merauke", "h"),
        ("93", "Papua Selatan", "c"),
    ]


@needs_source
@pytest.mark.slow
def test_packaged_resource_is_what_the_builder_makes(build: ModuleType, tmp_path: Path) -> None:
    build.build(SOURCE, tmp_path)
    for name in ("wilayah.tsv.gz", "LICENSE-wilayah.txt"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


@needs_source
@pytest.mark.slow
def test_flags_match_the_two_source_files(build: ModuleType, index: RegionIndex) -> None:
    historic = build.parse_dump((SOURCE / "wilayah_2020.sql").read_text("utf-8"))
    current = build.parse_dump((SOURCE / "wilayah_current.sql").read_text("utf-8"))
    only_2020 = sorted(historic.keys() - current.keys())
    only_current = sorted(current.keys() - historic.keys())
    assert only_2020 and only_current
    assert len(index) == len(historic.keys() | current.keys())
    for code in only_2020[:: max(1, len(only_2020) // 200)]:
        region = index.get(code)
        assert region is not None and (region.current, region.in_2020) == (False, True), code
    for code in only_current[:: max(1, len(only_current) // 200)]:
        region = index.get(code)
        assert region is not None and (region.current, region.in_2020) == (True, False), code
    # Level counts from SOURCE.md: 83,449 villages in 2020, 83,762 in the newest codes.
    villages = index.villages_in("")
    assert sum(v.in_2020 for v in villages) == 83_449
    assert sum(v.current for v in villages) == 83_762


# --- lookups ------------------------------------------------------------------------------


def test_seed_cities_and_their_kelurahan(index: RegionIndex) -> None:
    mataram, kupang = index.get("52.71"), index.get("5371")
    assert mataram == Region("52.71", "Kota Mataram", 2, True, True)
    assert kupang is not None and kupang.name == "Kota Kupang" and kupang.kind == "Kota"
    ampenan = index.get("52.71.01.1004")
    assert ampenan == Region("52.71.01.1004", "Ampenan Selatan", 4, True, True)
    assert index.get("5271011004") == ampenan
    assert ampenan.kind == "Kelurahan"
    mataram_villages = index.villages_in("52.71")
    assert ampenan in mataram_villages and len(mataram_villages) == 50
    assert all(v.level == 4 and v.code.startswith("52.71.") for v in mataram_villages)
    kupang_names = {v.name for v in index.villages_in("53.71")}
    assert {"Oesapa Selatan", "Oebobo", "Kelapa Lima"} <= kupang_names


def test_kinds(index: RegionIndex) -> None:
    assert index.get("52").kind == "Provinsi"
    assert index.get("11.01").kind == "Kabupaten"
    assert index.get("52.71.01").kind == "Kecamatan"
    assert index.get("11.01.01.2001").kind == "Desa"


def test_historic_and_current_only_codes(index: RegionIndex) -> None:
    # 11.72.01.2001 is in wilayah_2020.sql and not in wilayah_current.sql.
    assert index.get("11.72.01.2001") == Region("11.72.01.2001", "Iboih", 4, False, True)
    assert index.get("91.01") == Region("91.01", "Kab. Merauke", 2, False, True)
    assert index.get("93") == Region("93", "Papua Selatan", 1, True, False)
    assert index.get("91").name == "Papua"  # "P A P U A" in the 2020 dump


@pytest.mark.parametrize("code", ["", "9", "99", "10", "52.71.99", "abc", "52.71.01.10040"])
def test_unknown_codes(index: RegionIndex, code: str) -> None:
    assert index.get(code) is None
    assert index.describe(code) == ""


def test_province_and_kecamatan_checks(index: RegionIndex) -> None:
    assert index.province_exists("52") and index.province_exists("96")
    assert not index.province_exists("99") and not index.province_exists("5")
    assert not index.province_exists("5271")  # a kab/kota, not a province
    assert index.kecamatan_known("527101") and index.kecamatan_known("52.71.01")
    assert index.kecamatan_known("910101")  # Merauke before Papua Selatan was split off
    assert not index.kecamatan_known("527199") and not index.kecamatan_known("5271")


def test_parents_and_describe(index: RegionIndex) -> None:
    assert [r.code for r in index.parents("52.71.01.1004")] == ["52", "52.71", "52.71.01"]
    assert [r.code for r in index.parents("5271")] == ["52"]
    assert index.parents("52") == []
    assert index.describe("52.71.01.1004") == (
        "Kel. Ampenan Selatan, Kec. Ampenan, Kota Mataram, Nusa Tenggara Barat"
    )
    assert index.describe("11.01.01.2001") == (
        "Desa Keude Bakongan, Kec. Bakongan, Kabupaten Aceh Selatan, Aceh"
    )
    assert index.describe("52.71") == "Kota Mataram, Nusa Tenggara Barat"


def test_names_are_clean(index: RegionIndex) -> None:
    for region in index.villages_in("") + [index.get(c) for c in ("11", "11.01", "91.01")]:
        assert region.name == " ".join(region.name.split()) and region.name, region.code


# --- search -------------------------------------------------------------------------------


def test_search_finds_ampenan_selatan(index: RegionIndex) -> None:
    for text in ("ampenan sel", "sel ampenan", "AMPENAN SELATAN", "  amp   sel "):
        assert "52.71.01.1004" in [v.code for v in index.search_villages(text)], text
    assert index.search_villages("ampenan sel")[0].code == "52.71.01.1004"


def test_search_by_code(index: RegionIndex) -> None:
    assert [v.code for v in index.search_villages("5271011004")] == ["52.71.01.1004"]
    assert [v.code for v in index.search_villages("52.71.01.1004")] == ["52.71.01.1004"]
    in_ampenan = index.search_villages("52.71.01", limit=500)
    assert {v.code for v in in_ampenan} == {v.code for v in index.villages_in("52.71.01")}


def test_prefer_ranks_kupang_first(index: RegionIndex) -> None:
    kupang = [v for v in index.villages_in("53.71") if "na" in v.name.lower()]
    assert len(kupang) >= 5
    plain = index.search_villages("na", limit=200)
    assert not all(v.code.startswith("53.71") for v in plain[: len(kupang)])
    found = index.search_villages("na", limit=200, prefer="53.71")
    assert {v.code for v in found[: len(kupang)]} == {v.code for v in kupang}
    assert not any(v.code.startswith("53.71") for v in found[len(kupang) :])


def test_prefix_matches_come_before_other_matches(index: RegionIndex) -> None:
    found = index.search_villages("jaya", limit=5000)
    starts = [_fold(v.name).startswith("jaya") for v in found]
    assert starts == sorted(starts, reverse=True) and any(starts) and not all(starts)


def test_current_before_historic_unless_preferred(index: RegionIndex) -> None:
    # Samkai (Merauke) is 93.01.01.1002 now and was 91.01.01.1002 at SP2020.
    assert [v.code for v in index.search_villages("samkai")] == ["93.01.01.1002", "91.01.01.1002"]
    preferred = index.search_villages("samkai", prefer="91.01")
    assert [v.code for v in preferred] == ["91.01.01.1002", "93.01.01.1002"]


@pytest.mark.parametrize(
    ("text", "prefer", "limit"),
    [
        ("a", None, 50),
        ("a", "53", 50),
        ("s", None, 50),
        ("an", "53.71", 80),
        ("sel", None, 50),
        ("amp sel", "52.71", 50),
        ("jaya mekar", None, 30),
        ("a z", None, 50),
        ("kampung baru", "11", 100),
        ("ba'u", None, 10),
        ("regapu'u", None, 10),
        ("xyzq", None, 50),
        ("oe", "53.71", 1),
        ("5", "53.71", 60),
        ("91.01", None, 40),
        ("5271", None, 500),
    ],
)
def test_search_matches_the_documented_ranking(
    index: RegionIndex, text: str, prefer: str | None, limit: int
) -> None:
    expected = reference_search(index, text, limit, prefer)
    assert index.search_villages(text, limit=limit, prefer=prefer) == expected


@st.composite
def name_fragments(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from([v.name for v in region_index().villages_in("53")]))
    start = draw(st.integers(0, len(name) - 1))
    return name[start : draw(st.integers(start + 1, len(name)))]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name_fragments(), st.sampled_from([None, "53.71", "52.71", "53"]))
def test_search_of_any_name_fragment_matches_the_reference(text: str, prefer: str | None) -> None:
    index = region_index()
    assert index.search_villages(text, limit=20, prefer=prefer) == reference_search(
        index, text, 20, prefer
    )


def test_search_edge_cases(index: RegionIndex) -> None:
    assert index.search_villages("") == [] and index.search_villages("   ") == []
    assert index.search_villages("ampenan", limit=0) == []
    assert len(index.search_villages("a", limit=7)) == 7


# --- a small index and loading --------------------------------------------------------------


def test_index_from_unsorted_rows() -> None:
    small = RegionIndex.from_rows(
        [
            ("52.71.01.2002", "Dua", "h"),
            ("52.71.01", "Satu Kec", "ch"),
            ("52", "Prov", "ch"),
            ("52.71", "Kota Contoh", "ch"),
            ("52.71.01.1001", "Satu", "c"),
        ]
    )
    assert len(small) == 5
    assert small.describe("52.71.01.2002") == "Desa Dua, Kec. Satu Kec, Kota Contoh, Prov"
    assert [v.code for v in small.search_villages("u")] == ["52.71.01.1001", "52.71.01.2002"]
    assert len(RegionIndex.from_rows([])) == 0


def test_import_does_not_load_the_data_nor_qt() -> None:
    code = (
        "import sp_desktop.core.domain.regions as r, sp_desktop.core.domain.validation\n"
        "assert r._index is None\n"
        "assert r.region_index() is r.region_index() and r._index is not None\n"
        "import sys; assert 'PySide6' not in sys.modules\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, env=env)


def test_first_use_loads_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regions, "_index", None)
    loads: list[int] = []
    real = regions.RegionIndex

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args: list[str]) -> None:
            loads.append(1)
            super().__init__(*args)

    monkeypatch.setattr(regions, "RegionIndex", Counting)
    results: list[RegionIndex] = []
    threads = [threading.Thread(target=lambda: results.append(regions.region_index()))
               for _ in range(8)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(loads) == 1 and len(results) == 8
    assert all(r is results[0] for r in results)
