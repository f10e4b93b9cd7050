"""The trainer console in a real headless browser (Debian's chromium through Playwright).

A trainer logs in, creates a class, opens the connection sheet (each QR code decodes back to
its student's line: zbarimg), starts a scenario; two students' SellerDesks connect with those
lines and sync through the real client code; the progress board shows them; a rejection made in
the browser reaches the student's filing; a list released in the browser reaches the student.
Screenshots of each page go to the test's folder (and to $SELLER_DESK_SCREENSHOTS if set).

Needs /usr/bin/chromium and zbarimg (Debian: chromium, zbar-tools; .ci/run installs them).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.sync.test_service_sync import connect  # noqa: F401  (same fixtures as sync tests)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="chromium is not installed (Debian: apt-get install chromium)"),
    pytest.mark.skipif(shutil.which("zbarimg") is None,
                       reason="zbarimg is not installed (Debian: apt-get install zbar-tools)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (dev extra) missing")


def decode_qr(png: Path) -> list[str]:
    out = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True,
                         timeout=30)
    return [line for line in out.stdout.splitlines() if line]


@pytest.fixture
def browser_page(tmp_path):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.on("dialog", lambda d: d.accept())
        try:
            yield page
        finally:
            context.close()
            browser.close()


class Shots:
    def __init__(self, folder: Path):
        self.folder = folder
        self.extra = Path(os.environ["SELLER_DESK_SCREENSHOTS"]) if os.environ.get(
            "SELLER_DESK_SCREENSHOTS") else None
        self.taken: list[Path] = []

    def __call__(self, page, name: str) -> Path:
        path = self.folder / f"console-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 5_000  # a real rendered page, not a blank one
        if self.extra is not None:
            self.extra.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, self.extra / path.name)
        self.taken.append(path)
        return path


def test_trainer_runs_a_class_from_the_browser(browser_page, running, desk, template_db,
                                               tmp_path, qapp):
    from sqlalchemy import select

    from seller_desk.desk import Desk
    from seller_desk.store.models.filing import Filing
    from seller_desk.store.outbox import enqueue

    page, shots = browser_page, Shots(tmp_path)
    url = running.url

    # -- log in with the trainer token ---------------------------------------------------------
    page.goto(url + "/")
    assert page.url.startswith(url + "/login")
    page.fill("#token", "not-a-token")
    page.click("#login")
    assert "not a trainer token" in page.inner_text("main")
    page.fill("#token", running.trainer)
    shots(page, "login")
    page.click("#login")
    page.wait_for_selector("#classes")
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["sd_console"]["httpOnly"] and cookies["sd_console"]["sameSite"] == "Strict"

    # -- create a class --------------------------------------------------------------------------
    page.fill("#create-class input[name=name]", "Morning class")
    page.fill("#create-class input[name=students]", "2")
    page.click("#create-class button")
    page.wait_for_url("**/classes/*")
    class_id = int(page.url.rsplit("/", 1)[1])
    assert "Class created: Morning class (2 students)." in page.inner_text("main")
    shots(page, "class")

    # -- the connection sheet: each QR code decodes to its line --------------------------------
    page.click("header nav >> text=Connection sheet")
    page.wait_for_selector(".slip")
    lines = []
    for i, slip in enumerate(page.query_selector_all(".slip")):
        line = slip.query_selector(".line").inner_text().strip()
        png = tmp_path / f"qr-{i}.png"
        slip.query_selector(".qr svg").screenshot(path=str(png))
        assert decode_qr(png) == [line]
        lines.append(line)
    assert len(lines) == 2 and all(x.startswith(f"sellerdesk://127.0.0.1:{url.rsplit(':', 1)[1]}")
                                   for x in lines)
    shots(page, "sheet")
    pdf = page.request.get(f"{url}/classes/{class_id}/sheet.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        (tmp_path / "sheet.pdf").write_bytes(pdf.body())
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "sheet.pdf"),
                        str(tmp_path / "sheet")], check=True, timeout=60)
        assert sorted(decode_qr(next(tmp_path.glob("sheet-*1.png")))) == sorted(lines)

    # -- start a scenario --------------------------------------------------------------------
    page.goto(f"{url}/classes/{class_id}")
    page.check("#start-scenario input[value=fx-200k]")
    page.click("#start-scenario button")
    page.wait_for_url(f"**/classes/{class_id}/board")
    assert "Crossing the US$200k line" in page.inner_text("#board")

    # -- two students connect with the sheet's lines and sync ---------------------------------
    shutil.copy(template_db, tmp_path / "b.sqlite")
    other = Desk.open(path=tmp_path / "b.sqlite", data_dir=tmp_path)
    try:
        other.company.create(kind="individual_business", name_zh="李四网店",
                             id_code="91110000600037341L")
        desk.sync.connect(lines[0])
        other.sync.connect(lines[1])
        desk.fx.today = lambda: dt.date(2026, 3, 10)
        for day, amount in ((dt.date(2026, 2, 10), "120000.00"),
                            (dt.date(2026, 2, 24), "65000.00"), (dt.date(2026, 3, 3), "30000.00")):
            desk.fx.add_record(date=day, kind="receipt", amount=amount, currency="USD",
                               counterparty="Amazon")
        fa = desk.filing.add_filing(kind="zone_platform", status="submitted",
                                    on=dt.date(2026, 3, 1)).uuid
        fb = "fb000000-0000-4000-8000-000000000002"
        db_ = "db000000-0000-4000-8000-000000000003"
        with other.write() as s:
            enqueue(s, "filing", fb, {"kind": "customs_declarant"})
            enqueue(s, "declaration", db_, {"cop_no": "LS-001", "ie_date": "2026-03-02",
                                             "lines": [{"gnum": "1", "gcode": "9617001100",
                                                        "gname": "保温杯", "qty": "1",
                                                        "price": "10", "total_price": "10"}]})
        for d in (desk, other):
            assert d.sync.run().failed == 0, d.sync.issues()
            d.sync.run()

        # -- the board shows them (its rows are polled) ------------------------------------------
        page.wait_for_function(
            "() => document.querySelector('#board').innerText.includes('US$215,000.00')",
            timeout=20_000)
        board = page.inner_text("#board")
        assert "测试贸易有限公司" in board and "李四网店" in board
        row_a = page.inner_text("#board tbody tr:nth-child(1)")
        assert "名录 registration" in row_a and "Done." in row_a and "zone_platform" in row_a
        shots(page, "board")

        # -- review queues: reject A's filing with a reason, release B's list ----------------
        page.click("header nav >> text=Review queues")
        page.wait_for_selector("#queue-filing")
        shots(page, "reviews")
        row = page.locator(f"#queue-filing tr[data-uuid='{fa}']")
        row.locator("input[name=reason]").fill("营业执照照片不清晰")
        row.locator("button[data-verdict=reject]").click()
        page.wait_for_selector("p.flash")
        page.locator(f"#queue-filing tr[data-uuid='{fb}'] button[data-verdict=approve]").click()
        page.wait_for_selector("p.flash")
        page.locator(f"#queue-declaration tr[data-uuid='{db_}'] "
                     "button[data-verdict=release]").click()
        page.wait_for_selector("p.flash")
        assert page.locator("#queue-filing").count() == 0  # nothing left to review

        desk.sync.run()
        other.sync.run()
        assert desk.sync.remote_status("filing", fa) == ("rejected", "营业执照照片不清晰")
        assert other.sync.remote_status("filing", fb) == ("approved", None)
        assert other.sync.remote_status("declaration", db_) == ("800", "放行")
        # the student's Filing page shows the platform's rejection with the trainer's reason
        from seller_desk.ui.pages.filing.models import FilingsModel

        model = FilingsModel("en")
        model.set_rows(desk.filing.list_filings())
        (row,) = [r for r in range(model.rowCount()) if model.rows[r].uuid == fa]
        assert model.data(model.index(row, 6)) == "rejected: 营业执照照片不清晰"
        with desk.read() as s:
            assert s.scalar(select(Filing.remote_status).where(Filing.uuid == fa)) == "rejected"

        # -- in Chinese ------------------------------------------------------------------------
        page.goto(f"{url}/classes/{class_id}/board")
        page.click("header .langs >> text=中文")
        page.wait_for_selector("text=进度看板")
        assert "须登记名录" in page.inner_text("#board") or "已登记名录" in page.inner_text(
            "#board")
        shots(page, "board-zh")
        page.goto(f"{url}/classes/{class_id}")
        shots(page, "class-zh")

        # -- reset: data cleared, accounts kept ----------------------------------------------
        page.click("#reset")
        page.wait_for_selector("p.flash")
        assert "已重置 2 名学员" in page.inner_text("main")
        with running.http(lines[0].split("token=")[1]) as h:
            assert h.get("/me").status_code == 200
            assert h.get(f"/records/filing/{fa}").status_code == 404
    finally:
        other.close()
