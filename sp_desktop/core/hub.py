"""Sync with a CouchDB-compatible hub (Apache CouchDB 3, a cluster, PouchDB Server).

STUB: being implemented. The API below is fixed; callers (UI, CLI) may rely on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from sp_desktop.core.errors import UserFacingError
from sp_desktop.core.progress import Progress
from sp_desktop.core.storage import Storage
from sp_desktop.core.sync_docs import ApplySummary


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
        return urlunsplit((parts.scheme, host, parts.path, "", ""))


@dataclass(frozen=True)
class HubResult:
    pushed: int  # documents (revisions) sent to the hub
    pulled: ApplySummary  # what arrived from the hub

    def lines(self) -> list[str]:
        return [f"Dikirim ke server: {self.pushed:,} data".replace(",", "."), *self.pulled.lines()]


def load_hub_settings(storage: Storage) -> HubSettings | None:
    saved = storage.hub_settings()
    if not saved:
        return None
    return HubSettings(saved["url"], saved.get("user", ""), saved.get("password", ""))


def save_hub_settings(storage: Storage, settings: HubSettings | None) -> None:
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
    raise NotImplementedError
