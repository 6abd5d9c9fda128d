"""Bundles, the hub and conflicts."""
