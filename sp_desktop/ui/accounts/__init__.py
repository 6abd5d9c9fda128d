"""Signing in, accounts, keys and the audit log."""
