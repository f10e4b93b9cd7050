"""The Desk: one object that owns an open company file and exposes every operation.

The GUI, the CLI, the tests and the sync engine all go through a Desk (Anki's Collection,
calibre's Cache). Area services hang off it as typed properties, made on first use: ``desk.fx``
is a :class:`~seller_desk.services.fx.FxService`, ``desk.stock`` a ``StockService``… (one
property per name in :data:`AREAS`; the service module is imported on first use). Writes run in
``with desk.write() as s:`` (one transaction, one writer at a time); the service then calls
:meth:`Desk.emit` with the :class:`~seller_desk.core.changes.Changes` it made, once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from seller_desk.core.changes import Changes
from seller_desk.store.db import Store, open_store, url_for_path

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from seller_desk.services.classroom import ClassroomService
    from seller_desk.services.company import CompanyService, CompanySettings
    from seller_desk.services.filing import FilingService
    from seller_desk.services.fx import FxService
    from seller_desk.services.imports import ImportService
    from seller_desk.services.orders import OrdersService
    from seller_desk.services.products import ProductsService
    from seller_desk.services.rules import RulesService
    from seller_desk.services.search import SearchService
    from seller_desk.services.stats import StatsService
    from seller_desk.services.stock import StockService
    from seller_desk.services.sync import SyncService
    from seller_desk.services.tax import TaxService

#: the areas of a Desk, each a typed property of :class:`Desk` (``desk.fx`` is a ``FxService``)
AREAS: tuple[str, ...] = (
    "company", "settings", "imports", "filing", "products", "stock", "orders", "fx", "tax", "sync",
    "classroom", "rules", "stats", "search",
)

Listener = Callable[[Changes], None]

T = TypeVar("T")


class Desk:
    """An open company file. Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, store: Store, data_dir: Path):
        self.store = store
        self.data_dir = data_dir
        self._write_lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._services: dict[str, Any] = {}

    # -- opening --------------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str | None = None, *, path: Path | None = None,
             data_dir: Path | None = None, create: bool = True, lock: bool = False,
             keep_backups: int = 10) -> Desk:
        """Open the company database at ``url`` (or the SQLite file ``path``)."""
        if url is None:
            if path is None:
                raise ValueError("Desk.open needs a url or a path")
            url = url_for_path(path)
        store = open_store(url, create=create, lock=lock, keep_backups=keep_backups)
        from seller_desk.store import crypto

        key_file = crypto.demo_key_file(store.path) if store.path else None
        crypto.use_key_file(key_file if key_file is not None and key_file.exists() else None)
        if data_dir is None:
            data_dir = store.path.parent if store.path else Path.cwd()
        return cls(store, data_dir)

    def close(self) -> None:
        self.store.close()

    def company_name(self) -> str | None:
        """The company's (Chinese) name, None when the file holds no company yet: one plain
        SQL row, without the ORM models or the keychain (the window's title at start-up)."""
        sql = "SELECT name_zh FROM company LIMIT 1"
        if self.store.path is not None:  # sqlite3: no SQLAlchemy before the window's paint
            import sqlite3

            con = sqlite3.connect(f"{self.store.path.as_uri()}?mode=ro", uri=True, timeout=30)
            try:
                row = con.execute(sql).fetchone()
            finally:
                con.close()
        else:
            with self.store.engine.connect() as connection:
                row = connection.exec_driver_sql(sql).first()
        return None if row is None else str(row[0] or "")

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        return self.store.url

    @property
    def path(self) -> Path | None:
        return self.store.path

    @property
    def documents_dir(self) -> Path:
        """Where this company's attached documents are kept (beside the file)."""
        stem = self.path.stem if self.path else "company"
        folder = self.data_dir / f"{stem}-documents"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    # -- sessions -------------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self._write_lock, self.store.sessions.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.store.sessions() as session:
            yield session

    # -- changes --------------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def emit(self, changes: Changes) -> Changes:
        if changes:
            for listener in list(self._listeners):
                listener(changes)
        return changes

    # -- areas ----------------------------------------------------------------------------------
    # Each area's service is made on first use and kept; its module is imported only then, so
    # opening a Desk stays cheap and services may import the Desk's modules without a cycle.
    def has_area(self, name: str) -> bool:
        return name in AREAS

    def _area(self, name: str, factory: Callable[[Desk], T]) -> T:
        service = self._services.get(name)
        if service is None:
            service = self._services[name] = factory(self)
        return service  # type: ignore[no-any-return]

    @property
    def company(self) -> CompanyService:
        from seller_desk.services.company import CompanyService
        return self._area("company", CompanyService)

    @property
    def settings(self) -> CompanySettings:
        from seller_desk.services.company import CompanySettings
        return self._area("settings", CompanySettings)

    @property
    def imports(self) -> ImportService:
        from seller_desk.services.imports import ImportService
        return self._area("imports", ImportService)

    @property
    def filing(self) -> FilingService:
        from seller_desk.services.filing import FilingService
        return self._area("filing", FilingService)

    @property
    def products(self) -> ProductsService:
        from seller_desk.services.products import ProductsService
        return self._area("products", ProductsService)

    @property
    def stock(self) -> StockService:
        from seller_desk.services.stock import StockService
        return self._area("stock", StockService)

    @property
    def orders(self) -> OrdersService:
        from seller_desk.services.orders import OrdersService
        return self._area("orders", OrdersService)

    @property
    def fx(self) -> FxService:
        from seller_desk.services.fx import FxService
        return self._area("fx", FxService)

    @property
    def tax(self) -> TaxService:
        from seller_desk.services.tax import TaxService
        return self._area("tax", TaxService)

    @property
    def stats(self) -> StatsService:
        from seller_desk.services.stats import StatsService
        return self._area("stats", StatsService)

    @property
    def search(self) -> SearchService:
        from seller_desk.services.search import SearchService
        return self._area("search", SearchService)

    @property
    def sync(self) -> SyncService:
        from seller_desk.services.sync import SyncService
        return self._area("sync", SyncService)

    @property
    def classroom(self) -> ClassroomService:
        from seller_desk.services.classroom import ClassroomService
        return self._area("classroom", ClassroomService)

    @property
    def rules(self) -> RulesService:
        from seller_desk.services.rules import RulesService
        return self._area("rules", RulesService)
