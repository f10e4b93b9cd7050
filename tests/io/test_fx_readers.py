"""FX readers: PayPal activity download (the shared sample), SAFE 折算率 xlsx, collector statements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook

from seller_desk.core.money import Money
from seller_desk.io import readers
from seller_desk.io.fx_lines import SpooledLines, date_order, parse_date

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PAYPAL = SHARED / "samples" / "paypal-activity-download.csv"


def usd(x):
    return Money.of(x, "USD")


# -- PayPal -------------------------------------------------------------------------------------
def test_paypal_sample_is_detected_and_read():
    reader, _ = readers.detect(PAYPAL)
    assert reader is not None and reader.name == "paypal_activity"
    res = reader.read(PAYPAL)
    assert res.ok and res.problems == []
    assert res.meta["encoding"] == "utf-8-sig" and res.meta["date_order"] == "MDY"
    got = [(ln.row, ln.date.isoformat(), ln.kind, ln.subtype, str(ln.amount)) for ln in res.records]
    assert got == [
        (2, "2024-03-02", "receipt", "", "1250.00 USD"),
        (3, "2024-03-05", "receipt", "", "29.90 EUR"),
        (4, "2024-03-05", "conversion", "", "28.23 EUR"),
        (6, "2024-03-09", "payment", "refund", "200.00 USD"),
        (7, "2024-03-10", "hold", "", "50.00 USD"),
        (8, "2024-03-11", "hold", "", "50.00 USD"),
        (9, "2024-03-12", "pending", "withdrawal", "1000.00 USD"),
        (10, "2024-03-13", "memo", "", "15.00 USD"),  # Denied + Balance Impact Memo
    ]
    first = res.records[0]
    assert first.fee == usd("43.99") and first.net == usd("1206.01")
    assert first.external_id == "7AB12345CD6789012" and first.counterparty == "Smith, Jane"
    assert first.country == "US" and first.item.startswith("Family Tent")
    conv = res.records[2]
    assert conv.converted_to == usd("29.85") and conv.reference_id == "8CD23456EF7890123"
    assert [ln.counted for ln in res.records] == [True, True, False, True, False, False, False, False]


def test_paypal_withdrawal_basis_and_german_file(tmp_path):
    res = readers.get("paypal_activity").read(PAYPAL, options={"basis": "withdrawals"})
    assert [ln.kind for ln in res.records if ln.counted] == ["payment"]  # the withdrawal is pending
    de = tmp_path / "de.csv"
    de.write_bytes(
        "\ufeff\"Datum\",\"Uhrzeit\",\"Zeitzone\",\"Name\",\"Typ\",\"Status\",\"Währung\",\"Brutto\","
        "\"Gebühr\",\"Netto\",\"Transaktionscode\",\"Zugehöriger Transaktionscode\"\r\n"
        "\"13.03.2024\",\"10:00:00\",\"MEZ\",\"Max\",\"Express-Checkout-Zahlung\",\"Abgeschlossen\","
        "\"EUR\",\"1.249,00\",\"-42,77\",\"1.206,23\",\"AAA1\",\"\"\r\n".encode()
    )
    res = readers.get("paypal_activity").read(de)
    assert res.ok, res.problems
    (ln,) = res.records
    assert (ln.date, ln.kind, ln.amount, ln.fee) == (dt.date(2024, 3, 13), "receipt",
                                                     Money.of("1249.00", "EUR"), Money.of("42.77", "EUR"))


def test_paypal_read_as_a_stream_equals_read_whole(tmp_path):
    """A big download is read as a stream (twice, never whole): the same lines, problems and
    meta as reading it whole, bad amounts, bad dates, unknown types and unpaired legs included."""
    text = PAYPAL.read_text("utf-8-sig")
    lines = text.splitlines(keepends=True)
    odd = (lines[1].replace('"1,250.00"', '"1,25.0"') + lines[2].replace('"03/05/2024"', '"13/45/2024"')
           + lines[3].replace("General Currency Conversion", "Mystery Thing")
           + lines[4].replace('"8CD23456EF7890123"', '"LONELY-LEG"'))
    for i, body in enumerate((text, text + odd)):
        path = tmp_path / f"paypal-{i}.csv"
        path.write_text(body, "utf-8-sig")
        whole = readers.get("paypal_activity").read(path, options={"stream": False})
        streamed = readers.get("paypal_activity").read(path, options={"stream": True})
        # (the streamed lines on disk, given back in row order, the conversions in their place)
        assert isinstance(streamed.records, SpooledLines) and isinstance(whole.records, list)
        assert list(streamed.records) == whole.records and streamed.meta == whole.meta
        assert [(p.key, p.source) for p in streamed.problems] == [
            (p.key, p.source) for p in whole.problems]
        assert len(whole.records) >= 8 and (i == 0) == (whole.problems == [])


def test_paypal_bad_amount_names_row_and_column(tmp_path):
    text = PAYPAL.read_text("utf-8-sig").replace('"1,250.00"', '"1,25.0"')
    bad = tmp_path / "bad.csv"
    bad.write_text(text, "utf-8-sig")
    res = readers.get("paypal_activity").read(bad)
    assert not res.ok
    (p,) = res.problems
    assert p.key == "money.bad_grouping" and p.source.row == 2 and p.source.column == "Gross"
    assert p.source.value == "1,25.0"


def test_date_order():
    assert date_order(["03/02/2024", "03/13/2024"]) == "MDY"
    assert date_order(["13/02/2024", "03/02/2024"]) == "DMY"
    assert date_order(["03/02/2024"], hint="DMY") == "DMY"
    assert date_order(["2024-03-02 10:00:00"]) == "YMD"
    assert parse_date("13.03.2024", "DMY") == dt.date(2024, 3, 13)
    assert parse_date("2024年3月5日", "MDY") == dt.date(2024, 3, 5)
    assert parse_date("02/30/2024", "MDY") is None


# -- SAFE rates ---------------------------------------------------------------------------------
def make_safe_xlsx(path: Path, *, title="2024年3月29日各种货币对美元折算率", per_usd=False) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append([title])
    ws.append([])
    head = ["序号", "货币代码", "货币名称", "", "对美元折算率"]
    if per_usd:
        head = ["序号", "货币代码", "货币名称", "", "1美元折合外币"]
    ws.append(head + head[1:])
    rows = [(1, "EUR", "欧元", None, 1.0856, "JPY", "日元", None, 0.006723),
            (2, "GBP", "英镑", None, 1.2634, "CNY", "人民币", None, 0.1389),
            (3, "HKD", "港币", None, 0.12782, None, None, None, None)]
    for r in rows:
        if per_usd:
            r = tuple((1 / v if isinstance(v, float) else v) for v in r)
        ws.append(list(r))
    ws.append(["注：本表仅供参考"])
    wb.save(path)
    return path


def test_safe_rates_two_block_xlsx(tmp_path):
    path = make_safe_xlsx(tmp_path / "折算率.xlsx")
    reader, _ = readers.detect(path)
    assert reader is not None and reader.name == "safe_rates"
    res = reader.read(path)
    assert res.ok, res.problems
    assert res.meta["batch"] == "202403"
    got = {ln.currency: (ln.rate, ln.name, ln.batch) for ln in res.records}
    assert got == {
        "EUR": (D("1.0856"), "欧元", "202403"), "JPY": (D("0.006723"), "日元", "202403"),
        "GBP": (D("1.2634"), "英镑", "202403"), "CNY": (D("0.1389"), "人民币", "202403"),
        "HKD": (D("0.12782"), "港币", "202403"),
    }
    assert all(ln.source == "safe_xlsx:折算率.xlsx" for ln in res.records)


def test_safe_rates_inverts_per_usd_columns_and_batch_override(tmp_path):
    path = make_safe_xlsx(tmp_path / "rates.xlsx", per_usd=True)
    res = readers.get("safe_rates").read(path, options={"batch": "2024-04"})
    rates = {ln.currency: ln.rate for ln in res.records}
    assert rates["EUR"] == D("1.085600000") and rates["JPY"] == D("0.006723000000")
    assert res.meta["batch"] == "202404" and all(ln.extra == {"inverted": True} for ln in res.records)


def test_safe_rates_batch_from_file_name_or_problem(tmp_path):
    p = make_safe_xlsx(tmp_path / "safe-2024-05.xlsx", title="各种货币对美元折算率")
    assert readers.get("safe_rates").read(p).meta["batch"] == "202405"
    q = make_safe_xlsx(tmp_path / "rates.xlsx", title="各种货币对美元折算率")
    res = readers.get("safe_rates").read(q)
    assert [pr.key for pr in res.problems] == ["fx.rates_batch_unknown"] and res.records == []


def test_safe_rates_not_claimed_by_paypal_or_vice_versa():
    assert readers.get("safe_rates").detect(PAYPAL) is not None


def test_hand_made_rate_csv(tmp_path):
    p = tmp_path / "rates-202406.csv"
    p.write_text("currency,rate to USD\nEUR,1.0713\nJPY,0.006349\n", "utf-8")
    res = readers.get("safe_rates").read(p)
    assert {ln.currency: ln.rate for ln in res.records} == {"EUR": D("1.0713"), "JPY": D("0.006349")}
    assert res.meta["batch"] == "202406"


# -- collector statements ------------------------------------------------------------------------
def test_worldfirst_preset(tmp_path):
    p = tmp_path / "wf.csv"
    p.write_text(
        "transactionTime,transactionType,transactionAmount,currency,feeAmount,transactionId,payerName\n"
        "2024-05-01T10:00:00+08:00,COLLECTION,\"12,000.00\",USD,0,T1,Amazon US\n"
        "2024-05-03T10:00:00+08:00,WITHDRAWAL,-5000.00,USD,15.00,T2,\n"
        "2024-05-04T10:00:00+08:00,CONVERSION,-100.00,EUR,,T3,\n"
        "2024-05-05T10:00:00+08:00,CHARGE,-3.00,USD,,T4,\n"
        "2024-05-06T10:00:00+08:00,COLLECTION_REFUND,-20.00,USD,,T5,\n", "utf-8")
    reader, _ = readers.detect(p)
    assert reader is not None and reader.name == "collector_statement"
    res = reader.read(p)
    assert res.ok, res.problems
    assert [(ln.kind, str(ln.amount), ln.external_id) for ln in res.records] == [
        ("receipt", "12000.00 USD", "T1"), ("settlement", "5000.00 USD", "T2"),
        ("conversion", "100.00 EUR", "T3"), ("fee", "3.00 USD", "T4"), ("payment", "20.00 USD", "T5")]
    assert res.meta["channel"] == "worldfirst" and res.records[1].fee == usd("15.00")
    assert res.records[0].date == dt.date(2024, 5, 1)


def test_chinese_collector_with_cny_and_problems(tmp_path):
    p = tmp_path / "连连.csv"
    p.write_text(
        "交易时间,交易类型,交易金额,币种,手续费,交易流水号,店铺名称,人民币金额\n"
        "2024/06/01 09:00,收款,800.00,GBP,,L1,店铺A,\n"
        "2024/06/02 09:00,提现结汇,800.00,GBP,4.00,L2,,\"7,300.00\"\n"
        "2024/06/03 09:00,收款,abc,GBP,,L3,,\n"
        "2024/06/31 09:00,收款,1.00,GBP,,L4,,\n", "gb18030")
    res = readers.get("collector_statement").read(p)
    assert res.meta["preset"] == "collector_cn" and res.meta["encoding"] == "gb18030"
    assert [(ln.kind, ln.row) for ln in res.records] == [("receipt", 2), ("settlement", 3)]
    keys = [(pr.key, pr.source.row, pr.source.column) for pr in res.problems]
    assert ("money.not_a_number", 4, "交易金额") in keys and ("io.bad_date", 5, "交易时间") in keys
    settle = res.records[1]
    assert settle.cny_amount == Money.of("7300.00", "CNY") and settle.fee == Money.of("4.00", "GBP")
    assert res.records[0].counterparty == "店铺A" and res.records[0].date == dt.date(2024, 6, 1)


def test_custom_mapping(tmp_path):
    p = tmp_path / "pingpong.csv"
    p.write_text("When,What,How much,Cur,Ref\n05/06/2024,Payout,250.5,USD,P1\n", "utf-8")
    res = readers.get("collector_statement").read(p, options={
        "mapping": {"date": "When", "type": "What", "amount": "How much", "currency": "Cur",
                    "id": "Ref"}, "channel": "pingpong"})
    assert res.ok, res.problems
    (ln,) = res.records
    assert (ln.kind, ln.amount, ln.channel, ln.date) == ("receipt", usd("250.50"), "pingpong",
                                                         dt.date(2024, 5, 6))
    missing = readers.get("collector_statement").read(p, options={"mapping": {"date": "When"}})
    assert [pr.key for pr in missing.problems] == ["fx.collector_mapping_missing"] * 2


def test_collector_days_of_date_times_and_dates_alike(tmp_path):
    """A day read once serves every time of it; a date alone, a date after spaces, an
    ideographic space before the time, and a bad date among good ones at the same time."""
    p = tmp_path / "statement.csv"
    p.write_text(
        "交易时间,交易类型,交易金额,币种,交易流水号\n"
        "2024/06/01 09:00,收款,1.00,USD,A1\n"
        "2024/06/01 17:30,收款,2.00,USD,A2\n"
        "2024/06/01,收款,3.00,USD,A3\n"
        "  2024/06/02\u300009:00 ,收款,4.00,USD,A4\n"
        "2024/06/31 09:00,收款,5.00,USD,A5\n"
        "at 2024/06/03,收款,6.00,USD,A6\n", "utf-8")
    res = readers.get("collector_statement").read(p)
    assert [(ln.external_id, ln.date) for ln in res.records] == [
        ("A1", dt.date(2024, 6, 1)), ("A2", dt.date(2024, 6, 1)), ("A3", dt.date(2024, 6, 1)),
        ("A4", dt.date(2024, 6, 2)), ("A6", dt.date(2024, 6, 3))]
    assert [(pr.key, pr.source.row) for pr in res.problems] == [("io.bad_date", 6)]


@pytest.mark.parametrize("name", ["paypal_activity", "safe_rates", "collector_statement"])
def test_readers_registered_for_fx(name):
    assert readers.readers()[name].area == "fx"


# -- Amazon payouts -----------------------------------------------------------------------------
AMAZON = SHARED / "samples" / "amazon-settlement-v2-us.txt"


def test_amazon_payout_never_claims_a_dropped_file_and_skips_negative_totals():
    assert readers.get("amazon_payout").detect(AMAZON) is not None
    res = readers.get("amazon_payout").read(AMAZON)
    assert res.records == [] and [p.key for p in res.problems] == ["fx.payout_not_positive"]
    assert res.problems[0].severity == "warning" and res.meta["settlement_id"] == "13982045561"


def test_amazon_payout_receipt_with_netting_fees(tmp_path):
    head = AMAZON.read_text("utf-8").splitlines()[0]
    n = len(head.split("\t"))

    def line(**kv):
        cells = [""] * n
        names = head.split("\t")
        for k, v in kv.items():
            cells[names.index(k.replace("_", "-"))] = v
        return "\t".join(cells)

    rows = [
        head,
        line(settlement_id="S1", deposit_date="14.03.2023 07:49:55 UTC", total_amount="1141,18",
             currency="EUR"),
        line(settlement_id="S1", amount_type="ItemPrice", amount_description="Principal", amount="1500,00"),
        line(settlement_id="S1", amount_type="ItemFees", amount_description="Commission", amount="-225,00"),
        line(settlement_id="S1", amount_type="ItemFees", amount_description="FBAPerUnitFulfillmentFee",
             amount="-98,82"),
        line(settlement_id="S1", amount_type="other-transaction", amount_description="Storage Fee",
             amount="-25,00"),
        line(settlement_id="S1", amount_type="ItemWithheldTax",
             amount_description="MarketplaceFacilitatorTax-Principal", amount="-10,00"),
    ]
    p = tmp_path / "s.txt"
    p.write_text("\n".join(rows) + "\n", "utf-8")
    res = readers.get("amazon_payout").read(p)
    assert res.ok, res.problems
    (ln,) = res.records
    assert (ln.kind, ln.date, ln.amount, ln.external_id) == (
        "receipt", dt.date(2023, 3, 14), Money.of("1141.18", "EUR"), "amazon-settlement-S1")
    assert ln.netting_fees == {"storage": Money.of("25.00", "EUR"), "logistics": Money.of("98.82", "EUR"),
                               "tax": Money.of("10.00", "EUR")}
    assert res.meta["other_deductions"] == "225.00" and "225.00 EUR" in ln.note
