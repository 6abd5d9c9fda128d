"""CouchDB-style revision trees: the rules that make every installation converge.

A document's history is a tree of revisions `N-hash` (N counts edits from 1). Its leaves
are the branches' newest revisions; two installations that edit the same revision make
two leaves, a conflict. Every installation, and any CouchDB server, picks the same winner
among the leaves: a live leaf beats a deleted one, then the higher N, then the higher
hash (plain string comparison). Losing live leaves are conflicts, kept until someone
resolves them by deleting (tombstoning) them.

The tree is stored as its leaf paths, each in CouchDB's `_revisions` shape: the leaf's
position and the hashes from the leaf back towards the root, newest first. Hashes are
deterministic (MD5 of the parent, the deletion flag and the body, as CouchDB itself
does), so the same edit made on two PCs from the same parent gives the same revision
and no false conflict.

Pure functions, no I/O.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sp_desktop.core.trust.signing import canonical_json

# CouchDB keeps 1000 ancestors per branch by default (_revs_limit); so do we.
REVS_LIMIT = 1000
_REV = re.compile(r"([1-9][0-9]{0,8})-([0-9a-f]{32})")
_HASHES = re.compile(r"[0-9a-f]{32}(?:,[0-9a-f]{32})*")


class RevisionError(ValueError):
    """A revision or history that is not in CouchDB's form."""


@dataclass(frozen=True, slots=True)
class Leaf:
    """One branch of a document: its newest revision and the hashes before it."""

    pos: int
    ids: tuple[str, ...]  # newest first: ids[0] is revision `pos`, ids[i] is `pos - i`
    deleted: bool = False

    @property
    def rev(self) -> str:
        return f"{self.pos}-{self.ids[0]}"

    def has(self, pos: int, rev_hash: str) -> bool:
        i = self.pos - pos
        return 0 <= i < len(self.ids) and self.ids[i] == rev_hash

    def revisions(self) -> dict[str, Any]:
        """The `_revisions` field of this leaf's document."""
        return {"start": self.pos, "ids": list(self.ids)}

    def as_json(self) -> list[Any]:
        return [self.pos, list(self.ids), self.deleted]

    @staticmethod
    def from_json(value: Sequence[Any]) -> Leaf:
        return Leaf(int(value[0]), tuple(value[1]), bool(value[2]))


def parse_rev(rev: str) -> tuple[int, str]:
    match = _REV.fullmatch(rev) if type(rev) is str else None
    if match is None:
        raise RevisionError("revisi tidak sah")
    pos, rev_hash = match.groups()
    return int(pos), rev_hash


def leaf_from_doc(doc: dict[str, Any]) -> Leaf:
    """The branch a replicated document carries: `_rev` plus its `_revisions` history."""
    pos, rev_hash = parse_rev(doc.get("_rev", ""))
    history = doc.get("_revisions")
    if history is None:
        ids: tuple[str, ...] = (rev_hash,)
    else:
        if not isinstance(history, dict):
            raise RevisionError("riwayat revisi tidak sah")
        start, raw_ids = history.get("start"), history.get("ids")
        if start != pos or not isinstance(raw_ids, list) or not raw_ids:
            raise RevisionError("riwayat revisi tidak cocok dengan revisinya")
        if len(raw_ids) > pos or raw_ids[0] != rev_hash:
            raise RevisionError("riwayat revisi tidak cocok dengan revisinya")
        # One regex over the joined list: this runs for every arriving document.
        if set(map(type, raw_ids)) != {str} or not _HASHES.fullmatch(",".join(raw_ids)):
            raise RevisionError("riwayat revisi tidak sah")
        ids = tuple(raw_ids[:REVS_LIMIT])
    return Leaf(pos, ids, doc.get("_deleted") is True)


def knows(leaves: Iterable[Leaf], rev: str) -> bool:
    """Whether this revision is anywhere in the tree (a leaf or an ancestor)."""
    pos, rev_hash = parse_rev(rev)
    return any(leaf.has(pos, rev_hash) for leaf in leaves)


def merge(leaves: Sequence[Leaf], incoming: Leaf) -> tuple[list[Leaf], bool]:
    """Add a branch to the tree. Returns the new leaves and whether anything changed.

    A branch whose newest revision is already known changes nothing (idempotent). A
    branch that continues a leaf replaces that leaf (keeping the longer history); any
    other branch becomes a new leaf, a conflict or a resurrection after a deletion.
    """
    if any(leaf.has(incoming.pos, incoming.ids[0]) for leaf in leaves):
        return list(leaves), False
    merged: list[Leaf] = []
    extended = False
    for leaf in leaves:
        if not extended and incoming.has(leaf.pos, leaf.ids[0]):
            # incoming.ids[:gap] are the revisions after this leaf; the leaf's own
            # history may reach further back than the incoming (stemmed) one.
            gap = incoming.pos - leaf.pos
            ids = (incoming.ids[:gap] + leaf.ids)[:REVS_LIMIT]
            if len(incoming.ids) > len(ids):
                ids = incoming.ids
            merged.append(Leaf(incoming.pos, ids, incoming.deleted))
            extended = True
        else:
            merged.append(leaf)
    if not extended:
        merged.append(incoming)
    return merged, True


def winner(leaves: Iterable[Leaf]) -> Leaf:
    """CouchDB's deterministic winner: live over deleted, then higher N, then higher hash."""
    return max(leaves, key=lambda leaf: (not leaf.deleted, leaf.pos, leaf.ids[0]))


def conflicts(leaves: Sequence[Leaf]) -> list[Leaf]:
    """The live leaves that lost: what CouchDB lists as `_conflicts`."""
    best = winner(leaves)
    return [leaf for leaf in leaves if leaf != best and not leaf.deleted]


def revision_hash(parent: str, deleted: bool, body: dict[str, Any]) -> str:
    """MD5 over the parent revision, the deletion flag and the body (32 hex digits)."""
    material = canonical_json({"induk": parent, "dihapus": deleted, "isi": body})
    return hashlib.md5(material, usedforsecurity=False).hexdigest()


def edit(
    leaves: Sequence[Leaf], base: Leaf | None, body: dict[str, Any], *, deleted: bool
) -> tuple[list[Leaf], Leaf]:
    """A new revision on top of `base` (None for a new document). Returns (leaves, new)."""
    if base is None:
        new = Leaf(1, (revision_hash("", deleted, body),), deleted)
        return [*leaves, new], new
    new = Leaf(
        base.pos + 1,
        ((revision_hash(base.rev, deleted, body), *base.ids))[:REVS_LIMIT],
        deleted,
    )
    return [new if leaf == base else leaf for leaf in leaves], new
