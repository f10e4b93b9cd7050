"""Where SellerDesk keeps things: the shipped resources and the user's data folder."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "SellerDesk"
APP_AUTHOR = "SellerDesk"

#: Shipped, read-only resources (translations, fonts, OpenAPI document) beside the package.
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    """The per-user data folder (platformdirs): company files, backups, logs, documents."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, APP_AUTHOR)
