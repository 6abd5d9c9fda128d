"""The golden schema: what a fresh database holds, checked in as schema.sql.

`schema_text(conn)` renders a database's schema (sqlite_master) in one stable form:
objects sorted by type and name, SQL comments dropped and whitespace collapsed (so a
trigger written on one line or five compares equal), long statements wrapped. FTS5's
own shadow tables and SQLite's automatic indexes are left out: they follow from the
statements that are listed. tests/unit/test_schema.py compares a fresh database and
one migrated step by step from 0001 against the checked-in file.

Regenerate after adding a migration:  .venv/bin/python -m sp_desktop.core.storage.schema
"""

from __future__ import annotations

import difflib
import re
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).with_name("schema.sql")
HEADER = (
    "-- Generated: the schema of a fresh SP Desktop database (sqlite_master, normalised).\n"
    "-- Do not edit. Regenerate after adding a migration:\n"
    "--     .venv/bin/python -m sp_desktop.core.storage.schema\n"
)
_COMMENT = re.compile(r"--[^\n]*")
_WIDTH = 100


def _normalised(sql: str) -> str:
    return " ".join(_COMMENT.sub("", sql).split())


def schema_text(conn: Any) -> str:
    """The schema of the database on `conn` (sqlite3 or SQLCipher), as schema.sql has it."""
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master "
        "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()
    virtual = [name for kind, name, _, sql in rows if kind == "table" and "VIRTUAL" in sql]
    parts = [HEADER]
    for kind, name, table, sql in rows:
        if any(name.startswith(f"{v}_") for v in virtual):
            continue  # an FTS5 shadow table, created by its virtual table
        statement = textwrap.fill(
            _normalised(sql) + ";", _WIDTH, subsequent_indent="    ", break_long_words=False
        )
        parts.append(f"-- {kind} {name}" + (f" on {table}" if table != name else ""))
        parts.append(statement)
    return "\n".join(parts) + "\n"


def difference(expected: str, actual: str) -> str:
    """A unified diff from the golden schema to a database's (empty when they agree)."""
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            "schema.sql",
            "database",
        )
    )


def fresh_schema() -> str:
    """The schema of a database created now, by every migration."""
    from sp_desktop.core.storage import Storage

    with tempfile.TemporaryDirectory() as folder, Storage(Path(folder), key=None) as storage:
        return schema_text(storage._conn)


def main() -> int:
    GOLDEN.write_text(fresh_schema(), encoding="utf-8")
    print(f"wrote {GOLDEN}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
