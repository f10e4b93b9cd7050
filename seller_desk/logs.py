"""Logging: a rotating file in the data folder and an in-memory ring for the in-app log view.

Personal data never goes to a log: services log ids and keys, never ID numbers or accounts,
and :class:`RedactingFilter` masks anything shaped like a resident ID or a long account number
that slips through.
"""

from __future__ import annotations

import collections
import logging
import logging.handlers
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


def setup_logging(log_dir: Path | None, level: int = logging.INFO) -> Path | None:
    root = logging.getLogger()
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # one line per migration is enough
    redact = RedactingFilter()
    if RING not in root.handlers:
        RING.addFilter(redact)
        root.addHandler(RING)
    log_file = None
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            log_file = log_dir / "sellerdesk.log"
            if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
                fh = logging.handlers.RotatingFileHandler(
                    log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
                fh.setFormatter(logging.Formatter(LOG_FORMAT))
                fh.addFilter(redact)
                root.addHandler(fh)
        except OSError:
            log_file = None  # a read-only data folder still lets the app start and say so
    return log_file
