"""Readers and writers of files: reports in, Excel/XML/PDF out. No Qt here."""
