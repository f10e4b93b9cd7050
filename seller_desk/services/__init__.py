"""Use cases over an open company file; each area's service hangs off the Desk."""
