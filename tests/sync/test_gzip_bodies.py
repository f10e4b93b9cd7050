"""Compressed push bodies: the platform reads ``Content-Encoding: gzip`` with a limit on what
the body unpacks to; the client compresses and falls back to plain JSON for a platform that
cannot read gzip."""

from __future__ import annotations

import gzip
import json

import httpx
import pytest

from seller_desk.sandbox.server import ServerThread
from seller_desk.sync.engine import SyncEngine
from seller_desk.sync.errors import ServerProblem
from seller_desk.sync.memory import MemorySyncStore
from tests.sync.test_platform import PRODUCT, U1, U2, item


def _post(running, body: bytes, **headers: str) -> httpx.Response:
    with running.http(running.token(0)) as h:
        return h.post("/batch", content=body,
                      headers={"Content-Type": "application/json", **headers})


def test_gzip_body_is_applied_like_plain_json(running):
    batch = {"items": [item("g1", "product", U1, PRODUCT), item("g2", "product", U2, PRODUCT)]}
    r = _post(running, gzip.compress(json.dumps(batch).encode()), **{"Content-Encoding": "gzip"})
    assert r.status_code == 200, r.text
    assert [x["status"] for x in r.json()["results"]] == ["applied", "applied"]
    plain = _post(running, json.dumps(batch).encode()).json()["results"]
    assert plain == r.json()["results"]  # the same keys again: replayed, not applied twice


def test_gzip_that_unpacks_past_the_limit_is_refused(running, monkeypatch):
    from seller_desk.sandbox import app as platform_app

    monkeypatch.setattr(platform_app, "MAX_BODY", 64 * 1024)
    small = ServerThread(platform_app.create_app(running.platform)).start()
    try:
        bomb = b'{"items": [' + b" " * (10 * 1024 * 1024) + b"]}"
        packed = gzip.compress(bomb)
        assert len(packed) < 64 * 1024
        with httpx.Client(base_url=small.url + "/api/v1", timeout=10,
                          headers={"Authorization": f"Bearer {running.token(0)}"}) as h:
            r = h.post("/batch", content=packed, headers={"Content-Type": "application/json",
                                                           "Content-Encoding": "gzip"})
            assert r.status_code == 413
            assert r.headers["content-type"] == "application/problem+json"
            assert r.json()["problems"][0]["key"] == "sync.too_large"

            def chunked():  # no Content-Length: counted while it arrives
                for _ in range(40):
                    yield b" " * 4096

            r = h.post("/batch", content=chunked(), headers={"Content-Type": "application/json"})
            assert r.status_code == 413
            ok = h.post("/batch", json={"items": [item("s1", "product", U1, PRODUCT)]})
            assert ok.status_code == 200
    finally:
        small.stop()


def test_broken_or_unknown_encodings_are_problems(running):
    r = _post(running, b"not gzip at all", **{"Content-Encoding": "gzip"})
    assert r.status_code == 400
    assert r.json()["problems"][0]["key"] == "sync.bad_encoding"
    truncated = gzip.compress(json.dumps({"items": []}).encode())[:-6]
    assert _post(running, truncated, **{"Content-Encoding": "gzip"}).status_code == 400
    r = _post(running, b"{}", **{"Content-Encoding": "br"})
    assert r.status_code == 415
    assert r.json()["problems"][0]["params"]["encoding"] == "br"


class _Recorder(httpx.HTTPTransport):
    """Passes requests on, noting each /batch request's encoding; ``refuse_gzip`` plays a
    platform that cannot read compressed bodies (it takes them for broken JSON: 422)."""

    def __init__(self, refuse_gzip: bool = False):
        super().__init__()
        self.refuse_gzip = refuse_gzip
        self.encodings: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/batch"):
            encoding = request.headers.get("content-encoding", "")
            self.encodings.append(encoding)
            if encoding and self.refuse_gzip:
                return httpx.Response(422, json={"type": "about:blank", "status": 422,
                                                 "title": "The request is malformed."})
        return super().handle_request(request)


def test_client_pushes_gzip(running, make_client):
    store = MemorySyncStore()
    for i in range(30):
        store.change("product", None, {**PRODUCT, "sku": f"SKU-{i}"})
    transport = _Recorder()
    report = SyncEngine(store, make_client(transport=transport), batch_size=10).run(pull=False)
    assert report.pushed == 30 and report.error is None
    assert transport.encodings == ["gzip"] * 3


def test_client_falls_back_to_plain_json_once_for_a_platform_without_gzip(running,
                                                                          make_client):
    store = MemorySyncStore()
    for i in range(30):
        store.change("product", None, {**PRODUCT, "sku": f"SKU-{i}"})
    transport = _Recorder(refuse_gzip=True)
    client = make_client(transport=transport)
    report = SyncEngine(store, client, batch_size=10).run(pull=False)
    assert report.pushed == 30 and report.error is None and report.pending == 0
    assert transport.encodings == ["gzip", "", "", ""]
    assert client.gzip_requests is False


def test_a_refused_batch_is_not_taken_for_missing_gzip(running, make_client):
    """A batch the platform refuses as a whole also as plain JSON keeps compression on."""
    client = make_client()
    bad = [item("x", "product", U1, PRODUCT, op="upsert")]
    bad[0]["base_version"] = -1  # refused by the request schema (422) in any encoding
    with pytest.raises(ServerProblem) as refused:
        client.push(bad)
    assert refused.value.status == 422
    assert client.gzip_requests is True
