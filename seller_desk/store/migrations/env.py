"""Alembic environment: runs on the connection the app hands over (one transaction)."""

from __future__ import annotations

from alembic import context

from seller_desk.store.models import Base
from seller_desk.store.search import include_name

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic` command line: open the URL given in the config
        from seller_desk.store.db import make_engine

        engine = make_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as connection:
            _run(connection)
        return
    _run(connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transaction_per_migration=False,
        compare_type=True,
        include_name=include_name,  # FTS5 search indexes are not models
    )
    # The caller's transaction (engine.begin()) wraps every revision: all or nothing.
    context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline SQL generation is not supported")
run_migrations_online()
