"""The real reference platform on 127.0.0.1 (uvicorn in a thread, a free port, a fresh DB).

Imported by tests/sync/conftest.py and by the UI tests that need a platform."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from seller_desk.sandbox.app import Platform, create_app
from seller_desk.sandbox.customs import ManualClock
from seller_desk.sandbox.server import ServerThread
from seller_desk.sandbox.store import PlatformStore
from seller_desk.sync.client import PlatformClient, RetryPolicy
from seller_desk.sync.ratelimit import TokenBucket


@dataclass
class Running:
    platform: Platform
    clock: ManualClock
    url: str
    klass: dict[str, Any]

    def token(self, i: int = 0) -> str:
        return self.klass["students"][i]["token"]

    def seller_id(self, i: int = 0) -> int:
        return self.klass["students"][i]["seller_id"]

    @property
    def trainer(self) -> str:
        return self.klass["trainer_token"]

    def http(self, token: str | None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url + "/api/v1", headers=headers, timeout=10)


@pytest.fixture
def running(tmp_path) -> Iterator[Running]:
    clock = ManualClock()
    store = PlatformStore(f"sqlite:///{tmp_path / 'platform.sqlite3'}")
    platform = Platform(store, clock=clock)
    server = ServerThread(create_app(platform)).start()
    klass = platform.create_class(2, host="127.0.0.1", port=server.port)
    try:
        yield Running(platform, clock, server.url, klass)
    finally:
        server.stop()
        store.dispose()


class Sleeps(list):
    """Records the waits a client would sleep, without sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def make_client(running):
    made: list[PlatformClient] = []

    def make(token: str | None = None, transport=None, attempts: int = 6,
             sleeps: Sleeps | None = None) -> PlatformClient:
        client = PlatformClient(
            running.url, token or running.token(0),
            transport=transport, retry=RetryPolicy(attempts=attempts, base=0.5, cap=8),
            sleep=sleeps if sleeps is not None else Sleeps(), rng=random.Random(7),
            bucket=TokenBucket(1000, 1000))
        made.append(client)
        return client

    yield make
    for c in made:
        c.close()
