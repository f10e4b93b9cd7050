"""Logging: a rotating file in the data folder and an in-memory ring for the in-app log view.

Personal data never goes to a log: services log ids and keys, never ID numbers or accounts,
and :class:`RedactingFilter` masks anything shaped like a resident ID or a long account number
that slips through.
"""

from __future__ import annotations

import collections
import logging
import re
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_ID_LIKE = re.compile(r"\b(\d{6})\d{8}(\d{3}[\dXx])\b|\b(\d{4})\d{8,15}(\d{4})\b")


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        redacted = _ID_LIKE.sub(
            lambda m: (m.group(1) or m.group(3)) + "********" + (m.group(2) or m.group(4)), msg)
        if redacted != msg:
            record.msg, record.args = redacted, ()
        return True


class RingHandler(logging.Handler):
    """Keeps the last records for the in-app log view."""

    def __init__(self, capacity: int = 2000):
        super().__init__()
        self.records: collections.deque[str] = collections.deque(maxlen=capacity)
        self.listeners: list = []
        self.setFormatter(logging.Formatter(LOG_FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        line = self.format(record)
        self.records.append(line)
        for listener in list(self.listeners):
            try:
                listener(line)
            except Exception:  # a closed view must not break logging
                self.listeners.remove(listener)


RING = RingHandler()
_REDACT = RedactingFilter()
_MAX_BYTES = 2_000_000  # the log file rolls over past this, keeping _BACKUPS old files
_BACKUPS = 5
_FILE_HANDLER = "sellerdesk-file"  # the name of our file handler on the root logger


def setup_logging(
    log_dir: Path | None, level: int = logging.INFO, *, rotate_later: bool = False
) -> Path | None:
    """The ring, and ``log_dir/sellerdesk.log`` rotated at 2 MB keeping 5 old files.

    ``rotate_later``: start with a plain :class:`logging.FileHandler` on the same file and leave
    the rotating one to :func:`start_rotation` (the GUI calls it after its first paint:
    ``logging.handlers`` pulls in socket, pickle and queue, ~10 ms the first window waits for).
    """
    root = logging.getLogger()
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # one line per migration is enough
    if RING not in root.handlers:
        RING.addFilter(_REDACT)
        root.addHandler(RING)
    log_file = None
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            log_file = log_dir / "sellerdesk.log"
            if _file_handler(root) is None:
                if rotate_later:
                    _add(root, logging.FileHandler(log_file, encoding="utf-8"))
                else:
                    _add(root, _rotating(log_file))
        except OSError:
            log_file = None  # a read-only data folder still lets the app start and say so
    return log_file


def start_rotation() -> None:
    """Swap the plain file handler of ``setup_logging(rotate_later=True)`` for the rotating
    one on the same file (the next record rolls it over when it is past 2 MB)."""
    root = logging.getLogger()
    plain = _file_handler(root)
    if plain is None or type(plain) is not logging.FileHandler:
        return  # no file, or already rotating
    try:
        rotating = _rotating(Path(plain.baseFilename))
    except OSError:
        return  # keep writing to the plain file
    _add(root, rotating)  # added before the plain one goes: no record falls between
    root.removeHandler(plain)
    plain.close()


def _rotating(log_file: Path) -> logging.FileHandler:
    import logging.handlers

    return logging.handlers.RotatingFileHandler(
        log_file, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8")


def _file_handler(root: logging.Logger) -> logging.FileHandler | None:
    """Ours (by name): a test runner's own file handler on the root is not the log file."""
    return next((h for h in root.handlers
                 if isinstance(h, logging.FileHandler) and h.get_name() == _FILE_HANDLER), None)


def _add(root: logging.Logger, handler: logging.FileHandler) -> None:
    handler.set_name(_FILE_HANDLER)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(_REDACT)
    root.addHandler(handler)
