"""The retention purge as the admin runs it: report, counts kept, old backups replaced."""

from __future__ import annotations

import subprocess
import zipfile
from datetime import timedelta
from pathlib import Path

from factories import keyed_connection, make_household, make_visit

from sp_desktop.core.base import clock
from sp_desktop.core.domain.model import Helper, Post
from sp_desktop.core.security.backup import create_backup, list_backups
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.security.safekeeping import purge_and_report


def test_purge_writes_the_report_and_leaves_no_backup_with_personal_data(
    installation: Installation, people: tuple[Helper, Post], tmp_path: Path
) -> None:
    helper, post = people
    storage = installation.storage
    for serial in range(1, 4):
        household = make_household(serial, name=f"Baiq {'ABC'[serial - 1]}rinjani")
        storage.save_household(household, make_visit(household, helper, post))
    old = create_backup(installation, label="otomatis")
    before = storage.count_by_outcome()
    storage.set_retention_until(clock.today() - timedelta(days=1))
    report = tmp_path / "berita-acara.pdf"

    summary = purge_and_report(installation, report)

    assert summary.purged == 3
    assert storage.count_by_outcome() == before  # the counts stay
    text = subprocess.run(
        ["pdftotext", "-layout", str(report), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Berita Acara" in text and "Halaman 1 dari" in text
    assert not old.exists()  # it still held the names
    backups = list_backups(installation.data_dir / "cadangan")
    assert len(backups) == 1
    with zipfile.ZipFile(backups[0].path) as archive:
        archive.extract("data.sqlite3", tmp_path)
    copy = keyed_connection(tmp_path / "data.sqlite3", installation.data_key)
    try:
        named = copy.execute("SELECT count(*) FROM households WHERE head_name <> ''")
        assert named.fetchone()[0] == 0  # the backup kept is the one made after the purge
    finally:
        copy.close()
    assert storage.verify_audit().ok
