"""The core speaks the program's language: Indonesian by default, English on request.

Which language is chosen (SP_DESKTOP_LANG, then the person's choice, then the system's,
then Indonesian), what the core's messages read like in each, that `indonesian()` holds
for its own thread only, that a BPS document stays Indonesian while the program speaks
English, and that every core text has its English in resources/i18n/core_en.po."""

from __future__ import annotations

import ctypes
import locale
import sys
import threading
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from factories import make_household, make_visit
from readback import flat, needs_tools, pdf_text
from translation_support import build_translations, ensure_compiled

from sp_desktop.core.base import errors, i18n
from sp_desktop.core.base.i18n import _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.documents import issuing
from sp_desktop.core.domain import proofs, rules
from sp_desktop.core.domain.model import FailureReason, Helper, Outcome, Post
from sp_desktop.core.domain.permissions import Permission, Role, denied
from sp_desktop.core.domain.reports import ReportFilter
from sp_desktop.core.domain.validation import validate_kk, validate_nik
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import Storage

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue() -> None:
    ensure_compiled()


# -- which language -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en_US.UTF-8", "en"),
        ("en-GB", "en"),
        ("English_United States.1252", "en"),
        ("id_ID.UTF-8", "id"),
        ("in", "id"),
        ("Indonesian", "id"),
        ("fr_FR.UTF-8", None),
        ("C", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_reduces_locale_names_to_our_two_languages(
    code: str | None, expected: str | None
) -> None:
    assert i18n.normalise(code) == expected


def test_the_system_language_follows_the_posix_variables_in_their_order() -> None:
    assert i18n.system_language({"LANGUAGE": "en_GB:id", "LANG": "id_ID.UTF-8"}) == "en"
    assert i18n.system_language({"LANGUAGE": "fr:id", "LANG": "en_US.UTF-8"}) == "id"
    assert i18n.system_language({"LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"}) == "id"
    assert i18n.system_language({"LC_MESSAGES": "en_US.UTF-8", "LANG": "id_ID"}) == "en"
    assert i18n.system_language({"LANG": "en_US.UTF-8"}) == "en"


def test_sp_desktop_lang_comes_first_then_the_choice_then_the_system_then_indonesian(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No locale of the PC's own, so the last step is seen (the test PC's locale may be English).
    monkeypatch.setattr(locale, "getlocale", lambda *_args: (None, None))
    monkeypatch.setattr(sys, "platform", "linux")
    system_en = {"LANG": "en_US.UTF-8"}
    system_id = {"LANG": "id_ID.UTF-8"}
    assert i18n.choose_language("id", environ={"SP_DESKTOP_LANG": "en", **system_id}) == "en"
    assert i18n.choose_language("en", environ={"SP_DESKTOP_LANG": "id", **system_en}) == "id"
    # An empty or unknown SP_DESKTOP_LANG does not count.
    assert i18n.choose_language("en", environ={"SP_DESKTOP_LANG": "", **system_id}) == "en"
    assert i18n.choose_language("id", environ={"SP_DESKTOP_LANG": "xx", **system_en}) == "id"
    assert i18n.choose_language(None, environ=system_en) == "en"
    assert i18n.choose_language("", environ=system_id) == "id"
    assert i18n.choose_language("fr", environ=system_en) == "en"
    assert i18n.choose_language(None, environ={"LANG": "fr_FR.UTF-8"}) == "id"
    assert i18n.choose_language(None, environ={}) == "id"


def test_set_language_takes_our_codes_and_falls_back_to_indonesian() -> None:
    try:
        assert i18n.set_language("en_US") == "en" and i18n.language() == "en"
        assert i18n.set_language("de") == "id" and i18n.language() == "id"
    finally:
        i18n.set_language("id")


# -- the core's messages in each language ---------------------------------------------------


def test_a_validation_message_in_english_then_indonesian_again() -> None:
    short = "5271"
    try:
        i18n.set_language("en")
        english = validate_nik(short).message
        assert english == (
            "NIK must have 16 digits; 4 were entered. Check for missing or extra digits."
        )
        assert validate_kk("").message == (
            "No KK is empty. Type the 16 digits of the No KK from the family card (Kartu Keluarga)."
        )
        assert rules.name_problem("", _("Nama petugas")) == "Helper's name is required."
    finally:
        i18n.set_language("id")
    assert validate_nik(short).message == (
        "NIK harus 16 digit, yang terisi 4 digit. Periksa angka yang kurang atau berlebih."
    )
    assert rules.name_problem("", "Nama petugas") == "Nama petugas wajib diisi."


def test_an_error_message_and_its_hint_in_english(english: None) -> None:
    full = errors.disk_full()
    assert full.message == "The disk is full: the data cannot be saved."
    assert full.hint.startswith("Free up disk space")
    refused = denied(Role.HELPER, Permission.EXPORT)
    assert str(refused) == (
        "An account with the role Helper (petugas) may not export and print recaps. "
        "Ask the office's coordinator or admin to do it."
    )
    i18n.set_language("id")
    assert errors.disk_full().message == "Disk penuh: data tidak bisa disimpan."
    assert str(denied(Role.HELPER, Permission.EXPORT)).startswith(
        "Akun dengan peran Petugas pendamping tidak boleh mengekspor dan mencetak rekap."
    )


def test_a_record_refused_by_storage_says_why_in_english(
    storage: Storage, people: tuple[Helper, Post], english: None
) -> None:
    helper, post = people
    household = make_household(1)
    storage.save_household(household, make_visit(household, helper, post, Outcome.BELUM))
    twin = make_household(1)  # the same No KK again
    with pytest.raises(errors.RecordValidationError) as caught:
        storage.save_household(twin)
    assert caught.value.problems["no_kk"] == (
        "This No KK is already registered. Open that household from the list."
    )
    assert caught.value.hint == "Correct the marked fields, then save again."


def test_a_progress_text_in_english_then_in_indonesian(tmp_path: Path) -> None:
    proof = tmp_path / "bukti.pdf"
    proof.write_bytes(b"%PDF-1.4\n" + b"0" * 1000)
    heard: list[str] = []
    progress = Progress(lambda _done, _total, text: heard.append(text))
    try:
        i18n.set_language("en")
        proofs.read_proof_file(proof, progress)
    finally:
        i18n.set_language("id")
    proofs.read_proof_file(proof, progress)
    assert heard == ["Reading the file…", "Membaca berkas…"]


def test_a_text_without_english_stays_indonesian(english: None) -> None:
    assert _("Teks yang tidak ada di katalog") == "Teks yang tidak ada di katalog"
    assert _("") == ""


# -- Indonesian on one thread only ----------------------------------------------------------


def test_indonesian_holds_on_its_own_thread_only(english: None) -> None:
    text = "Disk penuh: data tidak bisa disimpan."
    seen: dict[str, str] = {}

    def elsewhere() -> None:
        seen["thread"] = _(text)

    with i18n.indonesian():
        assert i18n.language() == "id"
        assert _(text) == text
        worker = threading.Thread(target=elsewhere)
        worker.start()
        worker.join()
    assert seen["thread"] == "The disk is full: the data cannot be saved."
    assert i18n.language() == "en" and _(text) != text


def test_a_worker_thread_inside_indonesian_does_not_switch_the_caller(english: None) -> None:
    """A document written on a worker thread: the window's thread keeps English."""
    inside = threading.Event()
    leave = threading.Event()
    languages: list[str] = []

    def document() -> None:
        with i18n.indonesian():
            languages.append(i18n.language())
            inside.set()
            leave.wait(5)

    worker = threading.Thread(target=document)
    worker.start()
    assert inside.wait(5)
    languages.append(i18n.language())
    leave.set()
    worker.join()
    assert languages == ["id", "en"]


# -- BPS documents stay Indonesian ----------------------------------------------------------


@needs_tools
def test_the_recap_made_while_the_program_speaks_english_is_indonesian(
    installation: Installation, people: tuple[Helper, Post], tmp_path: Path, english: None
) -> None:
    helper, post = people
    storage = installation.storage
    for serial, outcome in enumerate((Outcome.BERHASIL, Outcome.GAGAL, Outcome.BELUM), 1):
        household = make_household(serial, name=f"Kepala Keluarga {'ABC'[serial - 1]}")
        failure = FailureReason.CAPTCHA if outcome is Outcome.GAGAL else None
        when = datetime(2020, 3, serial, 9, 30)
        visit = make_visit(household, helper, post, outcome, when=when, failure_reason=failure)
        storage.save_household(household, visit)
    heard: list[str] = []
    progress = Progress(lambda _done, _total, text: heard.append(text))
    issued = issuing.write_recap(storage, ReportFilter(), tmp_path / "rekap.pdf", progress=progress)
    text = flat(pdf_text(issued.path, layout=True))
    for indonesian in (
        "Rekapitulasi Pendampingan SP Online",
        "Jumlah rumah tangga 3",
        "Berhasil 1",
        "Gagal 1",
        "Belum 1",
        "Semua data",
        "Semua tanggal",
        "Halaman 1 dari 1",
    ):
        assert indonesian in text, indonesian
    for english_word in ("Completed", "Failed", "Not yet", "Households", "Page 1"):
        assert english_word not in text, english_word
    # The window's progress line still speaks the program's language.
    assert "Counting the recap…" in heard and "Making the recap …" in heard, heard
    assert not any("rekap" in line for line in heard), heard


# -- every core text has its English --------------------------------------------------------


def test_every_core_text_has_its_english() -> None:
    """`python packaging/build_translations.py --check`, for the core's part only."""
    core = "sp_desktop/core/"
    missing = [line for line in build_translations().missing_po() if line.startswith(core)]
    assert missing == [], (
        f"{len(missing)} core texts without English; run `python "
        "packaging/build_translations.py --update --part core`, fill resources/i18n/"
        "core_en.po, then build:\n" + "\n".join(missing[:40])
    )


class _Kernel32:
    """Windows' GetUserDefaultLocaleName, answering `name` as Windows would."""

    def __init__(self, name: str) -> None:
        self.name = name

    def GetUserDefaultLocaleName(self, buffer: ctypes.Array[ctypes.c_wchar], size: int) -> int:
        buffer.value = self.name
        return len(self.name) + 1


def test_on_windows_the_display_language_decides_and_a_c_locale_elsewhere_asks_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    for shown, expected in (("id-ID", "id"), ("en-US", "en"), ("en-GB", "en")):
        monkeypatch.setattr(
            ctypes, "windll", SimpleNamespace(kernel32=_Kernel32(shown)), raising=False
        )
        assert i18n.system_language({}) == expected
    # A Windows language we do not speak: the formats' locale, then nothing.
    monkeypatch.setattr(
        ctypes, "windll", SimpleNamespace(kernel32=_Kernel32("ja-JP")), raising=False
    )
    monkeypatch.setattr(locale, "getlocale", lambda *_args: ("Indonesian_Indonesia", "1252"))
    assert i18n.system_language({}) == "id"
    monkeypatch.setattr(locale, "getlocale", lambda *_args: ("Japanese_Japan", "932"))
    assert i18n.choose_language(None, environ={}) == "id"
    # Linux with only C.UTF-8 (a server, a container): Python calls it en_US, nobody chose it.
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(locale, "getlocale", lambda *_args: ("en_US", "UTF-8"))
    assert i18n.system_language({"LANG": "C.UTF-8"}) is None
