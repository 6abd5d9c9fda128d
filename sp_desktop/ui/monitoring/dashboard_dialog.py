"""Dasbor pemantauan: the city's ASN per OPD against their targets, the trend, households.

Every OPD head must know how many of their ASN completed SP Online, failed, or have not
yet, against a target (80% unless the coordinator set another); the coordinator also
follows the households assisted per kelurahan, post and helper (field-notes.md). The
figures come from `Storage.dashboard()`, read in the TaskRunner (never on the GUI
thread) when the window opens, on Perbarui (F5) and every minute while it is shown; the
figures already shown stay until new ones arrive.

Charts show as many rows as their height has room for, MIN_ROWS to MAX_ROWS (the OPDs
furthest from their target, the kelurahan, posts and helpers with the most households),
redrawn when the window is resized; the tables below them show every row, sortable.
Every number is the Dashboard's own, formatted the Indonesian way (1.234; 77,7%).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QLocale,
    QMargins,
    QPointF,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QBrush,
    QCloseEvent,
    QColor,
    QFontMetrics,
    QHideEvent,
    QKeySequence,
    QPainter,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base import clock, i18n
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.domain import monitoring
from sp_desktop.core.domain.model import Outcome
from sp_desktop.core.domain.permissions import Permission
from sp_desktop.core.domain.text import format_count, percent_text, short_date_text
from sp_desktop.core.storage import Storage
from sp_desktop.ui.households.household_model import OUTCOME_COLOURS
from sp_desktop.ui.operations import ChangeBus, Changes
from sp_desktop.ui.table_model import Index, ReadOnlyTableModel
from sp_desktop.ui.widgets import MessageLine, list_view, to_qdatetime
from sp_desktop.ui.worker import TaskHandle, TaskRunner

MIN_ROWS = 5  # rows a bar chart shows at least and at most; the table shows them all
MAX_ROWS = 20
CHART_OVERHEAD = 110  # pixels of a bar chart that are not bars: legend, axis, margins
AUTO_REFRESH_MS = 60_000
MAX_DATE_TICKS = 8
MAX_LABEL = 34  # characters of a name on a chart's axis (the table has the full name)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
LAGGARD_COLOUR = QColor("#b3261e")
ON_TARGET_COLOUR = QColor("#1b7a34")
NOT_VISITED_COLOUR = QColor("#9e9e9e")
TARGET_LINE_COLOUR = QColor("#263238")
TREND_COLOUR = QColor("#1565c0")
HIGHLIGHT_BACKGROUND = QColor("#fde4e1")
HIGHLIGHT_TEXT = QColor("#7f1d1d")
NOTE_STYLE = "color: #555555;"
EMPTY_STYLE = "color: #555555; background: #ffffff; font-size: 11pt;"
TOTAL_STYLE = "font-weight: bold;"
NO_DATE = "9999-12-31"  # sorts "no deadline" after every date


def _locale() -> QLocale:
    """The chart's number habits: Indonesian ('39,1%'), or in English the window's default
    locale, which apply_language sets ('39.1%')."""
    if i18n.language() == "en":
        return QLocale()
    return QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)


def elide(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def unique_labels(names: Sequence[str]) -> list[str]:
    """Chart categories must differ: two helpers of the same name get '(2)'."""
    seen: dict[str, int] = {}
    labels = []
    for name in names:
        label = elide(name)
        seen[label] = seen.get(label, 0) + 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return labels


def chart_label(name: str) -> str:
    """A post's label as the chart has room for it: 'Posko Masjid Nurul Huda (Kelurahan
    Pejeruk)' -> 'Posko Masjid Nur… (Pejeruk)' (the kelurahan stays readable)."""
    for kind in ("Kelurahan ", "Desa "):
        name = name.replace("(" + kind, "(")
    head, bracket, tail = name.rpartition(" (")
    if bracket and name.endswith(")") and len(name) > MAX_LABEL and len(tail) <= 21:
        return elide(head, MAX_LABEL - len(tail) - 2) + bracket + tail
    return name


def percent_value(part: int, whole: int) -> float:
    """What a bar shows: the percentage rounded as its text is (77,7%)."""
    return round(monitoring.percent_of(part, whole), 1)


# -- tables -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    key: Callable[[Any], Any]  # what the column sorts by
    numeric: bool = True


class FiguresModel(ReadOnlyTableModel):
    """A read-only table of dashboard rows; rows for which `highlight` holds are shaded."""

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        highlight: Callable[[Any], bool] | None = None,
        tooltip: Callable[[Any], str] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.headers = tuple(c.header for c in self.columns)
        self._highlight = highlight
        self._tooltip = tooltip
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_count(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def highlighted(self, row: int) -> bool:
        return self._highlight is not None and bool(self._highlight(self._rows[row]))

    def text(self, row: int, column: int) -> str:
        return self.columns[column].text(self._rows[row])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item)
        if role == SORT_ROLE:
            return column.key(item)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        highlighted = self._highlight is not None and self._highlight(item)
        if role == Qt.ItemDataRole.BackgroundRole and highlighted:
            return QBrush(HIGHLIGHT_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and highlighted:
            return QBrush(HIGHLIGHT_TEXT)
        if role == Qt.ItemDataRole.ToolTipRole and self._tooltip is not None:
            return self._tooltip(item) or None
        return None


def figures_view(model: FiguresModel, parent: QWidget) -> QTableView:
    """Sortable by any column (numbers as numbers); the first column takes the room left."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = list_view(proxy, parent)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(60)
    return view


# -- charts -----------------------------------------------------------------------------------


class ChartView(QChartView):
    """A bar chart that shows as many rows as its height has room for: `redraw` is called
    when a resize changes that number (drawing a chart of twenty bars takes a few ms)."""

    def __init__(self, chart: QChart, parent: QWidget) -> None:
        super().__init__(chart, parent)
        self.capacity = 0  # the rows that fitted when it was last drawn
        self.redraw: Callable[[], None] | None = None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.redraw is not None and self.rows_that_fit() != self.capacity:
            self.redraw()

    def rows_that_fit(self) -> int:
        """Bars whose axis labels do not collide (Qt leaves out a label that would)."""
        per_row = QFontMetrics(self.chart().font()).height() + 4
        room = self.height() - CHART_OVERHEAD
        return max(MIN_ROWS, min(MAX_ROWS, room // per_row))

    def take_rows(self, rows: Sequence[Any]) -> list[Any]:
        self.capacity = self.rows_that_fit()
        return list(rows[: self.capacity])


def new_chart_view(parent: QWidget) -> ChartView:
    chart = QChart()
    chart.setLocalizeNumbers(True)
    chart.setLocale(_locale())
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setBackgroundRoundness(0)
    view = ChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return view


def clear_chart(chart: QChart) -> None:
    chart.removeAllSeries()  # deletes them
    for axis in chart.axes():
        axis.hide()  # else it is painted until deleteLater has run
        chart.removeAxis(axis)
        axis.deleteLater()
    chart.setTitle("")


def category_axis(labels: Sequence[str]) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(list(labels))
    axis.setGridLineVisible(False)
    axis.setTruncateLabels(False)  # they are elided to MAX_LABEL already
    return axis


def count_axis(maximum: float, title: str = "") -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, max(1.0, maximum))
    axis.setLabelFormat("%.0f")  # with localised numbers "%d" shows nothing
    axis.setTruncateLabels(False)
    axis.applyNiceNumbers()
    if axis.max() <= 5:  # small counts: whole numbers only
        axis.setRange(0, 5)
        axis.setTickCount(6)
    axis.setTitleText(title)
    return axis


def outcome_series(
    counts: Sequence[monitoring.HouseholdCounts], labels: dict[str, str], *, visited: bool
) -> QHorizontalStackedBarSeries:
    """Households by outcome, one stacked bar per row (the first row on top)."""
    series = QHorizontalStackedBarSeries()
    parts = [
        ("berhasil", OUTCOME_COLOURS[Outcome.BERHASIL]),
        ("gagal", OUTCOME_COLOURS[Outcome.GAGAL]),
        ("belum", OUTCOME_COLOURS[Outcome.BELUM]),
    ]
    if visited:
        parts.append(("tanpa_kunjungan", NOT_VISITED_COLOUR))
    for name, colour in parts:
        bar_set = QBarSet(labels[name])
        bar_set.setColor(colour)
        bar_set.setBorderColor(colour)
        bar_set.append([float(getattr(c, name)) for c in reversed(counts)])
        series.append(bar_set)
    series.setBarWidth(0.7)
    return series


# -- the dialog -------------------------------------------------------------------------------


class DashboardDialog(QDialog):
    """Non-blocking: the main window `show()`s it; it keeps itself up to date while open:
    at once after any change the bus reports, and every few minutes for what the bus
    cannot see (the date turning, another PC's data arriving by file)."""

    def __init__(
        self,
        storage: Storage,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        bus: ChangeBus | None = None,
    ):
        super().__init__(parent)
        self.storage = storage
        self.runner = runner
        self.bus = bus or ChangeBus(self)
        self.bus.data_changed.connect(self._data_changed)
        self._outdated = False  # changed while hidden: read again when shown
        self.dashboard: monitoring.Dashboard | None = None
        self.updated_at: datetime | None = None
        self._handle: TaskHandle | None = None
        self._refreshing = False
        self._token = 0
        self.setWindowTitle(self.tr("Dasbor pemantauan"))
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowFlag(Qt.WindowType.WindowMinimizeButtonHint, True)
        self.outcome_labels = {
            "berhasil": self.tr("Berhasil"),
            "gagal": self.tr("Gagal"),
            "belum": self.tr("Belum"),
            "tanpa_kunjungan": self.tr("Belum dikunjungi"),
        }
        self._empty: dict[ChartView, tuple[QStackedWidget, QLabel, QLabel]] = {}
        self._build()
        self.opd_chart_view.redraw = self._draw_opd_chart
        self.kelurahan_chart_view.redraw = self._draw_kelurahan_chart
        self.post_chart_view.redraw = self._draw_post_chart
        self.helper_chart_view.redraw = self._draw_helper_chart
        self.timer = QTimer(self)
        self.timer.setInterval(AUTO_REFRESH_MS)
        self.timer.timeout.connect(self._auto_refresh)
        self._fit_screen()
        self.refresh()

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_opd_tab(), self.tr("&ASN per OPD"))
        self.tabs.addTab(self._build_trend_tab(), self.tr("T&ren harian"))
        self.tabs.addTab(self._build_kelurahan_tab(), self.tr("&Kelurahan"))
        self.tabs.addTab(self._build_groups_tab(), self.tr("P&osko && petugas"))

        self.updated_label = QLabel(self)
        self.updated_label.setStyleSheet(NOTE_STYLE)
        self.message = MessageLine(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.refresh_button = QPushButton(self.tr("&Perbarui"), self)
        self.refresh_button.setToolTip(self.tr("Hitung ulang semua angka (F5)"))
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.refresh)
        # F5 besides Alt+P (a button holds one shortcut: its mnemonic). Only one action
        # may own a key: two (F5 is also StandardKey.Refresh) would cancel each other.
        self.addAction(self._shortcut(QKeySequence(Qt.Key.Key_F5), self.refresh))

        self.targets_button = QPushButton(self.tr("&Target…"), self)
        self.targets_button.setAutoDefault(False)
        self.targets_button.setToolTip(self.tr("Atur target per OPD dan per kelurahan/desa"))
        self.targets_button.clicked.connect(self.open_targets)
        self.targets_button.setVisible(self.storage.can(Permission.MONITOR_ALL))
        self.evaluation_button = QPushButton(self.tr("&Evaluasi dua mingguan…"), self)
        self.evaluation_button.setAutoDefault(False)
        self.evaluation_button.setToolTip(self.tr("Cetak evaluasi 14 hari terakhir (PDF/Excel)"))
        self.evaluation_button.clicked.connect(self.open_evaluation)
        # Counts only: an OPD administrator may print their own office's evaluation.
        self.evaluation_button.setVisible(self.storage.can(Permission.MONITOR))
        self.close_button = QPushButton(self.tr("T&utup"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)

        bottom = QHBoxLayout()
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.updated_label)
        bottom.addStretch(1)
        bottom.addWidget(self.targets_button)
        bottom.addWidget(self.evaluation_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

    def _shortcut(self, keys: QKeySequence, slot: Callable[[], None]) -> Any:
        from PySide6.QtGui import QAction

        action = QAction(self)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        return action

    def _note(self, parent: QWidget, style: str = NOTE_STYLE) -> QLabel:
        label = QLabel(parent)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # OPD names come from rosters
        label.setStyleSheet(style)
        return label

    def _page(self, *widgets: QWidget) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        for widget in widgets:
            layout.addWidget(widget, 1 if isinstance(widget, QSplitter) else 0)
        return page

    def _split(self, orientation: Qt.Orientation, *widgets: QWidget, sizes: list[int]) -> QSplitter:
        splitter = QSplitter(orientation, self)
        splitter.setChildrenCollapsible(False)
        for widget in widgets:
            splitter.addWidget(widget)
        splitter.setSizes(sizes)
        return splitter

    def _with_caption(self, caption: QLabel, view: ChartView) -> QWidget:
        """The caption above the chart; in the chart's place a message when it is empty."""
        empty = QLabel(self)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        empty.setStyleSheet(EMPTY_STYLE)
        stack = QStackedWidget(self)
        stack.addWidget(view)
        stack.addWidget(empty)
        self._empty[view] = (stack, empty, caption)
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(caption)
        layout.addWidget(stack, 1)
        return box

    def _show_empty(self, view: ChartView, text: str) -> None:
        """Nothing to draw: say why where the chart would be ('' shows the chart)."""
        stack, empty, caption = self._empty[view]
        empty.setText(text)
        stack.setCurrentWidget(empty if text else view)
        if text:
            caption.setText("")

    def _build_opd_tab(self) -> QWidget:
        def deadline_text(o: monitoring.OpdProgress) -> str:
            return self._deadline_text(o.deadline, o.below_target)

        columns = [
            Column(self.tr("OPD"), lambda o: o.opd, lambda o: o.opd.casefold(), numeric=False),
            Column(self.tr("Jumlah ASN"), lambda o: format_count(o.counts.total),
                   lambda o: o.counts.total),
            Column(self.tr("Sudah"), lambda o: format_count(o.counts.sudah),
                   lambda o: o.counts.sudah),
            Column(self.tr("Gagal"), lambda o: format_count(o.counts.gagal),
                   lambda o: o.counts.gagal),
            Column(self.tr("Belum"), lambda o: format_count(o.counts.belum),
                   lambda o: o.counts.belum),
            Column(self.tr("% Sudah"), lambda o: percent_text(o.counts.sudah, o.counts.total),
                   lambda o: o.counts.percent("sudah")),
            Column(self.tr("Target"), self._opd_target_text,
                   lambda o: o.target_percent * 10_000_000 + o.target_count),
            Column(self.tr("Kurang"), lambda o: format_count(o.short_of_target),
                   lambda o: o.short_of_target),
            Column(self.tr("Batas waktu"), deadline_text,
                   lambda o: o.deadline.isoformat() if o.deadline else NO_DATE, numeric=False),
        ]  # fmt: skip
        self.opd_model = FiguresModel(
            columns, highlight=lambda o: o.below_target, tooltip=self._opd_tooltip, parent=self
        )
        self.opd_table = figures_view(self.opd_model, self)
        self.opd_chart_view = new_chart_view(self)
        self.opd_chart = self.opd_chart_view.chart()
        self.opd_caption = self._note(self)
        self.opd_total = self._note(self, TOTAL_STYLE)
        table_box = QWidget(self)
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.opd_table, 1)
        table_layout.addWidget(self.opd_total)
        splitter = self._split(
            Qt.Orientation.Vertical,
            self._with_caption(self.opd_caption, self.opd_chart_view),
            table_box,
            sizes=[330, 270],
        )
        return self._page(splitter)

    def _build_trend_tab(self) -> QWidget:
        columns = [
            Column(self.tr("Tanggal"), lambda p: short_date_text(p.day),
                   lambda p: p.day.isoformat(), numeric=False),
            Column(self.tr("Selesai hari itu"), lambda p: format_count(p.completed),
                   lambda p: p.completed),
            Column(self.tr("Jumlah sudah"), lambda p: format_count(p.cumulative),
                   lambda p: p.cumulative),
        ]  # fmt: skip
        self.trend_model = FiguresModel(columns, parent=self)
        self.trend_table = figures_view(self.trend_model, self)
        self.trend_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.trend_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        # The last column takes the room left; the table is never narrower than its three
        # columns (the splitter would cut the last one off).
        header = self.trend_table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        date_width = self.fontMetrics().horizontalAdvance("00 Sep 0000") + 16
        needed = max(header.sectionSizeHint(0), date_width) + sum(
            header.sectionSizeHint(c) for c in (1, 2)
        )
        scroll_bar = self.trend_table.verticalScrollBar().sizeHint().width()
        self.trend_table.setMinimumWidth(needed + scroll_bar + 2 * self.trend_table.frameWidth())
        self.trend_chart_view = new_chart_view(self)
        self.trend_chart = self.trend_chart_view.chart()
        self.trend_caption = self._note(self)
        splitter = self._split(
            Qt.Orientation.Horizontal,
            self._with_caption(self.trend_caption, self.trend_chart_view),
            self.trend_table,
            sizes=[900, 320],
        )
        return self._page(splitter)

    def _household_columns(self, first: str, *, visited: bool) -> list[Column]:
        def count(name: str) -> Column:
            return Column(
                self.outcome_labels[name],
                lambda g: format_count(getattr(g.counts, name)),
                lambda g: getattr(g.counts, name),
            )

        columns = [
            Column(first, lambda g: g.label if hasattr(g, "label") else g.name,
                   lambda g: (g.label if hasattr(g, "label") else g.name).casefold(),
                   numeric=False),
            count("berhasil"), count("gagal"), count("belum"),
        ]  # fmt: skip
        if visited:
            columns += [
                count("tanpa_kunjungan"),
                Column(self.tr("Jumlah"), lambda g: format_count(g.counts.total),
                       lambda g: g.counts.total),
            ]  # fmt: skip
        else:
            columns.append(
                Column(self.tr("Jumlah didampingi"), lambda g: format_count(g.counts.assisted),
                       lambda g: g.counts.assisted)
            )  # fmt: skip
        return columns

    def _build_kelurahan_tab(self) -> QWidget:
        def target(k: monitoring.KelurahanProgress) -> str:
            return format_count(k.target) if k.target is not None else "–"

        def short(k: monitoring.KelurahanProgress) -> int:
            return -1 if k.short_of_target is None else k.short_of_target  # -1: no target

        columns = [
            *self._household_columns(self.tr("Kelurahan/desa"), visited=True),
            Column(self.tr("Target berhasil"), target,
                   lambda k: k.target if k.target is not None else -1),
            Column(self.tr("Kurang"), lambda k: format_count(short(k)) if short(k) >= 0 else "–",
                   short),
            Column(self.tr("Batas waktu"),
                   lambda k: self._deadline_text(k.deadline, k.below_target),
                   lambda k: k.deadline.isoformat() if k.deadline else NO_DATE, numeric=False),
        ]  # fmt: skip
        self.kelurahan_model = FiguresModel(
            columns,
            highlight=lambda k: k.below_target,
            tooltip=self._kelurahan_tooltip,
            parent=self,
        )
        self.kelurahan_table = figures_view(self.kelurahan_model, self)
        self.kelurahan_chart_view = new_chart_view(self)
        self.kelurahan_chart = self.kelurahan_chart_view.chart()
        self.kelurahan_caption = self._note(self)
        self.kelurahan_total = self._note(self, TOTAL_STYLE)
        table_box = QWidget(self)
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.kelurahan_table, 1)
        table_layout.addWidget(self.kelurahan_total)
        splitter = self._split(
            Qt.Orientation.Vertical,
            self._with_caption(self.kelurahan_caption, self.kelurahan_chart_view),
            table_box,
            sizes=[330, 270],
        )
        return self._page(splitter)

    def _build_groups_tab(self) -> QWidget:
        self.post_model = FiguresModel(
            self._household_columns(self.tr("Posko"), visited=False),
            tooltip=lambda g: g.label,
            parent=self,
        )
        self.helper_model = FiguresModel(
            self._household_columns(self.tr("Petugas"), visited=False),
            tooltip=lambda g: g.label,
            parent=self,
        )
        self.post_table = figures_view(self.post_model, self)
        self.helper_table = figures_view(self.helper_model, self)
        for table in (self.post_table, self.helper_table):
            table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # most households first
        self.post_chart_view = new_chart_view(self)
        self.post_chart = self.post_chart_view.chart()
        self.helper_chart_view = new_chart_view(self)
        self.helper_chart = self.helper_chart_view.chart()
        self.post_caption = self._note(self)
        self.helper_caption = self._note(self)
        self.groups_note = self._note(self)
        self.groups_note.setText(
            self.tr(
                "Rumah tangga dihitung pada posko dan petugas kunjungan terakhirnya, menurut "
                "hasil kunjungan terakhir itu."
            )
        )
        halves = []
        for caption, view, table in (
            (self.post_caption, self.post_chart_view, self.post_table),
            (self.helper_caption, self.helper_chart_view, self.helper_table),
        ):
            halves.append(
                self._split(
                    Qt.Orientation.Vertical,
                    self._with_caption(caption, view),
                    table,
                    sizes=[330, 250],
                )
            )
        splitter = self._split(Qt.Orientation.Horizontal, *halves, sizes=[600, 600])
        return self._page(splitter, self.groups_note)

    def _fit_screen(self) -> None:
        self.setMinimumSize(760, 460)  # within 1366x768 at 125% (1093x614) with a taskbar
        room = self.screen().availableGeometry()
        self.resize(min(1280, room.width() - 40), min(700, room.height() - 60))

    # -- texts ------------------------------------------------------------------------------

    def _opd_target_text(self, opd: monitoring.OpdProgress) -> str:
        return self.tr("%s%% (%s orang)") % (opd.target_percent, format_count(opd.target_count))

    def _deadline_text(self, deadline: date | None, below: bool) -> str:
        if deadline is None:
            return "–"
        text = short_date_text(deadline)
        as_of = self.dashboard.as_of if self.dashboard else clock.today()
        if below and deadline < as_of:
            text += self.tr(" (lewat)")
        return text

    def _opd_tooltip(self, opd: monitoring.OpdProgress) -> str:
        if not opd.below_target:
            return self.tr("%s: target tercapai.") % opd.opd
        return self.tr("%s: di bawah target, kurang %s orang.") % (
            opd.opd,
            format_count(opd.short_of_target),
        )

    def _kelurahan_tooltip(self, kelurahan: monitoring.KelurahanProgress) -> str:
        text = f"{kelurahan.name} ({kelurahan.code})"
        if kelurahan.below_target and kelurahan.target is not None:
            text += self.tr(": di bawah target, kurang %s rumah tangga berhasil.") % format_count(
                kelurahan.target - kelurahan.counts.berhasil
            )
        return text

    # -- refreshing -------------------------------------------------------------------------

    @property
    def refreshing(self) -> bool:
        return self._refreshing

    @property
    def refresh_task(self) -> TaskHandle | None:
        """The refresh running in the worker, if any."""
        return self._handle

    def refresh(self) -> None:
        """Read the figures again in the worker; the shown ones stay until they arrive."""
        if self._refreshing or self.storage.actor is None:
            return  # one at a time; nothing to read while the screen is locked
        self._token += 1
        token = self._token
        storage = self.storage
        self._set_refreshing(True)

        def finish() -> bool:
            if token != self._token:
                return False  # closed, hidden or superseded meanwhile
            self._handle = None
            self._set_refreshing(False)
            return True

        def done(dashboard: monitoring.Dashboard) -> None:
            if finish():
                self.message.clear_message()
                self.show_dashboard(dashboard)

        def failed(exc: BaseException) -> None:
            if not finish():
                return
            if isinstance(exc, UserFacingError):
                self.message.show_message(self.tr("Angka belum bisa diperbarui: %s") % exc, "error")
            else:
                self.message.show_message(
                    self.tr("Terjadi kesalahan program; angka belum diperbarui."), "error"
                )
                self.runner.failed.emit(exc)

        handle = self.runner.submit(
            lambda context: storage.dashboard(progress=context),
            on_done=done,
            on_error=failed,
            on_cancelled=finish,
        )
        if self._refreshing and token == self._token:
            self._handle = handle

    def _set_refreshing(self, refreshing: bool) -> None:
        self._refreshing = refreshing
        self.refresh_button.setEnabled(not refreshing)
        self._show_updated()

    def _show_updated(self) -> None:
        if self._refreshing:
            text = self.tr("Memperbarui angka…")
        elif self.updated_at is not None:
            text = self.tr("Diperbarui pukul %s") % f"{self.updated_at:%H.%M}"
        else:
            text = ""
        self.updated_label.setText(text)

    def _stop_refreshing(self) -> None:
        """Cancel a running refresh; what it would still report is ignored."""
        self._token += 1
        if self._handle is not None:
            self._handle.cancel()
        self._handle = None
        if self._refreshing:
            self._set_refreshing(False)

    def _auto_refresh(self) -> None:
        if self.isVisible() and not self._refreshing:
            self.refresh()

    def _data_changed(self, changes: Changes, initiator: object) -> None:
        """A change to what the figures count: read them again now (a refresh already
        running may have read before the change, so it starts over)."""
        if not changes.figures:
            return
        if not self.isVisible():
            self._outdated = True
            return
        self._stop_refreshing()
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()
        stale = self.updated_at is None or clock.local_now() - self.updated_at > timedelta(
            milliseconds=AUTO_REFRESH_MS
        )
        if (stale or self._outdated) and not self._refreshing:
            self._outdated = False
            QTimer.singleShot(0, self, self._auto_refresh)  # after it is painted

    def hideEvent(self, event: QHideEvent) -> None:
        # Hidden when the screen locks (another person may sign in) or when closed.
        self.timer.stop()
        self._stop_refreshing()
        super().hideEvent(event)

    def reject(self) -> None:
        self.timer.stop()
        self._stop_refreshing()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Also when closed before it was ever shown (hideEvent and reject do not come).
        self.timer.stop()
        self._stop_refreshing()
        super().closeEvent(event)

    # -- showing ----------------------------------------------------------------------------

    def show_dashboard(self, dashboard: monitoring.Dashboard) -> None:
        self.dashboard = dashboard
        self.updated_at = clock.local_now()
        self._show_updated()
        if dashboard.scope_opd:
            self.setWindowTitle(self.tr("Dasbor pemantauan — %s") % dashboard.scope_opd)
        self.opd_model.set_rows(dashboard.opds)
        self.opd_total.setText(self._opd_total_text(dashboard))
        self.trend_model.set_rows(dashboard.trend)
        self.kelurahan_model.set_rows(dashboard.kelurahan)
        self.kelurahan_total.setText(self._kelurahan_total_text(dashboard))
        self.post_model.set_rows(dashboard.posts)
        self.helper_model.set_rows(dashboard.helpers)
        self.draw_charts()

    def draw_charts(self) -> None:
        """(Re)draw every chart from the figures shown, as many bars as fit."""
        self._draw_opd_chart()
        self._draw_trend_chart()
        self._draw_kelurahan_chart()
        self._draw_post_chart()
        self._draw_helper_chart()

    def _draw_kelurahan_chart(self) -> None:
        if self.dashboard is None:
            return
        by_size = sorted(self.dashboard.kelurahan, key=lambda k: -k.counts.total)
        self._draw_outcome_chart(
            self.kelurahan_chart_view,
            self.kelurahan_caption,
            [(k.name, k.counts, k.target) for k in by_size],
            visited=True,
            what=self.tr("kelurahan/desa"),
            empty=self.tr("Belum ada rumah tangga yang dicatat."),
        )

    def _draw_post_chart(self) -> None:
        if self.dashboard is None:
            return
        self._draw_outcome_chart(
            self.post_chart_view,
            self.post_caption,
            [(g.label, g.counts, None) for g in self.dashboard.posts],
            visited=False,
            what=self.tr("posko"),
            empty=self.tr("Belum ada kunjungan di posko mana pun."),
        )

    def _draw_helper_chart(self) -> None:
        if self.dashboard is None:
            return
        self._draw_outcome_chart(
            self.helper_chart_view,
            self.helper_caption,
            [(g.label, g.counts, None) for g in self.dashboard.helpers],
            visited=False,
            what=self.tr("petugas"),
            empty=self.tr("Belum ada kunjungan oleh petugas mana pun."),
        )

    def _opd_total_text(self, dashboard: monitoring.Dashboard) -> str:
        total = dashboard.staff_total
        if not total.total:
            return self.tr("Belum ada ASN pada daftar pegawai.")
        return self.tr(
            "Jumlah: %s ASN · sudah %s (%s) · gagal %s · belum %s · target %s orang · "
            "%s dari %s OPD di bawah target"
        ) % (
            format_count(total.total),
            format_count(total.sudah),
            percent_text(total.sudah, total.total),
            format_count(total.gagal),
            format_count(total.belum),
            format_count(dashboard.staff_target_count),
            format_count(len(dashboard.laggards)),
            format_count(len(dashboard.opds)),
        )

    def _kelurahan_total_text(self, dashboard: monitoring.Dashboard) -> str:
        total = monitoring.HouseholdCounts()
        for k in dashboard.kelurahan:
            c = k.counts
            total = monitoring.HouseholdCounts(
                total.berhasil + c.berhasil,
                total.gagal + c.gagal,
                total.belum + c.belum,
                total.tanpa_kunjungan + c.tanpa_kunjungan,
            )
        below = sum(1 for k in dashboard.kelurahan if k.below_target)
        return self.tr(
            "Jumlah: %s rumah tangga · berhasil %s · gagal %s · belum %s · belum dikunjungi %s"
            " · %s kelurahan/desa di bawah target"
        ) % (
            format_count(total.total),
            format_count(total.berhasil),
            format_count(total.gagal),
            format_count(total.belum),
            format_count(total.tanpa_kunjungan),
            format_count(below),
        )

    def _draw_opd_chart(self) -> None:
        dashboard = self.dashboard
        if dashboard is None:
            return
        chart = self.opd_chart
        clear_chart(chart)
        opds = [o for o in dashboard.opds if o.counts.total]
        if not opds:
            self._show_empty(
                self.opd_chart_view,
                self.tr(
                    "Belum ada ASN pada daftar pegawai.\nTambahkan atau impor daftar pegawai "
                    "tiap OPD dulu; angkanya muncul di sini."
                ),
            )
            return
        self._show_empty(self.opd_chart_view, "")
        # Furthest from target first; the chart lists them top down.
        ranked = sorted(
            opds, key=lambda o: (o.counts.percent("sudah") - o.target_percent, o.opd.casefold())
        )
        shown = self.opd_chart_view.take_rows(ranked)
        if len(opds) > len(shown):
            caption = self.tr(
                "%% ASN yang sudah mengisi SP Online: %s OPD yang terjauh dari target "
                "(dari %s OPD; semuanya ada di tabel)."
            ) % (len(shown), format_count(len(opds)))
        else:
            caption = self.tr(
                "% ASN yang sudah mengisi SP Online per OPD, yang terjauh dari target di atas."
            )
        self.opd_caption.setText(caption)
        rows = list(
            reversed(shown)
        )  # a horizontal bar chart draws its first category at the bottom
        labels = unique_labels([f"{o.opd}" for o in rows])
        below = QBarSet(self.tr("Di bawah target"))
        reached = QBarSet(self.tr("Mencapai target"))
        for bar_set, colour in ((below, LAGGARD_COLOUR), (reached, ON_TARGET_COLOUR)):
            bar_set.setColor(colour)
            bar_set.setBorderColor(colour)
            bar_set.setLabelColor(QColor("#ffffff"))
        for o in rows:
            value = percent_value(o.counts.sudah, o.counts.total)
            below.append(value if o.below_target else 0.0)
            reached.append(0.0 if o.below_target else value)
        bars = QHorizontalStackedBarSeries()
        bars.append(below)
        bars.append(reached)
        bars.setBarWidth(0.7)
        bars.setLabelsVisible(True)
        bars.setLabelsFormat("@value%")
        bars.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsInsideEnd)
        bars.setLabelsPrecision(4)
        chart.addSeries(bars)
        x_axis = QValueAxis()
        x_axis.setRange(0, 100)
        x_axis.setTickCount(11)
        x_axis.setLabelFormat("%.0f%")  # localised: "%%" would show twice
        x_axis.setTruncateLabels(False)
        y_axis = category_axis(labels)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(x_axis)
        bars.attachAxis(y_axis)
        percents = {o.target_percent for o in rows}
        self._draw_targets(
            chart,
            [float(o.target_percent) for o in rows],
            x_axis,
            y_axis,
            self.tr("Target %s%%") % next(iter(percents))
            if len(percents) == 1
            else self.tr("Target tiap OPD"),
        )
        chart.legend().show()

    def _draw_targets(
        self,
        chart: QChart,
        targets: Sequence[float | None],
        x_axis: QValueAxis,
        y_axis: QBarCategoryAxis,
        name: str,
    ) -> None:
        """Each row's target as a dark tick across its bar (bottom row first); one line
        through every row when all rows share the same target."""
        pen = QPen(TARGET_LINE_COLOUR, 2.5, Qt.PenStyle.SolidLine)
        distinct = set(targets)
        if len(distinct) == 1 and None not in distinct:
            segments = [(float(targets[0]), -0.5, len(targets) - 0.5)]  # type: ignore[arg-type]
        else:
            segments = [
                (float(value), i - 0.42, i + 0.42)
                for i, value in enumerate(targets)
                if value is not None
            ]
        for number, (x, low, high) in enumerate(segments):
            line = QLineSeries()
            line.setName(name)
            line.setPen(pen)
            line.append([QPointF(x, low), QPointF(x, high)])
            chart.addSeries(line)
            line.attachAxis(x_axis)
            line.attachAxis(y_axis)
            if number:
                for marker in chart.legend().markers(line):
                    marker.setVisible(False)

    def _draw_trend_chart(self) -> None:
        dashboard = self.dashboard
        if dashboard is None:
            return
        chart = self.trend_chart
        clear_chart(chart)
        target = dashboard.staff_target_count
        points = dashboard.trend
        if not points:
            self._show_empty(
                self.trend_chart_view,
                self.tr("Belum ada ASN yang tercatat sudah mengisi SP Online."),
            )
            return
        self._show_empty(self.trend_chart_view, "")
        first = points[0].day - timedelta(days=1)
        last = max(points[-1].day, dashboard.as_of)
        self.trend_caption.setText(
            self.tr(
                "Jumlah ASN yang sudah mengisi SP Online, menurut tanggal selesainya; "
                "garis putus-putus: target (%s orang)."
            )
            % format_count(target)
        )

        # Ticks on whole days: the axis runs a little past today when the days do not
        # divide evenly into at most MAX_DATE_TICKS intervals.
        step = max(1, math.ceil((last - first).days / (MAX_DATE_TICKS - 1)))
        intervals = max(1, math.ceil((last - first).days / step))
        end = first + timedelta(days=intervals * step)

        def ms(day: date) -> float:
            return float(to_qdatetime(datetime.combine(day, time(0))).toMSecsSinceEpoch())

        cumulative = QLineSeries()
        cumulative.setName(self.tr("Sudah (kumulatif)"))
        cumulative.setPen(QPen(TREND_COLOUR, 2.5))
        dots = QScatterSeries()
        dots.setName(cumulative.name())
        dots.setColor(TREND_COLOUR)
        dots.setBorderColor(TREND_COLOUR)
        dots.setMarkerSize(7)
        values = [QPointF(ms(first), 0.0)]
        values += [QPointF(ms(p.day), float(p.cumulative)) for p in points]
        if last > points[-1].day:
            values.append(QPointF(ms(last), float(points[-1].cumulative)))
        cumulative.append(values)
        dots.append([QPointF(ms(p.day), float(p.cumulative)) for p in points])
        goal = QLineSeries()
        goal.setName(self.tr("Target %s orang") % format_count(target))
        goal.setPen(QPen(LAGGARD_COLOUR, 2, Qt.PenStyle.DashLine))
        goal.append([QPointF(ms(first), float(target)), QPointF(ms(end), float(target))])
        for series in (goal, cumulative, dots):
            chart.addSeries(series)
        for marker in chart.legend().markers(dots):
            marker.setVisible(False)
        x_axis = QDateTimeAxis()
        x_axis.setFormat("d MMM" if end.year == first.year else "d MMM yyyy")
        x_axis.setTickCount(intervals + 1)
        x_axis.setTruncateLabels(False)
        x_axis.setRange(
            to_qdatetime(datetime.combine(first, time(0))),
            to_qdatetime(datetime.combine(end, time(0))),
        )
        y_axis = count_axis(max(target, points[-1].cumulative) * 1.1, self.tr("ASN"))
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (goal, cumulative, dots):
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
        chart.legend().show()

    def _draw_outcome_chart(
        self,
        view: ChartView,
        caption: QLabel,
        rows: Sequence[tuple[str, monitoring.HouseholdCounts, int | None]],
        *,
        visited: bool,
        what: str,
        empty: str,
    ) -> None:
        """Stacked bars of the first rows that fit (name, counts, target households
        berhasil or None); targets are drawn as ticks."""
        chart = view.chart()
        clear_chart(chart)
        rows = [r for r in rows if (r[1].total if visited else r[1].assisted)]
        if not rows:
            self._show_empty(view, empty)
            return
        self._show_empty(view, "")
        shown = view.take_rows(rows)
        if len(rows) > len(shown):
            caption.setText(
                self.tr("Rumah tangga menurut hasil: %s %s teratas dari %s (semua ada di tabel).")
                % (len(shown), what, format_count(len(rows)))
            )
        else:
            caption.setText(self.tr("Rumah tangga menurut hasil, per %s.") % what)
        series = outcome_series([r[1] for r in shown], self.outcome_labels, visited=visited)
        chart.addSeries(series)
        labels = unique_labels([chart_label(row[0]) for row in reversed(shown)])
        biggest = max(c.total if visited else c.assisted for _, c, _ in shown)
        goals = [row[2] for row in reversed(shown)]
        biggest = max([biggest, *(g for g in goals if g is not None)])
        x_axis = count_axis(biggest, self.tr("rumah tangga"))
        y_axis = category_axis(labels)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        if any(g is not None for g in goals):
            self._draw_targets(
                chart, [None if g is None else float(g) for g in goals], x_axis, y_axis,
                self.tr("Target berhasil"),
            )  # fmt: skip
        chart.legend().show()

    # -- other windows ----------------------------------------------------------------------

    def open_targets(self) -> None:
        from sp_desktop.ui.monitoring.targets_dialog import TargetsDialog

        # Its changes come back on the bus, which refreshes the figures.
        TargetsDialog(self.storage, self, runner=self.runner, bus=self.bus).exec()

    def open_evaluation(self) -> None:
        from sp_desktop.ui.monitoring.evaluation_dialog import EvaluationDialog

        EvaluationDialog(self.storage, self.runner, self).exec()


def chart_categories(chart: QChart) -> list[str]:
    """The category labels of a bar chart, top row first (what a person reads)."""
    for axis in chart.axes():
        if isinstance(axis, QBarCategoryAxis):
            return list(reversed(axis.categories()))
    return []


def chart_bar_values(chart: QChart) -> dict[str, list[float]]:
    """Each bar set's values by its label, top row first."""
    values: dict[str, list[float]] = {}
    for series in chart.series():
        if isinstance(series, QAbstractBarSeries):
            for bar_set in series.barSets():
                values[bar_set.label()] = [bar_set.at(i) for i in reversed(range(bar_set.count()))]
    return values
