"""Records for tests: valid by construction, in Kelurahan Ampenan Selatan, Kota Mataram."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from sp_desktop.core.domain.identifiers import compose_kk, compose_nik, compose_nip
from sp_desktop.core.domain.model import (
    FailureReason,
    Helper,
    HelpReason,
    Household,
    Outcome,
    Post,
    Visit,
    to_utc_text,
)
from sp_desktop.core.domain.reports import HouseholdLine, VisitLine
from sp_desktop.core.storage import DB_FILENAME, Storage

AMPENAN_SELATAN = "52.71.01.1004"
ADMIN_PASSWORD = "admin-ampenan-2020"
HELPER_PASSWORD = "petugas-ampenan-2020"


def make_helper(serial: int = 7, name: str = "Lalu Ahmad Hidayat") -> Helper:
    return Helper(
        nip=compose_nip(date(1985, 4, 12), date(2010, 3, 1), False, serial),
        name=name,
        opd="Dinas Kependudukan dan Pencatatan Sipil",
    )


def make_post(name: str = "Posko Kelurahan Ampenan Selatan") -> Post:
    return Post(name=name, kelurahan_code=AMPENAN_SELATAN)


def make_household(serial: int = 1, name: str = "Baiq Nurul Hakim", **changes: object) -> Household:
    household = Household(
        no_kk=compose_kk("527101", date(2015, 6, 3), serial),
        head_name=name,
        head_nik=compose_nik("527101", date(1978, 9, 21), True, serial),
        kelurahan_code=AMPENAN_SELATAN,
        address="Jl. Saleh Sungkar No. 5",
        rt="003",
        rw="001",
        members=4,
        consent=True,
    )
    return replace(household, **changes)  # type: ignore[arg-type]


def make_visit(
    household: Household,
    helper: Helper,
    post: Post,
    outcome: Outcome = Outcome.BERHASIL,
    when: datetime | None = None,
    **changes: object,
) -> Visit:
    visit = Visit(
        household_id=household.id,
        helper_id=helper.id,
        post_id=post.id,
        visited_at=to_utc_text(when or datetime(2020, 3, 10, 9, 30)),
        outcome=outcome,
    )
    return replace(visit, **changes)  # type: ignore[arg-type]


def keyed_connection(path: Path, key: bytes) -> sqlcipher.Connection:
    """A plain SQLCipher connection with the data key: how a tool (or attacker) with the
    key would see the file, bypassing SP Desktop."""
    conn = sqlcipher.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def opened_with_password(data_dir: Path, nip: str, password: str) -> sqlcipher.Connection:
    """The door of an account holder who leaves the app aside: their password opens their
    slot in kunci.json, the data key in it the database, read with plain sqlcipher3."""
    from sp_desktop.core.security.keyring import Keyring

    unlocked = Keyring.load(data_dir).unlock(nip, password)
    return keyed_connection(data_dir / DB_FILENAME, unlocked.data_key)


def every_blob(conn: sqlcipher.Connection) -> list[bytes]:
    """Every BLOB value in every table of the database, as such a person would search it."""
    return [
        bytes(value)
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not table.startswith("sqlite_")
        for row in conn.execute(f'SELECT * FROM "{table}"')
        for value in row
        if isinstance(value, bytes | memoryview)
    ]


def reopen(data_dir: Path, key: bytes, *, nip: str = "") -> Storage:
    """The same data opened again, acting as the admin (without a login entry)."""
    store = Storage(data_dir, key=key)
    admin = store.account_by_nip(nip or make_helper().nip)
    assert admin is not None
    store.act_as_system(admin)
    return store


def _line_household(number: int) -> dict[str, Any]:
    """The household's fields as both export lines carry them."""
    return {
        "household_id": f"h-{number}",
        "no_kk": f"52710101012000{number:02d}",
        "head_nik": f"52710145078500{number:02d}",
        "head_name": "Baiq Nurul Aini",
        "kelurahan_code": "52.71.01.1004",
        "kelurahan_label": "Ampenan Selatan, Ampenan, Kota Mataram",
        "address": "Jl. Saleh Sungkar No. 12",
        "rt": "003",
        "rw": "011",
        "members": 4,
        "help_reason": HelpReason.LANSIA,
        "numbers_hidden": False,
        "erased": False,
    }


def make_household_line(number: int = 1, **changes: Any) -> HouseholdLine:
    """One household as the exports read it (reports.HouseholdLine), dates chosen so that
    a reader who swaps day and month shows it: day 2 of month 3, and day 12."""
    line = HouseholdLine(
        **_line_household(number),
        status=Outcome.GAGAL,
        last_visit_at=datetime(2020, 3, 2, 9, 15),
        failure_reason=FailureReason.SITUS_SIBUK,
        revisit_date=date(2020, 3, 12),
        visits=1,
    )
    return replace(line, **changes)


def make_visit_line(number: int = 1, **changes: Any) -> VisitLine:
    """One visit as the exports read it (reports.VisitLine): a failed one with a revisit,
    dated as make_household_line's household."""
    line = VisitLine(
        **_line_household(number),
        visit_id=f"v-{number}",
        visited_at=datetime(2020, 3, 2, 9, 15),
        outcome=Outcome.GAGAL,
        failure_reason=FailureReason.SITUS_SIBUK,
        failure_note="",
        revisit_date=date(2020, 3, 12),
        note="",
        helper_name="Lalu Ahmad Fauzi",
        helper_nip="198507142010011002",
        post_name="Posko Kantor Lurah",
        proof_files=0,
    )
    return replace(line, **changes)
