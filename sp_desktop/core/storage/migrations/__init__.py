"""The schema's migrations: numbered, transactional (sqlite-utils `Migrations`), one file each.

An existing database is copied to the backup folder before any migration touches it (see
StorageBase._migrate). Each migration is frozen: its file holds literal SQL, never SQL
built from today's column lists, so a database migrated years ago and a fresh one end up
alike (tests/unit/test_schema.py checks both against schema.sql).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sp_desktop.core.storage.migrations import (
    m0001_initial,
    m0002_accounts_audit_consent,
    m0003_fts_secure_delete,
    m0004_signing_slips_proofs,
    m0005_sync,
    m0006_monitoring,
    m0007_office_keys,
)
from sp_desktop.core.storage.migrations.common import MigrationFn

if TYPE_CHECKING:
    import sqlite_utils

MIGRATION_SET = "sp_desktop"
# (name, function) in order. Kept as a plain list so that opening the data does not
# import sqlite-utils (a tenth of a second at start-up); it is loaded on the first write.
# The names are what databases record as applied: never rename one.
MIGRATIONS: list[tuple[str, MigrationFn]] = []


def migration(name: str) -> Callable[[MigrationFn], MigrationFn]:
    def register(fn: MigrationFn) -> MigrationFn:
        if any(existing == name for existing, _ in MIGRATIONS):
            raise ValueError(f"migration {name} registered twice")
        MIGRATIONS.append((name, fn))
        return fn

    return register


for _step in (
    m0001_initial,
    m0002_accounts_audit_consent,
    m0003_fts_secure_delete,
    m0004_signing_slips_proofs,
    m0005_sync,
    m0006_monitoring,
    m0007_office_keys,
):
    migration(_step.NAME)(_step.migrate)


def registered() -> list[tuple[str, MigrationFn]]:
    """The registry as the storage package exports it: tests swap `storage.MIGRATIONS`
    for a shorter list to build a database of an older schema."""
    from sp_desktop.core import storage

    return storage.MIGRATIONS


def migration_set(migrations: list[tuple[str, MigrationFn]]) -> sqlite_utils.Migrations:
    from sqlite_utils import Migrations

    result = Migrations(MIGRATION_SET)
    for name, fn in migrations:
        result(name=name)(fn)
    return result
