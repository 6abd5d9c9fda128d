"""Storage on real SQLite files: durability, rules, search, migrations and faults."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from factories import keyed_connection, make_helper, make_household, make_visit, reopen

from sp_desktop.core import storage as storage_module
from sp_desktop.core.base.errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    DataFolderError,
    NewerSchemaError,
    RecordValidationError,
)
from sp_desktop.core.base.progress import Cancelled, Progress
from sp_desktop.core.domain.identifiers import compose_kk, compose_nik
from sp_desktop.core.domain.model import FailureReason, Helper, HouseholdQuery, Outcome, Post
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import DB_FILENAME, Storage


def all_pks(storage: Storage, **query: object) -> list[int]:
    return [pk for chunk in storage.iter_household_pks(HouseholdQuery(**query)) for pk in chunk]


def names(storage: Storage, **query: object) -> list[str]:
    rows = storage.household_rows(all_pks(storage, **query))
    return [rows[pk].head_name for pk in all_pks(storage, **query)]


def test_saved_household_survives_reopening(
    data_dir: Path, installation: Installation, people: tuple[Helper, Post]
) -> None:
    key = installation.data_key
    with reopen(data_dir, key) as store:
        saved = store.save_household(make_household(no_kk="5271 0103 0615 0001"))
        origin = store.installation_id
    # A separate connection sees the committed row: it is on disk.
    plain = keyed_connection(data_dir / DB_FILENAME, key)
    assert plain.execute("SELECT head_name, no_kk FROM households").fetchall() == [
        ("Baiq Nurul Hakim", "5271010306150001")
    ]
    plain.close()
    with reopen(data_dir, key) as store:
        again = store.household(saved.id)
        assert again.no_kk == "5271010306150001"  # spaces typed by the user are dropped
        assert again.origin == origin == store.installation_id
        assert again.created_at and again.updated_at


def test_database_is_wal_and_fully_synchronous(storage: Storage) -> None:
    conn = storage._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_invalid_household_is_refused_and_nothing_is_written(storage: Storage) -> None:
    bad = make_household(no_kk="123", head_nik="527101610978000A", head_name="", rt="0")
    with pytest.raises(RecordValidationError) as caught:
        storage.save_household(bad)
    assert set(caught.value.problems) >= {"no_kk", "head_nik", "head_name", "rt"}
    assert "123" not in str(caught.value.problems)  # personal numbers never in messages
    assert storage.stats()["households"] == 0


def test_no_kk_is_unique_and_lookup_finds_it(storage: Storage) -> None:
    first = storage.save_household(make_household(1))
    with pytest.raises(RecordValidationError) as caught:
        storage.save_household(make_household(1, name="Orang Lain"))
    assert "sudah terdaftar" in caught.value.problems["no_kk"]
    found = storage.household_by_kk(first.no_kk[:4] + " " + first.no_kk[4:])
    assert found is not None and found.id == first.id


def test_update_keeps_identity_and_search_follows_new_name(storage: Storage) -> None:
    saved = storage.save_household(make_household(1, name="Siti Rahman"))
    renamed = storage.save_household(replace(saved, head_name="Siti Aminah Rahman", members=6))
    assert renamed.id == saved.id and renamed.created_at == saved.created_at
    assert storage.household(saved.id).members == 6
    assert names(storage, text="amin") == ["Siti Aminah Rahman"]
    assert storage.stats()["households"] == 1


def test_visits_drive_latest_outcome(storage: Storage, people: tuple[Helper, Post]) -> None:
    helper, post = people
    household = storage.save_household(make_household(1))
    storage.add_visit(
        make_visit(
            household,
            helper,
            post,
            Outcome.GAGAL,
            datetime(2020, 3, 1, 10),
            failure_reason=FailureReason.SITUS_SIBUK,
        )
    )
    assert storage.household(household.id).latest_outcome is Outcome.GAGAL
    later = storage.add_visit(
        make_visit(household, helper, post, Outcome.BERHASIL, datetime(2020, 3, 5, 10))
    )
    current = storage.household(household.id)
    assert (current.latest_outcome, current.visit_count) == (Outcome.BERHASIL, 2)
    # Correcting the later visit's outcome moves the household back.
    storage.update_visit(replace(later, outcome=Outcome.BELUM, revisit_date=date(2020, 3, 9)))
    assert storage.household(household.id).latest_outcome is Outcome.BELUM
    assert [v.outcome for v in storage.visits_for(household.id)] == [Outcome.BELUM, Outcome.GAGAL]
    assert storage.stats()["by_outcome"] == {
        "berhasil": 0,
        "gagal": 0,
        "belum": 1,
        "tanpa_kunjungan": 0,
    }


def test_gagal_needs_a_reason(storage: Storage, people: tuple[Helper, Post]) -> None:
    helper, post = people
    household = storage.save_household(make_household(1))
    with pytest.raises(RecordValidationError) as caught:
        storage.add_visit(make_visit(household, helper, post, Outcome.GAGAL))
    assert "failure_reason" in caught.value.problems
    assert storage.visits_for(household.id) == []


def test_household_and_first_visit_are_saved_together_or_not_at_all(
    storage: Storage, people: tuple[Helper, Post]
) -> None:
    helper, post = people
    household = make_household(1)
    bad_visit = make_visit(household, helper, post, Outcome.GAGAL)  # no reason
    with pytest.raises(RecordValidationError) as caught:
        storage.save_household(household, bad_visit)
    assert "visit.failure_reason" in caught.value.problems
    assert storage.stats()["households"] == 0
    saved = storage.save_household(household, make_visit(household, helper, post))
    assert (saved.latest_outcome, saved.visit_count) == (Outcome.BERHASIL, 1)


def test_save_returns_what_household_reads_and_remembers_the_helper_and_post(
    storage: Storage, people: tuple[Helper, Post]
) -> None:
    helper, post = people
    first = make_household(1)
    saved = storage.save_household(first)
    assert saved == storage.household(first.id)
    visit = make_visit(saved, helper, post, Outcome.BELUM)
    saved = storage.save_household(replace(saved, head_name="Baiq Nurul Aini"), visit)
    assert saved == storage.household(first.id)
    assert (saved.visit_count, saved.latest_outcome, saved.latest_post_id) == (
        1,
        Outcome.BELUM,
        post.id,
    )
    assert storage.get_setting("last_helper_id") == helper.id
    assert storage.get_setting("last_post_id") == post.id
    corrected = replace(visit, outcome=Outcome.BERHASIL)  # the same visit, corrected
    saved = storage.save_household(saved, corrected)
    assert saved == storage.household(first.id)
    assert (saved.visit_count, saved.latest_outcome) == (1, Outcome.BERHASIL)
    saved = storage.save_household(replace(saved, members=4))  # no visit: summary kept
    assert saved == storage.household(first.id)
    second = make_household(2, name="Lalu Sahnan")
    saved = storage.save_household(second, make_visit(second, helper, post))
    assert saved == storage.household(second.id) and saved.visit_count == 1


def test_save_reads_the_household_once_and_commits_once(
    storage: Storage, people: tuple[Helper, Post], monkeypatch: pytest.MonkeyPatch
) -> None:
    helper, post = people
    household = storage.save_household(make_household(1))
    reads: list[str] = []
    writes: list[int] = []
    read, writing = storage._read, storage._writing

    def counted_read(sql: str, params: object = ()) -> list[tuple[object, ...]]:
        reads.append(sql)
        return read(sql, params)  # type: ignore[arg-type]

    def counted_writing() -> object:
        writes.append(1)
        return writing()

    monkeypatch.setattr(storage, "_read", counted_read)
    monkeypatch.setattr(storage, "_writing", counted_writing)
    storage.save_household(household, make_visit(household, helper, post))
    assert len([sql for sql in reads if "households" in sql]) == 1
    assert len(writes) == 1


def test_a_helper_saving_a_household_they_did_not_enter_keeps_its_numbers(
    storage: Storage, people: tuple[Helper, Post]
) -> None:
    _, post = people
    household = storage.save_household(make_household(1))
    helper = make_helper(21, "Ni Luh Sari")
    account = storage.save_account(helper, Role.HELPER)
    storage.act_as_system(account)
    seen = storage.household(household.id)
    assert seen.numbers_hidden and seen.no_kk != household.no_kk
    visit = make_visit(seen, replace(helper, id=account.helper_id), post)
    saved = storage.save_household(replace(seen, members=5), visit)
    assert saved == storage.household(household.id) and saved.numbers_hidden
    assert saved.visit_count == 1 and saved.members == 5
    plain = keyed_connection(storage.path, storage._key)  # type: ignore[arg-type]
    stored = plain.execute("SELECT no_kk, head_nik FROM households").fetchone()
    plain.close()
    assert stored == (household.no_kk, household.head_nik)


def test_search_by_name_words_kk_and_nik_prefixes(storage: Storage) -> None:
    a = storage.save_household(make_household(1, name="Baiq Nurul Hakim"))
    b = storage.save_household(make_household(2, name="Lalu Muhammad Saleh"))
    storage.save_household(
        make_household(
            3,
            name="Maria Fanggidae",
            kelurahan_code="53.71.01.1001",
            no_kk=compose_kk("537101", date(2011, 2, 1), 3),
            head_nik=compose_nik("537101", date(1970, 1, 1), True, 3),
        )
    )
    assert names(storage) == ["Maria Fanggidae", "Lalu Muhammad Saleh", "Baiq Nurul Hakim"]
    assert names(storage, text="sal lal") == ["Lalu Muhammad Saleh"]  # any order, prefixes
    assert names(storage, text="NURUL") == ["Baiq Nurul Hakim"]
    assert names(storage, text=a.no_kk[:12]) == ["Baiq Nurul Hakim", "Lalu Muhammad Saleh"]
    assert names(storage, text=b.no_kk) == ["Lalu Muhammad Saleh"]
    assert names(storage, text=b.head_nik) == ["Lalu Muhammad Saleh"]
    assert names(storage, text="5271") == ["Baiq Nurul Hakim", "Lalu Muhammad Saleh"]
    assert names(storage, kelurahan_code="53.71.01.1001") == ["Maria Fanggidae"]
    assert names(storage, no_visit=True, text="maria") == ["Maria Fanggidae"]
    assert names(storage, text="tidakada") == []


def test_search_streams_first_chunk_small(storage: Storage) -> None:
    for serial in range(1, 31):
        storage.save_household(
            make_household(serial, name=f"Warga Nomor {chr(64 + serial % 26 + 1)}")
        )
    chunks = list(storage.iter_household_pks(HouseholdQuery(), first_chunk=5, chunk_size=10))
    assert [len(c) for c in chunks] == [5, 10, 10, 5]


def test_counts_match_direct_sql(storage: Storage, people: tuple[Helper, Post]) -> None:
    helper, post = people
    outcomes = [Outcome.BERHASIL, Outcome.BERHASIL, Outcome.BELUM, None]
    for serial, outcome in enumerate(outcomes, start=1):
        household = make_household(serial, name=f"Keluarga {'ABCD'[serial - 1]}")
        visit = make_visit(household, helper, post, outcome) if outcome else None
        storage.save_household(household, visit)
    counts = storage.count_by_outcome()
    plain = keyed_connection(storage.path, storage._key)
    direct = dict(
        plain.execute(
            "SELECT coalesce(latest_outcome, 'tanpa_kunjungan'), count(*) "
            "FROM households GROUP BY 1"
        ).fetchall()
    )
    plain.close()
    assert counts == {"berhasil": 2, "gagal": 0, "belum": 1, "tanpa_kunjungan": 1}
    assert {k: v for k, v in counts.items() if v} == direct
    assert storage.count_by_outcome(HouseholdQuery(text="keluarga a")) == {
        "berhasil": 1,
        "gagal": 0,
        "belum": 0,
        "tanpa_kunjungan": 0,
    }


def test_counts_for_digit_prefixes_short_and_long(storage: Storage) -> None:
    mataram = [
        storage.save_household(make_household(n, name=f"Warga {'ABC'[n - 1]}")) for n in (1, 2, 3)
    ]
    kupang = storage.save_household(make_household(
        4, name="Maria Bana", kelurahan_code="53.71.01.1001",
        no_kk=compose_kk("537101", date(2011, 2, 1), 4),
        head_nik=compose_nik("527101", date(1970, 1, 1), True, 4),  # NIK issued in Mataram
    ))  # fmt: skip
    empty = {"berhasil": 0, "gagal": 0, "belum": 0}
    # Short prefix (table scan) and long prefix (index lookups) must agree with the list.
    for prefix in ("5", "5271", mataram[0].no_kk[:10], kupang.no_kk, kupang.head_nik[:12]):
        listed = len(all_pks(storage, text=prefix))
        counts = storage.count_by_outcome(HouseholdQuery(text=prefix))
        assert counts == {**empty, "tanpa_kunjungan": listed}, prefix
    assert len(all_pks(storage, text="5271")) == 4  # three by No KK, Maria by her NIK
    assert len(all_pks(storage, text="5371")) == 1


def test_cancelled_search_stops_and_the_connection_keeps_working(
    storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage_module.connection, "PROGRESS_STEPS", 5)  # check often on tiny data
    for serial in range(1, 6):
        storage.save_household(make_household(serial, name=f"Warga {'ABCDE'[serial - 1]}"))
    progress = Progress()
    chunks = storage.iter_household_pks(
        HouseholdQuery(), first_chunk=1, chunk_size=1, progress=progress
    )
    assert len(next(chunks)) == 1
    progress.cancel()
    chunks.close()
    with pytest.raises(Cancelled):
        storage.count_by_outcome(HouseholdQuery(text="warga"), progress=progress)
    # An abandoned, cancelled search must not poison later reads on the same connection.
    later = Progress()
    abandoned = storage.iter_household_pks(HouseholdQuery(), first_chunk=1, progress=later)
    next(abandoned)
    later.cancel()  # and never closed: its handler is still on the connection
    assert storage.count_by_outcome()["tanpa_kunjungan"] == 5
    assert len(all_pks(storage)) == 5


class _CancelledWhileRunning(Progress):
    """Passes the check before a query, then says "cancelled" to SQLite's progress handler."""

    @property
    def cancelled(self) -> bool:
        return True


def test_a_running_query_is_interrupted_by_cancel(
    storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage_module.connection, "PROGRESS_STEPS", 5)
    for serial in range(1, 4):
        storage.save_household(make_household(serial, name=f"Warga {'ABC'[serial - 1]}"))
    with pytest.raises(Cancelled):
        storage.count_by_outcome(HouseholdQuery(text="warga"), progress=_CancelledWhileRunning())
    with pytest.raises(Cancelled):
        list(storage.iter_household_pks(HouseholdQuery(), progress=_CancelledWhileRunning()))
    assert storage.count_by_outcome()["tanpa_kunjungan"] == 3


def test_names_with_underscores_and_symbols_search_safely(storage: Storage) -> None:
    storage.save_household(make_household(1, name="Lalu Ahmad"))
    for text in ("lalu_a", "lalu-a", '"lalu', "lalu*", "a_", "(", "NEAR(lalu)"):
        all_pks(storage, text=text)  # never an FTS syntax error
        storage.count_by_outcome(HouseholdQuery(text=text))
    assert names(storage, text="lalu_ahm") == ["Lalu Ahmad"]


def test_reader_connections_stay_one_per_thread(storage: Storage) -> None:
    from concurrent.futures import ThreadPoolExecutor

    storage.save_household(make_household(1))
    with ThreadPoolExecutor(max_workers=2) as pool:
        for _ in range(50):
            pool.submit(storage.count_by_outcome).result()
    assert len(storage._readers) <= 3  # this thread and the pool's two


def test_migration_takes_a_backup_first(data_dir: Path, installation: Installation) -> None:
    key = installation.data_key
    with reopen(data_dir, key) as store:
        store.save_household(make_household(1))
    extra = list(storage_module.MIGRATIONS)

    @storage_module.migration("9999_test_column")
    def _add_column(db: object) -> None:
        db.execute("ALTER TABLE households ADD COLUMN test_extra TEXT")  # type: ignore[attr-defined]

    try:
        with reopen(data_dir, key) as store:
            assert "test_extra" in {c.name for c in store.db["households"].columns}
        backups = list((data_dir / "cadangan").glob("sebelum-migrasi-*.sqlite3"))
        assert len(backups) == 1
        old = keyed_connection(backups[0], key)
        assert old.execute("SELECT count(*) FROM households").fetchone()[0] == 1
        assert "test_extra" not in [r[1] for r in old.execute("PRAGMA table_info(households)")]
        old.close()
    finally:
        storage_module.MIGRATIONS[:] = extra


def test_failed_migration_leaves_data_as_it_was(data_dir: Path, installation: Installation) -> None:
    key = installation.data_key
    with reopen(data_dir, key) as store:
        store.save_household(make_household(1))
    saved = list(storage_module.MIGRATIONS)

    @storage_module.migration("9998_broken")
    def _broken(db: object) -> None:
        db.execute("ALTER TABLE households ADD COLUMN half_done TEXT")  # type: ignore[attr-defined]
        raise RuntimeError("migration bug")

    try:
        with pytest.raises(RuntimeError):
            Storage(data_dir, key=key)
    finally:
        storage_module.MIGRATIONS[:] = saved
    with reopen(data_dir, key) as store:
        assert "half_done" not in {c.name for c in store.db["households"].columns}
        assert store.stats()["households"] == 1


def test_newer_schema_is_refused_untouched(data_dir: Path, installation: Installation) -> None:
    key = installation.data_key
    plain = keyed_connection(data_dir / DB_FILENAME, key)
    plain.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('sp_desktop', '9999_from_the_future', 'x')"
    )
    plain.commit()
    plain.close()
    with pytest.raises(NewerSchemaError):
        Storage(data_dir, key=key)


def test_corrupt_file_gives_a_clear_error_and_is_not_overwritten(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    garbage = b"this is not a database, it is a USB stick accident" * 100
    (data_dir / DB_FILENAME).write_bytes(garbage)
    with pytest.raises(DatabaseCorruptError) as caught:
        Storage(data_dir, key=None)
    assert "cadangan" in str(caught.value)
    assert (data_dir / DB_FILENAME).read_bytes() == garbage


def test_data_folder_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(DataFolderError):
        Storage(blocker, key=b"k" * 32)


def test_locked_database_reports_and_keeps_data(
    storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage.save_household(make_household(1))
    monkeypatch.setattr(storage_module.connection, "BUSY_TIMEOUT_SECONDS", 0.2)
    other = keyed_connection(storage.path, storage._key)
    other.execute("BEGIN EXCLUSIVE")
    try:
        storage._conn.execute("PRAGMA busy_timeout = 200")
        with pytest.raises(DatabaseLockedError) as caught:
            storage.save_household(make_household(2))
        assert "tidak hilang" in str(caught.value)
    finally:
        other.rollback()
        other.close()
    assert storage.stats()["households"] == 1
    storage.save_household(make_household(2))  # works again once the other program is done
    assert storage.stats()["households"] == 2


def test_backup_is_a_complete_consistent_copy(storage: Storage) -> None:
    storage.save_household(make_household(1))
    path = storage.backup(label="uji")
    copy = keyed_connection(path, storage._key)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM households").fetchone()[0] == 1
    copy.close()
    assert not list(path.parent.glob("*.partial"))


def test_renamed_household_is_found_by_its_new_name_only(storage: Storage) -> None:
    saved = storage.save_household(make_household(1, name="Baiq Nurul Hakim"))
    storage.save_household(replace(saved, address="Jl. Pejanggik No. 9"))  # name unchanged
    assert names(storage, text="nurul") == ["Baiq Nurul Hakim"]
    storage.save_household(replace(saved, head_name="Baiq Nurul Aini"))
    assert names(storage, text="aini") == ["Baiq Nurul Aini"]
    assert names(storage, text="hakim") == []
