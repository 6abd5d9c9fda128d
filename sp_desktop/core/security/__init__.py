"""Keys, installation, the single-instance lock, backups and the security sheets."""
