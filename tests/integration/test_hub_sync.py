"""Sync through a real CouchDB-compatible hub (PouchDB Server in memory, or the CouchDB in
SP_DESKTOP_TEST_COUCHDB_URL): push, pull, conflicts, resuming after a cut, deletions,
onward replication by the server itself, and hubs that misbehave."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from cli_support import DEMO_PASSWORD, demo, sp
from factories import ADMIN_PASSWORD, make_household, make_visit
from hub_fixtures import hub, hub_db  # noqa: F401
from sync_support import admin_of, offices, post_of, snapshot

from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain.model import Outcome
from sp_desktop.core.sync import hub as hub_module
from sp_desktop.core.sync.hub import HubProblem, HubSettings, sync_with_hub

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _letters(number: int) -> str:
    """A name part without digits (names may not hold numbers): 1 -> 'B', 27 -> 'BB'."""
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[number % 26] * (1 + number // 26)


def settings_for(database: Any) -> HubSettings:
    return HubSettings(database.url, database.hub.user, database.hub.password)


def hub_documents(database: Any) -> dict[str, dict[str, Any]]:
    """Every record on the hub with its winner and conflicts, as CouchDB reports them."""
    listing = database.request("GET", "/_all_docs").json()
    documents = {}
    for row in listing["rows"]:
        doc = database.request("GET", f"/{row['id']}?conflicts=true&attachments=true").json()
        documents[row["id"]] = doc
    return documents


def test_two_installations_end_with_the_same_data(tmp_path: Path, hub_db: Any) -> None:  # noqa: F811
    with offices(tmp_path, "posko", "kelurahan") as (post, office):
        sp_, so = post.storage, office.storage
        household = sp_.save_household(make_household())
        visit = sp_.add_visit(make_visit(household, admin_of(sp_), post_of(sp_)))
        proof = sp_.attach_proof(visit.id, "bukti.png", PNG)
        so.save_household(make_household(2, name="Inaq Rahmah"))
        target = settings_for(hub_db)
        first = sync_with_hub(sp_, target)
        assert first.pushed == 5  # helper, post, household, visit, proof file
        second = sync_with_hub(so, target)
        assert second.pulled.added["rumah_tangga"] == 1
        sync_with_hub(sp_, target)
        assert snapshot(sp_) == snapshot(so)
        _, content = so.proof_content(proof.id)
        assert content == PNG
        # The hub holds them as plain CouchDB documents, the proof file as an attachment.
        on_hub = hub_documents(hub_db)
        stored = on_hub[f"bukti:{proof.id}"]
        assert stored["_attachments"]["berkas"]["content_type"] == "image/png"
        assert on_hub[f"rumah_tangga:{household.id}"]["head_name"] == household.head_name
        # Nothing left to send, and a second sync moves nothing.
        assert sp_.sync_status().pending == 0
        again = sync_with_hub(sp_, target)
        assert again.pushed == 0 and not again.pulled.changed


def test_concurrent_edits_give_the_same_winner_everywhere(tmp_path: Path, hub_db: Any) -> None:  # noqa: F811
    with offices(tmp_path, "a", "b") as (a, b):
        sa, sb = a.storage, b.storage
        target = settings_for(hub_db)
        household = sa.save_household(make_household())
        sync_with_hub(sa, target)
        sync_with_hub(sb, target)
        sa.save_household(replace(household, address="Jl. Versi A"))
        sb.save_household(replace(sb.household(household.id), address="Jl. Versi B"))
        sync_with_hub(sa, target)
        result = sync_with_hub(sb, target)
        assert result.pulled.conflicts == {"rumah_tangga": 1}
        sync_with_hub(sa, target)
        assert sa.household(household.id).address == sb.household(household.id).address
        on_hub = hub_documents(hub_db)[f"rumah_tangga:{household.id}"]
        [conflict] = sa.sync_conflicts()
        winner, loser = conflict.sides
        # The hub, deciding by CouchDB's own rule, picked the same winner.
        assert on_hub["_rev"] == winner.rev
        assert on_hub["_conflicts"] == [loser.rev]
        assert {winner.body["address"], loser.body["address"]} == {"Jl. Versi A", "Jl. Versi B"}
        # Resolved on one side, resolved everywhere.
        sb.resolve_conflict(conflict.doc_id, {"address": loser.body["address"]})
        sync_with_hub(sb, target)
        sync_with_hub(sa, target)
        assert (
            sa.sync_conflicts() == []
            and sa.household(household.id).address == (loser.body["address"])
        )
        assert "_conflicts" not in hub_documents(hub_db)[f"rumah_tangga:{household.id}"]
        assert snapshot(sa) == snapshot(sb)


def test_a_cut_connection_resumes_without_loss_or_duplicates(
    tmp_path: Path,
    hub_db: Any,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not hub_db.hub.can_pause:
        pytest.skip("needs the in-memory hub, which can be taken down")
    monkeypatch.setattr(hub_module, "PUSH_BATCH", 10)
    monkeypatch.setattr(hub_module, "CHECKPOINT_EVERY", 1)
    with offices(tmp_path, "a", "b") as (a, b):
        sa = a.storage
        for serial in range(1, 41):
            sa.save_household(make_household(serial, name=f"Kepala Keluarga {_letters(serial)}"))
        target = settings_for(hub_db)
        reports: list[int] = []

        def cut_after_two_batches(done: int, total: int, text: str) -> None:
            reports.append(done)
            if text.startswith("Mengirim") and done >= 20:
                hub_db.hub.take_down()

        with pytest.raises(HubProblem) as caught:
            sync_with_hub(sa, target, progress=Progress(cut_after_two_batches))
        assert caught.value.reason == "tidak_terhubung"
        hub_db.hub.bring_back()
        partial = len(hub_db.request("GET", "/_all_docs").json()["rows"])
        assert 10 <= partial < 41
        resumed = sync_with_hub(sa, target)
        # It resumes after the last confirmed batch: at most the batch that was in flight
        # when the hub went down goes twice (a no-op on the hub), never the whole push.
        assert 41 - partial <= resumed.pushed <= 41 - 10
        rows = hub_db.request("GET", "/_all_docs").json()["rows"]
        assert len(rows) == 41  # 40 households and the admin's helper record
        for doc in hub_documents(hub_db).values():
            assert doc["_rev"].startswith("1-") and "_conflicts" not in doc
        sync_with_hub(b.storage, target)
        assert snapshot(sa) == {
            key: value for key, value in snapshot(b.storage).items() if key in snapshot(sa)
        }


def test_a_merge_and_its_deletion_reach_the_other_side(tmp_path: Path, hub_db: Any) -> None:  # noqa: F811
    with offices(tmp_path, "a", "b") as (a, b):
        sa, sb = a.storage, b.storage
        target = settings_for(hub_db)
        first = sa.save_household(make_household(name="Baiq Nurul"))
        second = sb.save_household(make_household(name="Baiq Nurul Hakim"))
        sa.add_visit(make_visit(first, admin_of(sa), post_of(sa), Outcome.BELUM))
        sb.add_visit(make_visit(second, admin_of(sb), post_of(sb)))
        for store in (sa, sb, sa):
            sync_with_hub(store, target)
        sa.merge_households(first.id, second.id, {"head_name": "Baiq Nurul Hakim"})
        sync_with_hub(sa, target)
        sync_with_hub(sb, target)
        assert sb.duplicate_households() == []
        kept = sb.household(first.id)
        assert kept.visit_count == 2 and kept.head_name == "Baiq Nurul Hakim"
        tombstone = hub_db.request("GET", f"/rumah_tangga:{second.id}")
        assert tombstone.status == 404  # deleted on the hub too
        assert snapshot(sa) == snapshot(sb)


def test_the_hub_database_replicates_onward_by_the_servers_own_replication(
    tmp_path: Path,
    hub_db: Any,  # noqa: F811
) -> None:
    """Kelurahan hub -> city database by CouchDB's replicator, no SP Desktop in between;
    an installation syncing with the city database then holds the same records."""
    with offices(tmp_path, "posko", "kota") as (post, city):
        sp_ = post.storage
        household = sp_.save_household(make_household())
        visit = sp_.add_visit(make_visit(household, admin_of(sp_), post_of(sp_)))
        sp_.attach_proof(visit.id, "bukti.png", PNG)
        sp_.save_household(replace(household, address="Jl. Langko 2"))
        sync_with_hub(sp_, settings_for(hub_db))
        city_name = hub_db.name + "_kota"
        city_url = hub_db.hub.new_database(city_name)
        try:
            answer = hub_db.hub.request(
                "POST",
                "/_replicate",
                {
                    "source": hub_db.hub.url_with_credentials(f"/{hub_db.name}"),
                    "target": hub_db.hub.url_with_credentials(f"/{city_name}"),
                },
            ).json()
            assert answer["ok"] is True
            source_docs = hub_documents(hub_db)
            city_db = type(hub_db)(hub_db.hub, city_name, city_url)
            assert hub_documents(city_db) == source_docs
            sync_with_hub(city.storage, settings_for(city_db))
            sync_with_hub(sp_, settings_for(hub_db))
            mine = {k: v for k, v in snapshot(city.storage).items() if k in snapshot(sp_)}
            assert mine == snapshot(sp_)
            assert city.storage.household(household.id).address == "Jl. Langko 2"
        finally:
            hub_db.hub.delete_database(city_name)


# -- hubs that misbehave ----------------------------------------------------------------


@pytest.fixture
def garbage_server() -> Iterator[str]:
    """An HTTP server that is not CouchDB: it answers every request with an HTML page."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<html><body>Selamat datang</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_PUT = do_GET

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sp_5271011004"
    server.shutdown()
    server.server_close()


def test_bad_hubs_are_refused_in_indonesian_and_change_nothing(
    tmp_path: Path,
    hub_db: Any,  # noqa: F811
    garbage_server: str,
) -> None:
    with offices(tmp_path, "a") as (a,):
        store = a.storage
        store.save_household(make_household())
        before = snapshot(store)
        cases = [
            (HubSettings(garbage_server), "jawaban_rusak"),
            (HubSettings("http://127.0.0.1:9/sp_5271011004"), "tidak_terhubung"),
            (HubSettings(hub_db.hub.url + "/tidak_ada_db", hub_db.hub.user, hub_db.hub.password),
             "tidak_ada"),
            (HubSettings("ftp://hub.example/sp"), "alamat_salah"),
        ]  # fmt: skip
        for target, reason in cases:
            with pytest.raises(HubProblem) as caught:
                sync_with_hub(store, target, timeout=5)
            assert caught.value.reason == reason
            assert "server" in caught.value.message.lower() or "alamat" in caught.value.message
            assert snapshot(store) == before
        if hub_db.hub.can_pause:
            hub_db.hub.pause()
            try:
                with pytest.raises(HubProblem) as caught:
                    sync_with_hub(store, settings_for(hub_db), timeout=1)
                assert caught.value.reason == "waktu_habis"
            finally:
                hub_db.hub.resume()
        # After all that the real hub still works, and nothing was lost.
        assert sync_with_hub(store, settings_for(hub_db)).pushed >= 2


def test_the_command_line_syncs_with_a_hub(tmp_path: Path, hub_db: Any) -> None:  # noqa: F811
    demo(tmp_path / "data", households=20)
    env = {"SP_DESKTOP_USER": "198001012005031001", "SP_DESKTOP_HUB_PASSWORD": "x"}
    args = ["--data-dir", str(tmp_path / "data"), "sync", "--hub", hub_db.url, "--save"]
    if hub_db.hub.user:
        args += ["--hub-user", hub_db.hub.user]
        env["SP_DESKTOP_HUB_PASSWORD"] = hub_db.hub.password
    result = sp(*args, env=env)
    assert result.returncode == 0, result.stderr
    assert "Dikirim ke server" in result.stdout
    rows = hub_db.request("GET", "/_all_docs").json()["rows"]
    assert sum(row["id"].startswith("rumah_tangga:") for row in rows) == 20
    # The saved hub is used when none is given, and the password never shows.
    again = sp("--data-dir", str(tmp_path / "data"), "sync", env=env)
    assert again.returncode == 0, again.stderr
    assert "Dikirim ke server: 0 data" in again.stdout
    assert DEMO_PASSWORD not in again.stdout + again.stderr


def test_three_offices_by_bundles_and_hub_in_any_order_end_the_same(
    tmp_path: Path,
    hub_db: Any,  # noqa: F811
) -> None:
    """Two posts and a kelurahan office: one post syncs with the hub, the other sends USB
    bundles to the office, the office syncs with the hub and sends a bundle back; edits
    and proof files on every side, one record edited in two places. All end identical,
    the conflict visible on every side, neither version lost."""
    from sp_desktop.core.sync.bundle import import_bundle, write_bundle

    target = settings_for(hub_db)
    with offices(tmp_path, "posko1", "posko2", "kelurahan") as (p1, p2, kel):
        s1, s2, sk = p1.storage, p2.storage, kel.storage

        def bundle(source: Any, receiver: Any, name: str) -> None:
            path = tmp_path / f"{name}.sppaket"
            write_bundle(source, path, since_last_export=True)
            import_bundle(receiver, path, trust_fingerprint=source.own_public_key().fingerprint)

        h1 = s1.save_household(make_household(1, name="Lalu Ahmad"))
        v1 = s1.add_visit(make_visit(h1, admin_of(s1), post_of(s1, "Posko Masjid")))
        s1.attach_proof(v1.id, "bukti-1.png", PNG)
        h2 = s2.save_household(make_household(2, name="Inaq Rahmah"))
        v2 = s2.add_visit(make_visit(h2, admin_of(s2), post_of(s2, "Posko Pasar"), Outcome.BELUM))
        s2.attach_proof(v2.id, "bukti-2.png", PNG + b"posko-2")

        sync_with_hub(s1, target)  # post 1 -> hub
        bundle(s2, sk, "p2-ke-kel")  # post 2 -> office by USB
        sync_with_hub(sk, target)  # office <-> hub
        sync_with_hub(s1, target)  # post 1 now has post 2's household
        # The same household edited at post 1 (online) and at the office (offline).
        s1.save_household(replace(s1.household(h2.id), address="Jl. Versi Posko"))
        sk.save_household(replace(sk.household(h2.id), address="Jl. Versi Kelurahan"))
        sync_with_hub(s1, target)
        bundle(sk, s2, "kel-ke-p2")  # office -> post 2 by USB (before its own hub sync)
        sync_with_hub(sk, target)
        bundle(sk, s2, "kel-ke-p2-lagi")
        sync_with_hub(s1, target)

        snapshots = [snapshot(store) for store in (s1, s2, sk)]
        assert snapshots[0] == snapshots[1] == snapshots[2]
        for store in (s1, s2, sk):
            [conflict] = store.sync_conflicts()
            assert {side.body["address"] for side in conflict.sides} == {
                "Jl. Versi Posko",
                "Jl. Versi Kelurahan",
            }
            assert {h.visit_count for h in (store.household(h1.id), store.household(h2.id))} == {1}
            assert len(store.proof_files(v1.id)) == len(store.proof_files(v2.id)) == 1


def test_a_server_without_bulk_get_is_read_with_open_revs(
    tmp_path: Path,
    hub_db: Any,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Older CouchDB has no `_bulk_get`: the pull falls back to `open_revs`, proof files
    included."""
    original = hub_module._Hub.request
    asked: list[str] = []

    def without_bulk_get(self: Any, method: str, path: str, *args: Any, **kwargs: Any) -> Any:
        asked.append(path)
        if path == "/_bulk_get":
            return 404, {"error": "not_found"}
        return original(self, method, path, *args, **kwargs)

    with offices(tmp_path, "a", "b") as (a, b):
        household = a.storage.save_household(make_household())
        visit = a.storage.add_visit(make_visit(household, admin_of(a.storage), post_of(a.storage)))
        proof = a.storage.attach_proof(visit.id, "bukti.png", PNG)
        sync_with_hub(a.storage, settings_for(hub_db))
        monkeypatch.setattr(hub_module._Hub, "request", without_bulk_get)
        sync_with_hub(b.storage, settings_for(hub_db))
        assert "/_bulk_get" in asked and any(p.startswith("/rumah_tangga:") for p in asked)
        assert b.storage.proof_content(proof.id)[1] == PNG
        assert {k: v for k, v in snapshot(b.storage).items() if k in snapshot(a.storage)} == (
            snapshot(a.storage)
        )


def test_the_hub_keeps_the_audit_witness_a_rolled_back_trail_no_longer_holds(
    tmp_path: Path,
    hub_db: Any,  # noqa: F811
) -> None:
    from sqlcipher3 import dbapi2 as sqlcipher

    from sp_desktop.core.security.installation import Installation

    with offices(tmp_path, "kelurahan") as (office,):
        store = office.storage
        data_dir, data_key = office.data_dir, office.data_key
        early = store.audit_witness()
        assert early is not None
        store.save_household(make_household())
        sync_with_hub(store, settings_for(hub_db))  # leaves the newest witness on the hub
        assert store.verify_audit().ok
        nip = admin_of(store).nip
    # Someone with the data key (any account's password opens it) cuts the trail back to
    # the early witness and puts that witness back: nothing here still shows the cut.
    conn = sqlcipher.connect(str(data_dir / "sp-desktop.sqlite3"))
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    with conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE seq > ?", [early.seq])
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'audit_head'", [f"{early.seq}:{early.hash}"]
        )
        conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_witness'", [early.to_text()])
    conn.close()
    with Installation.open(data_dir, nip, ADMIN_PASSWORD) as inst:
        # The next sync brings the hub's newer witness back, and the check fails.
        sync_with_hub(inst.storage, settings_for(hub_db))
        report = inst.storage.verify_audit()
        assert not report.ok and "saksi" in report.reason
