"""SP Desktop: offline log of households helped through the SP2020 online census."""

from pathlib import Path as _Path

__version__ = "0.2.0"
APP_NAME = "SP Desktop"
# What the package ships beside its code: region codes, the icon, licences, translations.
DATA_DIR = _Path(__file__).resolve().parent / "data"
