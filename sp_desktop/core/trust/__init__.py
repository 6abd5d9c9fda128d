"""Signatures, the audit chain and revision ids: what storage writes to stay verifiable."""
