"""Where SellerDesk keeps things: the shipped resources and the user's data folder, and the one
way a file there is written whole."""

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


def write_whole(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write ``path`` whole or not at all: a temporary file beside it, renamed over it, so a
    reader or a crash never meets half a file and a failed write leaves the old one and no
    temporary file; ``durable``: flushed to the disk before the rename (documents kept as
    records). Raises OSError."""
    import os
    import tempfile  # on a write only: not on the way to the first window

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
