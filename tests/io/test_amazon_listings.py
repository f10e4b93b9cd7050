from __future__ import annotations

from pathlib import Path

import pytest

from seller_desk.core.money import Money
from seller_desk.io.readers import detect, get
from seller_desk.io.tabular import Columns
from seller_desk.messages import describe

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLE_EN = SHARED / "samples" / "amazon-all-listings-en.txt"

#: The Chinese report-language header, exactly as ../shared/research/report-formats.md §3.2.
ZH_HEADER = [
    "商品名称", "商品描述", "商品编码", "卖家 SKU", "价格", "数量", "开售日期", "不适用项目",
    "是否为商城中的商品", "商品编码类型", "不适用项目", "商品备注", "商品状况", "不适用项目",
    "不适用项目", "不适用项目", "ASIN1", "不适用项目", "不适用项目", "国际配送", "加急配送",
    "不适用项目", "商品编码", "不适用项目", "添加-删除", "等待购买数量", "配送渠道", "企业商品价格",
    "数量折扣价格类型", "数量下限 1", "数量折扣价格 1", "数量下限 2", "数量折扣价格 2",
    "数量下限 3", "数量折扣价格 3", "数量下限 4", "数量折扣价格 4", "数量下限 5",
    "数量折扣价格 5", "卖家配送组",
]


def zh_row(**cells: str) -> list[str]:
    row = [""] * len(ZH_HEADER)
    index = {"title": 0, "desc": 1, "listing_id": 2, "sku": 3, "price": 4, "qty": 5, "date": 6,
             "id_type": 9, "condition": 12, "asin": 16, "product_id": 22, "channel": 26,
             "group": 39}
    for k, v in cells.items():
        row[index[k]] = v
    return row


def write_zh(path: Path, encoding: str) -> Path:
    rows = [
        ZH_HEADER,
        # The first data row is shorter than the header, as in the real file.
        zh_row(title="不锈钢保温杯 350ml 蓝色", desc="双层真空<br>保温6小时", listing_id="0415Z7MUG01",
               sku="MUG-350-BLU", price="12.99", qty="25", date="15/04/2020 15:15:46 BST",
               id_type="1", condition="11", asin="B0C1K2M3N4", product_id="B0C1K2M3N4",
               channel="DEFAULT")[:27],
        zh_row(title="USB 台灯 迷你 5W", listing_id="0415Z7LMP02", sku="LAMP-USB-WHT",
               price="1,249.00", date="16/04/2020 09:01:02 BST", id_type="4", condition="11",
               asin="B0C5T6Y7U8", product_id="6971234567895", channel="AMAZON_EU",
               group="Migrated Template"),
    ]
    text = "\r\n".join("\t".join(r) for r in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def test_english_sample_exact():
    reader, _tried = detect(SAMPLE_EN)
    assert reader is not None and reader.name == "amazon-all-listings"
    result = reader.read(SAMPLE_EN)
    assert result.problems == []
    assert result.meta["marketplace"] == "US"  # from "PST"
    assert result.meta["encoding"] == "utf-8"
    got = [(r.row, r.listing.msku, r.listing.external_id, r.listing.price, r.listing.quantity,
            r.listing.status, r.listing.fulfilment, r.listing.store) for r in result.records]
    assert got == [
        (2, "MUG-350-BLU", "B0C1K2M3N4", Money.of("39.99", "USD"), None, "active", "fba", "Amazon US"),
        (3, "LAMP-USB-WHT", "B0C5T6Y7U8", Money.of("29.99", "USD"), 12, "active", "merchant", "Amazon US"),
        (4, "TENT-4P-GRN", "B09Q8W7E6R", None, 0, "inactive", "merchant", "Amazon US"),
    ]
    assert result.records[0].listing.title == "Stainless Steel Travel Mug, 12 oz, Blue"
    assert result.records[1].extra == {
        "listing_id": "0302Z7LMP02", "product_id": "6971234567890", "product_id_type": "4",
        "open_date": "2024-03-14 19:33:18 PDT"}
    assert "status" in result.records[0].fields


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_chinese_header_every_encoding(tmp_path, encoding):
    path = write_zh(tmp_path / "listings-zh.txt", encoding)
    reader, _ = detect(path)
    assert reader is not None and reader.name == "amazon-all-listings"
    result = reader.read(path)
    assert [p.key for p in result.problems] == []
    assert result.meta["language"] == "zh"
    assert result.meta["marketplace"] == "UK"  # from "BST"
    assert result.meta["encoding"] == {"gbk": "gb18030"}.get(encoding, encoding)
    first, second = result.records
    assert first.listing.title == "不锈钢保温杯 350ml 蓝色"
    assert (first.listing.msku, first.listing.price, first.listing.quantity) == (
        "MUG-350-BLU", Money.of("12.99", "GBP"), 25)
    assert "status" not in first.fields  # the Chinese layout has no status column
    # 商品编码 twice: the first is the listing id, the second the product id.
    assert second.extra["listing_id"] == "0415Z7LMP02"
    assert second.extra["product_id"] == "6971234567895"
    assert second.listing.price == Money.of("1249.00", "GBP")
    assert second.listing.fulfilment == "fba"
    # Every one of the 40 columns is kept, the nine 不适用项目 included.
    assert len(result.meta["header"]) == 40
    as_dict = Columns.from_header(result.meta["header"]).as_dict(result.meta["rows"][3])
    assert len(as_dict) == 40
    assert "不适用项目#9" in as_dict and as_dict["商品编码#2"] == "6971234567895"
    assert as_dict["卖家配送组"] == "Migrated Template"


def test_cp1252_german_file_with_decimal_commas(tmp_path):
    header = SAMPLE_EN.read_text("utf-8").splitlines()[0].split("\t")
    idx = {h: i for i, h in enumerate(header)}

    def row(**cells):
        r = [""] * len(header)
        for k, v in cells.items():
            r[idx[k]] = v
        return "\t".join(r)

    text = "\n".join([
        "\t".join(header),
        row(**{"item-name": "Thermobecher Edelstahl, 350 ml – grün", "seller-sku": "MUG-350-GRN",
               "price": "12,99", "quantity": "4", "asin1": "B0C1K2M3N9",
               "fulfillment-channel": "AMAZON_EU", "status": "Active"}),
        row(**{"item-name": "Schreibtischlampe für Büro", "seller-sku": "LAMP-DE",
               "price": "1.249,00", "asin1": "B0C5T6Y7U9", "fulfillment-channel": "DEFAULT",
               "status": "Inactive"}),
    ]) + "\n"
    path = tmp_path / "listings-de.txt"
    path.write_bytes(text.encode("cp1252"))
    result = get("amazon-all-listings").read(path, options={"marketplace": "DE"})
    assert result.problems == []
    assert result.meta["encoding"] == "cp1252" and result.meta["locale"] == "de_DE"
    assert [(r.listing.title, r.listing.price) for r in result.records] == [
        ("Thermobecher Edelstahl, 350 ml – grün", Money.of("12.99", "EUR")),
        ("Schreibtischlampe für Büro", Money.of("1249.00", "EUR")),
    ]
    assert result.records[1].listing.status == "inactive"


def test_guessed_marketplace_is_a_warning(tmp_path):
    lines = SAMPLE_EN.read_text("utf-8").splitlines()
    header = lines[0].split("\t")
    row = lines[2].split("\t")
    row[header.index("open-date")] = "2024-03-14 19:33:18"
    path = tmp_path / "l.txt"
    path.write_text("\n".join([lines[0], "\t".join(row)]) + "\n", "utf-8")
    result = get("amazon-all-listings").read(path)
    assert [(p.key, p.severity) for p in result.problems] == [
        ("products.import.marketplace_guessed", "warning")]
    assert result.ok and result.records[0].listing.store == "Amazon US"


def test_bad_rows_are_placed(tmp_path):
    lines = SAMPLE_EN.read_text("utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [r.split("\t") for r in lines[1:]]
    rows[0][header.index("price")] = "39.9x"
    rows[1][header.index("seller-sku")] = "MUG-350-BLU"  # duplicate of row 2
    rows[2][header.index("quantity")] = "1.5"
    text = "\n".join(["\t".join(header)] + ["\t".join(r) for r in rows]) + "\n"
    path = tmp_path / "bad.txt"
    path.write_text(text, "utf-8")
    result = get("amazon-all-listings").read(path)
    assert [(p.key, p.source.row, p.source.column, p.source.value) for p in result.problems] == [
        ("money.not_a_number", 2, "price", "39.9x"),
        ("products.not_a_quantity", 4, "quantity", "1.5"),
        ("products.import.duplicate_msku", 3, "seller-sku", None),
    ]
    assert describe(result.problems[0]) == 'bad.txt, row 2, column "price": "39.9x" is not a number.'
    assert not result.ok


def test_truncated_file(tmp_path):
    data = SAMPLE_EN.read_bytes()
    cut = data[: data.index(b"Family Tent") + 30]  # cut inside the last row
    path = tmp_path / "cut.txt"
    path.write_bytes(cut)
    result = get("amazon-all-listings").read(path)
    assert [(p.key, p.source.row, p.params["expected"]) for p in result.problems] == [
        ("products.import.truncated", 4, 29)]


def test_unknown_format_says_what_was_tried(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("a\tb\tc\n1\t2\t3\n", "utf-8")
    reader, tried = detect(path)
    assert reader is None
    assert ("amazon-all-listings",
            "no All Listings header (item-name, seller-sku, asin1 / 商品名称, 卖家 SKU, ASIN1)") in tried


def test_excel_unicode_text_save_is_utf16(tmp_path):
    """Excel's "Unicode text" save of the Chinese report: UTF-16 with a BOM, tab-separated."""
    path = write_zh(tmp_path / "listings-utf16.txt", "utf-16")
    assert path.read_bytes()[:2] == b"\xff\xfe"
    result = get("amazon-all-listings").read(path)
    assert result.meta["encoding"] == "utf-16"
    assert [r.listing.msku for r in result.records] == ["MUG-350-BLU", "LAMP-USB-WHT"]


def test_shift_jis_titles(tmp_path):
    """An Amazon JP file with English headers and Japanese titles, in Shift_JIS."""
    header = SAMPLE_EN.read_text("utf-8").splitlines()[0].split("\t")
    row = [""] * len(header)
    for k, v in {"item-name": "ステンレス製タンブラー 350ml ブルー", "seller-sku": "MUG-JP",
                 "price": "2,980", "asin1": "B0C1K2M3J1", "fulfillment-channel": "AMAZON_FE",
                 "status": "Active", "open-date": "2024/03/02 10:22:41 JST"}.items():
        row[header.index(k)] = v
    path = tmp_path / "jp.txt"
    path.write_bytes(("\t".join(header) + "\r\n" + "\t".join(row) + "\r\n").encode("shift_jis"))
    result = get("amazon-all-listings").read(path)
    assert result.problems == []
    assert (result.meta["encoding"], result.meta["marketplace"]) == ("shift_jis", "JP")
    listing = result.records[0].listing
    assert (listing.title, listing.price, listing.fulfilment) == (
        "ステンレス製タンブラー 350ml ブルー", Money.of("2980", "JPY"), "fba")


def test_a_big_file_settled_early_is_still_read_whole(tmp_path, monkeypatch):
    """A big report (read as a stream) whose first row settles the marketplace (its time
    zone) and the number convention (a price like 12.99) is not read to its end before its
    rows are: the same records and problems, the progress rising to 1.0 (never past it)."""
    monkeypatch.setattr("seller_desk.io.tabular.STREAM_BYTES", 1)
    lines = SAMPLE_EN.read_text("utf-8").splitlines()
    header = lines[0].split("\t")
    col = {h: k for k, h in enumerate(header)}
    rows = []
    for i in range(450):
        row = lines[1].split("\t")
        row[col["seller-sku"]] = f"SKU-{i:04d}"
        row[col["price"]] = "12.99" if i == 0 else f"{1000 + i},50" if i == 300 else f"{i}.25"
        row[col["open-date"]] = "2024-03-14 19:33:18 PDT" if i == 0 else "2024-03-14 19:33:18"
        rows.append("\t".join(row))
    path = tmp_path / "big.txt"
    path.write_text("\n".join([lines[0], *rows[:200], "", *rows[200:]]) + "\n", "utf-8")
    seen: list[tuple[float, str]] = []
    result = get("amazon-all-listings").read(path, progress=lambda f, t: seen.append((f, t)))
    assert result.meta["marketplace"] == "US" and result.meta["locale"] is None
    assert [(p.key, p.source.row) for p in result.problems] == [("money.bad_grouping", 303)]
    assert len(list(result.records)) == 449
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and max(fractions) == 1.0 and seen[-1] == (1.0, "450/450")
    # a convention the first rows do not settle is still decided on every price
    path.write_text("\n".join([lines[0], *[r.replace("\t12.99\t", "\t12,99\t") for r in rows]])
                    + "\n", "utf-8")
    assert get("amazon-all-listings").read(path).meta["locale"] is None
