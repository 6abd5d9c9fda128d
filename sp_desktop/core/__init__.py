"""The Qt-free core: domain rules, validation, storage. Nothing here may import PySide6."""
