"""Readers of the orders area: Amazon settlement V2, Amazon date range, Shopee orders."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from seller_desk.core.money import Money
from seller_desk.core.orders import EventKind, Order, OrderEvent, Settlement
from seller_desk.io.readers import detect, get

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLES = SHARED / "samples"

V2_24 = [
    "settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date",
    "total-amount", "currency", "transaction-type", "order-id", "merchant-order-id",
    "adjustment-id", "shipment-id", "marketplace-name", "amount-type", "amount-description",
    "amount", "fulfillment-id", "posted-date", "posted-date-time", "order-item-code",
    "merchant-order-item-id", "merchant-adjustment-item-id", "sku", "quantity-purchased",
    "promotion-id",
]
V2_23 = V2_24[:-1]


def _v2_row(cols: list[str], **values: str) -> str:
    return "\t".join(values.get(c.replace("-", "_"), "") for c in cols)


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


# -- Amazon settlement V2 -----------------------------------------------------------------------
def test_us_settlement_sample_sums_exactly_to_its_total():
    path = SAMPLES / "amazon-settlement-v2-us.txt"
    reader, _ = detect(path)
    assert reader is not None and reader.name == "amazon-settlement-v2"
    result = reader.read(path)
    assert result.problems == []
    (s,) = result.records
    assert isinstance(s, Settlement)
    assert s.settlement_id == "13982045561"
    assert s.total == Money.of("-89.13", "USD")
    assert s.lines_total == Money.of("-89.13", "USD")
    assert s.reconciles
    assert len(s.lines) == 21
    assert s.start.utc == dt.datetime(2024, 3, 1, 7, 42, 11, tzinfo=dt.UTC)
    assert s.deposit.text == "2024-03-17 07:42:11 UTC"
    first = s.lines[0]
    assert (first.order_id, first.sku, first.quantity, first.amount) == (
        "113-4410968-2285031", "MUG-350-BLU", 1, Money.of("39.99", "USD"))
    assert s.lines[6].promotion_id == "A1B2C3D4E5F6G7-1"
    refund = s.lines[9]
    assert refund.kind is EventKind.REFUND and refund.quantity is None
    assert refund.adjustment_id == "amzn1:crow:Xq3Lr0vKQmSdA1b2C3d4Ew"
    fba_fee = s.lines[14]
    assert fba_fee.order_id == "FBA17XYZ8KQ2" and fba_fee.kind is EventKind.FEE
    assert fba_fee.row == 17  # 1-based file row
    # the lines, kept till the file is written, share the texts and amounts they repeat
    # (one string and one Money each) and carry no instance dict
    assert s.lines[0].transaction_type is s.lines[1].transaction_type == "Order"
    assert s.lines[0].marketplace is s.lines[1].marketplace
    repeated = Counter(ln.amount for ln in s.lines).most_common(1)[0][0]
    same = [ln.amount for ln in s.lines if ln.amount == repeated]
    assert len(same) > 1 and all(m is same[0] for m in same)
    assert not hasattr(first, "__dict__")


def _eu_settlement(cols: list[str], total: str, amounts: list[str]) -> str:
    lines = ["\t".join(cols)]
    lines.append(_v2_row(
        cols, settlement_id="11772365841", settlement_start_date="01.03.2023 07:49:55 UTC",
        settlement_end_date="14.03.2023 07:49:55 UTC", deposit_date="16.03.2023 07:49:55 UTC",
        total_amount=total, currency="EUR"))
    descs = ["Principal", "Commission", "FBAPerUnitFulfillmentFee", "Principal"]
    for n, amount in enumerate(amounts):
        lines.append(_v2_row(
            cols, settlement_id="11772365841", transaction_type="Order",
            order_id=f"302-1234567-00000{n}", marketplace_name=["Amazon.de", "Amazon.fr"][n % 2],
            amount_type="ItemPrice" if descs[n % 4] == "Principal" else "ItemFees",
            amount_description=descs[n % 4], amount=amount, fulfillment_id="AFN",
            posted_date="03.03.2023", posted_date_time="03.03.2023 10:15:00 UTC",
            sku="00123", quantity_purchased="1"))
    return "\n".join(lines) + "\n"


def test_eu_23_column_settlement_with_decimal_comma(tmp_path):
    text = _eu_settlement(V2_23, "1141,18", ["1249,00", "-32,40", "-75,42", "0,00"])
    path = _write(tmp_path, "de.txt", text, "cp1252")
    result = get("amazon-settlement-v2").read(path)
    assert result.problems == []
    assert result.meta["locale"] == "de_DE" and result.meta["columns"] == 23
    (s,) = result.records
    assert s.total == Money.of("1141.18", "EUR")
    assert [ln.amount.amount for ln in s.lines] == [
        Decimal("1249.00"), Decimal("-32.40"), Decimal("-75.42"), Decimal("0.00")]
    assert s.lines[0].posted.utc == dt.datetime(2023, 3, 3, 10, 15, tzinfo=dt.UTC)
    assert s.lines[0].sku == "00123"  # leading zeros kept: ids stay text
    assert s.lines[1].amount.currency == "EUR"  # currency carried down from the summary row
    assert s.start.utc == dt.datetime(2023, 3, 1, 7, 49, 55, tzinfo=dt.UTC)
    assert s.lines[1].promotion_id == ""


def test_eu_24_column_settlement_reads_the_same(tmp_path):
    text = _eu_settlement(V2_24, "1141,18", ["1249,00", "-32,40", "-75,42", "0,00"])
    result = get("amazon-settlement-v2").read(_write(tmp_path, "de24.txt", text))
    assert result.problems == [] and result.meta["columns"] == 24
    assert result.records[0].reconciles


def test_unbalanced_settlement_reports_the_difference(tmp_path):
    text = _eu_settlement(V2_23, "1141,18", ["1249,00", "-32,40", "-75,40"])
    result = get("amazon-settlement-v2").read(_write(tmp_path, "bad.txt", text))
    (problem,) = result.problems
    assert problem.key == "orders.settlement_unbalanced"
    assert problem.params["difference"] == "-0.02 EUR"
    assert problem.params["lines_total"] == "1141.20 EUR"
    assert result.records[0].difference == Money.of("-0.02", "EUR")


def test_settlement_bad_amount_and_date_name_row_and_column(tmp_path):
    text = _eu_settlement(V2_23, "1141,18", ["1249,00", "-32,4x", "-75,42"])
    text = text.replace("03.03.2023 10:15:00 UTC", "31.02.2023 10:15:00 UTC", 1)
    result = get("amazon-settlement-v2").read(_write(tmp_path, "x.txt", text))
    keys = {(p.key, p.source.row, p.source.column, p.source.value) for p in result.problems}
    assert ("io.bad_date", 3, "posted-date-time", "31.02.2023 10:15:00 UTC") in keys
    assert ("money.not_a_number", 4, "amount", "-32,4x") in keys


def test_settlement_row_with_wrong_field_count_is_refused(tmp_path):
    text = _eu_settlement(V2_23, "1249,00", ["1249,00"]) + "11772365841\tOrder\n"
    result = get("amazon-settlement-v2").read(_write(tmp_path, "w.txt", text))
    (p,) = result.problems
    assert p.key == "orders.row_width" and p.source.row == 4
    assert p.params == {"found": 2, "expected": 23}


# -- Amazon date range ----------------------------------------------------------------------------
def test_us_date_range_sample():
    path = SAMPLES / "amazon-date-range-us.csv"
    reader, _ = detect(path)
    assert reader is not None and reader.name == "amazon-date-range"
    result = reader.read(path)
    assert result.problems == []
    assert result.meta["preamble_lines"] == 7 and result.meta["currency"] == "USD"
    orders = [r for r in result.records if isinstance(r, Order)]
    events = [r for r in result.records if isinstance(r, OrderEvent)]
    assert [o.order_id for o in orders] == [
        "113-4410968-2285031", "114-7720351-9046612", "111-5839201-6631842"]
    assert [o.product_sales.amount for o in orders] == [
        Decimal("39.99"), Decimal("59.98"), Decimal("29.99")]
    mug = orders[0]
    assert mug.lines[0].title == "Stainless Steel Travel Mug, 12 oz, Blue"
    assert mug.events[0].total == Money.of("28.59", "USD")
    assert mug.events[0].parts["selling_fees"] == Money.of("-6.00", "USD")
    # the PST/PDT switch inside the file: both kept as UTC instants with their text
    assert orders[2].when.utc == dt.datetime(2024, 3, 15, 2, 33, 18, tzinfo=dt.UTC)
    assert orders[2].when.text == "Mar 14, 2024 7:33:18 PM PDT"
    assert orders[2].status == "Deferred" and orders[2].fulfillment == "Merchant"
    transfer = events[0]
    assert transfer.kind is EventKind.TRANSFER and transfer.total == Money.of("-1052.64", "USD")
    assert [e.kind for e in events] == [
        EventKind.TRANSFER, EventKind.FEE, EventKind.ADJUSTMENT, EventKind.REFUND,
        EventKind.FEE, EventKind.FEE]
    assert events[3].order_id == "113-4410968-2285031"
    assert events[3].total == Money.of("-35.19", "USD")
    assert result.meta["total"] == {"USD": "-1109.57"}


DE_HEADER = (
    "Datum/Uhrzeit,Abrechnungsnummer,Typ,Bestellnummer,SKU,Beschreibung,Menge,Marketplace,"
    "Versand,Ort der Bestellung,Bundesland,Postleitzahl,Steuererhebungsmodell,Umsätze,"
    "Produktumsatzsteuer,Gutschrift für Versandkosten,Steuer auf Versandgutschrift,"
    "Gutschrift für Geschenkverpackung,Steuer auf Geschenkverpackungsgutschriften,"
    "Rabatte aus Werbeaktionen,Steuer auf Aktionsrabatte,Einbehaltene Steuer auf Marketplace,"
    "Verkaufsgebühren,Gebühren zu Versand durch Amazon,Andere Transaktionsgebühren,Andere,Gesamt"
)


def _q(*cells: str) -> str:
    return ",".join('"' + c.replace('"', '""') + '"' for c in cells)


def test_german_date_range_with_decimal_comma_and_short_preamble(tmp_path):
    rows = [
        _q("Alle Beträge in EUR, sofern nicht anders angegeben"),
        DE_HEADER,
        _q("01.07.2025 00:01:49 UTC", "1234567", "Bestellung", "305-1111111-2222222", "MUG-1",
           "Becher, blau", "2", "amazon.de", "Amazon", "Berlin", "", "10115", "",
           "1.249,00", "0", "0", "0", "0", "0", "-10,00", "0", "0", "-187,35", "-6,50", "0", "0",
           "1.045,15"),
        _q("02.07.2025 08:00:00 UTC", "1234567", "Erstattung", "305-1111111-2222222", "MUG-1",
           "Becher, blau", "1", "amazon.de", "Amazon", "", "", "", "",
           "-624,50", "0", "0", "0", "0", "0", "0", "0", "0", "74,94", "0", "0", "0", "-549,56"),
    ]
    path = _write(tmp_path, "de.csv", "\n".join(rows) + "\n")
    result = get("amazon-date-range").read(path)
    assert result.problems == []
    assert result.meta["locale"] == "de_DE" and result.meta["currency"] == "EUR"
    assert result.meta["preamble_lines"] == 1
    order, refund = result.records
    assert order.product_sales == Money.of("1249.00", "EUR")
    assert order.lines[0].quantity == 2 and order.buyer_country == "DE"
    assert order.events[0].total == Money.of("1045.15", "EUR")
    assert refund.kind is EventKind.REFUND and refund.type_text == "Erstattung"
    assert refund.total == Money.of("-549.56", "EUR")
    assert refund.when.utc == dt.datetime(2025, 7, 2, 8, 0, tzinfo=dt.UTC)


def test_uk_date_range_with_bom_sept_and_bst(tmp_path):
    header = ("date/time,settlement id,type,order id,sku,description,quantity,marketplace,"
              "fulfilment,order city,order state,order postal,tax collection model,product sales,"
              "product sales tax,postage credits,shipping credits tax,gift wrap credits,"
              "giftwrap credits tax,promotional rebates,promotional rebates tax,"
              "marketplace withheld tax,selling fees,fba fees,other transaction fees,other,total")
    rows = [
        _q("Includes Amazon Marketplace, Fulfilment by Amazon (FBA), and Amazon Webstore transactions"),
        _q("All amounts in GBP, unless specified"),
        header.upper(),  # headers match case-insensitively
        _q("1 Sept 2025 00:01:49 BST", "998877", "Order", "202-1234567-7654321", "LAMP-1",
           "Desk lamp", "1", "amazon.co.uk", "Amazon", "London", "", "N1", "",
           "1,019.99", "0", "2.99", "0", "0", "0", "0", "0", "0", "-153.00", "-4.20", "0", "0",
           "865.78"),
    ]
    path = _write(tmp_path, "uk.csv", "\ufeff" + "\r\n".join(rows) + "\r\n")
    result = get("amazon-date-range").read(path)
    assert result.problems == []
    assert result.meta["encoding"] == "utf-8-sig" and result.meta["currency"] == "GBP"
    (order,) = result.records
    assert order.when.utc == dt.datetime(2025, 8, 31, 23, 1, 49, tzinfo=dt.UTC)
    assert order.when.text == "1 Sept 2025 00:01:49 BST"
    assert order.product_sales == Money.of("1019.99", "GBP")
    assert order.events[0].parts["shipping_credits"] == Money.of("2.99", "GBP")


def test_japanese_date_range_shift_jis(tmp_path):
    header = ("日付/時間,決済番号,トランザクションの種類,注文番号,SKU,説明,数量,Amazon 出品サービス,"
              "フルフィルメント,市町村,都道府県,郵便番号,税金徴収型,商品売上,商品の売上税,配送料,"
              "配送料の税金,ギフト包装手数料,ギフト包装クレジットの税金,Amazonポイントの費用,"
              "プロモーション割引額,プロモーション割引の税金,源泉徴収税を伴うマーケットプレイス,手数料,"
              "FBA 手数料,トランザクションに関するその他の手数料,その他,合計")
    rows = [
        _q("すべての金額の通貨はJPYです"),
        header,
        _q("2025/07/01 0:01:49 JST", "555", "注文", "250-1234567-1234567", "MUG-1", "マグカップ",
           "1", "amazon.co.jp", "Amazon", "", "", "", "", "1,980", "0", "0", "0", "0", "0", "-20",
           "0", "0", "0", "-297", "-434", "0", "0", "1,229"),
        _q("2025/07/03 9:00:00 JST", "555", "返金", "250-1234567-1234567", "MUG-1", "マグカップ",
           "1", "amazon.co.jp", "Amazon", "", "", "", "", "-1,980", "0", "0", "0", "0", "0", "0",
           "0", "0", "0", "237", "0", "0", "0", "-1,743"),
    ]
    path = _write(tmp_path, "jp.csv", "\r\n".join(rows) + "\r\n", "shift_jis")
    result = get("amazon-date-range").read(path)
    assert result.problems == []
    assert result.meta["encoding"] == "shift_jis" and result.meta["currency"] == "JPY"
    order, refund = result.records
    assert order.product_sales == Money.of("1980", "JPY")
    assert order.events[0].parts["amazon_points"] == Money.of("-20", "JPY")
    assert order.when.utc == dt.datetime(2025, 6, 30, 15, 1, 49, tzinfo=dt.UTC)
    assert refund.kind is EventKind.REFUND and refund.total == Money.of("-1743", "JPY")


def test_date_range_bad_date_and_number_name_row_column_text(tmp_path):
    src = (SAMPLES / "amazon-date-range-us.csv").read_text("utf-8")
    src = src.replace('"Mar 2, 2024 10:22:41 AM PST"', '"Mar 32, 2024 10:22:41 AM PST"')
    src = src.replace('"59.98"', '"59,98"')
    result = get("amazon-date-range").read(_write(tmp_path, "bad.csv", src))
    found = {(p.key, p.source.row, p.source.column, p.source.value) for p in result.problems}
    assert found == {
        ("io.bad_date", 10, "date/time", "Mar 32, 2024 10:22:41 AM PST"),
        ("money.bad_grouping", 11, "product sales", "59,98"),
    }


# -- Shopee ---------------------------------------------------------------------------------------
def test_shopee_sample_orders():
    path = SAMPLES / "shopee-order-all-ph.xlsx"
    reader, _ = detect(path)
    assert reader is not None and reader.name == "shopee-orders"
    result = reader.read(path)
    assert result.problems == []
    a, cancelled, refunded = result.records
    assert a.order_id == "240302ABCD1234" and a.currency == "PHP" and a.marketplace == "shopee.ph"
    assert [(ln.sku, ln.quantity, ln.amount.amount) for ln in a.lines] == [
        ("MUG-350-BLU", 1, Decimal("599")), ("LAMP-USB-WHT", 2, Decimal("598"))]
    assert a.product_sales == Money.of("1197", "PHP")
    # order-level service fee repeated on both item rows is taken once
    assert [(e.kind, e.total.amount) for e in a.events] == [
        (EventKind.ORDER, Decimal("1197")), (EventKind.FEE, Decimal("-56.85"))]
    assert a.when.utc == dt.datetime(2024, 3, 2, 10, 22, tzinfo=dt.UTC)  # Manila time
    assert a.consignee_name == "Juan Dela Cruz" and a.tracking_no == "PH2403021234567"
    assert cancelled.status == "Cancelled"
    assert cancelled.product_sales == Money.of("3999", "PHP")  # "3,999" text price
    assert any(e.kind is EventKind.REFUND and e.status == "Refund Approved"
               for e in refunded.events)


@pytest.mark.parametrize("text,utc", [
    ("Mar 1, 2024 11:42:11 PM PST", dt.datetime(2024, 3, 2, 7, 42, 11, tzinfo=dt.UTC)),
    ("Mar 10, 2024 9:00:00 PM PDT", dt.datetime(2024, 3, 11, 4, 0, tzinfo=dt.UTC)),
    ("Jan 5, 2024 1:23:45 p.m. PST", dt.datetime(2024, 1, 5, 21, 23, 45, tzinfo=dt.UTC)),
    ("12 Sept 2025 12:00:00 am UTC", dt.datetime(2025, 9, 12, 0, 0, tzinfo=dt.UTC)),
    ("14.03.2023 07:49:55 UTC", dt.datetime(2023, 3, 14, 7, 49, 55, tzinfo=dt.UTC)),
])
def test_report_date_formats(text, utc):
    from seller_desk.io.report_dates import parse_stamp

    stamp = parse_stamp(text)
    assert stamp.utc == utc and stamp.text == text


def test_report_date_without_zone_is_not_guessed():
    from seller_desk.io.report_dates import DateError, parse_stamp

    with pytest.raises(DateError):
        parse_stamp("2024-03-02 18:22")


# -- eBay -----------------------------------------------------------------------------------------
EBAY_HEADER = ("Sales Record Number,Order Number,Buyer Username,Buyer Name,Ship To Name,"
               "Ship To Country,Item Number,Item Title,Custom Label,Quantity,Sold For,"
               "Shipping And Handling,Total Price,Sale Date,Tracking Number")


def test_ebay_summary_then_item_rows_blank_first_line_and_footer(tmp_path):
    lines = [
        ",,,,,,,,,,,,,,",
        EBAY_HEADER,
        ",,,,,,,,,,,,,,",
        '1001,12-34567-89012,jdoe,John Doe,John Doe,United States,2245,"Travel mug, blue",'
        'MUG-350-BLU,1,$43.00,$5.00,$48.00,Sep-04-26,9400100000000000000001',
        "1002,12-34567-89013,asmith,Ann Smith,Ann Smith,United States,,,,3,,$0.00,"
        '"$1,249.00",Sep-05-26,',
        '1002,12-34567-89013,,,,,2246,Desk lamp,LAMP-USB-WHT,2,"$1,000.00",,,Sep-05-26,',
        "1002,12-34567-89013,,,,,2247,Cable,CABLE-1,1,$249.00,,,Sep-05-26,",
        "2,record(s) downloaded,",
        "Seller ID : shenzhen_demo",
    ]
    path = _write(tmp_path, "ebay.csv", "\r\n".join(lines) + "\r\n")
    reader, _ = detect(path)
    assert reader is not None and reader.name == "ebay-orders"
    result = reader.read(path)
    assert result.problems == []
    single, multi = result.records
    assert single.order_id == "12-34567-89012" and single.buyer_country == "US"
    assert single.product_sales == Money.of("43.00", "USD")
    assert single.events[0].total == Money.of("48.00", "USD")
    assert single.when.utc == dt.datetime(2026, 9, 4, 7, 0, tzinfo=dt.UTC)  # Pacific midnight
    assert [(ln.sku, ln.quantity, ln.amount.amount) for ln in multi.lines] == [
        ("LAMP-USB-WHT", 2, Decimal("2000.00")), ("CABLE-1", 1, Decimal("249.00"))]
    assert multi.events[0].total == Money.of("1249.00", "USD")


def test_ebay_eu_money_in_cell(tmp_path):
    lines = [
        "",
        EBAY_HEADER,
        "5,10-1-1,x,X,X,Germany,1,Becher,MUG-1,2,\"EUR 90,00\",\"EUR 4,90\",\"EUR 184,90\","
        "26-May-26,",
    ]
    result = get("ebay-orders").read(_write(tmp_path, "ebay-de.csv", "\n".join(lines)),
                                     options={"time_zone": "Europe/Berlin"})
    assert result.problems == [] and result.meta["locale"] == "de_DE"
    (o,) = result.records
    assert o.product_sales == Money.of("180.00", "EUR") and o.buyer_country == "DE"
    assert o.when.utc == dt.datetime(2026, 5, 25, 22, 0, tzinfo=dt.UTC)


# -- TikTok Shop ----------------------------------------------------------------------------------
TT_HEADER = ("Order ID,Order Status,SKU ID,Seller SKU,Product Name,Variation,Quantity,"
             "SKU Unit Original Price,SKU Subtotal After Discount,Order Amount,"
             "Order Refund Amount,Created Time,Fulfillment Type,Tracking ID,Recipient,Country")
TT_DESC = ("Platform unique order ID.,Current order status,Platform SKU ID,Seller SKU input,"
           "Platform product name,SKU variation,SKU sold quantity,,,,,Order created time,,"
           "The order's tracking number.,,")


def test_tiktok_description_row_ids_and_repeated_order_money(tmp_path):
    lines = [
        TT_HEADER, TT_DESC,
        "576912345678901234.0,Completed,1729,MUG-350-BLU,Travel Mug,Blue,2,$25.00,$45.00,"
        '"$1,067.25",$0.00,12/15/2025 9:30:33 AM,Fulfillment by seller,TT1,Jane Roe,United States',
        '576912345678901234,Completed,1730,LAMP-USB-WHT,Desk Lamp,\t,1,"$1,022.25","1,022.25",'
        '"$1,067.25",$0.00,12/15/2025 9:30:33 AM,Fulfillment by seller,TT1,Jane Roe,United States',
        "576912345678905678,Canceled,1729,MUG-350-BLU,Travel Mug,Blue,1,$25.00,$25.00,$27.00,"
        "$27.00,12/16/2025 11:00:00 PM,Fulfillment by seller,,Bob,United States",
    ]
    path = _write(tmp_path, "tiktok.csv", "\n".join(lines) + "\n")
    reader, _ = detect(path)
    assert reader is not None and reader.name == "tiktok-orders"
    result = reader.read(path)
    assert result.problems == []
    a, cancelled = result.records
    assert a.order_id == "576912345678901234"  # 18-digit id kept as text, ".0" removed
    assert [(ln.sku, ln.quantity, ln.amount.amount) for ln in a.lines] == [
        ("MUG-350-BLU", 2, Decimal("45.00")), ("LAMP-USB-WHT", 1, Decimal("1022.25"))]
    assert a.lines[1].title == "Desk Lamp"  # a tab-only variation cell is empty
    assert [(e.kind, e.total.amount) for e in a.events] == [(EventKind.ORDER, Decimal("1067.25"))]
    assert a.when.utc == dt.datetime(2025, 12, 15, 17, 30, 33, tzinfo=dt.UTC)
    assert cancelled.status == "Canceled"
    assert [(e.kind, e.total.amount) for e in cancelled.events] == [
        (EventKind.ORDER, Decimal("27.00")), (EventKind.REFUND, Decimal("-27.00"))]


def test_tiktok_bad_quantity_names_the_cell(tmp_path):
    lines = [TT_HEADER, TT_DESC,
             "576912345678901234,Completed,1,MUG,Mug,,two,$1.00,$1.00,$1.00,,12/15/2025 9:30:33 AM,"
             ",,,United States"]
    result = get("tiktok-orders").read(_write(tmp_path, "t.csv", "\n".join(lines)))
    (p,) = result.problems
    assert (p.key, p.source.row, p.source.column, p.source.value) == (
        "orders.bad_quantity", 3, "Quantity", "two")


# -- the generic mapped import ----------------------------------------------------------------------
def test_generic_mapped_import_with_a_sidecar_mapping(tmp_path):
    import json

    lines = ["导出时间,2026-03-01", "",
             "订单号,下单时间,商品编码,商品名称,数量,商品金额,币种,订单状态,收货国家",
             "8190001234567890.0,2026/03/01 10:00:00,MUG-350-BLU,保温杯,2,\"US $1,039.80\",USD,已完成,United States",
             "8190001234567890,2026/03/01 10:00:00,CABLE-C-1M,数据线,1,9.99,USD,已完成,United States",
             "8190009999,2026/03/02 11:30:00,MUG-350-BLU,保温杯,1,5x,USD,已完成,France"]
    path = _write(tmp_path, "ali.csv", "\n".join(lines) + "\n", "gb18030")
    mapping = {"marketplace": "aliexpress", "time_zone": "Asia/Shanghai",
               "columns": {"order_id": "订单号", "date": "下单时间", "sku": "商品编码",
                           "title": "商品名称", "quantity": "数量", "amount": "商品金额",
                           "currency": "币种", "status": "订单状态", "country": "收货国家"}}
    (tmp_path / "ali.csv.mapping.json").write_text(json.dumps(mapping, ensure_ascii=False), "utf-8")
    reader, _ = detect(path)
    assert reader is not None and reader.name == "generic-orders"
    result = reader.read(path)
    (p,) = result.problems
    assert (p.key, p.source.row, p.source.column, p.source.value) == (
        "money.not_a_number", 6, "商品金额", "5x")
    (order,) = result.records
    assert order.order_id == "8190001234567890" and order.buyer_country == "US"
    assert [(ln.sku, ln.quantity, ln.amount) for ln in order.lines] == [
        ("MUG-350-BLU", 2, Money.of("1039.80", "USD")), ("CABLE-C-1M", 1, Money.of("9.99", "USD"))]
    assert order.when.utc == dt.datetime(2026, 3, 1, 2, 0, tzinfo=dt.UTC)  # China time
    assert order.events[0].total == Money.of("1049.79", "USD")


def test_generic_mapping_must_name_the_required_fields(tmp_path):
    path = _write(tmp_path, "x.csv", "a,b\n1,2\n")
    result = get("generic-orders").read(path, options={"mapping": {"columns": {"order_id": "a"}}})
    assert [p.params["field"] for p in result.problems] == ["date", "sku", "quantity", "amount"]
    assert detect(path)[0] is None  # without a mapping no reader claims the file


# French, Italian and Spanish headers (report-formats.md §2); the date texts are in each
# language's short month style, which the research could not confirm for these sites.
ROMANCE = {
    "fr": (["date/heure", "numéro de versement", "type", "numéro de la commande", "sku",
            "description", "quantité", "Marketplace", "traitement", "ventes de produits",
            "frais de vente", "Frais Expédié par Amazon", "autre", "total"],
           "1 juil. 2025 00:01:49 UTC", "Commande", "Remboursement", "amazon.fr",
           ["1\u202f249,00", "-187,35", "-6,50", "0", "1\u202f055,15"]),
    "it": (["Data/Ora:", "Numero pagamento", "Tipo", "Numero ordine", "SKU", "Descrizione",
            "Quantità", "Marketplace", "Gestione", "Vendite", "Commissioni di vendita",
            "Costi del servizio Logistica di Amazon", "Altro", "totale"],
           "1 lug 2025 00:01:49 UTC", "Ordine", "Rimborso", "amazon.it",
           ["1.249,00", "-187,35", "-6,50", "0", "1.055,15"]),
    "es": (["fecha y hora", "identificador de pago", "tipo", "número de pedido", "sku",
            "descripción", "cantidad", "web de Amazon", "gestión logística",
            "ventas de productos", "tarifas de venta", "tarifas de Logística de Amazon", "otro",
            "total"],
           "1 jul 2025 00:01:49 UTC", "Pedido", "Reembolso", "amazon.es",
           ["1.249,00", "-187,35", "-6,50", "0", "1.055,15"]),
}


@pytest.mark.parametrize("lang", sorted(ROMANCE))
def test_romance_language_date_range_headers(tmp_path, lang):
    header, date, order_word, refund_word, market, money = ROMANCE[lang]
    rows = [
        _q("preamble"),
        _q(*header),
        _q(date, "777", order_word, "403-1234567-7654321", "MUG-1", "Tasse", "2", market,
           "Amazon", *money),
        _q(date, "777", refund_word, "403-1234567-7654321", "MUG-1", "Tasse", "1", market,
           "Amazon", "-624,50", "74,94", "0", "0", "-549,56"),
    ]
    result = get("amazon-date-range").read(_write(tmp_path, f"{lang}.csv", "\n".join(rows)))
    assert result.problems == []
    assert result.meta["currency"] == "EUR"
    assert result.meta["locale"] == ("fr_FR" if lang == "fr" else "de_DE")
    order, refund = result.records
    assert order.product_sales == Money.of("1249.00", "EUR") and order.buyer_country == market[-2:].upper()
    assert order.events[0].total == Money.of("1055.15", "EUR")
    assert order.events[0].parts["fba_fees"] == Money.of("-6.50", "EUR")
    assert order.when.utc == dt.datetime(2025, 7, 1, 0, 1, 49, tzinfo=dt.UTC)
    assert refund.kind is EventKind.REFUND and refund.total == Money.of("-549.56", "EUR")


def test_two_settlements_in_one_file_each_carry_their_own_summary(tmp_path):
    first = _eu_settlement(V2_24, "1141,18", ["1249,00", "-32,40", "-75,42"])
    second = _eu_settlement(V2_24, "-10,00", ["-10,00"]).replace("11772365841", "11772365842")
    text = first + "\n".join(second.splitlines()[1:]) + "\n"  # one header
    result = get("amazon-settlement-v2").read(_write(tmp_path, "two.txt", text))
    assert result.problems == []
    a, b = result.records
    assert (a.settlement_id, len(a.lines), a.reconciles) == ("11772365841", 3, True)
    assert (b.settlement_id, len(b.lines), b.total) == ("11772365842", 1, Money.of("-10", "EUR"))
    assert b.lines[0].row == 7  # rows keep counting through the file (its summary is row 6)


@pytest.mark.parametrize("stage", [False, True])
def test_date_range_number_convention_decided_by_the_whole_file(tmp_path, monkeypatch, stage):
    """The convention is decided from the first rows, counted over all: when the rest of the
    file says otherwise, the file is read again as the whole says (here the first rows'
    ``10.50`` is then a bad grouping, as reading the whole file first would have said), and
    no problem is given twice."""
    from seller_desk.io.readers import amazon_date_range

    monkeypatch.setattr(amazon_date_range, "LOCALE_SAMPLE", 2)
    row = lambda day, total: _q(  # noqa: E731
        f"0{day}.07.2025 00:01:49 UTC", "1", "Erstattung", f"305-{day}", "MUG-1", "Becher", "1",
        "amazon.de", "Amazon", "", "", "", "", total, "0", "0", "0", "0", "0", "0", "0", "0",
        "0", "0", "0", "0", total)
    rows = [DE_HEADER, row(1, "10.50"), row(2, "10.50"),
            *(row(d, "-624,50") for d in range(3, 8))]
    path = _write(tmp_path, "de.csv", "\n".join(rows) + "\n")
    result = get("amazon-date-range").read(path, options={"stage": stage})
    assert result.meta["locale"] == "de_DE"
    assert [(p.key, p.source.row) for p in result.problems] == [
        ("money.bad_grouping", 2), ("money.bad_grouping", 2),
        ("money.bad_grouping", 3), ("money.bad_grouping", 3)]
    assert [e.total for e in result.records] == [Money.of("-624.50", "EUR")] * 5


def test_amazon_us_stamps_read_quickly_exactly_as_the_general_way():
    from seller_desk.io import report_dates
    from seller_desk.io.report_dates import DateError, parse_stamp

    texts = ["Mar 1, 2024 11:42:11 PM PST", "Mar 10, 2024 12:00:00 AM PDT",
             "Dec 31, 2024 12:59:59 PM UTC", "Sept 3, 2025 1:02:03 AM BST",
             "Feb 30, 2024 1:00:00 AM PST", "Feb 29, 2024 13:00:00 PM PST",
             "Mar 1, 2024 1:60:00 AM PST", "Mar 1 2024 1:00:00 AM PST", "Xyz 1, 2024 1:00:00 AM PST",
             "Mar 1, 2024 1:00:00 am PST", "Mar 1, 2024 1:00:00 AM QQQ", "Mar  1, 2024 1:00 AM PST"]

    def read(text: str, quick: bool) -> object:
        saved = report_dates._amazon_us
        if not quick:
            report_dates._amazon_us = lambda t: None
        try:
            s = parse_stamp(text)
            return (s.utc, s.utc.tzinfo, s.text)
        except DateError as exc:
            return str(exc)
        finally:
            report_dates._amazon_us = saved

    for text in texts * 2:  # the second time from the caches
        assert read(text, True) == read(text, False), text
    assert report_dates._amazon_us("Mar 1, 2024 11:42:11 PM PST") is not None


def test_record_guard_quick_checks_give_what_the_general_walk_gives():
    from seller_desk.core.orders import OrderLine, Stamp
    from seller_desk.io import cells

    def money(text: str) -> Money:  # past Money's own checks, as a hostile record could be
        m = object.__new__(Money)
        object.__setattr__(m, "amount", Decimal(text))
        object.__setattr__(m, "currency", "USD")
        return m

    when = Stamp(dt.datetime(2024, 1, 1, tzinfo=dt.UTC), "x")
    records = [
        OrderLine(sku="a", title="t", quantity=10**10, amount=money("1e12"), row=4),
        OrderLine(sku="a", title="t", quantity=1, amount=money("0.00001")),
        OrderEvent(kind=EventKind.FEE, marketplace="m", order_id="", when=when, description="",
                   total=money("99999999999"), parts={"fee": money("1.5"), "x": money("NaN")},
                   quantity=-10**12, row=7),
        Order(marketplace="m", order_id="o", currency="USD", when=when),
    ]
    for rec in records:
        quick = cells._QUICK[type(rec)](rec)
        assert quick is not None and quick == cells._record_problems(rec, None, "")
    assert [len(cells._QUICK[type(r)](r)) for r in records] == [2, 1, 3, 0]
