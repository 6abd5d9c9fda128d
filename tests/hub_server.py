"""A real CouchDB-compatible hub for the sync tests, spoken to with the standard library only.

By default HubServer starts tests/hub/server.js: express-pouchdb (the HTTP layer of PouchDB
Server) over PouchDB's memory adapter, listening on a free port on 127.0.0.1. Nothing reaches
the disk but its log in a temporary folder, so a stopped hub has lost its data. Its node
packages come from `bash packaging/setup.sh test` (npm ci --ignore-scripts in tests/hub).

With SP_DESKTOP_TEST_COUCHDB_URL set (e.g. http://admin:pw@127.0.0.1:5984) the tests use
that server instead; the user and password in it go into every request as Basic auth.

Two ways to make the hub misbehave while keeping its data (in-memory hub only, see can_pause):
- pause()/resume(): SIGSTOP/SIGCONT. The port stays open and the kernel still accepts
  connections, but nothing answers: a client's requests hang until its own timeout. After
  resume() the hub answers the requests whose clients still wait; one whose client gave up
  (closed its connection) is dropped unprocessed.
- take_down()/bring_back(): the server closes its port and drops every open connection
  (requests in flight fail at once, new ones are refused), then listens again on the same
  port with all its databases, like a hub that was stopped and restarted with its data.
A real restart would lose everything: no pure-JavaScript PouchDB adapter stores on disk.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from pathlib import Path
from typing import Any, NamedTuple

HUB_DIR = Path(__file__).resolve().parent / "hub"
ENV_URL = "SP_DESKTOP_TEST_COUCHDB_URL"
SETUP_COMMAND = "bash packaging/setup.sh test"
_LISTENING = re.compile(r"^listening (http://\S+)$", re.MULTILINE)


class HubError(RuntimeError):
    """The hub could not be started, reached or driven as asked."""


class Response(NamedTuple):
    status: int
    headers: Message
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def request(
    method: str,
    url: str,
    body: Any = None,
    *,
    headers: dict[str, str] | None = None,
    auth: tuple[str, str] | None = None,
    timeout: float = 10.0,
) -> Response:
    """One HTTP request. `body` goes as JSON unless it is bytes. An error status is returned,
    not raised; a network failure raises OSError (urllib.error.URLError when the connection
    fails, TimeoutError when the answer does not come). Loopback never goes through a proxy."""
    sent = dict(headers or {})
    data: bytes | None = None
    if isinstance(body, bytes):
        data = body
    elif body is not None:
        data = json.dumps(body).encode()
        sent.setdefault("Content-Type", "application/json")
    sent.setdefault("Accept", "application/json")
    if auth is not None:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        sent["Authorization"] = f"Basic {token}"
    req = urllib.request.Request(url, data=data, method=method, headers=sent)
    host = urllib.parse.urlsplit(url).hostname or ""
    loopback = host in ("127.0.0.1", "localhost", "::1")
    opener = urllib.request.build_opener(*([urllib.request.ProxyHandler({})] if loopback else []))
    try:
        with opener.open(req, timeout=timeout) as resp:
            return Response(resp.status, resp.headers, resp.read())
    except urllib.error.HTTPError as err:
        with err:
            return Response(err.code, err.headers, err.read())


class HubServer:
    """A running hub: `url` (no trailing slash, no credentials), `user`/`password` ("" for
    none; the in-memory hub runs as CouchDB's "admin party"), and helpers for databases."""

    url: str

    def __init__(self, *, external_url: str | None = None, startup_timeout: float = 30.0) -> None:
        self.user = ""
        self.password = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._paused = False
        self._down = False
        if external_url:
            self._use_external(external_url, startup_timeout)
        else:
            self._start(startup_timeout)

    @classmethod
    def from_environment(cls, *, startup_timeout: float = 30.0) -> HubServer:
        """The server in SP_DESKTOP_TEST_COUCHDB_URL if set, otherwise a fresh in-memory hub."""
        return cls(external_url=os.environ.get(ENV_URL) or None, startup_timeout=startup_timeout)

    # -- what tests use -------------------------------------------------------------------

    @property
    def can_pause(self) -> bool:
        """Whether pause()/resume() and take_down()/bring_back() are available: only for the
        in-memory hub this object started (not for an external CouchDB), and only where
        POSIX signals stop and wake it (not on Windows)."""
        return self._process is not None and sys.platform != "win32"

    @property
    def auth(self) -> tuple[str, str] | None:
        return (self.user, self.password) if self.user else None

    def url_with_credentials(self, path: str = "") -> str:
        """`url` + `path` with the user and password in it, as CouchDB's /_replicate wants."""
        url = self.url + path
        if not self.user:
            return url
        parts = urllib.parse.urlsplit(url)
        quote = urllib.parse.quote
        userinfo = f"{quote(self.user, safe='')}:{quote(self.password, safe='')}"
        return urllib.parse.urlunsplit(parts._replace(netloc=f"{userinfo}@{parts.netloc}"))

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        headers: dict[str, str] | None = None,
        timeout: float = 10.0,
    ) -> Response:
        """A request to `url` + `path` (path starts with "/"), with this server's credentials."""
        return request(
            method, self.url + path, body, headers=headers, auth=self.auth, timeout=timeout
        )

    def new_database(self, name: str) -> str:
        """Create database `name` (it must not exist yet) and return its URL."""
        resp = self.request("PUT", "/" + urllib.parse.quote(name, safe=""))
        if resp.status not in (201, 202):
            raise HubError(f"PUT /{name} answered {resp.status}: {resp.body[:300]!r}")
        return f"{self.url}/{urllib.parse.quote(name, safe='')}"

    def delete_database(self, name: str) -> None:
        """Delete database `name`; one that does not exist is fine."""
        resp = self.request("DELETE", "/" + urllib.parse.quote(name, safe=""))
        if resp.status not in (200, 202, 404):
            raise HubError(f"DELETE /{name} answered {resp.status}: {resp.body[:300]!r}")

    def pause(self) -> None:
        """Freeze the hub (SIGSTOP): connections are accepted but nothing answers."""
        process = self._own_process("pause")
        if not self._paused:
            os.kill(process.pid, signal.SIGSTOP)
            self._wait_for(lambda: _process_state(process.pid) in ("T", None), "to stop")
            self._paused = True

    def resume(self) -> None:
        """Let a paused hub run again (SIGCONT); it answers the requests still waiting."""
        process = self._own_process("resume")
        if self._paused:
            os.kill(process.pid, signal.SIGCONT)
            self._wait_for(lambda: _process_state(process.pid) != "T", "to continue")
            self._paused = False

    def take_down(self) -> None:
        """Close the hub's port and drop its connections, keeping its data."""
        process = self._own_process("take_down")
        if self._paused:
            raise HubError("resume() the hub before taking it down")
        if not self._down:
            expected = self._stdout().count("down\n") + 1
            os.kill(process.pid, signal.SIGUSR1)
            self._wait_for(lambda: self._stdout().count("down\n") >= expected, "to go down")
            self._down = True

    def bring_back(self) -> None:
        """Listen again on the same port after take_down(), with the same data."""
        process = self._own_process("bring_back")
        if self._paused:
            raise HubError("resume() the hub before bringing it back")
        if self._down:
            expected = self._stdout().count("up\n") + 1
            os.kill(process.pid, signal.SIGUSR2)
            self._wait_for(lambda: self._stdout().count("up\n") >= expected, "to come back")
            self._down = False

    def restore(self) -> None:
        """Undo pause() and take_down(), whichever is in effect (nothing for an external one)."""
        if self._process is not None:
            self.resume()
            self.bring_back()

    def server_log(self) -> str:
        """The in-memory hub's request log and stderr so far (for failure messages)."""
        if self._folder is None:
            return ""
        folder = Path(self._folder.name)
        parts = [
            (folder / name).read_text(errors="replace")
            for name in ("log.txt", "stderr.txt")
            if (folder / name).exists()
        ]
        return "\n".join(parts)

    def stop(self) -> None:
        """Kill the in-memory hub (its data goes with it); nothing for an external server."""
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.kill()  # SIGKILL works on a paused process too
            with contextlib.suppress(OSError):
                if process.stdin is not None:
                    process.stdin.close()
            process.wait(timeout=10)
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def __enter__(self) -> HubServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- starting ---------------------------------------------------------------------------

    def _use_external(self, external_url: str, timeout: float) -> None:
        parts = urllib.parse.urlsplit(external_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise HubError(f"{ENV_URL} is not an http(s) URL: {external_url!r}")
        self.user = urllib.parse.unquote(parts.username or "")
        self.password = urllib.parse.unquote(parts.password or "")
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        netloc = f"{host}:{parts.port}" if parts.port else host
        self.url = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", "")).rstrip("/")
        deadline = time.monotonic() + timeout
        problem = ""
        while time.monotonic() < deadline:
            try:
                resp = self.request("GET", "/", timeout=5)
            except OSError as err:
                problem = str(err)
            else:
                if resp.status == 200:
                    return
                problem = f"GET / answered {resp.status}: {resp.body[:300]!r}"
                if resp.status in (401, 403):
                    break  # waiting will not fix the user or password
            time.sleep(0.2)
        raise HubError(f"The CouchDB in {ENV_URL} ({self.url}) does not answer: {problem}")

    def _start(self, timeout: float) -> None:
        node = shutil.which("node")
        if node is None:
            raise HubError(f"Node.js is not installed; run `{SETUP_COMMAND}` once.")
        if not (HUB_DIR / "node_modules" / "express-pouchdb").is_dir():
            raise HubError(
                f"The test hub's node packages are missing in {HUB_DIR}; "
                f"run `{SETUP_COMMAND}` once (or `npm ci --ignore-scripts` in tests/hub)."
            )
        self._folder = tempfile.TemporaryDirectory(prefix="sp-hub-")
        folder = Path(self._folder.name)
        command = [node, "server.js", "--host", "127.0.0.1", "--port", "0"]
        command += ["--log", str(folder / "log.txt")]
        with (
            open(folder / "stdout.txt", "wb") as stdout,
            open(folder / "stderr.txt", "wb") as stderr,
        ):
            # The server ends by itself when its stdin closes, i.e. when this process dies.
            self._process = subprocess.Popen(
                command, cwd=HUB_DIR, stdin=subprocess.PIPE, stdout=stdout, stderr=stderr
            )
        try:
            self._wait_until_answering(timeout)
        except BaseException:
            self.stop()
            raise

    def _wait_until_answering(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        url = None
        problem = "no address printed"
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                code = None if self._process is None else self._process.returncode
                raise HubError(
                    f"The test hub ended at start-up (exit code {code}):\n{self.server_log()}"
                )
            if url is None:
                found = _LISTENING.search(self._stdout())
                url = found[1] if found else None
            if url is not None:
                try:
                    resp = request("GET", url + "/", timeout=2)
                except OSError as err:
                    problem = str(err)
                else:
                    if resp.status == 200:
                        self.url = url
                        return
                    problem = f"GET / answered {resp.status}"
            time.sleep(0.05)
        raise HubError(
            f"The test hub did not answer GET / within {timeout:.0f} s ({problem}):\n"
            f"{self.server_log()}"
        )

    # -- details ------------------------------------------------------------------------------

    def _own_process(self, what: str) -> subprocess.Popen[bytes]:
        if self._process is None:
            raise HubError(
                f"{what}() needs the in-memory hub this helper starts "
                f"(not available with {ENV_URL}, or after stop()); check can_pause."
            )
        return self._process

    def _stdout(self) -> str:
        assert self._folder is not None
        return (Path(self._folder.name) / "stdout.txt").read_text(errors="replace")

    def _wait_for(self, condition: Any, what: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise HubError(f"The test hub did not manage {what}:\n{self.server_log()}")
            time.sleep(0.01)


def _process_state(pid: int) -> str | None:
    """The state letter from /proc (T when stopped), or None where /proc is unavailable."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[0]
