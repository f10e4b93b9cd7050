"""The Desk: one object that owns an open company file and exposes every operation.

The GUI, the CLI, the tests and the sync engine all go through a Desk (Anki's Collection,
calibre's Cache). Area services hang off it lazily: ``desk.fx``, ``desk.stock``… each a class in
``seller_desk/services/<area>.py`` named in :data:`AREA_SERVICES`. Writes run in
``with desk.write() as s:`` (one transaction, one writer at a time); the service then calls
:meth:`Desk.emit` with the :class:`~seller_desk.services.changes.Changes` it made, once.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from seller_desk.services.changes import Changes
from seller_desk.store.db import Store, open_store, url_for_path

#: area name → "module:Class"; a missing module means the area is not built yet.
AREA_SERVICES: dict[str, str] = {
    "company": "seller_desk.services.company:CompanyService",
    "settings": "seller_desk.services.company:CompanySettings",
    "imports": "seller_desk.services.imports:ImportService",
    "filing": "seller_desk.services.filing:FilingService",
    "products": "seller_desk.services.products:ProductsService",
    "stock": "seller_desk.services.stock:StockService",
    "orders": "seller_desk.services.orders:OrdersService",
    "fx": "seller_desk.services.fx:FxService",
    "tax": "seller_desk.services.tax:TaxService",
    "sync": "seller_desk.services.sync:SyncService",
    "rules": "seller_desk.services.rules:RulesService",
}

Listener = Callable[[Changes], None]


class AreaNotAvailable(AttributeError):
    pass


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
        if data_dir is None:
            data_dir = store.path.parent if store.path else Path.cwd()
        return cls(store, data_dir)

    def close(self) -> None:
        self.store.close()

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
    def has_area(self, name: str) -> bool:
        try:
            getattr(self, name)
        except AreaNotAvailable:
            return False
        return True

    def __getattr__(self, name: str) -> Any:
        target = AREA_SERVICES.get(name)
        if target is None:
            raise AttributeError(name)
        if name not in self._services:
            module_name, cls_name = target.split(":")
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name == module_name:
                    raise AreaNotAvailable(name) from exc
                raise
            self._services[name] = getattr(module, cls_name)(self)
        return self._services[name]
