"""A language switch rebuilds the main window while its pages' reads are still running: the
results that come back after the old pages were deleted are dropped, on every page, never
delivered to a deleted widget ("Internal C++ object already deleted") or shown as an error."""

from __future__ import annotations

import pytest

from seller_desk.ui.pages import PAGES


@pytest.mark.parametrize("area", [p.area for p in PAGES])
def test_reads_of_a_page_deleted_by_a_language_switch_are_dropped(
        qtbot, desk, tmp_path, monkeypatch, caplog, area) -> None:
    import shiboken6

    from seller_desk.ui import i18n as ui_i18n
    from seller_desk.ui.app import Controller
    from seller_desk.ui.qt import QCoreApplication, QEvent

    errors: list[tuple] = []
    monkeypatch.setattr("seller_desk.ui.errors.show_error", lambda *a, **k: errors.append(a))
    controller = Controller(tmp_path, "zh_CN")
    controller.headless = True
    controller._attach(desk)
    try:
        controller._after_first_paint()
        controller.ctx.ops.wait_idle()
        ops = controller.ctx.ops
        ops.hold()  # the page's reads wait until the old window is gone
        old = controller.window.show_area(area)
        old.refresh() if hasattr(old, "refresh") else None
        held = len(ops._held or [])
        controller.set_language("en")
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not shiboken6.isValid(old)
        ops.release()
        ops.wait_idle()
        for _ in range(5):
            QCoreApplication.processEvents()
        assert held > 0, "the page started no read: the test would prove nothing"
        assert errors == []
        assert not [r for r in caplog.records if "already deleted" in r.getMessage()]
    finally:
        ui_i18n.install("zh_CN")
        controller.shutdown()
