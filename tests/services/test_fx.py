"""desk.fx: records with stored rates, status, evidence-once, netting, imports, the pack."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from seller_desk.core.money import Money
from seller_desk.core.problems import ProblemError
from seller_desk.services.fx import OrderRef
from seller_desk.store.models.fx import FxEvidence, FxRecord

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def fx(desk):
    desk.fx.today = lambda: TODAY
    return desk.fx


def day(s):
    return dt.date.fromisoformat(s)


def test_record_stores_rate_batch_and_usd(fx, desk):
    fx.set_rate("EUR", "2024-03", "1.0856")
    view, warnings = fx.add_record(date=day("2024-03-05"), kind="receipt", amount="29.90",
                                   currency="EUR", channel="paypal")
    assert warnings == []
    assert (view.usd, view.usd_rate, view.usd_batch, view.usd_source) == (
        Money.of("32.46", "USD"), D("1.0856"), "202403", "manual")
    with desk.read() as s:
        row = s.get(FxRecord, view.id)
        assert (row.usd_amount, str(row.usd_rate), row.usd_batch) == (D("32.46"), "1.0856", "202403")


def test_missing_rate_is_visible_then_filled_by_setting_the_rate(fx):
    view, warnings = fx.add_record(date=day("2024-04-02"), kind="receipt", amount="100", currency="GBP")
    assert view.usd is None and [w.key for w in warnings] == ["fx.missing_rate"]
    assert warnings[0].params == {"currency": "GBP", "batch": "202404"}
    st = fx.status(2024)
    assert st["receipts_usd"] == "0.00"
    assert st["missing_rates"] == [{"record": view.id, "currency": "GBP", "batch": "202404"}]
    fx.set_rate("GBP", "2024-03", "1.27")  # a neighbouring month does not fill it
    assert fx.record(view.id).usd is None
    out = fx.set_rate("GBP", "202404", "1.2634")
    assert out["records_recomputed"] == 1
    assert fx.record(view.id).usd == Money.of("126.34", "USD")
    assert fx.status(2024)["missing_rates"] == [] and fx.missing_rates() == []


def test_the_status_lists_the_counted_records_without_a_rate_as_of_any_day(fx):
    """What the exemption counts (receipts, payments) is listed when its rate is missing; a
    settlement without one is not counted anyway, and was listed only when no day was asked
    for (the FX page, asked as of a day, said fewer than the command)."""
    receipt, _ = fx.add_record(date=day("2024-04-02"), kind="receipt", amount="100",
                               currency="GBP")
    fx.add_record(date=day("2024-04-03"), kind="settlement", amount="50", currency="GBP")
    want = [{"record": receipt.id, "currency": "GBP", "batch": "202404"}]
    assert fx.status(2024)["missing_rates"] == want
    assert fx.status(2024, as_of=day("2024-12-31"))["missing_rates"] == want
    assert fx.status(2024, as_of=day("2024-04-01"))["missing_rates"] == []
    assert len(fx.missing_rates()) == 1 and fx.missing_rates()[0]["records"] == 2  # the rates


def test_bad_input_is_refused_and_nothing_written(fx, desk):
    cases = [
        (dict(amount="1,25.00", currency="USD"), "money.bad_grouping"),
        (dict(amount="12.5", currency="EUX"), "money.unknown_currency"),
        (dict(amount="10", currency="USD", date=day("2026-11-23")), "fx.future_date"),
        (dict(amount="10", currency="USD", kind="gift"), "fx.unknown_kind"),
        (dict(amount="10", currency="USD", channel="bank of mars"), "fx.unknown_channel"),
        (dict(amount="-5", currency="USD"), "fx.amount_not_positive"),
    ]
    for kw, key in cases:
        args = {"date": day("2024-03-01"), "kind": "receipt", **kw}
        with pytest.raises(ProblemError) as err:
            fx.add_record(**args)
        assert key in [p.key for p in err.value.problems], kw
    assert fx.records() == []


def test_float_amount_refused(fx):
    with pytest.raises(ProblemError) as err:
        fx.add_record(date=day("2024-03-01"), kind="receipt", amount=12.5, currency="USD")
    assert err.value.problems[0].key == "money.float_refused"


def test_enterprise_status_boundaries_and_as_of(fx):
    fx.add_record(date=day("2024-02-01"), kind="receipt", amount="179,999.99", currency="USD")
    fx.add_record(date=day("2024-02-01"), kind="payment", amount="199,999.99", currency="USD")
    assert fx.status(2024)["state"] == "warning"  # payments in the band; receipts exempt
    fx.add_record(date=day("2024-09-15"), kind="receipt", amount="0.01", currency="USD")
    st = fx.status(2024)
    assert (st["receipts_usd"], st["payments_usd"], st["receipts_state"]) == (
        "180000.00", "199999.99", "exempt")
    r = fx.add_record(date=day("2024-10-03"), kind="receipt", amount="20,000.00", currency="USD")[0]
    st = fx.status(2024)
    assert st["receipts_usd"] == "200000.00" and st["receipts_state"] == "at_threshold"
    assert st["crossed"] == {"180000": "2024-02-01", "200000": "2024-10-03"}
    assert st["crossed_records"]["200000"] == r.id
    assert fx.status(2024, as_of=day("2024-10-02"))["state"] == "warning"
    fx.add_record(date=day("2024-11-03"), kind="receipt", amount="0.01", currency="USD")
    assert fx.status(2024)["state"] == "required"
    assert fx.status(2025)["state"] == "exempt"  # year reset
    fx.set_registration(day("2024-12-01"))
    st = fx.status(2024)
    assert st["state"] == "registered" and st["registered_since"] == "2024-12-01"
    assert fx.status(2024, as_of=day("2024-11-30"))["state"] == "required"


@pytest.fixture
def individual(empty_desk):
    empty_desk.company.create(kind="individual", name_zh="张三", id_code="11010519491231002X")
    empty_desk.fx.today = lambda: TODAY
    return empty_desk


def test_individual_quota(individual):
    fx = individual.fx
    fx.add_record(date=day("2024-03-01"), kind="settlement", amount="45,000.00", currency="USD")
    fx.add_record(date=day("2024-03-02"), kind="settlement", amount="9,000.00", currency="USD",
                  trade_evidence="Amazon orders March")
    big = fx.add_record(date=day("2024-03-03"), kind="settlement", amount="5,000.01", currency="USD")[0]
    fx.add_record(date=day("2024-03-04"), kind="purchase", amount="1,000", currency="USD")
    st = fx.status(2024)
    assert st["kind"] == "individual"
    assert (st["settlement_quota_used_usd"], st["purchase_quota_used_usd"],
            st["trade_settlements_usd"]) == ("45000.00", "1000.00", "9000.00")
    assert st["needs_evidence"] == [str(big.id)] and st["state"] == "needs_evidence"
    assert fx.records()[0].person == "张三"


def orders_of(mapping):
    return lambda oid: mapping.get(oid)


def test_evidence_once_rule(fx, desk):
    fx.order_lookup = orders_of({
        "A": OrderRef("A", Money.of("100.00", "USD"), day("2024-03-01"), goods="mug", quantity=2),
        "B": OrderRef("B", Money.of("50.00", "USD"), day("2024-03-02")),
    })
    s1, warn = fx.add_record(date=day("2024-03-20"), kind="settlement", amount="120.00",
                             currency="USD", orders=["A", "B"])
    assert warn == [] and s1.trade_evidence
    assert [(e["order_id"], e["used_usd"]) for e in s1.evidence] == [("A", "100.00"), ("B", "20.00")]
    with pytest.raises(ProblemError) as err:  # B has 30.00 left, A nothing
        fx.add_record(date=day("2024-03-21"), kind="settlement", amount="40.00", currency="USD",
                      orders=["A", "B"])
    assert [p.key for p in err.value.problems] == ["fx.evidence_used", "fx.evidence_short"]
    assert len(fx.records()) == 1  # nothing half-saved
    s2, _ = fx.add_record(date=day("2024-03-21"), kind="settlement", amount="30.00", currency="USD",
                          orders=["B"])
    assert s2.evidence[0]["used_usd"] == "30.00"
    with desk.read() as s:
        assert s.query(FxEvidence).count() == 3
    # re-linking the same record to the same orders counts only the others' use
    again, _ = fx.link_evidence(s2.id, ["B"])
    assert again.evidence[0]["used_usd"] == "30.00"
    with pytest.raises(ProblemError) as err:
        fx.add_record(date=day("2024-03-22"), kind="settlement", amount="1", currency="USD",
                      orders=["nope"])
    assert err.value.problems[0].key == "fx.order_not_found"


def test_evidence_in_other_currency_and_window_warning(fx):
    fx.set_rate("EUR", "2023-08", "1.09")
    fx.order_lookup = orders_of({"E": OrderRef("E", Money.of("100", "EUR"), day("2023-08-01"))})
    view, warnings = fx.add_record(date=day("2024-03-01"), kind="receipt", amount="100", currency="USD",
                                   orders=["E"])
    assert view.evidence[0]["usd"] == "109.00" and view.evidence[0]["used_usd"] == "100.00"
    assert [w.key for w in warnings] == ["fx.evidence_outside_window"]
    assert warnings[0].params["days"] == 213


def test_inline_order_evidence(fx):
    view, _ = fx.add_record(date=day("2024-03-01"), kind="settlement", amount="10", currency="USD",
                            orders=["X-1:12.00 USD:2024-02-20"])
    assert view.evidence[0]["order_id"] == "X-1"


def test_netting(fx):
    fx.set_rate("EUR", "2024-05", "1.08")
    view, _ = fx.add_record(date=day("2024-05-10"), kind="receipt", amount="800.00", currency="EUR",
                            netting={"storage": "50", "logistics": "120.00", "tax": "30"})
    js = view.to_json()
    assert js["netting"] == {"gross": "1000.00", "storage": "50.00", "logistics": "120.00",
                             "tax": "30.00", "net": "800.00"}
    assert view.usd == Money.of("864.00", "USD")  # the net received is what counts
    with pytest.raises(ProblemError) as err:
        fx.set_netting(view.id, gross="1000", storage="50", other={"advertising": "150"})
    assert [p.key for p in err.value.problems] == ["fx.netting_fee_not_allowed", "fx.netting_unbalanced"]
    with pytest.raises(ProblemError):
        fx.add_record(date=day("2024-05-10"), kind="payment", amount="1", currency="EUR",
                      netting={"storage": "1"})
    cleared = fx.set_netting(view.id)
    assert cleared.gross is None


def test_9810_variance_and_reconciliation(fx):
    fx.add_record(date=day("2024-06-10"), kind="receipt", amount="9,250.55", currency="USD",
                  declaration_ref="D-9810-1", declared_usd="10,000.00")
    v = fx.records()[0]
    assert v.variance_usd == D("-749.45")
    rows = fx.reconciliation(2024)
    assert rows == [{"month": "202406", "declared_usd": "0.00", "received_usd": "9250.55",
                     "explained_usd": "-749.45", "gap_usd": "10000.00", "flagged": True}]


def test_paypal_import_and_reimport(fx, shared_dir):
    fx.set_rate("EUR", "2024-03", "1.0856")
    report = fx.desk.imports.import_file(shared_dir / "samples" / "paypal-activity-download.csv")
    assert report.written and report.imported == 3 and report.problems == []
    assert report.extra["kept_out"] == {"conversion": 1, "hold": 2, "memo": 1, "pending": 1}
    recs = fx.records()
    assert [(r.kind, str(r.amount), str(r.usd.amount)) for r in recs] == [
        ("receipt", "1250.00 USD", "1250.00"), ("receipt", "29.90 EUR", "32.46"),
        ("payment", "200.00 USD", "200.00")]
    assert recs[0].fee == Money.of("43.99", "USD") and recs[0].external_id == "7AB12345CD6789012"
    again = fx.desk.imports.import_file(shared_dir / "samples" / "paypal-activity-download.csv")
    assert (again.imported, again.unchanged) == (0, 3) and len(fx.records()) == 3
    st = fx.status(2024)
    assert st["receipts_usd"] == "1282.46" and st["payments_usd"] == "200.00"


def test_import_with_errors_writes_nothing_unless_skipping(fx, tmp_path, shared_dir):
    text = (shared_dir / "samples" / "paypal-activity-download.csv").read_text("utf-8-sig")
    bad = tmp_path / "bad.csv"
    bad.write_text(text.replace('"1,250.00"', '"1,25.0"'), "utf-8-sig")
    report = fx.desk.imports.import_file(bad)
    assert not report.written and fx.records() == []
    assert [p.key for p in report.problems] == ["money.bad_grouping"]
    report = fx.desk.imports.import_file(bad, skip_bad_rows=True)
    assert report.written and report.imported == 2 and report.rejected == 1
    assert report.rejected_file is not None and report.rejected_file.exists()
    # EUR has no rate: imported, visible as a warning, not counted
    assert any(p.key == "fx.missing_rate" and p.severity == "warning" for p in report.problems)


def test_import_dry_run_and_future_dates(fx, shared_dir):
    from seller_desk.io import readers

    fx.today = lambda: day("2024-03-04")
    res = readers.get("paypal_activity").read(shared_dir / "samples" / "paypal-activity-download.csv")
    report = fx.apply_import(res)
    assert not report.written and "fx.future_date" in [p.key for p in report.problems]
    fx.today = lambda: TODAY
    dry = fx.apply_import(res, dry_run=True)
    assert dry.extra["dry_run"] and dry.imported == 3 and fx.records() == []


def test_rates_import_xlsx(fx, tmp_path):
    from tests.io.test_fx_readers import make_safe_xlsx

    fx.add_record(date=day("2024-03-09"), kind="receipt", amount="1000", currency="JPY")
    path = make_safe_xlsx(tmp_path / "折算率.xlsx")
    report = fx.desk.imports.import_file(path)
    assert report.written and report.imported == 5
    assert fx.records()[0].usd == Money.of("6.72", "USD")  # 6.723 → 6.72
    rates = {(r["currency"], r["batch"]): (r["rate"], r["source"]) for r in fx.rates()}
    assert rates[("JPY", "202403")] == (D("0.006723"), "safe_xlsx:折算率.xlsx")
    again = fx.desk.imports.import_file(path)
    assert (again.imported, again.unchanged) == (0, 5)


def test_documentation_pack(fx, tmp_path):
    import shutil
    import subprocess

    fx.order_lookup = orders_of({"A": OrderRef("A-113", Money.of("100.00", "USD"), day("2024-03-01"),
                                               platform="Amazon.com", goods="保温杯 Thermobecher",
                                               quantity=2, buyer_country="DE",
                                               logistics_no="1Z999AA10123456784")})
    fx.order_lookup = orders_of({"A-113": fx.order_lookup("A")})
    view, _ = fx.add_record(date=day("2024-03-20"), kind="settlement", amount="100", currency="USD",
                            orders=["A-113"], cny="720.50")
    out = fx.documentation_pack(record_ids=[view.id], pdf=tmp_path / "p.pdf", xlsx=tmp_path / "p.xlsx",
                                generated_on=TODAY)
    assert out["pdf"].exists() and out["xlsx"].exists()
    if shutil.which("pdftotext"):
        text = "".join(subprocess.run(["pdftotext", str(out["pdf"]), "-"], capture_output=True,
                                      text=True, check=True).stdout.split())
        assert "跨境电商结汇材料" in text and "911100********341L" in text
        assert "保温杯" in text and "1Z999AA10123456784" in text and "720.50CNY" in text


def test_implausible_rate_warns(fx):
    assert fx.set_rate("JPY", "2024-02", "0.006700")["warnings"] == []
    out = fx.set_rate("JPY", "2024-03", "149.50")  # units per USD typed by mistake
    assert [w["key"] for w in out["warnings"]] == ["fx.rate_implausible"]
    assert out["warnings"][0]["params"]["previous_batch"] == "202402"


def test_central_parity_is_kept_apart_from_the_safe_table(fx):
    out = fx.set_central_parity("USD", day("2024-03-05"), "7.1004")
    assert out == {"kind": "cny_central_parity", "currency": "USD", "date": "2024-03-05",
                   "rate": "7.1004", "source": "manual"}
    assert fx.central_parity("usd", day("2024-03-05")) == D("7.1004")
    view, warnings = fx.add_record(date=day("2024-03-05"), kind="receipt", amount="10", currency="EUR")
    assert view.usd is None and warnings[0].key == "fx.missing_rate"  # parity never stands in


def test_deleting_a_record_frees_its_orders(fx):
    fx.order_lookup = orders_of({"A": OrderRef("A", Money.of("100.00", "USD"), day("2024-03-01"))})
    first, _ = fx.add_record(date=day("2024-03-20"), kind="settlement", amount="100", currency="USD",
                             orders=["A"])
    with pytest.raises(ProblemError):
        fx.add_record(date=day("2024-03-21"), kind="settlement", amount="1", currency="USD", orders=["A"])
    fx.delete_record(first.id)
    again, _ = fx.add_record(date=day("2024-03-21"), kind="settlement", amount="100", currency="USD",
                             orders=["A"])
    assert again.evidence[0]["used_usd"] == "100.00"


def test_unreadable_registration_setting_is_ignored(fx, desk):
    desk.settings.set("fx.registered_on", "1st May")
    assert fx.registered_on() is None and fx.status(2024)["state"] == "exempt"


def test_import_change_lists_ids_up_to_changes_listed_then_names_the_entity(fx, shared_dir,
                                                                           monkeypatch):
    """An import names the records it added, unless there are more than Changes.LISTED: then
    one change names the entity (the FX views reload whole) instead of every id."""

    seen = []
    fx.desk.subscribe(seen.append)
    sample = shared_dir / "samples" / "paypal-activity-download.csv"
    fx.desk.imports.import_file(sample)
    ids = {str(r.id) for r in fx.records()}
    assert len(ids) == 3 and seen[-1].ids["fx_record"] == ids
    fx.desk.imports.import_file(sample)  # nothing new: the entity, no ids
    assert seen[-1].touches("fx_record") and seen[-1].ids["fx_record"] == frozenset()
    with fx.desk.write() as s:
        s.query(FxRecord).delete()
    monkeypatch.setattr("seller_desk.core.changes.Changes.LISTED", 2)
    report = fx.desk.imports.import_file(sample)
    assert report.imported == 3 and len(fx.records()) == 3
    assert seen[-1].touches("fx_record") and seen[-1].ids["fx_record"] == frozenset()


def test_record_year_is_the_year_asked_when_it_holds_a_record_else_the_newest(fx):
    assert fx.record_year(2026) is None  # no record at all
    fx.set_rate("USD", "2023-05", "1")
    for d in ("2022-12-31", "2023-05-02"):
        fx.add_record(date=day(d), kind="receipt", amount="10", currency="USD")
    assert fx.record_year(2022) == 2022 and fx.record_year(2023) == 2023
    assert fx.record_year(2026) == 2023 and fx.record_year(2021) == 2023


def test_documentation_pack_of_a_period_holds_its_receipts_and_settlements_only(fx, tmp_path):
    from openpyxl import load_workbook

    fx.set_rate("USD", "2024-03", "1")
    ids = {}
    for d, kind in (("2024-02-29", "receipt"), ("2024-03-01", "receipt"),
                    ("2024-03-15", "payment"), ("2024-03-20", "settlement"),
                    ("2024-03-31", "receipt"), ("2024-04-01", "settlement")):
        view, _ = fx.add_record(date=day(d), kind=kind, amount="10", currency="USD",
                                cny="72" if kind == "settlement" else None)
        ids[(d, kind)] = view.id
    out = fx.documentation_pack(start=day("2024-03-01"), end=day("2024-03-31"),
                                xlsx=tmp_path / "p.xlsx", generated_on=TODAY)
    sheet = load_workbook(out["xlsx"], read_only=True).worksheets[1]  # the settlements
    listed = [int(r[0]) for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]]
    assert listed == [ids[("2024-03-01", "receipt")], ids[("2024-03-20", "settlement")],
                      ids[("2024-03-31", "receipt")]]


def test_missing_rates_and_reconciliation_add_up_a_month_of_days(fx):
    """Both are summed per day in SQL, then per month: several days, currencies and years."""
    for d, cur, amount in (("2024-04-02", "GBP", "1"), ("2024-04-02", "GBP", "2"),
                           ("2024-04-30", "GBP", "3"), ("2024-05-01", "GBP", "4"),
                           ("2024-04-09", "JPY", "500"), ("2023-04-09", "GBP", "6")):
        fx.add_record(date=day(d), kind="receipt", amount=amount, currency=cur)
    assert fx.missing_rates() == [
        {"currency": "GBP", "batch": "202304", "records": 1},
        {"currency": "GBP", "batch": "202404", "records": 3},
        {"currency": "GBP", "batch": "202405", "records": 1},
        {"currency": "JPY", "batch": "202404", "records": 1}]
    fx.set_rate("USD", "2024-06", "1")
    for d, amount, declared in (("2024-06-10", "9,250.55", "10,000.00"),
                                ("2024-06-10", "100.10", None), ("2024-06-30", "0.01", None),
                                ("2024-07-01", "5", None), ("2025-06-10", "7", None)):
        fx.add_record(date=day(d), kind="receipt", amount=amount, currency="USD",
                      declaration_ref="D-9810-1" if declared else None, declared_usd=declared)
    fx.add_record(date=day("2024-06-11"), kind="payment", amount="50", currency="USD")
    assert [(r["month"], r["received_usd"], r["explained_usd"])
            for r in fx.reconciliation(2024)] == [("202406", "9350.66", "-749.45"),
                                                   ("202407", "5.00", "0.00")]


def test_a_rate_recomputes_its_months_records_reading_their_evidence_once(fx, desk):
    """The USD equivalents a new rate gives are queued for the platform with each record's
    evidence, read for the month's records together (read one record at a time, it was two
    thirds of the recompute)."""
    from sqlalchemy import event, select

    from seller_desk.store.models import OutboxItem

    fx.order_lookup = orders_of({"A-1": OrderRef("A-1", Money.of("100.00", "EUR"),
                                                 day("2024-03-01"))})
    fx.set_rate("EUR", "2024-03", "1.08")  # then corrected below
    backed, _ = fx.add_record(date=day("2024-03-20"), kind="settlement", amount="100",
                              currency="EUR", orders=["A-1"], cny="720.50")
    for d in ("2024-03-02", "2024-03-05", "2024-03-09", "2024-03-30"):
        fx.add_record(date=day(d), kind="receipt", amount="10", currency="GBP" if d < "2024-03-03"
                      else "EUR")
    statements: list[str] = []
    engine = desk.store.engine
    listen = lambda _c, _cur, sql, *_a: statements.append(sql)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listen)
    try:
        assert fx.set_rate("EUR", "2024-03", "1.0856")["records_recomputed"] == 4
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    assert len([q for q in statements if "FROM fx_evidence" in q]) == 1
    with desk.read() as s:
        uuid = s.scalar(select(FxRecord.uuid).where(FxRecord.id == backed.id))
        last = s.scalars(select(OutboxItem).where(OutboxItem.entity_uuid == uuid)
                         .order_by(OutboxItem.id.desc())).first()
    assert last.payload["usd_amount"] == "108.56"
    assert [e["order_id"] for e in last.payload["evidence"]] == ["A-1"]
