"""Fixtures for tests against a real CouchDB-compatible hub (see hub_server.py). A test module
takes them by importing them:

    from hub_fixtures import hub, hub_db  # noqa: F401

`hub` is one HubServer for the whole run; `hub_db` is a fresh, uniquely named database on it,
deleted afterwards. Both fail (never skip) when the hub cannot start, e.g. before
`bash packaging/setup.sh test` has installed its node packages."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hub_server import HubError, HubServer, Response

# One server for the run even when several modules import the fixture (pytest then holds
# one fixture definition per module).
_shared: HubServer | None = None


@dataclass(frozen=True)
class HubDatabase:
    hub: HubServer
    name: str
    url: str  # no credentials in it; see hub.user / hub.password

    def request(self, method: str, path: str = "", body: Any = None, **kwargs: Any) -> Response:
        """A request to this database: `path` is "" or starts with "/" (e.g. "/_changes")."""
        return self.hub.request(method, f"/{self.name}{path}", body, **kwargs)


@pytest.fixture(scope="session")
def hub() -> Iterator[HubServer]:
    global _shared
    if _shared is None:
        problem = ""
        try:
            _shared = HubServer.from_environment()
        except HubError as err:
            problem = str(err)
        if problem:  # failed outside the except block, so without a chained traceback
            pytest.fail(problem, pytrace=False)
    server = _shared
    yield server
    server.stop()  # once per importing module at the end of the run; stop() allows that
    _shared = None


@pytest.fixture
def hub_db(hub: HubServer, request: pytest.FixtureRequest) -> Iterator[HubDatabase]:
    hub.restore()  # an earlier test may have left the hub paused or down
    test = re.sub(r"[^a-z0-9_]+", "_", request.node.name.lower()).strip("_")[:60]
    name = f"sp_test_{test}_{uuid.uuid4().hex[:8]}"  # unique on a shared CouchDB too
    url = hub.new_database(name)
    yield HubDatabase(hub, name, url)
    hub.restore()
    hub.delete_database(name)
