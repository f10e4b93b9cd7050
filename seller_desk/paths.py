"""Where SellerDesk keeps things: the shipped resources and the user's data folder."""

from __future__ import annotations

from pathlib import Path

from seller_desk import resources

APP_NAME = "SellerDesk"
APP_AUTHOR = "SellerDesk"

#: Shipped, read-only resources (translations, fonts, icons, OpenAPI document): a checkout's
#: top-level ``resources/``, the wheel's copy or the bundle's (see :mod:`seller_desk.resources`).
RESOURCES = resources.root()


def default_data_dir() -> Path:
    """The per-user data folder (platformdirs): company files, backups, logs, documents."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, APP_AUTHOR)
