"""The log file: the GUI starts on a plain file handler and swaps in the rotating one after its
first paint; records before, during and after the swap land in the one file, redacted."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import pytest

from seller_desk import logs


@pytest.fixture
def root():
    root = logging.getLogger()
    kept, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers:
        if handler not in kept:
            root.removeHandler(handler)
            handler.close()
    root.handlers[:] = kept
    root.setLevel(level)


def _files(root: logging.Logger) -> list[logging.Handler]:
    return [h for h in root.handlers
            if isinstance(h, logging.FileHandler) and h.get_name() == "sellerdesk-file"]


def test_rotate_later_writes_the_same_file_before_and_after_the_swap(root, tmp_path: Path):
    log_file = logs.setup_logging(tmp_path / "logs", rotate_later=True)
    assert log_file == tmp_path / "logs" / "sellerdesk.log"
    [plain] = _files(root)
    assert type(plain) is logging.FileHandler
    logging.getLogger("seller_desk.t").info("before, ID 330106199001011234")
    logs.start_rotation()
    [rotating] = _files(root)
    assert isinstance(rotating, logging.handlers.RotatingFileHandler)
    assert rotating.maxBytes == 2_000_000 and rotating.backupCount == 5
    assert plain.stream is None  # closed, not left open beside the new one
    logging.getLogger("seller_desk.t").info("after")
    logs.start_rotation()  # a second call changes nothing
    assert _files(root) == [rotating]
    text = log_file.read_text("utf-8")
    assert "before, ID 330106********1234" in text and "19900101" not in text
    assert text.index("before") < text.index("after")


def test_the_rotating_handler_rolls_the_file_over(root, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(logs, "_MAX_BYTES", 400)
    log_file = logs.setup_logging(tmp_path, rotate_later=True)
    logs.start_rotation()
    for i in range(40):
        logging.getLogger("seller_desk.t").info("line %d %s", i, "x" * 40)
    assert log_file.exists() and (tmp_path / "sellerdesk.log.1").exists()
    assert not (tmp_path / "sellerdesk.log.6").exists()  # five old files kept
    assert log_file.stat().st_size <= 400


def test_without_rotate_later_the_file_rotates_from_the_start(root, tmp_path: Path):
    logs.setup_logging(tmp_path)
    [handler] = _files(root)
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    logs.setup_logging(tmp_path, rotate_later=True)  # set up twice: still one file handler
    assert _files(root) == [handler]


def test_an_unwritable_log_folder_still_starts(root, tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert logs.setup_logging(blocker / "logs", rotate_later=True) is None
    assert _files(root) == []
    logs.start_rotation()  # nothing to swap
    assert logs.RING in root.handlers
