"""PyInstaller entry point of the reference platform (``seller-desk-platform`` in a bundle)."""
# (Named sellerdesk_platform.py, not platform.py: a script called platform would hide the
# standard library module of that name inside the bundle.)

from seller_desk.sandbox.cli import main

raise SystemExit(main())
