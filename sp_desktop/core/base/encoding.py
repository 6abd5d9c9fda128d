"""Bytes as text for the JSON files and rows that hold keys and signatures."""

from __future__ import annotations

import base64
import json
from typing import Any


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    """Strict: anything but canonical base64 raises ValueError (binascii.Error)."""
    return base64.b64decode(text.encode("ascii"), validate=True)


def canonical_ascii(value: Any) -> bytes:
    """The byte form the key file and the office's keys sign and hash: sorted keys, no
    spaces, ASCII only (trust/signing.canonical_json keeps UTF-8, for documents)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()
