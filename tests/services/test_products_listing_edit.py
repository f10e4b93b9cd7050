"""``desk.products`` behind the single-listing editor: one listing read with its details,
live validation, a version-checked save that writes (and syncs) only a real change."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from seller_desk.core.money import Money
from seller_desk.core.problems import ProblemError
from seller_desk.store.models import OutboxItem

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
AMAZON = SHARED / "samples" / "amazon-all-listings-en.txt"


def _outbox(desk) -> int:
    with desk.read() as s:
        return int(s.scalar(select(func.count()).select_from(OutboxItem).where(
            OutboxItem.entity == "listing")) or 0)


@pytest.fixture
def mug(desk):
    desk.imports.import_file(AMAZON)
    lid = next(li.id for li in desk.products.query_listings() if li.msku == "MUG-350-BLU")
    return desk.products.listing(lid)


def test_one_listing_with_its_report_details(mug):
    assert (mug.store, mug.msku, mug.sku, mug.external_id, mug.price, mug.fulfilment,
            mug.version) == ("Amazon US", "MUG-350-BLU", "MUG-350-BLU", "B0C1K2M3N4",
                             Money.of("39.99", "USD"), "fba", 1)
    assert mug.extra == {"listing_id": "0302Z7MUG01", "product_id": "B0C1K2M3N4",
                         "product_id_type": "1", "open_date": "2024-03-02 10:22:41 PST"}


def test_validate_listing(desk, mug):
    data = replace(mug.data(), sku="NOPE", msku="LAMP-USB-WHT")
    assert [(p.key, p.field) for p in desk.products.validate_listing(data, listing_id=mug.id)] == [
        ("products.not_found", "sku"), ("products.msku_taken", "msku")]
    assert desk.products.validate_listing(mug.data(), listing_id=mug.id) == []


def test_save_checks_the_version_and_writes_only_a_change(desk, mug):
    before = _outbox(desk)
    same = desk.products.save_listing(mug.data(), listing_id=mug.id, expected_version=1)
    assert same.version == 1 and _outbox(desk) == before  # nothing changed, nothing to sync
    data = replace(mug.data(), price=Money.of("35.00", "USD"), status="inactive",
                   fulfilment="merchant", sku="TENT-4P-GRN")
    saved = desk.products.save_listing(data, listing_id=mug.id, expected_version=1,
                                       extra={"listing_id": "", "product_id": "B0C1K2M3N4"})
    assert (saved.price, saved.status, saved.fulfilment, saved.sku, saved.version) == (
        Money.of("35.00", "USD"), "inactive", "merchant", "TENT-4P-GRN", 2)
    assert desk.products.listing(mug.id).extra == {
        "product_id": "B0C1K2M3N4", "product_id_type": "1", "open_date": "2024-03-02 10:22:41 PST"}
    assert _outbox(desk) == before + 1
    with pytest.raises(ProblemError) as refused:  # an editor still holding version 1
        desk.products.save_listing(replace(data, price=Money.of("1", "USD")), listing_id=mug.id,
                                   expected_version=1)
    assert [(p.key, p.params) for p in refused.value.problems] == [
        ("products.listing_stale", {"msku": "MUG-350-BLU"})]
    assert desk.products.listing(mug.id).price == Money.of("35.00", "USD")
