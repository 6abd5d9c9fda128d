"""Slips, recaps, the handover, printing and verification."""
