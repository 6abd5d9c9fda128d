"""What the census records are and the rules they obey. No storage, no I/O."""
