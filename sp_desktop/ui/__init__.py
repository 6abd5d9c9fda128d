"""The Qt user interface: a thin layer over sp_desktop.core."""
