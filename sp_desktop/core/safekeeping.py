"""Documents that keep the data safe: the recovery sheet and the purge report.

Shared by the window and the command line; each print is recorded in the audit trail.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sp_desktop.core import audit
from sp_desktop.core.installation import Installation
from sp_desktop.core.progress import Progress
from sp_desktop.core.regions import region_index
from sp_desktop.core.storage import PurgeSummary


def print_recovery_sheet(installation: Installation, recovery_key: str, path: Path) -> Path:
    from sp_desktop.core.security_documents import write_recovery_sheet

    written = write_recovery_sheet(
        Path(path),
        office=installation.office,
        kelurahan=installation.kelurahan_label(),
        installation_id=installation.storage.installation_id,
        recovery_key=recovery_key,
        key_fingerprint=installation.key_fingerprint,
        created_at=datetime.now().astimezone(),
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
    from sp_desktop.core.security_documents import PurgeReportData, write_purge_report

    summary = installation.storage.purge_personal_data(progress=progress)
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
            purged_at=datetime.now().astimezone(),
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
