"""Registering households, their visits, proof files, helpers and posts."""
