"""The golden schema: fresh, migrated step by step, or after a sync, a database's schema is
exactly sp_desktop/core/storage/schema.sql (regenerate it with
`python -m sp_desktop.core.storage.schema` after adding a migration)."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from pathlib import Path

import pytest

from sp_desktop.core import storage as storage_module
from sp_desktop.core.domain.model import Household
from sp_desktop.core.storage import DB_FILENAME, HOUSEHOLD_COLUMNS, Storage
from sp_desktop.core.storage.schema import GOLDEN, difference, schema_text

REGENERATE = "schema differs from schema.sql (python -m sp_desktop.core.storage.schema):\n"
STAMP = "2020-03-10T01:00:00.000000Z"


def assert_golden(conn: object) -> None:
    expected = GOLDEN.read_text(encoding="utf-8")
    diff = difference(expected, schema_text(conn))
    assert not diff, REGENERATE + diff


def test_a_fresh_database_has_the_golden_schema(tmp_path: Path) -> None:
    with Storage(tmp_path / "data", key=None) as storage:
        assert_golden(storage._conn)


def test_a_database_migrated_from_0001_has_the_golden_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    with monkeypatch.context() as patch:
        patch.setattr(storage_module, "MIGRATIONS", storage_module.MIGRATIONS[:1])
        Storage(data_dir, key=None).close()
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        with conn:  # rows as 0001 knew them, for the later migrations to carry along
            conn.execute(
                "INSERT INTO helpers (id, nip, name, created_at, updated_at, origin) "
                "VALUES ('h1', '198001012005011001', 'Petugas Lama', ?, ?, 'lama')",
                [STAMP, STAMP],
            )
            conn.execute(
                "INSERT INTO posts (id, name, kelurahan_code, created_at, updated_at, origin) "
                "VALUES ('p1', 'Posko Lama', '5271011001', ?, ?, 'lama')",
                [STAMP, STAMP],
            )
            conn.execute(
                "INSERT INTO households (id, no_kk, head_name, head_nik, kelurahan_code, "
                "help_reason, created_at, updated_at, origin, latest_outcome, visit_count) "
                "VALUES ('r1', '5271010306150001', 'Warga Lama', '5271014101800001', "
                "'5271011001', 'lansia', ?, ?, 'lama', 'berhasil', 1)",
                [STAMP, STAMP],
            )
            conn.execute("INSERT INTO households_fts (rowid, head_name) VALUES (1, 'Warga Lama')")
            conn.execute(
                "INSERT INTO visits (id, household_id, helper_id, post_id, visited_at, outcome, "
                "created_at, updated_at, origin) "
                "VALUES ('v1', 'r1', 'h1', 'p1', ?, 'berhasil', ?, ?, 'lama')",
                [STAMP, STAMP, STAMP],
            )
    finally:
        conn.close()
    with Storage(data_dir, key=None) as storage:
        assert_golden(storage._conn)
        tally = storage._conn.execute(
            "SELECT dimension, key, outcome, n FROM household_tally ORDER BY dimension"
        ).fetchall()
        assert tally == [
            ("kelurahan", "5271011001", "berhasil", 1),
            ("petugas", "h1", "berhasil", 1),
            ("posko", "p1", "berhasil", 1),
        ]
        pending = storage._conn.execute("SELECT doc_id FROM sync_pending ORDER BY 1").fetchall()
        assert pending == [("kunjungan:v1",), ("petugas:h1",), ("posko:p1",), ("rumah_tangga:r1",)]


def test_the_sync_triggers_come_back_as_the_schema_has_them(storage: Storage) -> None:
    storage.sync_apply([], strict=True)
    assert_golden(storage._conn)


def test_migration_names_never_change() -> None:
    # Databases record these names as applied: a renamed migration would run twice.
    assert [name for name, _ in storage_module.MIGRATIONS] == [
        "0001_initial",
        "0002_accounts_audit_consent",
        "0003_fts_secure_delete",
        "0004_signing_slips_proofs",
        "0005_sync",
        "0006_monitoring",
        "0007_office_keys",
    ]


def test_a_difference_is_shown_as_a_unified_diff() -> None:
    expected = GOLDEN.read_text(encoding="utf-8")
    changed = expected.replace("CREATE INDEX visits_post", "CREATE INDEX visits_posko", 1)
    diff = difference(expected, changed)
    assert diff.startswith("--- schema.sql\n+++ database\n")
    assert "\n-CREATE INDEX visits_post ON visits (post_id);" in diff
    assert "\n+CREATE INDEX visits_posko ON visits (post_id);" in diff
    assert difference(expected, expected) == ""


def test_household_columns_are_the_table_and_the_record(tmp_path: Path) -> None:
    # Bulk rows come in HOUSEHOLD_COLUMNS order: it must be the table's own.
    with Storage(tmp_path / "data", key=None) as storage:
        table = [r[1] for r in storage._conn.execute("PRAGMA table_info(households)")]
    assert ["pk", *HOUSEHOLD_COLUMNS] == table
    assert {f.name for f in fields(Household)} - {"numbers_hidden"} == set(HOUSEHOLD_COLUMNS)
