"""The guide inside the app (Bantuan › Panduan, F1): offline HTML in sp_desktop/data/help."""
