"""What a products import tells the views, and the list hits it keeps, however many rows it
writes: up to Changes.LISTED products (listings) its ``Changes`` lists their ids; past that it
names the entity alone (the views reload it whole) instead of a million ids, and the ids it
keeps to recompute the list hits are kept compactly (:class:`_Ids`), each once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from seller_desk.core.changes import Changes
from seller_desk.core.products import ListEntry
from seller_desk.services.products import _Ids
from seller_desk.store.models.catalog import Product
from seller_desk.store.models.products import Listing, ProductListHit
from tests.services.test_products_import_digest import _listings_txt


def _import(desk: Any, path: Any) -> tuple[Any, Changes]:
    """The import's report and the one ``Changes`` it emitted."""
    seen: list[Changes] = []
    stop = desk.subscribe(seen.append)
    try:
        report = desk.imports.import_file(path)
    finally:
        stop()
    assert report.written, report.problems[:3]
    assert len(seen) == 1, seen
    return report, seen[0]


def _ids(desk: Any, column: Any) -> set[str]:
    with desk.read() as s:
        return {str(i) for i in s.scalars(select(column))}


def _hits(desk: Any) -> list[tuple[int, str, str]]:
    with desk.read() as s:
        return list(s.execute(select(ProductListHit.product_id, ProductListHit.kind,
                                     ProductListHit.matched)
                          .order_by(ProductListHit.product_id, ProductListHit.kind)))


def _tents(desk: Any) -> list[tuple[int, str, str]]:
    """The hits the "tent" keyword should give: the products named after a tent."""
    with desk.read() as s:
        return [(pid, "prohibited-mail", "tent") for pid, name in s.execute(
            select(Product.id, Product.name_en).order_by(Product.id)) if "Tent" in name]


def test_up_to_the_limit_the_change_lists_the_ids_written(desk, tmp_path, monkeypatch):
    monkeypatch.setattr("seller_desk.services.products.CHUNK", 40)
    report, changes = _import(desk, _listings_txt(tmp_path / "l.txt", 120))
    assert (report.imported, report.extra["products_created"]) == (120, 120)
    assert changes.ids["product"] == _ids(desk, Product.id) and len(changes.ids["product"]) == 120
    assert changes.ids["listing"] == _ids(desk, Listing.id) and len(changes.ids["listing"]) == 120
    # a re-import with changes: the listings it changed or added, the products it created
    before = _ids(desk, Listing.id)
    report, changes = _import(desk, _listings_txt(tmp_path / "l2.txt", 120, changed=True))
    with desk.read() as s:
        written = {str(i) for i, version in s.execute(select(Listing.id, Listing.version))
                   if version > 1 or str(i) not in before}
        created = {str(i) for i in s.scalars(select(Product.id).where(Product.id > 120))}
    assert changes.ids["listing"] == written
    assert len(written) == report.imported + report.updated and report.updated > 20
    assert changes.ids["product"] == created and len(created) == report.extra["products_created"]


def test_past_the_limit_the_change_names_the_entities_and_the_hits_are_kept(
        desk, tmp_path, monkeypatch):
    monkeypatch.setattr("seller_desk.services.products.CHUNK", 40)
    monkeypatch.setattr("seller_desk.core.changes.Changes.LISTED", 100)
    desk.products.save_list_entry(ListEntry(kind="prohibited-mail", reason="no tents",
                                            keyword="tent"))
    report, changes = _import(desk, _listings_txt(tmp_path / "l.txt", 150))
    assert (report.imported, report.extra["products_created"]) == (150, 150)
    # the entities, no ids: every view of them reloads
    assert changes.ids == {"product": frozenset(), "listing": frozenset()}
    # every product the import created had its hits checked
    hits = _hits(desk)
    assert hits == _tents(desk) and len(hits) > 10
    desk.products.recompute_hits()
    assert _hits(desk) == hits
    # a re-import changing stored listings and adding 120 "New item #…" (and their products)
    desk.products.save_list_entry(ListEntry(kind="licence-required", reason="items",
                                            keyword="item"))
    report, changes = _import(desk, _listings_txt(tmp_path / "l2.txt", 150, changed=True))
    assert report.imported + report.updated > 100 and report.extra["products_created"] == 120
    assert changes.ids == {"product": frozenset(), "listing": frozenset()}
    after = _hits(desk)
    assert [h for h in after if h[1] == "prohibited-mail"] == _tents(desk)
    assert sum(h[1] == "licence-required" for h in after) == 120
    desk.products.recompute_hits()
    assert _hits(desk) == after


def test_ids_are_kept_once_whatever_order_they_come_in():
    ids = _Ids()
    for i in (5, 6, 9, 6, 3, 3, 12, 5, 10, 12, 1, 9, 10):
        ids.add(i)
    ids.update([13, 14, 3, 13])
    assert sorted(ids) == [1, 3, 5, 6, 9, 10, 12, 13, 14]
    assert len(ids) == 9 and bool(ids)
    assert not _Ids() and list(_Ids()) == []

