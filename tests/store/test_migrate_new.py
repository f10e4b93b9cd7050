"""`python -m seller_desk.store.migrate new`: new migrations come from the models (autogenerate)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from seller_desk.store import migrate
from seller_desk.store.db import MIGRATIONS_DIR, make_engine, url_for_path
from seller_desk.store.models import Base


@pytest.fixture
def scripts(tmp_path: Path) -> Path:
    """A copy of the shipped migrations to write into."""
    target = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def test_next_revision_follows_the_area_or_starts_its_branch() -> None:
    revs = {"0001_foundation", "tax_0001", "tax_0002", "fx_0001"}
    assert migrate.next_revision("tax", revs) == ("tax_0003", "tax_0002", None)
    assert migrate.next_revision("stocks", revs) == ("stocks_0001", "0001_foundation", "stocks")
    with pytest.raises(ValueError):
        migrate.next_revision("Tax!", revs)


def test_models_and_migrations_agree_so_nothing_is_written(scripts: Path) -> None:
    before = sorted(p.name for p in (scripts / "versions").glob("*.py"))
    with pytest.raises(migrate.NothingToMigrate):
        migrate.new("stock", "nothing", migrations_dir=scripts)
    assert sorted(p.name for p in (scripts / "versions").glob("*.py")) == before


def test_a_new_model_column_becomes_the_areas_next_migration(scripts: Path, tmp_path: Path) -> None:
    table = Base.metadata.tables["tax_export_lines"]
    column = sa.Column("probe_note", sa.String(40), nullable=True)
    table.append_column(column)
    try:
        path = migrate.new("tax", "probe note", migrations_dir=scripts)
    finally:
        table._columns.remove(column)
    assert "probe_note" not in table.c  # leave the shared models as they were
    assert path.name == "tax_0003_probe_note.py"
    text = path.read_text("utf-8")
    assert 'down_revision = "tax_0002"' in text or "down_revision = 'tax_0002'" in text
    assert "probe_note" in text and "add_column" in text

    # the written revision runs: a fresh file at the new heads has the column
    from alembic import command
    from alembic.config import Config

    engine = make_engine(url_for_path(tmp_path / "fresh.sqlite"))
    cfg = Config()
    cfg.set_main_option("script_location", str(scripts))
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.upgrade(cfg, "heads")
    columns = {c["name"] for c in sa.inspect(engine).get_columns("tax_export_lines")}
    engine.dispose()
    assert "probe_note" in columns
