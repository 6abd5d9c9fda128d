"""Documents that keep the data safe: the recovery sheet and the purge report.

Shared by the window and the command line; each print is recorded in the audit trail.
"""

from __future__ import annotations

from pathlib import Path

from sp_desktop.core.base import clock
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain.regions import region_index
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import PurgeSummary
from sp_desktop.core.trust import audit


def print_recovery_sheet(installation: Installation, recovery_key: str, path: Path) -> Path:
    from sp_desktop.core.security.security_documents import write_recovery_sheet

    written = write_recovery_sheet(
        Path(path),
        office=installation.office,
        kelurahan=installation.kelurahan_label(),
        installation_id=installation.storage.installation_id,
        recovery_key=recovery_key,
        key_fingerprint=installation.key_fingerprint,
        created_at=clock.now(),
    )
    installation.storage.record_event(audit.PRINT, "lembar_pemulihan")
    return written


def purge_and_report(
    installation: Installation, out: Path, *, progress: Progress | None = None
) -> PurgeSummary:
    """Erase all personal data after the retention end date, then write the purge report.

    The erasure comes first and is complete on its own; if the report cannot be written
    (disk full), the counts it would show are in the audit entry, and it can be retried.
    """
    from sp_desktop.core.security.security_documents import PurgeReportData, write_purge_report

    summary = installation.storage.purge_personal_data(progress=progress)
    _replace_backups_in_data_folder(installation)
    regions = region_index()

    def label(code: str) -> str:
        region = regions.get(code)
        return f"{region.kind} {region.name}" if region else code

    write_purge_report(
        Path(out),
        PurgeReportData(
            office=installation.office,
            kelurahan=installation.kelurahan_label(),
            installation_id=installation.storage.installation_id,
            retention_until=summary.retention_until,
            purged_at=clock.now(),
            purged_by=summary.purged_by,
            households_purged=summary.purged,
            households_already_erased=summary.already_erased,
            visits_kept=summary.visits_kept,
            by_kelurahan=[(label(code), counts) for code, counts in summary.by_kelurahan],
            audit_entry_hash=summary.audit_hash,
        ),
    )
    installation.storage.record_event(
        audit.PRINT, "berita_acara_penghapusan", "", berkas=Path(out).name
    )
    return summary


def _replace_backups_in_data_folder(installation: Installation) -> None:
    """Backups made before the purge still hold the personal data: replace them with one
    made after it. Copies in other folders (a USB stick) are out of reach: the report and
    the README say to delete them."""
    from sp_desktop.core.security.backup import backup_folder, create_backup

    folder = backup_folder(installation.data_dir)
    old = [p for p in folder.glob("*") if p.is_file()] if folder.is_dir() else []
    fresh = create_backup(installation, label="otomatis")
    for path in old:
        if path != fresh:
            path.unlink(missing_ok=True)
    installation.storage.record_event(
        audit.DELETE, "cadangan", "", berkas_lama_dihapus=len(old), alasan="masa simpan berakhir"
    )
