"""Kemendagri region codes (provinsi, kab/kota, kecamatan, desa/kelurahan) for lookups.

The data is the union of the SP2020 codes and the newest codes, built into
``sp_desktop/data/wilayah.tsv.gz`` by ``resources/build_wilayah.py``. Old codes matter: a
NIK keeps the kecamatan code of where it was issued, even after the region was split.

Loading takes a noticeable moment, so it happens on the first ``region_index()`` call,
never at import. Region objects are made on demand from parallel sequences: building
~98k frozen dataclasses up front would cost more than the whole rest of the load.
"""

from __future__ import annotations

import gzip
import operator
import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, islice

from sp_desktop import DATA_DIR

WILAYAH_NOTICE = (
    "Data kode wilayah Kemendagri: cahyadsn/wilayah (https://github.com/cahyadsn/wilayah), "
    "MIT License, Copyright (c) 2017-2025 Cahya DSN"
)

_CURRENT = 1
_IN_2020 = 2
_FLAG_BITS = {"c": _CURRENT, "h": _IN_2020, "ch": _CURRENT | _IN_2020}
_VILLAGE_CODE_LENGTH = len("52.71.01.1004")
_CODE_QUERY = re.compile(r"[\d.]+")
# Past this many str.find() hits for one word, scanning all names with early exit is cheaper.
_FIND_LIMIT = 1500


@dataclass(frozen=True, slots=True)
class Region:
    code: str  # dotted, e.g. "52.71.01.1004"
    name: str  # display name, e.g. "Ampenan Selatan"
    level: int  # 1 provinsi, 2 kab/kota, 3 kecamatan, 4 desa/kelurahan
    current: bool  # present in the newest codes
    in_2020: bool  # present in the SP2020 codes

    @property
    def kind(self) -> str:
        if self.level == 4:
            return "Kelurahan" if self.code[9] == "1" else "Desa"
        if self.level == 3:
            return "Kecamatan"
        if self.level == 2:
            # Kab/kota digits 01-69 are kabupaten, 71-99 kota.
            return "Kota" if int(self.code[3:5]) >= 71 else "Kabupaten"
        return "Provinsi"


def dotted(code: str) -> str:
    """Bare digits to the dotted form ("5271011004" -> "52.71.01.1004"), also for a
    partial code ("527" -> "52.7"); dotted or other input is returned without spaces."""
    code = "".join(code.split())
    if "." in code or not code.isdigit():
        return code.rstrip(".")
    return ".".join(part for part in (code[:2], code[2:4], code[4:6], code[6:]) if part)


def _fold(text: str) -> str:
    # The newest dump writes some apostrophes as U+2019; searching should not care.
    return text.casefold().replace("\u2019", "'")


class RegionIndex:
    """Read-only lookups over rows ``(code, name, flags)``; safe to share across threads.

    The constructor uses bulk operations (zip, map, sorting by a list's __getitem__)
    rather than Python loops: it runs on the first lookup, often while a form waits.
    """

    def __init__(self, codes: Sequence[str], names: Sequence[str], flags: Sequence[str]) -> None:
        """Columns of the rows ``(code, name, flags)``; ``from_rows`` takes the rows."""
        if not len(codes) == len(names) == len(flags):
            raise ValueError("kolom kode, nama dan flag harus sama panjang")
        if not all(map(operator.le, codes, islice(codes, 1, None))):
            order = sorted(range(len(codes)), key=codes.__getitem__)
            codes, names, flags = ([column[i] for i in order] for column in (codes, names, flags))
        self._codes = list(codes)
        self._names = list(names)
        self._flags: list[int] = list(map(_FLAG_BITS.__getitem__, flags))
        # Lookups by code need only the columns above. The search structures cost more
        # than the load itself, so they are built on the first search, not at start-up
        # (the household list needs kelurahan names before anyone types a search).
        self._search_lock = threading.Lock()
        self._search_ready = False

    def _prepare_search(self) -> None:
        if self._search_ready:
            return
        with self._search_lock:
            if self._search_ready:
                return
            # Villages in rank order: current before historic, then by folded name, then
            # by code (two stable sorts over code order). Names starting with some text
            # then form one run per block, and a scan in rank order can stop early.
            self._folded = folded = _fold("\n".join(self._names)).split("\n")
            self._historic = historic = [bits == _IN_2020 for bits in self._flags]
            is_village = map(_VILLAGE_CODE_LENGTH.__eq__, map(len, self._codes))
            villages = list(compress(range(len(self._codes)), is_village))
            villages.sort(key=folded.__getitem__)
            villages.sort(key=historic.__getitem__)
            self._village_ids = villages
            self._lower = list(map(folded.__getitem__, villages))
            # Rank where the historic block starts (False sorts before True).
            self._current_count = bisect_left(list(map(historic.__getitem__, villages)), True)
            # All folded names in one string, each after a "\n", so str.find() scans them
            # in C. offsets[r] is the "\n" before name r; offsets[-1] is the final "\n".
            self._blob = "\n" + "\n".join(self._lower) + "\n"
            self._offsets = list(accumulate(map((1).__add__, map(len, self._lower)), initial=0))
            self._search_ready = True

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, str]]) -> RegionIndex:
        columns = [list(column) for column in zip(*rows, strict=True)] or [[], [], []]
        return cls(*columns)

    def __len__(self) -> int:
        return len(self._codes)

    def _region(self, i: int) -> Region:
        code, bits = self._codes[i], self._flags[i]
        return Region(
            code, self._names[i], code.count(".") + 1, bool(bits & _CURRENT), bool(bits & _IN_2020)
        )

    def _span(self, prefix: str) -> tuple[int, int]:
        """Indices [lo, hi) of all codes starting with the (dotted or bare) prefix."""
        prefix = dotted(prefix)
        return bisect_left(self._codes, prefix), bisect_left(self._codes, prefix + "\uffff")

    def get(self, code: str) -> Region | None:
        code = dotted(code)
        i = bisect_left(self._codes, code)
        found = i < len(self._codes) and self._codes[i] == code
        return self._region(i) if found else None

    def province_exists(self, two_digits: str) -> bool:
        region = self.get(two_digits)
        return region is not None and region.level == 1

    def kecamatan_known(self, six_digits: str) -> bool:
        region = self.get(six_digits)
        return region is not None and region.level == 3

    def parents(self, code: str) -> list[Region]:
        """Provinsi, kab/kota and kecamatan above ``code`` (those that exist), top first."""
        parts = dotted(code).split(".")
        found = (self.get(".".join(parts[:n])) for n in range(1, min(len(parts), 4)))
        return [region for region in found if region is not None]

    def describe(self, code: str) -> str:
        """ "Kel. Ampenan Selatan, Kec. Ampenan, Kota Mataram, Nusa Tenggara Barat", or ""."""
        region = self.get(code)
        if region is None:
            return ""
        return ", ".join(_label(r) for r in [region, *reversed(self.parents(region.code))])

    def villages_in(self, prefix: str) -> list[Region]:
        """All desa/kelurahan under a dotted prefix such as "52.71", in code order."""
        lo, hi = self._span(prefix)
        return [
            self._region(i) for i in range(lo, hi) if len(self._codes[i]) == _VILLAGE_CODE_LENGTH
        ]

    def search_villages(
        self, text: str, *, limit: int = 50, prefer: str | None = None
    ) -> list[Region]:
        """Villages whose name contains every word of ``text``, or whose code starts with it.

        Order: villages under ``prefer`` first, then names starting with the first word,
        then current before historic codes, then alphabetical. A code query (only digits
        and dots) orders by ``prefer``, then current before historic, then code.
        """
        words = _fold(text).split()
        if not words or limit <= 0:
            return []
        self._prepare_search()
        lo, hi = self._span(prefer) if prefer else (0, 0)
        query = "".join(words)
        if _CODE_QUERY.fullmatch(query):
            found = self._code_matches(query, lo, hi, limit)
        else:
            found = self._name_matches(words, lo, hi, limit)
        return [self._region(i) for i in found]

    def _name_matches(self, words: list[str], lo: int, hi: int, limit: int) -> list[int]:
        """Indices of matching villages, best first."""
        lower, ids, first, folded = self._lower, self._village_ids, words[0], self._folded

        # Stage 1: villages under `prefer` (a city or a province: few), tested one by one.
        local = sorted(
            (
                i
                for i in range(lo, hi)
                if len(self._codes[i]) == _VILLAGE_CODE_LENGTH
                and all(word in folded[i] for word in words)
            ),
            key=lambda i: (not folded[i].startswith(first), self._historic[i], folded[i], i),
        )
        need = limit - len(local)
        if need <= 0:
            return local[:limit]

        # Stage 2: names starting with the first word, a bisected run in each block.
        runs = []
        for block_lo, block_hi in ((0, self._current_count), (self._current_count, len(lower))):
            run_lo = bisect_left(lower, first, block_lo, block_hi)
            runs.append(range(run_lo, bisect_left(lower, first + "\U0010ffff", run_lo, block_hi)))
        found = (
            r
            for run in runs
            for r in run
            if not lo <= ids[r] < hi and all(word in lower[r] for word in words)
        )
        picked = list(islice(found, need))

        # Stage 3: the other names that contain every word.
        found = (
            r
            for r in self._containing_all(words)
            if not lower[r].startswith(first) and not lo <= ids[r] < hi
        )
        picked += islice(found, need - len(picked))
        return local + [ids[r] for r in picked]

    def _containing_all(self, words: list[str]) -> Iterable[int]:
        """Ranks, ascending, of names containing every word.

        The longest word with few hits is located by str.find() on the joined names and
        the hits are filtered by the other words. When every word is common, the names
        are scanned lazily instead: matches are then dense and the caller stops early.
        """
        lower, blob, offsets = self._lower, self._blob, self._offsets
        find = blob.find
        for word in sorted(dict.fromkeys(words), key=len, reverse=True):
            hits: list[int] = []
            pos = find(word)
            while pos != -1 and len(hits) < _FIND_LIMIT:
                rank = bisect_right(offsets, pos) - 1
                hits.append(rank)
                pos = find(word, offsets[rank + 1])
            if pos == -1:
                others = [w for w in words if w != word]
                return [r for r in hits if all(w in lower[r] for w in others)]
        return (r for r, name in enumerate(lower) if all(word in name for word in words))

    def _code_matches(self, query: str, lo: int, hi: int, limit: int) -> list[int]:
        qlo, qhi = self._span(query)
        inside = [range(max(lo, qlo), min(hi, qhi))]
        outside = [range(qlo, min(qhi, lo)), range(max(qlo, hi), qhi)]
        picked: list[int] = []
        for group in (inside, outside):
            for want in (_CURRENT, 0):
                found = (
                    i
                    for span in group
                    for i in span
                    if len(self._codes[i]) == _VILLAGE_CODE_LENGTH
                    and self._flags[i] & _CURRENT == want
                )
                picked += islice(found, limit - len(picked))
        return picked


def _label(region: Region) -> str:
    if region.level == 4:
        return f"{'Kel.' if region.kind == 'Kelurahan' else 'Desa'} {region.name}"
    if region.level == 3:
        return f"Kec. {region.name}"
    return region.name  # kab/kota names already start with "Kota"/"Kabupaten"/"Kab."


def read_columns(data: bytes) -> tuple[list[str], list[str], list[str]]:
    """Codes, names and flags from the gzip-compressed TSV resource.

    The "#" lines on top are its licence. Splitting the whole text at once and slicing
    the columns avoids making ~98k row tuples.
    """
    text = gzip.decompress(data).decode("utf-8")
    start = 0
    while text.startswith("#", start):
        start = text.index("\n", start) + 1
    body = text[start:].strip("\n")
    fields = body.replace("\t", "\n").split("\n") if body else []
    if len(fields) % 3:
        raise ValueError("wilayah.tsv.gz rusak: setiap baris harus berisi kode, nama, flag")
    return fields[0::3], fields[1::3], fields[2::3]


_lock = threading.Lock()
_index: RegionIndex | None = None


def region_index() -> RegionIndex:
    """The process-wide index, loaded from the packaged resource on the first call."""
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                # A plain path: the package is always installed as files, and
                # importlib.resources costs ~8 ms of imports at start-up.
                resource = DATA_DIR / "wilayah.tsv.gz"
                _index = RegionIndex(*read_columns(resource.read_bytes()))
    return _index
