"""The tax tables: the migration matches the models, old files gain them, constraints hold."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from seller_desk.store.db import open_store, url_for_path
from seller_desk.store.models import Base
from seller_desk.store.models.tax import TaxEitYear, TaxExportLine, TaxPurchaseInvoice

OLD_RELEASE = Path(__file__).parent / "data" / "release-0.1.0-foundation.sqlite"
TAX_TABLES = {"tax_export_lines", "tax_purchase_invoices", "tax_eit_years"}


def _line(ref: str = "1") -> TaxExportLine:
    return TaxExportLine(source="declaration", source_ref=ref, list_no="L1", export_date=dt.date(2024, 5, 3),
                         goods_name="保温杯", unit="个", quantity=Decimal("2"), amount_amount=Decimal("25.5"),
                         amount_currency="USD", cny_rate=Decimal("7.12345678"), hs_code="9617001100",
                         retention_until=dt.date(2034, 5, 3))


def test_migration_matches_the_models(store_url):
    store = open_store(store_url)
    try:
        with store.engine.connect() as con:
            diffs = compare_metadata(MigrationContext.configure(con), Base.metadata)

        mine = [d for d in diffs if any(t in repr(d) for t in TAX_TABLES)]
        assert mine == []
    finally:
        store.close()


def test_values_round_trip_and_keys_hold(store_url):
    store = open_store(store_url)
    try:
        with store.sessions.begin() as s:
            s.add(_line())
        with store.sessions() as s:
            row = s.scalars(select(TaxExportLine)).one()
            assert (row.amount_amount, row.cny_rate, row.quantity) == (
                Decimal("25.5"), Decimal("7.12345678"), Decimal("2"))
        with pytest.raises(IntegrityError), store.sessions.begin() as s:
            s.add(_line())  # same (source, source_ref)
        with store.sessions.begin() as s:
            line_id = s.scalars(select(TaxExportLine.id)).one()
            s.add(TaxPurchaseInvoice(export_line_id=line_id, number="044001", issued=dt.date(2024, 4, 1),
                                     net_amount_cny=Decimal("100"), retention_until=dt.date(2034, 4, 1)))
            s.add(TaxEitYear(year=2024, revenue_cny=None, non_taxable_cny=Decimal(0), exempt_cny=Decimal(0),
                             retention_until=dt.date(2034, 12, 31)))
        with store.sessions() as s:
            assert s.scalar(select(func.count()).select_from(TaxPurchaseInvoice)) == 1
            assert s.get(TaxEitYear, 2024).uses_exemption is True
    finally:
        store.close()


def test_a_first_release_file_gains_the_tax_tables(tmp_path):
    path = tmp_path / "release.sqlite"
    shutil.copy(OLD_RELEASE, path)
    store = open_store(url_for_path(path))
    try:
        assert "tax_0001" in store.migrated
        with store.sessions() as s:
            assert s.scalars(select(TaxExportLine)).all() == []
    finally:
        store.close()
