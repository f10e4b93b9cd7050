"""The Tax page over the demo company: verdicts with reasons, printing, the EIT calculator."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from seller_desk.ui.pages import PAGES, make_page

SHOTS = os.environ.get("SELLER_DESK_SHOTS")  # set to a folder to keep the rendered PNGs


@pytest.fixture
def tax_page(qapp, demo_desk, tmp_path):
    from seller_desk.ui import i18n as ui_i18n
    from seller_desk.ui.app import build_context

    ui_i18n.install("zh_CN")
    ctx = build_context(demo_desk, tmp_path, "zh_CN")
    info = next(p for p in PAGES if p.area == "tax")
    page = make_page(ctx, info)
    page.resize(1200, 760)
    page.show()
    page.refresh()
    ctx.ops.wait_idle()
    yield page
    page.close()
    ctx.ops.shutdown()


def test_verdicts_and_reasons(tax_page):
    months = tax_page.ctx.desk.tax.months()
    assert tax_page.selected_month() == months[0]  # the latest month with lines
    ml = tax_page.month_list
    assert tax_page.model.rowCount() == len(ml.eligible) + len(ml.ineligible) > 0
    bad = [r for r in tax_page.model.rows if not r[0]]
    assert len(bad) == len(ml.ineligible) > 0 and all(reason for _ok, _ln, reason in bad)
    assert "平台登记缺少“计量单位”" in " ".join(r[2] for r in bad)
    tax_page.only_bad.setChecked(True)
    assert tax_page.proxy.rowCount() == len(bad)
    # the label shows the list's own CNY total (the exact sum is checked in the service tests)
    expected_cny = sum((v.line.amount_cny.amount for v in ml.eligible), start=0)
    assert ml.amount_cny == expected_cny
    assert tax_page.summary.text() == (f"符合 {len(ml.eligible)} 条，不符合 {len(bad)} 条；"
                                       f"免税金额 人民币 {ml.amount_cny:,.2f}")


def test_print_list_in_background(tax_page, tmp_path):
    pdf = tmp_path / "list.pdf"
    tax_page.print_list(pdf, pdf.with_suffix(".xlsx"))
    tax_page.ctx.ops.wait_idle()
    assert pdf.exists() and pdf.with_suffix(".xlsx").exists()
    assert str(pdf) in tax_page.print_status.text()
    assert tax_page.print_button.isEnabled() and not tax_page.progress.isVisible()


def test_eit_calculator(tax_page):
    tax_page.year.setValue(2026)
    tax_page.revenue.setText("80,000,000")
    tax_page.employees.setText("20")
    tax_page.assets.setText("8000000")
    tax_page.calculate()
    tax_page.ctx.ops.wait_idle()
    assert tax_page.r_tax.text() == "800,000.00"
    assert "25%" in tax_page.warnings.text()
    tax_page.revenue.setText("10000000")
    tax_page.calculate()
    tax_page.ctx.ops.wait_idle()
    assert tax_page.r_tax.text() == "20,000.00"
    assert tax_page.chart.cliff == 75_000_000


def test_bad_input_names_the_field(tax_page):
    tax_page.revenue.setText("abc")
    tax_page.calculate()
    assert "收入总额" in tax_page.input_problems.text() and "abc" in tax_page.input_problems.text()


def test_year_without_rule(tax_page):
    tax_page.revenue.setText("")
    tax_page.year.setValue(2019)
    tax_page.ctx.ops.wait_idle()
    assert "2019" in tax_page.warnings.text() and tax_page.r_tax.text() == ""


def test_render_both_languages(tax_page, tmp_path):
    from seller_desk.ui import i18n as ui_i18n

    out = Path(SHOTS) if SHOTS else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    for tab in range(3):
        tax_page.tabs.setCurrentIndex(tab)
        if tab == 1:
            tax_page.year.setValue(2025)
            tax_page.ctx.ops.wait_idle()
        assert tax_page.grab().save(str(out / f"tax_zh_{tab}.png"))
    ui_i18n.install("en")
    try:
        from seller_desk.ui.pages import PAGES, make_page

        ctx = tax_page.ctx
        ctx.lang = "en"
        page = make_page(ctx, next(p for p in PAGES if p.area == "tax"))
        page.resize(1200, 760)
        page.show()
        page.refresh()
        ctx.ops.wait_idle()
        assert page.tabs.tabText(1) == "Income tax (核定征收)"
        for tab in range(3):
            page.tabs.setCurrentIndex(tab)
            assert page.grab().save(str(out / f"tax_en_{tab}.png"))
        page.close()
    finally:
        ui_i18n.install("zh_CN")


def test_cancel_printing(tax_page, tmp_path, monkeypatch):
    import threading
    import time

    from seller_desk.io.tax_pdf import Aborted

    started = threading.Event()

    def slow(month, *, pdf=None, xlsx=None, lang="zh_CN", progress=None, should_abort=None, **kw):
        started.set()
        progress(0.25, "page 1")
        end = time.monotonic() + 10
        while not should_abort() and time.monotonic() < end:
            time.sleep(0.01)
        raise Aborted()

    monkeypatch.setattr(tax_page.ctx.desk.tax, "write_month_list", slow)
    tax_page.print_list(tmp_path / "x.pdf", None)
    assert started.wait(5) and tax_page.cancel_button.isVisible() and not tax_page.print_button.isEnabled()
    tax_page._cancel_print()
    tax_page.ctx.ops.wait_idle()
    assert tax_page.print_status.text() == "已取消打印；未生成文件。"
    assert tax_page.print_button.isEnabled() and not tax_page.progress.isVisible()


def test_rules_table_reads_the_rule_book_with_typed_and_pushed_rows(tax_page):
    """The table under the calculator is the rule book desk.tax computes with: the shipped
    2023–2027 preference, the statutory estimate after it, and a row pushed to the class."""
    page, desk = tax_page, tax_page.ctx.desk
    text = page.rules_label.text()
    assert "2023–2027：" in text and "财政部 税务总局公告2023年第12号" in text
    assert "2028 年及以后" in text and "企业所得税法" in text and "法定" in text
    for i, (key, value) in enumerate((
            ("tax.eit.small.inclusion", "0.25"), ("tax.eit.small.rate", "0.10"),
            ("tax.eit.small.income_limit", "3000000"), ("tax.eit.small.employee_limit", "300"),
            ("tax.eit.small.asset_limit", "50000000"))):
        desk.rules.apply_pushed(f"00000000-0000-4000-8000-{i:012d}", {
            "key": key, "value": value, "valid_from": "2028-01-01", "valid_to": "2029-12-31",
            "source": "财政部 税务总局公告2028年第1号"})
    from seller_desk.core.changes import Changes

    page.on_changes(Changes.of("rule"))  # what the window passes on: the page reloads
    page.ctx.ops.wait_idle()
    lines = page.rules_label.text().splitlines()
    pushed = next(x for x in lines if x.startswith("2028–2029："))
    assert "25% × 10%" in pushed and "公告2028年第1号" in pushed and "（讲师下发）" in pushed
    assert any(x.startswith("2030 年及以后") and "法定" in x for x in lines)
    desk.rules.set("tax.eit.deemed_income_rate", "0.05", "2031-01-01", source="培训 第3号")
    page.refresh()
    page.ctx.ops.wait_idle()
    assert any(x.startswith("2031 年及以后") and "5%" in x and "（本公司自定）" in x
               for x in page.rules_label.text().splitlines())
    if SHOTS:
        page.tabs.setCurrentIndex(1)
        page.resize(1366, 768)
        page.grab().save(str(Path(SHOTS) / "tax-eit-rules-zh.png"))
