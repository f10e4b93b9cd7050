"""The shipped schema revisions as data, so opening a company file learns them without
importing every Alembic script (``revision → (down revisions, depends_on)``).

Generated from ``store/migrations/versions`` by ``python -m seller_desk.store.revisions``; a test
(tests/store/test_revisions.py) fails when a migration is added without regenerating it.
"""

from __future__ import annotations

REVISIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # BEGIN GENERATED
    '0001_foundation': ((), ()),
    'filing_0001': (('0001_foundation',), ()),
    'fx_0001': (('0001_foundation',), ()),
    'fx_0002': (('fx_0001',), ()),
    'fx_0003': (('fx_0002',), ()),
    'fx_0004': (('fx_0003',), ()),
    'fx_0005': (('fx_0004',), ()),
    'orders_0001': (('0001_foundation',), ()),
    'orders_0002': (('orders_0001',), ()),
    'orders_0003': (('orders_0002',), ()),
    'orders_0004': (('orders_0003',), ()),
    'orders_0005': (('orders_0004',), ()),
    'products_0001': (('0001_foundation',), ()),
    'products_0002': (('products_0001',), ()),
    'products_0003': (('products_0002',), ('filing_0001',)),
    'products_0004': (('products_0003',), ()),
    'products_0005': (('products_0004',), ()),
    'products_0006': (('products_0005',), ()),
    'rules_0001': (('0001_foundation',), ()),
    'search_0001': (('0001_foundation',), ('orders_0001', 'fx_0001', 'filing_0001')),
    'search_0002': (('search_0001',), ()),
    'search_0003': (('search_0002',), ('orders_0002',)),
    'search_0004': (('search_0003',), ()),
    'search_0005': (('search_0004',), ()),
    'stock_0001': (('0001_foundation',), ()),
    'stock_0002': (('stock_0001',), ()),
    'stock_0003': (('stock_0002',), ()),
    'sync_0001': (('0001_foundation',), ()),
    'tax_0001': (('0001_foundation',), ()),
    'tax_0002': (('tax_0001',), ()),
    # END GENERATED
}


def from_scripts() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """What the Alembic scripts say (imports them all: for the generator and its test)."""
    from pathlib import Path

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).resolve().parent / "migrations"))
    return {rev.revision: (tuple(rev._versioned_down_revisions),
                           tuple(rev._resolved_dependencies))
            for rev in sorted(ScriptDirectory.from_config(cfg).walk_revisions(),
                              key=lambda r: r.revision)}


def generated_text(graph: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> str:
    return "".join(f"    {rev!r}: ({downs!r}, {deps!r}),\n" for rev, (downs, deps) in graph.items())


def main() -> None:  # pragma: no cover - a developer's tool
    from pathlib import Path

    path = Path(__file__)
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("    # BEGIN GENERATED\n", 1)
    _, tail = rest.split("    # END GENERATED\n", 1)
    path.write_text(head + "    # BEGIN GENERATED\n" + generated_text(from_scripts())
                    + "    # END GENERATED\n" + tail, encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":  # pragma: no cover
    main()
