"""The PySide6 GUI: windows, pages, table models and background operations (Qt only here)."""
