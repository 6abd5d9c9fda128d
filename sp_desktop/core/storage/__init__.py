"""The one package that owns the SQLite database.

Everything that reads or writes the data goes through `Storage`; no other module holds SQL.

- Durability: WAL with synchronous=FULL, so a transaction that returned from COMMIT
  survives a power cut. The UI says "tersimpan" only after a write method returns.
- Migrations are numbered and transactional (sqlite-utils `Migrations`, see migrations/);
  an existing database is copied to the backup folder before any migration touches it.
- One write connection (guarded by a lock) and one read connection per thread, so a
  search in a worker thread never waits for, or blocks, the GUI thread's reads.
- Encrypted at rest: SQLCipher with the installation's random data key (see keyring.py),
  given as a raw key so opening costs no key stretching of its own.
- Every method checks the signed-in account's role (permissions.py) and writes the audit
  trail in the same transaction as the change it records.

`Storage` is assembled from one mixin per domain (accounts.py, households.py, ...), each
built on `StorageBase` (connection.py), which alone owns the connections, the write lock,
transactions and the audit trail.
"""

from __future__ import annotations

from sp_desktop.core.base.data_folder import DB_FILENAME, is_plaintext_database
from sp_desktop.core.storage.accounts import AccountsMixin
from sp_desktop.core.storage.agenda import AgendaMixin
from sp_desktop.core.storage.conflicts import ConflictsMixin
from sp_desktop.core.storage.connection import (
    BACKUP_DIRNAME,
    StorageBase,
    encrypt_plaintext_database,
)
from sp_desktop.core.storage.households import HouseholdsMixin
from sp_desktop.core.storage.keys import KeysMixin
from sp_desktop.core.storage.migrations import MIGRATIONS, migration
from sp_desktop.core.storage.proofs import ProofsMixin
from sp_desktop.core.storage.reports import ReportsMixin
from sp_desktop.core.storage.retention import PurgeSummary, RetentionMixin
from sp_desktop.core.storage.rows import (
    HELPER_COLUMNS,
    HOUSEHOLD_COLUMNS,
    POST_COLUMNS,
    VISIT_COLUMNS,
)
from sp_desktop.core.storage.staff import StaffMixin
from sp_desktop.core.storage.sync_in import SyncInMixin
from sp_desktop.core.storage.sync_out import SyncOutMixin
from sp_desktop.core.storage.targets import TargetsMixin

# What other packages import from here. Tunables (PROGRESS_STEPS, BUSY_TIMEOUT_SECONDS,
# ...) stay in the module that reads them: patch them there. MIGRATIONS is the registry
# itself: tests that swap it here are obeyed (migrations.registered).
__all__ = [
    "BACKUP_DIRNAME",
    "DB_FILENAME",
    "HELPER_COLUMNS",
    "HOUSEHOLD_COLUMNS",
    "MIGRATIONS",
    "POST_COLUMNS",
    "VISIT_COLUMNS",
    "PurgeSummary",
    "Storage",
    "encrypt_plaintext_database",
    "is_plaintext_database",
    "migration",
]


class Storage(
    AccountsMixin,
    HouseholdsMixin,
    KeysMixin,
    ProofsMixin,
    ReportsMixin,
    RetentionMixin,
    SyncOutMixin,
    SyncInMixin,
    ConflictsMixin,
    StaffMixin,
    TargetsMixin,
    AgendaMixin,
    StorageBase,
):
    """The data of one installation, in one SQLCipher file inside the data folder.

    `key` is the installation's data key; None opens an unencrypted file (only for
    converting data from before encryption, and for benchmarks that measure its cost).
    Nothing can be read or written until an account is signed in (`sign_in`).
    """
