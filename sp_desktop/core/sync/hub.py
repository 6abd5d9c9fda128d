"""Sync with a CouchDB-compatible hub (Apache CouchDB 3, a cluster, PouchDB Server).

This is CouchDB's own replication protocol, spoken by the installation in both directions:

- push: this installation's changes in `seq` order (Storage.sync_changes); `_revs_diff`
  asks the hub which revisions it lacks; those go up with their history in `_bulk_docs`
  with `new_edits: false` (the hub then merges them with CouchDB's own rules, the same
  rules as revisions.py), proof files inline as the attachment `berkas`;
- pull: the hub's `_changes` feed (style=all_docs, so conflicting leaves come too); the
  revisions this installation lacks are fetched with `_bulk_get` (or `open_revs` on a
  server without it) and applied in one transaction per batch (Storage.sync_apply);
- checkpoints: after every batch, in a `_local` document on the hub and in this
  installation's sync_peers row, so a cut connection resumes where it stopped. A
  checkpoint that does not match on both sides (a hub restored from a backup, another
  database at the same address) starts from zero, which is slower but never wrong:
  `_revs_diff` and sync_missing skip what the other side has.

The scope is the hub database: one per kelurahan (see README). Everything here runs in a
worker thread; the HTTP client is the standard library's, one kept-alive connection.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeGuard
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import orjson

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.i18n import _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain import sync_docs
from sp_desktop.core.domain.sync_docs import ApplySummary
from sp_desktop.core.storage import Storage

PUSH_BATCH = 500
PUSH_BATCH_BYTES = 8 * 1024 * 1024
# Checkpoints cost two writes (hub and here); CouchDB's replicator also spaces them out.
CHECKPOINT_EVERY = 10
PULL_BATCH = 500
FETCH_BATCH = 100
MAX_RESPONSE_BYTES = 256 * 1024 * 1024


class HubProblem(UserFacingError):
    """The hub could not be reached or answered something unusable; `reason` for tests."""

    def __init__(self, message: str, *, hint: str = "", reason: str) -> None:
        super().__init__(message, hint=hint)
        self.reason = reason


@dataclass(frozen=True)
class HubSettings:
    url: str  # the hub database, e.g. https://hub.mataram.go.id/sp_5271011004
    user: str = ""
    password: str = field(default="", repr=False)

    def display_url(self) -> str:
        """The address without any user or password in it (for screens and logs)."""
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path.rstrip("/"), "", ""))


@dataclass(frozen=True)
class HubResult:
    pushed: int  # documents (revisions) sent to the hub
    pulled: ApplySummary  # what arrived from the hub

    def lines(self) -> list[str]:
        from sp_desktop.core.domain.text import format_count

        pushed = format_count(self.pushed)
        return [_("Dikirim ke server: {count} data").format(count=pushed), *self.pulled.lines()]


def load_hub_settings(storage: Storage) -> HubSettings | None:
    saved = storage.hub_settings()
    if not saved:
        return None
    return HubSettings(saved["url"], saved.get("user", ""), saved.get("password", ""))


def save_hub_settings(storage: Storage, settings: HubSettings | None) -> None:
    if settings is not None:
        _check_url(settings.url)
    storage.set_hub_settings(
        None
        if settings is None
        else {"url": settings.url, "user": settings.user, "password": settings.password}
    )


def sync_with_hub(
    storage: Storage,
    settings: HubSettings,
    *,
    progress: Progress | None = None,
    timeout: float = 30.0,
) -> HubResult:
    """Push this installation's changes, then pull the hub's, resuming from checkpoints."""
    with _Hub(settings, timeout) as hub:
        empty = hub.check_database()
        peer = settings.display_url()
        state = storage.sync_peer(peer)
        state["sent"] = 0
        state["pushed"] = _push(storage, hub, peer, state, progress, hub_empty=empty)
        summary = _pull(storage, hub, peer, state, progress)
        if summary.changed:
            # What just arrived has a newer local change number: walk the push checkpoint
            # past it (the hub has all of it, so nothing is sent again).
            state["pushed"] = _push(storage, hub, peer, state, progress)
        _exchange_witness(storage, hub, peer)
        storage.set_sync_peer(peer, "hub", state, synced=True)
        return HubResult(state["sent"], summary)


def _exchange_witness(storage: Storage, hub: _Hub, peer: str) -> None:
    """Leave this office's newest signed audit witness on the hub and take back the one
    left there before: a trail cut on this PC, with its witness rolled back, no longer
    holds the hub's copy (`audit verify` fails). Kept in a `_local` document, which the
    hub keeps for this installation alone and never replicates."""
    witness_id = _checkpoint_id(storage, peer, "saksi")
    remote = hub.get_local(witness_id)
    if remote is not None and isinstance(remote.get("saksi"), str):
        storage.remember_remote_witness(remote["saksi"])
    local = storage.audit_witness()
    known = storage.audit_witness(remote=True)
    # Never over a newer one, nor when the trail here no longer holds what the hub has.
    if local is not None and (known is None or local.seq >= known.seq) and storage.witness_holds():
        hub.put_local(witness_id, {"saksi": local.to_text()})


# -- push --------------------------------------------------------------------------------


def _push(
    storage: Storage,
    hub: _Hub,
    peer: str,
    state: dict[str, Any],
    progress: Progress | None,
    *,
    hub_empty: bool = False,
) -> int:
    """Send what the hub lacks, in change order; returns the change number now confirmed.

    `_bulk_docs` with new_edits:false is idempotent (a revision the hub has is a no-op),
    so `_revs_diff` only saves bandwidth: it is skipped for revisions made on this PC
    since the last push (no one else can have them) and on a first push into an empty
    hub database. While the hub stores one batch, the next is read and encoded here.
    """
    storage.sync_commit(progress)
    checkpoint_id = _checkpoint_id(storage, peer, "kirim")
    remote = hub.get_local(checkpoint_id)
    since = int(state.get("pushed", 0))
    if remote is None or remote.get("seq") != since:
        since = 0  # the two sides disagree: start over (revs_diff skips what the hub has)
    fresh = hub_empty and since == 0
    total = sum(storage.sync_counts(since, storage.sync_seq()).values())
    confirmed = since
    done = batches = 0
    in_flight: tuple[int | None, int] | None = None  # (change number it completes, docs)

    def checkpoint(seq: int) -> None:
        hub.put_local(checkpoint_id, {"seq": seq})
        storage.set_sync_peer(peer, "hub", {**state, "pushed": seq}, synced=False)

    def finish() -> None:
        nonlocal in_flight, confirmed, batches
        if in_flight is None:
            return
        completes, count = in_flight
        in_flight = None
        hub.finish_bulk_docs()
        state["sent"] = int(state.get("sent", 0)) + count
        if completes is not None:
            confirmed = completes
            batches += 1
            if batches % CHECKPOINT_EVERY == 0:
                checkpoint(confirmed)

    while True:
        if progress is not None:
            progress.report(done, max(total, done), _("Mengirim ke server"))
        changes = storage.sync_changes(since, PUSH_BATCH)
        if not changes:
            break
        ask = {doc: revs for _seq, doc, revs, local in changes if not (local or fresh)}
        wanted = {doc: set(revs) for _seq, doc, revs, local in changes if local or fresh}
        if ask:
            finish()  # one connection: the answer in flight first
            wanted.update({doc: set(revs) for doc, revs in hub.revs_diff(ask).items()})
        chunk: list[bytes] = []
        size = 0
        for document, content in storage.sync_documents(wanted=wanted, progress=progress):
            encoded = orjson.dumps(_with_attachment(document, content))
            if chunk and size + len(encoded) > PUSH_BATCH_BYTES:
                finish()
                hub.send_bulk_docs(chunk)
                in_flight = (None, len(chunk))
                chunk, size = [], 0
            chunk.append(encoded)
            size += len(encoded)
        finish()
        if chunk:
            hub.send_bulk_docs(chunk)
            in_flight = (changes[-1][0], len(chunk))
        else:
            confirmed = changes[-1][0]
        since = changes[-1][0]
        done += len(changes)
    finish()
    if confirmed != int(state.get("pushed", 0)) or remote is None:
        checkpoint(confirmed)
    return confirmed


def _with_attachment(document: dict[str, Any], content: bytes | None) -> dict[str, Any]:
    if content is None or document.get("_deleted"):
        return document
    return {
        **document,
        "_attachments": {
            sync_docs.PROOF_ATTACHMENT: {
                "content_type": document.get("media_type") or "application/octet-stream",
                "data": base64.b64encode(content).decode("ascii"),
            }
        },
    }


# -- pull --------------------------------------------------------------------------------


def _pull(
    storage: Storage, hub: _Hub, peer: str, state: dict[str, Any], progress: Progress | None
) -> ApplySummary:
    checkpoint_id = _checkpoint_id(storage, peer, "terima")
    remote = hub.get_local(checkpoint_id)
    since: Any = state.get("pulled", 0)
    if remote is None or remote.get("seq") != since:
        since = 0
    summary = ApplySummary.empty()
    done = 0
    while True:
        feed = hub.changes(since, PULL_BATCH)
        results = feed.get("results")
        if not isinstance(results, list):
            raise _garbage()
        revs: dict[str, list[str]] = {}
        for change in results:
            doc = change.get("id") if isinstance(change, dict) else None
            if not _is_ours(doc):
                continue  # design documents and the like: not records
            revs[doc] = [
                c["rev"]
                for c in change.get("changes", [])
                if isinstance(c, dict) and isinstance(c.get("rev"), str)
            ]
        missing = storage.sync_missing(revs) if revs else {}
        if missing:
            arrived = list(hub.fetch(missing))
            summary.absorb(
                storage.sync_apply(
                    arrived, strict=False, total=len(arrived), source=f"server {peer}"
                )
            )
        last = feed.get("last_seq", results[-1].get("seq") if results else since)
        if last is None:
            raise _garbage()
        done += len(results)
        if last != since:
            since = last
            hub.put_local(checkpoint_id, {"seq": since})
            storage.set_sync_peer(peer, "hub", {**state, "pulled": since}, synced=False)
        pending = feed.get("pending")
        if progress is not None:
            remaining = pending if isinstance(pending, int) else 0
            progress.report(done, done + remaining, _("Menerima dari server"))
        if len(results) < PULL_BATCH or pending == 0:
            break
    state["pulled"] = since
    return summary


def _is_ours(doc: Any) -> TypeGuard[str]:
    try:
        sync_docs.split_doc_id(doc)
    except sync_docs.DocumentProblem:
        return False
    return True


def _checkpoint_id(storage: Storage, peer: str, direction: str) -> str:
    """One `_local` checkpoint per installation, hub database and direction."""
    material = f"{storage.installation_id}|{peer}|{direction}".encode()
    return f"sp-desktop-{direction}-{hashlib.sha256(material).hexdigest()[:32]}"


# -- HTTP --------------------------------------------------------------------------------


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or not parts.path.strip("/"):
        raise HubProblem(
            _("Alamat server tidak lengkap."),
            hint=_(
                "Tulis alamat basis datanya lengkap, misalnya "
                "https://hub.kota.go.id/sp_5271011004 (http:// atau https://, nama server, "
                "lalu nama basis data kelurahan)."
            ),
            reason="alamat_salah",
        )


def _garbage() -> HubProblem:
    return HubProblem(
        _(
            "Jawaban server tidak bisa dibaca: mungkin alamatnya bukan server CouchDB, atau "
            "sambungannya terganggu."
        ),
        hint=_("Periksa alamat server, lalu coba lagi. Data di komputer ini tidak berubah."),
        reason="jawaban_rusak",
    )


class _Hub:
    """One hub database over one kept-alive HTTP(S) connection."""

    def __init__(self, settings: HubSettings, timeout: float) -> None:
        _check_url(settings.url)
        parts = urlsplit(settings.url)
        self._https = parts.scheme == "https"
        self._host = parts.hostname or ""
        self._port = parts.port
        self._base = "/" + quote(parts.path.strip("/"), safe="/") if parts.path else ""
        user = settings.user or (parts.username or "")
        password = settings.password or (parts.password or "")
        self._auth = (
            "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
            if user
            else ""
        )
        self._timeout = timeout
        self._conn: http.client.HTTPConnection | None = None
        self._local_revs: dict[str, str] = {}  # _local checkpoint id -> its current _rev
        self._has_bulk_get = True  # until the server says otherwise

    def __enter__(self) -> _Hub:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._conn is not None:
            self._conn.close()

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            if self._https:
                self._conn = http.client.HTTPSConnection(
                    self._host,
                    self._port,
                    timeout=self._timeout,
                    context=ssl.create_default_context(),
                )
            else:
                self._conn = http.client.HTTPConnection(
                    self._host, self._port, timeout=self._timeout
                )
        return self._conn

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        *,
        query: dict[str, Any] | None = None,
        allow: tuple[int, ...] = (),
    ) -> tuple[int, Any]:
        """(status, parsed JSON). A 2xx or an `allow`ed status returns; others raise."""
        for attempt in (1, 2):
            try:
                self.send(method, path, body, query=query)
                return self.receive(allow=allow)
            except _Stale as stale:
                if attempt == 2:
                    raise _unreachable(stale) from stale
        raise AssertionError("unreachable")

    def send(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        *,
        query: dict[str, Any] | None = None,
    ) -> None:
        """Send one request; its answer is read with `receive` (in between, the caller may
        prepare the next request while the hub works)."""
        target = self._base + path + ("?" + urlencode(query) if query else "")
        headers = {"Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if self._auth:
            headers["Authorization"] = self._auth
        conn = self._connection()
        with self._failures(conn):
            conn.request(method, target, body=body, headers=headers)

    def receive(self, *, allow: tuple[int, ...] = ()) -> tuple[int, Any]:
        conn = self._connection()
        with self._failures(conn):
            response = conn.getresponse()
            raw = response.read(MAX_RESPONSE_BYTES + 1)
            status = response.status
        if len(raw) > MAX_RESPONSE_BYTES:
            raise _garbage()
        try:
            parsed = orjson.loads(raw) if raw else None
        except orjson.JSONDecodeError:
            parsed = _NOT_JSON
        if 200 <= status < 300 or status in allow:
            if parsed is _NOT_JSON:
                raise _garbage()
            return status, parsed
        raise _http_problem(status)

    @contextlib.contextmanager
    def _failures(self, conn: http.client.HTTPConnection) -> Iterator[None]:
        """Network failures in words; a dropped connection is closed and forgotten."""
        try:
            yield
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as exc:
            # A kept-alive connection the server closed meanwhile: the caller may retry.
            self._forget(conn)
            raise _Stale(str(exc)) from exc
        except TimeoutError as exc:
            self._forget(conn)
            raise HubProblem(
                _("Server tidak menjawab dalam waktu yang wajar."),
                hint=_(
                    "Sambungan mungkin lambat atau terputus. Coba lagi nanti; yang sudah "
                    "terkirim tidak akan dikirim dua kali."
                ),
                reason="waktu_habis",
            ) from exc
        except ssl.SSLError as exc:
            self._forget(conn)
            raise HubProblem(
                _(
                    "Sambungan aman (HTTPS) ke server gagal: sertifikatnya tidak dipercaya "
                    "atau tidak cocok."
                ),
                hint=_(
                    "Periksa alamat server dan tanggal/jam komputer ini, atau hubungi "
                    "pengelola server."
                ),
                reason="https",
            ) from exc
        except (OSError, http.client.HTTPException) as exc:
            self._forget(conn)
            raise _unreachable(exc) from exc

    def _forget(self, conn: http.client.HTTPConnection) -> None:
        conn.close()
        self._conn = None

    def check_database(self) -> bool:
        """That the address is a CouchDB database; True when it holds no document yet."""
        _status, info = self.request("GET", "")
        if not isinstance(info, dict) or "db_name" not in info:
            raise _garbage()
        return info.get("doc_count") == 0 and info.get("doc_del_count") == 0

    def get_local(self, local_id: str) -> dict[str, Any] | None:
        status, doc = self.request("GET", f"/_local/{local_id}", allow=(404,))
        if status == 404:
            return None
        if not isinstance(doc, dict):
            raise _garbage()
        self._local_revs[local_id] = doc.get("_rev", "")
        return doc

    def put_local(self, local_id: str, body: dict[str, Any]) -> None:
        doc = dict(body)
        if self._local_revs.get(local_id):
            doc["_rev"] = self._local_revs[local_id]
        status, answer = self.request("PUT", f"/_local/{local_id}", orjson.dumps(doc), allow=(409,))
        if status == 409:  # someone else moved it: read its revision and write again
            self.get_local(local_id)
            doc["_rev"] = self._local_revs.get(local_id)
            _status, answer = self.request("PUT", f"/_local/{local_id}", orjson.dumps(doc))
        if not isinstance(answer, dict):
            raise _garbage()
        self._local_revs[local_id] = answer.get("rev", "")

    def revs_diff(self, revs: dict[str, list[str]]) -> dict[str, list[str]]:
        _status, answer = self.request("POST", "/_revs_diff", orjson.dumps(revs))
        if not isinstance(answer, dict):
            raise _garbage()
        missing = {}
        for doc, info in answer.items():
            wanted = info.get("missing") if isinstance(info, dict) else None
            if doc in revs and isinstance(wanted, list):
                missing[doc] = [r for r in wanted if isinstance(r, str) and r in revs[doc]]
        return {doc: revs for doc, revs in missing.items() if revs}

    def send_bulk_docs(self, encoded: list[bytes]) -> None:
        """Send documents with their history (`new_edits: false`); `finish_bulk_docs` reads
        and checks the answer."""
        body = b'{"new_edits":false,"docs":[' + b",".join(encoded) + b"]}"
        try:
            self.send("POST", "/_bulk_docs", body)
        except _Stale as stale:
            raise _unreachable(stale) from stale

    def finish_bulk_docs(self) -> None:
        try:
            _status, answer = self.receive()
        except _Stale as stale:
            raise _unreachable(stale) from stale
        if not isinstance(answer, list):
            raise _garbage()
        failed = [a for a in answer if isinstance(a, dict) and a.get("error")]
        if failed:
            if any(a.get("error") in ("unauthorized", "forbidden") for a in failed):
                raise _http_problem(403)
            raise HubProblem(
                _("Server menolak {count} data yang dikirim.").format(count=len(failed)),
                hint=_("Hubungi pengelola server (mungkin ada aturan validasi di basis datanya)."),
                reason="ditolak_server",
            )

    def changes(self, since: Any, limit: int) -> dict[str, Any]:
        _status, feed = self.request(
            "GET",
            "/_changes",
            query={"since": since, "limit": limit, "style": "all_docs", "feed": "normal"},
        )
        if not isinstance(feed, dict):
            raise _garbage()
        return feed

    def fetch(self, missing: dict[str, list[str]]) -> Iterator[tuple[dict[str, Any], bytes | None]]:
        """The missing revisions with their history and proof files."""
        wanted = [(doc, rev) for doc, revs in missing.items() for rev in revs]
        for start in range(0, len(wanted), FETCH_BATCH):
            batch = wanted[start : start + FETCH_BATCH]
            for document in self._bulk_get(batch):
                yield _split_attachment(document)

    def _bulk_get(self, batch: list[tuple[str, str]]) -> list[dict[str, Any]]:
        if self._has_bulk_get:
            body = orjson.dumps({"docs": [{"id": doc, "rev": rev} for doc, rev in batch]})
            status, answer = self.request(
                "POST",
                "/_bulk_get",
                body,
                query={"revs": "true", "attachments": "true"},
                allow=(400, 404, 405, 501),
            )
            if status < 300:
                if not isinstance(answer, dict) or not isinstance(answer.get("results"), list):
                    raise _garbage()
                return [
                    entry["ok"]
                    for result in answer["results"]
                    if isinstance(result, dict)
                    for entry in result.get("docs", [])
                    if isinstance(entry, dict) and isinstance(entry.get("ok"), dict)
                ]
            self._has_bulk_get = False  # an older server: one request per document
        documents = []
        by_doc: dict[str, list[str]] = {}
        for doc, rev in batch:
            by_doc.setdefault(doc, []).append(rev)
        for doc, revs in by_doc.items():
            _status, answer = self.request(
                "GET",
                "/" + quote(doc, safe=":"),
                query={"open_revs": orjson.dumps(revs).decode(), "revs": "true",
                       "attachments": "true"},
            )  # fmt: skip
            if not isinstance(answer, list):
                raise _garbage()
            documents += [e["ok"] for e in answer if isinstance(e, dict) and "ok" in e]
        return documents


_NOT_JSON = object()


class _Stale(Exception):
    """The kept-alive connection was closed by the other side."""


def _split_attachment(document: dict[str, Any]) -> tuple[dict[str, Any], bytes | None]:
    attachments = document.pop("_attachments", None)
    if not isinstance(attachments, dict):
        return document, None
    entry = attachments.get(sync_docs.PROOF_ATTACHMENT)
    if not isinstance(entry, dict) or not isinstance(entry.get("data"), str):
        return document, None
    try:
        return document, base64.b64decode(entry["data"], validate=True)
    except ValueError:
        return document, b""  # fails the proof's own hash check: rejected, not applied


def _unreachable(exc: BaseException) -> HubProblem:
    del exc
    return HubProblem(
        _("Server sinkron tidak bisa dihubungi."),
        hint=_(
            "Periksa sambungan internet dan alamat servernya, lalu coba lagi. SP Desktop "
            "tetap bisa dipakai tanpa server; data dikirim saat sambungan ada."
        ),
        reason="tidak_terhubung",
    )


def _http_problem(status: int) -> HubProblem:
    if status in (401, 403):
        return HubProblem(
            _(
                "Server menolak: nama pengguna atau kata sandi server salah, atau akun ini tidak "
                "boleh memakai basis data itu."
            ),
            hint=_(
                "Periksa nama pengguna dan kata sandi server, atau minta pengelola server "
                "memberi akses ke basis data kelurahan Anda."
            ),
            reason="ditolak",
        )
    if status == 404:
        return HubProblem(
            _("Basis data itu tidak ada di server."),
            hint=_(
                "Periksa nama basis data di ujung alamatnya (misalnya sp_5271011004), atau "
                "minta pengelola server membuatnya."
            ),
            reason="tidak_ada",
        )
    if status >= 500:
        return HubProblem(
            _("Server sedang bermasalah."),
            hint=_("Coba lagi nanti; yang sudah terkirim tidak akan dikirim dua kali."),
            reason="server_bermasalah",
        )
    return HubProblem(
        _("Server menjawab dengan kode {status}, yang tidak diharapkan.").format(status=status),
        hint=_("Periksa alamat server; jika tetap begini, hubungi pengelola server."),
        reason="jawaban_rusak",
    )
