"""Several installations in one test, and ways to compare what they hold."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from factories import ADMIN_PASSWORD, AMPENAN_SELATAN, make_helper, make_post

from sp_desktop.core.domain.model import Post
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import Storage


@contextmanager
def offices(tmp_path: Path, *names: str) -> Iterator[list[Installation]]:
    """Set-up installations (each signed in as its own admin), closed afterwards."""
    made: list[Installation] = []
    try:
        for name in names:
            inst, _ = Installation.create(
                tmp_path / name,
                office=f"Kantor {name}",
                kelurahan_code=AMPENAN_SELATAN,
                admin=make_helper(),
                password=ADMIN_PASSWORD,
            )
            made.append(inst)
        yield made
    finally:
        for inst in made:
            inst.close()


def post_of(store: Storage, name: str = "Posko Kelurahan Ampenan Selatan") -> Post:
    existing = [p for p in store.posts() if p.name == name]
    return existing[0] if existing else store.save_post(make_post(name))


def admin_of(store: Storage):
    assert store.actor is not None
    return next(h for h in store.helpers() if h.id == store.actor.helper_id)


def transfer(source: Storage, target: Storage, *, since: int = 0) -> Any:
    """Everything `source` has changed since `since`, applied on `target` (no file)."""
    source.sync_commit()
    documents = list(source.sync_documents(since=since))
    return target.sync_apply(documents, strict=True, source="uji")


def snapshot(store: Storage) -> dict[str, Any]:
    """What an installation holds, comparable across installations: every synced record
    with its winning revision and conflicts, and every proof file's hash."""
    store.sync_commit()
    return {
        (document["_id"], document["_rev"]): (
            document,
            hashlib.sha256(content).hexdigest() if content is not None else None,
        )
        for document, content in store.sync_documents()
    }
