"""The fx_0001 migration creates exactly what the models declare; amounts stay exact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from seller_desk.store.db import current_revisions
from seller_desk.store.models import Base
from seller_desk.store.models.fx import FxRecord

FX_TABLES = {"fx_rates", "fx_records", "fx_evidence", "fx_evidence_docs"}


def test_migration_matches_models(empty_desk):
    engine = empty_desk.store.engine
    # fx_0002 evidence documents, fx_0003 sync, fx_0004 gross_usd, fx_0005 import digest
    assert "fx_0005" in current_revisions(engine)
    with engine.connect() as con:
        assert set(inspect(con).get_table_names()) >= FX_TABLES
        diff = compare_metadata(MigrationContext.configure(con), Base.metadata)

    def table_of(d):
        item = d[0] if isinstance(d, list) else d
        for part in item[1:]:
            name = getattr(part, "name", None) if not hasattr(part, "table") else part.table.name
            if name:
                return name
        return None

    assert [d for d in diff if table_of(d) in FX_TABLES] == []


def test_sums_stay_exact(empty_desk):
    with empty_desk.write() as s:
        for _ in range(10):
            s.add(FxRecord(date=dt.date(2024, 1, 1), kind="receipt", amount_amount=D("0.1"),
                           amount_currency="USD", usd_amount=D("0.1")))
    with empty_desk.read() as s:
        total = s.scalar(select(func.sum(FxRecord.usd_amount)))
    assert total == D("1.0000") and isinstance(total, D)


def test_the_missing_rate_index_is_partial_on_both_databases(empty_desk):
    """PostgreSQL's form is set when its engine is made (``make_engine``), so a SQLite start
    never loads SQLAlchemy's PostgreSQL dialect; the migration makes it partial on both."""
    import subprocess
    import sys

    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.schema import CreateIndex

    from seller_desk.store.db import make_engine

    [index] = [i for i in FxRecord.__table__.indexes if i.name == "ix_fx_records_missing_rate"]
    assert "WHERE usd_amount IS NULL" in str(CreateIndex(index).compile(dialect=sqlite.dialect()))
    make_engine("postgresql+psycopg://nobody@127.0.0.1:9/none").dispose()  # never connects
    assert "WHERE usd_amount IS NULL" in str(
        CreateIndex(index).compile(dialect=postgresql.dialect()))
    with empty_desk.store.engine.connect() as con:
        [sql] = con.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = "
                                    "'ix_fx_records_missing_rate'").scalars()
    assert sql.endswith("WHERE usd_amount IS NULL")
    code = ("import sys\n"
            "import seller_desk.store.models as m\n"
            "m.load_all()\n"
            "from seller_desk.store.db import make_engine\n"
            f"make_engine('sqlite:///{empty_desk.store.engine.url.database}').dispose()\n"
            "print('sqlalchemy.dialects.postgresql' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
