"""Re-importing Amazon All Listings: a listing found by its external id (ASIN) takes the file's
renamed MSKU only when that is unambiguous; overlapping listings (one ASIN, several MSKUs) stay
apart and a re-import changes nothing (a fuzz finding, issue 15)."""

from __future__ import annotations

from pathlib import Path

from seller_desk.services.products import ProductQuery

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
AMAZON = SHARED / "samples" / "amazon-all-listings-en.txt"


def _file(tmp_path: Path, name: str, rows: list[tuple[str, str]]) -> Path:
    """The sample's header and first row, one line per (MSKU, ASIN)."""
    lines = AMAZON.read_text(encoding="utf-8").splitlines()
    header, template = lines[0].split("\t"), lines[1].split("\t")
    msku, asin = header.index("seller-sku"), header.index("asin1")
    out = [lines[0]]
    for sku, ext in rows:
        row = list(template)
        row[msku], row[asin] = sku, ext
        out.append("\t".join(row))
    path = tmp_path / name
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def _listings(desk) -> list[tuple[str, str | None]]:
    return sorted((r.msku, r.external_id or None)
                  for r in desk.products.query_listings(ProductQuery(sort="msku")))


def _twice(desk, path: Path) -> None:
    """Import, then check that importing the same file again changes nothing."""
    desk.imports.import_file(path)
    before = _listings(desk)
    again = desk.imports.import_file(path)
    assert (again.imported, again.updated) == (0, 0), again.to_json()
    assert _listings(desk) == before


def test_a_renamed_msku_follows_its_asin_when_unambiguous(desk, tmp_path):
    desk.imports.import_file(_file(tmp_path, "a.txt", [("MUG-OLD", "B0C1K2M3N4")]))
    report = desk.imports.import_file(_file(tmp_path, "b.txt", [("MUG-NEW", "B0C1K2M3N4")]))
    assert (report.imported, report.updated) == (0, 1)
    assert _listings(desk) == [("MUG-NEW", "B0C1K2M3N4")]


def test_two_rows_of_one_asin_in_a_fresh_import_are_two_listings(desk, tmp_path):
    path = _file(tmp_path, "a.txt", [("MUG-A", "B0C1K2M3N4"), ("MUG-B", "B0C1K2M3N4")])
    report = desk.imports.import_file(path)
    assert report.imported == 2
    assert _listings(desk) == [("MUG-A", "B0C1K2M3N4"), ("MUG-B", "B0C1K2M3N4")]
    _twice(desk, path)


def test_a_new_msku_beside_the_old_one_is_a_new_listing(desk, tmp_path):
    desk.imports.import_file(_file(tmp_path, "a.txt", [("MUG-A", "B0C1K2M3N4")]))
    path = _file(tmp_path, "b.txt", [("MUG-B", "B0C1K2M3N4"), ("MUG-A", "B0C1K2M3N4")])
    report = desk.imports.import_file(path)
    assert (report.imported, report.updated) == (1, 0)
    assert _listings(desk) == [("MUG-A", "B0C1K2M3N4"), ("MUG-B", "B0C1K2M3N4")]
    _twice(desk, path)


def test_an_asin_shared_by_two_listings_renames_neither(desk, tmp_path):
    desk.imports.import_file(_file(tmp_path, "a.txt", [("MUG-A", "B0C1K2M3N4"),
                                                       ("MUG-B", "B0C1K2M3N4")]))
    path = _file(tmp_path, "b.txt", [("MUG-C", "B0C1K2M3N4")])
    report = desk.imports.import_file(path)
    assert (report.imported, report.updated) == (1, 0)
    assert _listings(desk) == [("MUG-A", "B0C1K2M3N4"), ("MUG-B", "B0C1K2M3N4"),
                               ("MUG-C", "B0C1K2M3N4")]
    _twice(desk, path)


def test_two_new_mskus_of_one_asin_do_not_both_claim_the_old_listing(desk, tmp_path):
    desk.imports.import_file(_file(tmp_path, "a.txt", [("MUG-A", "B0C1K2M3N4")]))
    path = _file(tmp_path, "b.txt", [("MUG-C", "B0C1K2M3N4"), ("MUG-D", "B0C1K2M3N4")])
    report = desk.imports.import_file(path)
    assert report.imported == 2
    assert _listings(desk) == [("MUG-A", "B0C1K2M3N4"), ("MUG-C", "B0C1K2M3N4"),
                               ("MUG-D", "B0C1K2M3N4")]
    _twice(desk, path)


def test_a_rename_then_the_old_msku_with_another_asin(desk, tmp_path):
    desk.imports.import_file(_file(tmp_path, "a.txt", [("MUG-A", "B0C1K2M3N4")]))
    path = _file(tmp_path, "b.txt", [("MUG-C", "B0C1K2M3N4"), ("MUG-A", "B0ZZZZZZZZ")])
    desk.imports.import_file(path)
    assert _listings(desk) == [("MUG-A", "B0ZZZZZZZZ"), ("MUG-C", "B0C1K2M3N4")]
    _twice(desk, path)
