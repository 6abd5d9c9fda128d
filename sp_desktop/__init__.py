"""SP Desktop: offline log of households helped through the SP2020 online census."""

__version__ = "0.2.0"
APP_NAME = "SP Desktop"
