"""The console's Rule rows page in a real headless browser (Debian's chromium): the trainer
pushes a 2028 row to the class, a student's SellerDesk syncs and its 2028 EIT follows it; the
trainer withdraws it (after the confirm dialog). Screenshots in English and Chinese."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.sync.test_console_browser import (  # noqa: F401  (fixtures and markers)
    Shots,
    browser_page,
    pytestmark,
)
from tests.sync.test_service_sync import connect


def test_trainer_pushes_and_withdraws_a_rule_row_from_the_browser(browser_page, running, desk,  # noqa: F811
                                                                    tmp_path):
    page, shots = browser_page, Shots(tmp_path)
    url, class_id = running.url, running.klass["class_id"]
    page.goto(url + "/login")
    page.fill("#token", running.trainer)
    page.click("#login")
    page.wait_for_selector("#classes")
    page.goto(f"{url}/classes/{class_id}")
    page.click("header nav >> text=Rule rows")
    page.wait_for_selector("#push-rule")
    assert "No rule rows pushed to this class yet." in page.inner_text("main")
    page.fill("#push-rule input[name=key]", "tax.eit.small.rate")
    page.fill("#push-rule input[name=value]", "0.10")
    page.fill("#push-rule input[name=valid_from]", "2028-01-01")
    page.fill("#push-rule input[name=valid_to]", "2030-12-31")
    page.fill("#push-rule input[name=source]", "财政部 税务总局公告2028年第1号")
    page.fill("#push-rule input[name=note]", "培训用：税率降为 10%")
    page.click("#push-rule button")
    page.wait_for_selector("#class-rules")
    assert "Rule row pushed: tax.eit.small.rate = 0.10 from 2028-01-01." in page.inner_text(
        "main")
    for key, value in (("tax.eit.small.inclusion", "0.25"),
                       ("tax.eit.small.income_limit", "3000000"),
                       ("tax.eit.small.employee_limit", "300"),
                       ("tax.eit.small.asset_limit", "50000000")):
        page.fill("#push-rule input[name=key]", key)
        page.fill("#push-rule input[name=value]", value)
        page.fill("#push-rule input[name=valid_from]", "2028-01-01")
        page.fill("#push-rule input[name=source]", "财政部 税务总局公告2028年第1号")
        page.click("#push-rule button")
        page.wait_for_selector("p.flash")
    assert page.locator("#class-rules tbody tr").count() == 5

    connect(desk, running)
    desk.sync.run()
    eit = desk.tax.eit(2028, revenue=Decimal("10000000"), employees=Decimal("20"),
                       assets=Decimal("3000000")).result
    assert eit.tax == Decimal("10000.00")  # 400,000 × 25 % × 10 %
    page.reload()
    assert "1 of 2" in page.inner_text("#class-rules")
    shots(page, "rules-en")
    page.goto(f"{url}/lang/zh_CN?next=/classes/{class_id}/rules")
    page.wait_for_selector("#class-rules")
    assert "已下发到本班" in page.inner_text("main") and "1 / 2" in page.inner_text(
        "#class-rules")
    shots(page, "rules-zh")

    row = page.locator("#class-rules tr", has_text="tax.eit.small.rate")
    row.locator("button.danger").click()  # the confirm dialog is accepted by the fixture
    page.wait_for_selector("p.flash")
    assert "已撤回规则行：tax.eit.small.rate。" in page.inner_text("main")
    desk.sync.run()
    assert desk.rules.book().row("tax.eit.small.rate", dt.date(2028, 6, 1)) is None
