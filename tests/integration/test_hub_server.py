"""The test hub speaks the CouchDB replication protocol: the requests a sync client makes get
CouchDB's answers. The same tests run against a real CouchDB with SP_DESKTOP_TEST_COUCHDB_URL,
so they assert only what both give (sequences are opaque; results are matched by id and rev,
not by position)."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
import urllib.error
import urllib.parse
from pathlib import Path
from typing import Any

import hub_server
import pytest
from hub_fixtures import HubDatabase, hub, hub_db  # noqa: F401
from hub_server import HubError, HubServer


def h(char: str) -> str:
    """A revision hash as CouchDB makes them (32 hex digits), made of one repeated digit."""
    return char * 32


def history(*hashes: str) -> dict[str, Any]:
    """_revisions for a leaf whose ancestors are `hashes` (newest first)."""
    return {"start": len(hashes), "ids": list(hashes)}


def rev(*hashes: str) -> str:
    return f"{len(hashes)}-{hashes[0]}"


def q(value: Any) -> str:
    return urllib.parse.quote(json.dumps(value))


def ok(resp: hub_server.Response, *statuses: int) -> Any:
    assert resp.status in (statuses or (200,)), (resp.status, resp.body[:500])
    return resp.json()


def changes(db: HubDatabase, query: str = "") -> dict[str, Any]:
    return ok(db.request("GET", f"/_changes{query}"))


# One document with four leaves: main 3-b, branch 3-c (the winner: same depth, higher hash),
# 2-f (higher hash but shorter), and 4-e (longest, but deleted, so it cannot win).
MAIN = (h("b"), h("2"), h("1"))
BRANCH = (h("c"), h("d"), h("1"))
SHORT = (h("f"), h("1"))
DELETED = (h("e"), h("4"), h("3"), h("1"))


def store_conflicted(db: HubDatabase, doc_id: str = "rumah-1") -> None:
    docs = [
        {"_id": doc_id, "_rev": rev(*MAIN), "_revisions": history(*MAIN), "v": "main"},
        {"_id": doc_id, "_rev": rev(*BRANCH), "_revisions": history(*BRANCH), "v": "branch"},
        {"_id": doc_id, "_rev": rev(*SHORT), "_revisions": history(*SHORT), "v": "short"},
        {"_id": doc_id, "_rev": rev(*DELETED), "_revisions": history(*DELETED), "_deleted": True},
    ]
    # new_edits: false stores the given revisions as they are and answers no per-doc results.
    assert ok(db.request("POST", "/_bulk_docs", {"docs": docs, "new_edits": False}), 201) == []


def test_creates_and_deletes_databases(hub: HubServer, hub_db: HubDatabase) -> None:  # noqa: F811
    info = ok(hub_db.request("GET"))
    assert info["db_name"] == hub_db.name
    assert info["doc_count"] == 0
    assert hub_db.url == f"{hub.url}/{hub_db.name}"
    assert hub.request("PUT", f"/{hub_db.name}").status == 412  # exists already
    other = hub_db.name + "_lain"
    hub.new_database(other)
    assert other in ok(hub.request("GET", "/_all_dbs"))
    hub.delete_database(other)
    assert hub.request("GET", f"/{other}").status == 404
    assert other not in ok(hub.request("GET", "/_all_dbs"))


def test_new_edits_false_keeps_history_and_picks_couchdb_winner(hub_db: HubDatabase) -> None:  # noqa: F811
    store_conflicted(hub_db)

    doc = ok(hub_db.request("GET", "/rumah-1?conflicts=true&revs=true"))
    assert doc["_rev"] == rev(*BRANCH)
    assert doc["v"] == "branch"
    assert doc["_revisions"] == history(*BRANCH)
    # Deleted leaves are not conflicts.
    assert sorted(doc["_conflicts"]) == sorted([rev(*MAIN), rev(*SHORT)])

    leaves = ok(hub_db.request("GET", "/rumah-1?revs=true&open_revs=all"))
    by_rev = {item["ok"]["_rev"]: item["ok"] for item in leaves}
    assert set(by_rev) == {rev(*MAIN), rev(*BRANCH), rev(*SHORT), rev(*DELETED)}
    assert by_rev[rev(*MAIN)]["_revisions"] == history(*MAIN)
    assert by_rev[rev(*DELETED)]["_deleted"] is True
    assert by_rev[rev(*SHORT)]["v"] == "short"

    # Storing the same revisions again changes nothing.
    store_conflicted(hub_db)
    assert ok(hub_db.request("GET", "/rumah-1"))["_rev"] == rev(*BRANCH)
    assert ok(hub_db.request("GET"))["doc_count"] == 1


def test_revs_diff_names_only_unknown_revisions(hub_db: HubDatabase) -> None:  # noqa: F811
    store_conflicted(hub_db)
    asked = {
        "rumah-1": [rev(*MAIN), rev(*BRANCH), rev(h("9"), *BRANCH), "1-" + h("0")],
        "rumah-2": ["1-" + h("a")],
    }
    answer = ok(hub_db.request("POST", "/_revs_diff", asked))
    assert set(answer) == {"rumah-1", "rumah-2"}
    assert sorted(answer["rumah-1"]["missing"]) == sorted([rev(h("9"), *BRANCH), "1-" + h("0")])
    assert answer["rumah-2"]["missing"] == ["1-" + h("a")]
    # Nothing missing: the document is left out.
    assert ok(hub_db.request("POST", "/_revs_diff", {"rumah-1": [rev(*SHORT)]})) == {}


def test_changes_since_limit_and_all_docs_style(hub_db: HubDatabase) -> None:  # noqa: F811
    written = ok(
        hub_db.request(
            "POST",
            "/_bulk_docs",
            {"docs": [{"_id": f"art-{n}", "kind": "household", "n": n} for n in range(3)]},
        ),
        201,
    )
    assert [row["id"] for row in written] == ["art-0", "art-1", "art-2"]
    assert all(row["ok"] and row["rev"].startswith("1-") for row in written)
    before = changes(hub_db)
    assert {row["id"] for row in before["results"]} == {"art-0", "art-1", "art-2"}

    store_conflicted(hub_db)
    later = changes(hub_db, "?since=" + urllib.parse.quote(json.dumps(before["last_seq"])))
    assert [row["id"] for row in later["results"]] == ["rumah-1"]
    # Without style=all_docs only the winner is listed; with it, every leaf.
    assert [c["rev"] for c in later["results"][0]["changes"]] == [rev(*BRANCH)]
    every = changes(hub_db, "?style=all_docs&since=" + q(before["last_seq"]))
    assert {c["rev"] for c in every["results"][0]["changes"]} == {
        rev(*MAIN),
        rev(*BRANCH),
        rev(*SHORT),
        rev(*DELETED),
    }

    # Page through one change at a time, as a client resuming from checkpoints does.
    seen: list[str] = []
    since: Any = 0
    for _ in range(10):
        page = changes(hub_db, f"?limit=1&since={q(since)}")
        if not page["results"]:
            break
        assert len(page["results"]) == 1
        seen.append(page["results"][0]["id"])
        since = page["last_seq"]
    assert sorted(seen) == ["art-0", "art-1", "art-2", "rumah-1"]
    assert changes(hub_db, f"?since={q(since)}")["results"] == []


def test_changes_selector_filter(hub_db: HubDatabase) -> None:  # noqa: F811
    docs = [
        {"_id": "a", "kind": "household", "kelurahan": "5271011004"},
        {"_id": "b", "kind": "household", "kelurahan": "5271011005"},
        {"_id": "c", "kind": "post", "kelurahan": "5271011004"},
    ]
    ok(hub_db.request("POST", "/_bulk_docs", {"docs": docs}), 201)
    selector = {"selector": {"kind": "household", "kelurahan": "5271011004"}}
    picked = ok(hub_db.request("POST", "/_changes?filter=_selector", selector))
    assert [row["id"] for row in picked["results"]] == ["a"]
    doc_ids = ok(hub_db.request("POST", "/_changes?filter=_doc_ids", {"doc_ids": ["b", "c"]}))
    assert sorted(row["id"] for row in doc_ids["results"]) == ["b", "c"]
    assert hub_db.request("POST", "/_changes?filter=_selector", {}).status == 400


def test_local_checkpoint_documents(hub_db: HubDatabase) -> None:  # noqa: F811
    path = "/_local/sp-desktop-checkpoint"
    first = ok(hub_db.request("PUT", path, {"last_seq": "12-abc", "session": 1}), 201)
    stored = ok(hub_db.request("GET", path))
    assert stored["last_seq"] == "12-abc"
    assert stored["_rev"] == first["rev"]

    update = {"last_seq": "20-def", "session": 2, "_rev": stored["_rev"]}
    ok(hub_db.request("PUT", path, update), 201)
    assert ok(hub_db.request("GET", path))["last_seq"] == "20-def"
    # A stale rev is a conflict, as for any document.
    assert hub_db.request("PUT", path, {"last_seq": "x", "_rev": stored["_rev"]}).status == 409

    # Local documents are not replicated: neither in _changes nor in _all_docs.
    assert changes(hub_db)["results"] == []
    assert ok(hub_db.request("GET", "/_all_docs"))["rows"] == []
    assert hub_db.request("GET", "/_local/none").status == 404


def test_bulk_get_and_open_revs_with_history(hub_db: HubDatabase) -> None:  # noqa: F811
    store_conflicted(hub_db)
    asked = [
        {"id": "rumah-1", "rev": rev(*MAIN)},
        {"id": "rumah-1", "rev": rev(*BRANCH)},
        {"id": "tidak-ada", "rev": "1-" + h("a")},
    ]
    answer = ok(hub_db.request("POST", "/_bulk_get?revs=true", {"docs": asked}))
    found: dict[str, dict[str, Any]] = {}
    not_found = []
    for result in answer["results"]:
        for item in result["docs"]:
            if "ok" in item:
                assert item["ok"]["_id"] == result["id"]
                found[item["ok"]["_rev"]] = item["ok"]
            else:
                # CouchDB: {"error": {...}}; PouchDB Server: {"missing": rev}.
                assert "error" in item or "missing" in item, item
                not_found.append(result["id"])
    assert set(found) == {rev(*MAIN), rev(*BRANCH)}
    assert found[rev(*MAIN)]["_revisions"] == history(*MAIN)
    assert found[rev(*BRANCH)]["_revisions"] == history(*BRANCH)
    assert found[rev(*BRANCH)]["v"] == "branch"
    assert not_found == ["tidak-ada"]

    # The older way to fetch chosen revisions, for hubs without _bulk_get.
    wanted = [rev(*MAIN), rev(*SHORT)]
    leaves = ok(hub_db.request("GET", f"/rumah-1?revs=true&open_revs={q(wanted)}"))
    assert {item["ok"]["_rev"]: item["ok"]["_revisions"] for item in leaves} == {
        rev(*MAIN): history(*MAIN),
        rev(*SHORT): history(*SHORT),
    }


def test_inline_attachment_round_trip(hub_db: HubDatabase) -> None:  # noqa: F811
    content = bytes(range(256)) * 4  # every byte value
    digest = "md5-" + base64.b64encode(hashlib.md5(content).digest()).decode()
    doc = {
        "_id": "bukti-1",
        "_rev": rev(h("7"), h("6")),
        "_revisions": history(h("7"), h("6")),
        "_attachments": {
            "foto.jpg": {
                "content_type": "image/jpeg",
                "data": base64.b64encode(content).decode(),
            }
        },
    }
    ok(hub_db.request("POST", "/_bulk_docs", {"docs": [doc], "new_edits": False}), 201)

    stub = ok(hub_db.request("GET", "/bukti-1"))["_attachments"]["foto.jpg"]
    assert stub["stub"] is True
    assert stub["digest"] == digest
    assert stub["length"] == len(content)
    assert stub["content_type"] == "image/jpeg"
    assert stub["revpos"] == 2

    inline = ok(hub_db.request("GET", "/bukti-1?attachments=true"))["_attachments"]["foto.jpg"]
    assert base64.b64decode(inline["data"]) == content
    assert inline["digest"] == digest

    raw = hub_db.request("GET", "/bukti-1/foto.jpg", headers={"Accept": "*/*"})
    assert raw.status == 200
    assert raw.body == content
    assert raw.headers.get_content_type() == "image/jpeg"


def test_deleted_document_is_a_tombstone_in_changes(hub_db: HubDatabase) -> None:  # noqa: F811
    created = ok(hub_db.request("PUT", "/art-9", {"kind": "household"}), 201, 202)
    deleted = ok(hub_db.request("DELETE", f"/art-9?rev={created['rev']}"), 200, 202)
    assert deleted["rev"].startswith("2-")

    rows = changes(hub_db)["results"]
    assert [(row["id"], row.get("deleted")) for row in rows] == [("art-9", True)]
    assert rows[0]["changes"] == [{"rev": deleted["rev"]}]
    assert hub_db.request("GET", "/art-9").status == 404
    tombstone = ok(hub_db.request("GET", f"/art-9?rev={deleted['rev']}"))
    assert tombstone["_deleted"] is True
    assert ok(hub_db.request("GET"))["doc_count"] == 0


def test_server_side_replication_copies_everything(
    hub: HubServer,  # noqa: F811
    hub_db: HubDatabase,  # noqa: F811
) -> None:
    store_conflicted(hub_db)
    attachment = {"catatan.txt": {"content_type": "text/plain", "data": "aGFsbyBodWI="}}
    ok(hub_db.request("PUT", "/bukti-1", {"_attachments": attachment}), 201, 202)
    gone = ok(hub_db.request("PUT", "/art-9", {"kind": "household"}), 201, 202)
    ok(hub_db.request("DELETE", f"/art-9?rev={gone['rev']}"), 200, 202)

    target = hub_db.name + "_salinan"
    hub.new_database(target)
    try:
        started = time.monotonic()
        body = {
            "source": hub.url_with_credentials(f"/{hub_db.name}"),
            "target": hub.url_with_credentials(f"/{target}"),
        }
        result = ok(hub.request("POST", "/_replicate", body, timeout=60))
        assert result["ok"] is True
        assert time.monotonic() - started < 30

        def everything(name: str) -> dict[str, Any]:
            rows = ok(hub.request("GET", f"/{name}/_changes?style=all_docs"))["results"]
            leaves = {}
            for row in rows:
                path = f"/{name}/{row['id']}?revs=true&attachments=true&open_revs=all"
                items = ok(hub.request("GET", path))
                leaves[row["id"]] = sorted(
                    (item["ok"] for item in items), key=lambda doc: doc["_rev"]
                )
            return leaves

        copied = everything(target)
        assert copied == everything(hub_db.name)
        assert set(copied) == {"rumah-1", "bukti-1", "art-9"}
        assert len(copied["rumah-1"]) == 4
        winner = ok(hub.request("GET", f"/{target}/rumah-1?conflicts=true"))
        assert winner["_rev"] == rev(*BRANCH)
        assert sorted(winner["_conflicts"]) == sorted([rev(*MAIN), rev(*SHORT)])
        tombstone_rows = ok(hub.request("GET", f"/{target}/_changes"))["results"]
        assert {row["id"] for row in tombstone_rows if row.get("deleted")} == {"art-9"}
    finally:
        hub.delete_database(target)


def test_pause_keeps_data_and_delays_requests(hub: HubServer, hub_db: HubDatabase) -> None:  # noqa: F811
    if not hub.can_pause:
        pytest.skip("an external CouchDB, or Windows (no SIGSTOP), cannot pause the hub")
    ok(hub_db.request("PUT", "/sebelum", {"n": 1}), 201)
    answers: list[hub_server.Response] = []
    hub.pause()
    try:
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            hub_db.request("GET", "/sebelum", timeout=0.5)
        assert 0.4 < time.monotonic() - started < 5
        # A client that keeps waiting is answered once the hub runs again.
        waiting = threading.Thread(
            target=lambda: answers.append(hub_db.request("PUT", "/selama", {"n": 2}, timeout=30))
        )
        waiting.start()
        time.sleep(0.5)
        assert answers == []
    finally:
        hub.resume()
    waiting.join(timeout=30)
    assert [answer.status for answer in answers] == [201]
    assert ok(hub_db.request("GET", "/sebelum"))["n"] == 1
    assert ok(hub_db.request("GET", "/selama"))["n"] == 2


def test_take_down_refuses_connections_and_comes_back_with_data(
    hub: HubServer,  # noqa: F811
    hub_db: HubDatabase,  # noqa: F811
) -> None:
    if not hub.can_pause:
        pytest.skip("an external CouchDB, or Windows (no SIGUSR1), cannot take the hub down")
    ok(hub_db.request("PUT", "/sebelum", {"n": 1}), 201)
    url = hub.url
    hub.take_down()
    try:
        with pytest.raises(urllib.error.URLError) as refused:
            hub_db.request("GET", "/sebelum", timeout=2)
        assert isinstance(refused.value.reason, ConnectionRefusedError)
    finally:
        hub.bring_back()
    assert hub.url == url
    assert ok(hub_db.request("GET", "/sebelum"))["n"] == 1


def test_missing_node_packages_give_setup_hint(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(hub_server, "HUB_DIR", tmp_path)
    with pytest.raises(HubError, match=r"bash packaging/setup\.sh test"):
        HubServer()
