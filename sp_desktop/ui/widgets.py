"""Small reusable widgets: a field with its inline message, and the kelurahan picker."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QObject, QRect, QSize, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from sp_desktop.core.base import i18n

# The login dialog uses this module: the list and completer classes (and PySide6's
# ~20 ms `Qt` namespace) are imported where they are used, so it shows without them.
if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel
    from PySide6.QtWidgets import QTableView

    from sp_desktop.core.domain.model import LabelledEnum
    from sp_desktop.core.domain.regions import Region, RegionIndex


def region_index() -> RegionIndex:
    # Imported on first use: the login dialog uses this module before the data is open.
    from sp_desktop.core.domain import regions

    return regions.region_index()


ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = "color: #8a5a00;"
INFO_STYLE = "color: #1d5b2c;"


def label_of(member: LabelledEnum) -> str:
    """A code's label in the interface language."""
    return QCoreApplication.translate(type(member).__name__, member.label)


# Qt's date types and Python's: PySide6 converts them, but its stubs say `object`.


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def py_date(value: QDate) -> date:
    day = value.toPython()
    assert isinstance(day, date)
    return day


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(moment)  # type: ignore[call-overload]  # PySide6 takes datetime


def py_datetime(value: QDateTime) -> datetime:
    moment = value.toPython()
    assert isinstance(moment, datetime)
    return moment


def line_edit_of(combo: QComboBox) -> QLineEdit:
    """The text field of an editable combo box (only those have one)."""
    edit = combo.lineEdit()
    assert edit is not None, "not an editable combo box"
    return edit


def size_text(size: int) -> str:
    """1536 -> '1,5 KB'; 2_500_000 -> '2,4 MB' (a decimal comma; a point in English)."""
    if size < 1024:
        return f"{size} byte"
    text = f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / (1024 * 1024):.1f} MB"
    return text if i18n.language() == "en" else text.replace(".", ",")


class MessageLine(QLabel):
    """The message under one or more inputs (RT and RW share one, so it can be wide)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()
        self._messages: dict[int, tuple[str, bool]] = {}  # field id -> (text, is_error)

    def set_message(self, owner: object, text: str, *, error: bool) -> None:
        if text:
            self._messages[id(owner)] = (text, error)
        else:
            self._messages.pop(id(owner), None)
        errors = any(is_error for _, is_error in self._messages.values())
        self.setText(" ".join(text for text, _ in self._messages.values()))
        self.setStyleSheet(ERROR_STYLE if errors else WARNING_STYLE)
        self.setVisible(bool(self._messages))

    def is_error_of(self, owner: object) -> bool:
        return self._messages.get(id(owner), ("", False))[1]

    def show_message(self, text: str, kind: str = "error") -> None:
        """One message of its own (dialogs): kind is "error", "warn" or "info"."""
        self._messages = {id(self): (text, kind == "error")}
        self.setText(text)
        self.setStyleSheet({"error": ERROR_STYLE, "warn": WARNING_STYLE}.get(kind, INFO_STYLE))
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self._messages.clear()
        self.setText("")
        self.hide()


class Field(QWidget):
    """An input with a message under it: red for what blocks saving, amber for a warning."""

    def __init__(
        self, widget: QWidget, parent: QWidget | None = None, *, line: MessageLine | None = None
    ) -> None:
        super().__init__(parent)
        self.widget = widget
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        # A label's mnemonic (Alt+letter) focuses its buddy, which a form layout makes this
        # wrapper; Qt skips a buddy without a focus policy. Click focus (never Tab: the
        # tab order stays the inputs'), passed on to the input in focusInEvent. A focus
        # proxy would do it too, but Qt 6 then moves the input in the tab order.
        from PySide6.QtCore import Qt

        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        if line is None:
            line = MessageLine(self)
            layout.addWidget(line)
        self.message = line

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.widget.setFocus(event.reason())

    def show_error(self, text: str) -> None:
        self.message.set_message(self, text, error=True)

    def show_message(self, text: str, kind: str = "error") -> None:
        if kind == "error":
            self.show_error(text)
        else:
            self.show_warning(text)

    def show_warning(self, text: str) -> None:
        self.message.set_message(self, text, error=False)

    def clear_message(self) -> None:
        self.message.set_message(self, "", error=False)

    @property
    def has_error(self) -> bool:
        return self.message.is_error_of(self)


class KelurahanPicker(QLineEdit):
    """Pick a desa/kelurahan by typing part of its name; the chosen code is `code()`."""

    code_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, prefer: str = "") -> None:
        super().__init__(parent)
        self.prefer = prefer
        self._code = ""
        self._choices: dict[str, Region] = {}
        from PySide6.QtCore import QStringListModel, Qt
        from PySide6.QtWidgets import QCompleter

        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        # We rank and filter ourselves (names in any order, home city first).
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(self._completer)
        # The str overload of the signal (the stubs do not know signal overloads).
        self._completer.activated[str].connect(self._chosen)  # type: ignore[index]
        self.textEdited.connect(self._typed)
        self.setPlaceholderText(self.tr("Ketik sebagian nama kelurahan/desa"))

    @staticmethod
    def label_for(region: Region) -> str:
        """'Ampenan Selatan — Kec. Ampenan, Kota Mataram': the same name exists in many places."""
        parents = region_index().parents(region.code)  # provinsi, kab/kota, kecamatan
        kecamatan = parents[2].name if len(parents) > 2 else ""
        city = parents[1].name if len(parents) > 1 else ""
        historic = (
            "" if region.current else QCoreApplication.translate("KelurahanPicker", " (kode 2020)")
        )
        kec = QCoreApplication.translate("KelurahanPicker", "Kec.")
        return f"{region.name} — {kec} {kecamatan}, {city}{historic}"

    def _typed(self, text: str) -> None:
        if self._code:
            self._code = ""
            self.code_changed.emit("")
        found = region_index().search_villages(text, limit=30, prefer=self.prefer or None)
        self._choices = {self.label_for(r): r for r in found}
        self._model.setStringList(list(self._choices))
        if found:
            self._completer.complete()

    def _chosen(self, label: str) -> None:
        region = self._choices.get(label)
        if region is not None:
            self.set_code(region.code)

    def code(self) -> str:
        return self._code

    def set_code(self, code: str) -> None:
        region = region_index().get(code) if code else None
        self._code = region.code if region else ""
        self.setText(self.label_for(region) if region else "")
        self.setToolTip(region_index().describe(region.code) if region else "")
        self.code_changed.emit(self._code)


def list_view(model: QAbstractItemModel, parent: QWidget) -> QTableView:
    """A read-only table of records: whole rows selected one at a time, fixed row height
    (the view never measures every row of a long list)."""
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(24)
    return view


def confirm_irreversible(parent: QWidget, title: str, text: str, act: str, back: str) -> bool:
    """A warning with two plainly named choices; True only if the person chose `act`."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    chosen = box.addButton(act, QMessageBox.ButtonRole.DestructiveRole)
    box.setEscapeButton(box.addButton(back, QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is chosen


# -- fitting the screen -----------------------------------------------------------------------
# Offices run 1366x768 screens, often at 125% scaling: 1093x614 logical pixels, less a
# taskbar. Windows are sized from the screen's available area, never from fixed pixels.


if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent, QResizeEvent
    from PySide6.QtWidgets import QAbstractItemView

FRAME_ALLOWANCE = (16, 40)  # a window frame: borders and the title bar (Windows 10)


def available_area(window: QWidget) -> QRect:
    """The screen area free of taskbars, for `window` (or its parent's screen)."""
    from PySide6.QtGui import QGuiApplication

    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize a top-level window to width x height, but no larger than the available
    screen area less its frame: on a small screen it takes what there is."""
    area = available_area(window)
    frame_w, frame_h = FRAME_ALLOWANCE
    window.resize(
        max(1, min(width, area.width() - frame_w)), max(1, min(height, area.height() - frame_h))
    )


def fit_height_to_contents(window: QWidget) -> None:
    """Grow a dialog to the height its contents ask for, at most the available height."""
    area = available_area(window)
    wanted = window.sizeHint().height()
    room = area.height() - FRAME_ALLOWANCE[1]
    if window.height() < min(wanted, room):
        window.resize(window.width(), min(wanted, room))


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when it gets narrower than its text (the whole text
    is then its tooltip); it may shrink to a few characters, so it never pushes its
    neighbours out of a status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._elided = False

    def setText(self, text: str) -> None:
        super().setText(text)
        self._update_tooltip()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        shortest = self.fontMetrics().horizontalAdvance("M…") * 3
        return QSize(min(hint.width(), shortest), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tooltip()

    def _shown_text(self) -> str:
        from PySide6.QtCore import Qt

        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )

    def _update_tooltip(self) -> None:
        elided = self._shown_text() != self.text()
        if elided != self._elided or elided:
            self._elided = elided
            self.setToolTip(self.text() if elided else "")

    def paintEvent(self, event: QPaintEvent) -> None:
        from PySide6.QtGui import QPainter

        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            self._shown_text(),
            self.foregroundRole(),
        )


class ElidedComboBox(QComboBox):
    """A combo box whose shown choice ends in "…" when the box is narrower than it (Fusion
    would cut it off mid-letter), with the whole choice as its tooltip; the list it drops
    down is whole."""

    def paintEvent(self, event: QPaintEvent) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QStyle, QStyleOptionComboBox, QStylePainter

        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        whole = option.currentText
        option.currentText = self.fontMetrics().elidedText(
            whole, Qt.TextElideMode.ElideRight, field.width()
        )
        self.setToolTip(whole if option.currentText != whole else "")
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class _ClippedCellTips(QObject):
    """Shows a cell's whole text as its tooltip when the column is too narrow for it."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QHelpEvent
        from PySide6.QtWidgets import QToolTip

        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        view = self._view
        index = view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False  # the model's own tooltip
        text = index.data(Qt.ItemDataRole.DisplayRole)
        rect = view.visualRect(index)
        if text and view.fontMetrics().horizontalAdvance(str(text)) + 10 > rect.width():
            QToolTip.showText(event.globalPos(), str(text), view.viewport(), rect)
        else:
            QToolTip.hideText()
        return True


def tooltips_for_clipped_cells(view: QAbstractItemView) -> None:
    """Cells whose text is cut off ("…") show it whole when hovered."""
    view.viewport().installEventFilter(_ClippedCellTips(view))
