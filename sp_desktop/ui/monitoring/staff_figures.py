"""The staff figures for the scope shown: one office (or every office) against its target,
as one sentence, coloured counts and a bar with the target marked on it. Shared by the
Pegawai ASN screen; the arithmetic is the core's (`core.domain.monitoring`)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QPainter,
)
from PySide6.QtWidgets import (
    QSizePolicy,
    QWidget,
)

from sp_desktop.core.domain import monitoring
from sp_desktop.core.domain.model import Outcome
from sp_desktop.core.domain.monitoring import (
    Dashboard,
    OpdProgress,
    StaffCounts,
    StaffStatus,
)
from sp_desktop.core.domain.text import date_text as long_date_text
from sp_desktop.core.domain.text import format_count, percent_text
from sp_desktop.ui.households.household_model import OUTCOME_COLOURS

STATUS_COLOURS = {
    StaffStatus.SUDAH: OUTCOME_COLOURS[Outcome.BERHASIL],
    StaffStatus.GAGAL: OUTCOME_COLOURS[Outcome.GAGAL],
    StaffStatus.BELUM: OUTCOME_COLOURS[Outcome.BELUM],
}
BELOW_TARGET_COLOUR = "#b3261e"
TARGET_MET_COLOUR = "#1b7a34"
DEFAULT_PERCENT = monitoring.DEFAULT_TARGET_PERCENT


def status_label(status: str) -> str:
    """'Sudah' for 'sudah', in the interface language."""
    label = monitoring.STATUS_LABELS.get(status)
    return QCoreApplication.translate("StaffStatus", label) if label else status


# -- the figures for the scope shown ----------------------------------------------------------


@dataclass(frozen=True)
class ScopeSummary:
    """The staff of what the screen shows (one office, or every office) against its target."""

    name: str  # the OPD's name, or "Semua OPD"
    counts: StaffCounts
    target_count: int
    target_percent: int | None  # None: the offices' own targets differ
    deadline: date | None  # the earliest deadline set
    offices: int = 1
    offices_below: int = 0  # for every office: how many are below their own target
    as_of: date | None = None

    @property
    def below_target(self) -> bool:
        return monitoring.is_below_target(self.counts.sudah, self.target_count)

    @property
    def short(self) -> int:
        return monitoring.shortfall(self.counts.sudah, self.target_count)

    @property
    def several(self) -> bool:
        return self.offices != 1


def summarise(dashboard: Dashboard, opd: str = "") -> ScopeSummary:
    """One office (`opd`, or the OPD administrator's own), or every office in the dashboard."""
    name = opd or dashboard.scope_opd or ""
    if name:
        found = next((o for o in dashboard.opds if o.opd.casefold() == name.casefold()), None)
        progress = found or OpdProgress(name, StaffCounts())
        return ScopeSummary(
            progress.opd,
            progress.counts,
            progress.target_count,
            progress.target_percent,
            progress.deadline,
            offices_below=int(progress.below_target),
            as_of=dashboard.as_of,
        )
    percents = {o.target_percent for o in dashboard.opds}
    deadlines = [o.deadline for o in dashboard.opds if o.deadline is not None]
    return ScopeSummary(
        QCoreApplication.translate("StaffDialog", "Semua OPD"),
        dashboard.staff_total,
        dashboard.staff_target_count,
        percents.pop() if len(percents) == 1 else (None if percents else DEFAULT_PERCENT),
        min(deadlines) if deadlines else None,
        offices=len(dashboard.opds),
        offices_below=len(dashboard.laggards),
        as_of=dashboard.as_of,
    )


def summary_text(summary: ScopeSummary) -> str:
    """'Dinas Sosial: 412 dari 530 ASN sudah mengisi (77,7%) · target 80% (424 orang) ·
    kurang 12 orang · batas waktu 30 November 2026'."""
    counts = summary.counts
    if not counts.total:
        return (
            QCoreApplication.translate(
                "StaffDialog",
                "%s: belum ada pegawai aktif di daftar. Impor daftar pegawai (Excel/CSV) atau "
                "tambahkan satu per satu.",
            )
            % summary.name
        )
    parts = [
        QCoreApplication.translate("StaffDialog", "%s: %s dari %s ASN sudah mengisi (%s)")
        % (
            summary.name,
            format_count(counts.sudah),
            format_count(counts.total),
            percent_text(counts.sudah, counts.total),
        )
    ]
    people = format_count(summary.target_count)
    if summary.target_percent is not None:
        parts.append(
            QCoreApplication.translate("StaffDialog", "target %d%% (%s orang)")
            % (summary.target_percent, people)
        )
    else:
        parts.append(
            QCoreApplication.translate("StaffDialog", "target masing-masing OPD (%s orang)")
            % people
        )
    if summary.below_target:
        parts.append(
            QCoreApplication.translate("StaffDialog", "kurang %s orang")
            % format_count(summary.short)
        )
    else:
        parts.append(QCoreApplication.translate("StaffDialog", "target tercapai"))
    if summary.deadline is not None:
        deadline = long_date_text(summary.deadline)
        if summary.several:
            parts.append(
                QCoreApplication.translate("StaffDialog", "batas waktu terdekat %s") % deadline
            )
        else:
            parts.append(QCoreApplication.translate("StaffDialog", "batas waktu %s") % deadline)
        if summary.below_target and summary.as_of and summary.deadline < summary.as_of:
            parts[-1] += QCoreApplication.translate("StaffDialog", " (sudah lewat)")
    return " · ".join(parts)


def counts_html(summary: ScopeSummary) -> str:
    """'Sudah 412 · Gagal 31 · Belum 87', each in its status colour (numbers only: safe)."""
    pieces = []
    for status in (StaffStatus.SUDAH, StaffStatus.GAGAL, StaffStatus.BELUM):
        colour = STATUS_COLOURS[status].name()
        pieces.append(
            f"<span style='color:{colour}'><b>{html.escape(status_label(status))}</b> "
            f"{format_count(getattr(summary.counts, status))}</span>"
        )
    text = " &nbsp;·&nbsp; ".join(pieces)
    if summary.several and summary.offices:
        text += " &nbsp;·&nbsp; " + html.escape(
            QCoreApplication.translate("StaffDialog", "OPD di bawah target: %s dari %s")
            % (format_count(summary.offices_below), format_count(summary.offices))
        )
    return text


class TargetBar(QWidget):
    """A progress bar of the share of staff who completed, with the target marked on it:
    red while below the target, green once it is met."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.done = 0
        self.total = 0
        self.target = 0
        self.target_label = ""
        self.setMinimumHeight(26)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(300, 26)

    def set_values(self, done: int, total: int, target: int, percent: int | None = None) -> None:
        self.done, self.total, self.target = done, total, target
        self.target_label = (
            QCoreApplication.translate("StaffDialog", "target %d%%") % percent
            if percent
            else QCoreApplication.translate("StaffDialog", "target")
        )
        text = QCoreApplication.translate(
            "StaffDialog", "%s dari %s sudah mengisi; target %s orang"
        ) % (
            format_count(done),
            format_count(total),
            format_count(target),
        )
        self.setToolTip(text)
        self.setAccessibleName(text)
        self.update()

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(1, 4, -1, -4)
        painter.setPen(QColor("#9e9e9e"))
        painter.setBrush(QColor("#eeeeee"))
        painter.drawRoundedRect(box, 3, 3)
        if self.total <= 0:
            painter.end()
            return
        share = min(1.0, self.done / self.total)
        met = self.done >= self.target
        fill = QRectF(box.left(), box.top(), box.width() * share, box.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(TARGET_MET_COLOUR if met else BELOW_TARGET_COLOUR))
        painter.drawRoundedRect(fill, 3, 3)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        shown = percent_text(self.done, self.total)
        width = metrics.horizontalAdvance(shown) + 12
        centre = Qt.AlignmentFlag.AlignVCenter
        if fill.width() >= width:
            painter.setPen(QColor("#ffffff"))
            painter.drawText(
                fill.adjusted(6, 0, -6, 0), centre | Qt.AlignmentFlag.AlignRight, shown
            )
        else:
            painter.setPen(QColor("#333333"))
            after = QRectF(fill.right() + 6, box.top(), width, box.height())
            painter.drawText(after, centre | Qt.AlignmentFlag.AlignLeft, shown)
        x = box.left() + box.width() * min(1.0, self.target / self.total)
        painter.setPen(QColor("#000000"))
        painter.setBrush(QColor("#000000"))
        painter.drawRect(QRectF(x - 1, box.top() - 4, 2, box.height() + 8))
        font.setBold(False)
        painter.setFont(font)
        label_width = painter.fontMetrics().horizontalAdvance(self.target_label) + 8
        if x + label_width <= box.right():
            label = QRectF(x + 5, box.top(), label_width, box.height())
            align = Qt.AlignmentFlag.AlignLeft
        else:
            label = QRectF(x - label_width - 5, box.top(), label_width, box.height())
            align = Qt.AlignmentFlag.AlignRight
        covered = label.left() < fill.right()
        painter.setPen(QColor("#ffffff" if covered else "#333333"))
        painter.drawText(label, centre | align, self.target_label)
        painter.end()
