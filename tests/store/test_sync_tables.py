"""The sync tables: made by the sync_0001 migration exactly as the models declare them."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from seller_desk.store.models import Base
from seller_desk.store.outbox import enqueue

SYNC_TABLES = {"sync_state", "sync_record", "sync_issue"}


def test_migration_matches_the_models(db_url):
    engine = create_engine(db_url)
    try:
        with engine.connect() as con:
            assert set(inspect(con).get_table_names()) >= SYNC_TABLES
            revisions = {r[0] for r in con.exec_driver_sql("select version_num from "
                                                           "alembic_version")}
            assert "sync_0001" in revisions
            diff = compare_metadata(MigrationContext.configure(con), Base.metadata)
    finally:
        engine.dispose()
    ours = [d for d in diff if any(t in repr(d) for t in SYNC_TABLES)]
    assert ours == []


def test_issue_rows_go_with_their_outbox_row(desk):
    from seller_desk.store.models import OutboxItem
    from seller_desk.store.models.sync import SyncIssue

    with desk.write() as s:
        item = enqueue(s, "product", "ffffffff-0000-4000-8000-000000000000", {"sku": "x"})
        s.flush()
        item.state = "failed"
        s.add(SyncIssue(outbox_id=item.id, kind="failed", problem={"detail": "no"}))
    desk.sync.discard(item.id)
    with desk.read() as s:
        assert s.get(OutboxItem, item.id) is None
        assert s.get(SyncIssue, item.id) is None


def test_the_platforms_answers_are_encrypted_at_rest(desk):
    from sqlalchemy import text

    from seller_desk.store.models.sync import SyncIssue

    with desk.write() as s:
        item = enqueue(s, "profile", "eeeeeeee-0000-4000-8000-000000000000", {"x": 1})
        s.flush()
        item.state = "conflict"
        s.add(SyncIssue(outbox_id=item.id, kind="conflict",
                        problem={"detail": "id_code 110105199001010011"},
                        server={"version": 2, "data": {"id_code": "110105199001010011"}}))
    with desk.read() as s:
        raw = s.execute(text("select problem || server from sync_issue")).scalar_one()
        issue = s.get(SyncIssue, item.id)
        assert issue.server["data"]["id_code"] == "110105199001010011"
    assert "110105199001010011" not in raw
