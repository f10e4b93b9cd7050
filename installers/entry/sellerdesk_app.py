"""PyInstaller entry point of the SellerDesk app (the ``seller-desk`` command in a bundle)."""

from seller_desk.cli import main

raise SystemExit(main())
