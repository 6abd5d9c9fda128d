"""Plumbing every layer stands on: the clock, errors, files, progress, the data folder."""
