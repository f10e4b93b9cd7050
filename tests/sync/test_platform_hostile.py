"""Issue 15 item 7: the platform's limits hold on the stream and in validation; no 500s."""

from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit

import pytest

from tests.sync.test_platform import PRODUCT, U1, item


def _raw(running, head: str, body_chunks, *, read_until=b'"problems"') -> str:
    url = urlsplit(running.url)
    with socket.create_connection((url.hostname, url.port), timeout=20) as sock:
        sock.sendall(head.encode())
        answer = b""
        sock.settimeout(20)
        try:
            for chunk in body_chunks:
                sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed: read what it said
        while read_until not in answer:
            try:
                part = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not part:
                break
            answer += part
    return answer.decode("utf-8", "replace")


def test_chunked_body_over_the_limit_is_refused_on_the_stream(running, monkeypatch):
    from seller_desk.sandbox import app as app_module

    limit = app_module.MAX_BODY
    url = urlsplit(running.url)
    piece = b"x" * (1 << 20)

    def chunks():
        sent = 0
        yield b'{"items": ['
        while sent <= limit + (1 << 20):
            yield f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
            sent += len(piece)
        yield b"0\r\n\r\n"

    head = (f"POST /api/v1/batch HTTP/1.1\r\nHost: {url.netloc}\r\n"
            f"Authorization: Bearer {running.token(0)}\r\nContent-Type: application/json\r\n"
            f"Transfer-Encoding: chunked\r\n\r\n")
    first = b'{"items": ['

    def framed():
        yield f"{len(first):x}\r\n".encode() + first + b"\r\n"
        yield from list(chunks())[1:]

    answer = _raw(running, head, framed())
    assert answer.startswith("HTTP/1.1 413"), answer[:300]
    assert '"key":"sync.too_large"' in answer


def _nested(depth: int) -> dict:
    data: dict = {"leaf": 1}
    for _ in range(depth):
        data = {"n": data}
    return data


def test_deeply_nested_json_is_refused_and_reads_stay_200(running):
    deep = {**PRODUCT, "notes": _nested(900)}
    with running.http(running.token(0)) as http:
        res = http.post("/batch", json={"items": [item("deep", "product", U1, deep)]})
        assert res.status_code in (200, 422), res.text
        if res.status_code == 200:
            (r,) = res.json()["results"]
            assert r["status"] == "rejected"
            keys = [p["key"] for p in r["problem"]["problems"]]
            assert "sync.too_deep" in keys
        assert http.get("/records/product").status_code == 200
        assert http.get("/changes").status_code == 200
    with running.http(running.trainer) as http:
        assert http.get("/admin/filings").status_code == 200
        assert http.get("/admin/products").status_code == 200


def test_too_many_keys_are_refused(running):
    wide = {**PRODUCT, **{f"k{i}": i for i in range(5000)}}
    with running.http(running.token(0)) as http:
        res = http.post("/batch", json={"items": [item("wide", "product", U1, wide)]})
    assert res.status_code == 200
    (r,) = res.json()["results"]
    assert r["status"] == "rejected"
    assert "sync.too_many_keys" in [p["key"] for p in r["problem"]["problems"]]


@pytest.mark.parametrize(("path", "params"), [
    ("/changes", {"since": "9223372036854775808"}),
    ("/changes", {"since": "-1"}),
    ("/changes", {"since": "1" * 400}),
    ("/changes", {"limit": "99999999999999999999999"}),
    ("/records/product", {"limit": "-5"}),
])
def test_integer_parameters_are_range_checked(running, path, params):
    with running.http(running.token(0)) as http:
        res = http.get(path, params=params)
    assert res.status_code in (400, 422), (res.status_code, res.text)
    assert res.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("seller_id", ["9223372036854775808", "-1", "0"])
def test_trainer_seller_id_out_of_range_is_not_a_500(running, seller_id):
    with running.http(running.trainer) as http:
        res = http.post(f"/admin/sellers/{seller_id}/token")
        res2 = http.post(f"/admin/sellers/{seller_id}/filings/{U1}/approve")
    assert res.status_code in (404, 422) and res2.status_code in (404, 422), (res.text, res2.text)


def test_huge_integers_in_a_record_are_refused_not_500(running):
    data = {**PRODUCT, "quantity": 10**30, "base": -(10**25)}
    with running.http(running.token(0)) as http:
        res = http.post("/batch", json={"items": [
            item("big", "product", U1, data, base=2**70)]})
        assert res.status_code in (200, 422), res.text
        assert http.get("/records/product").status_code == 200


def test_bad_json_and_wrong_types_are_problems(running):
    with running.http(running.token(0)) as http:
        for body in (b"{", b"[]", b'{"items": 5}', b"\xff\xfe", json.dumps({"items": [1]}).encode()):
            res = http.post("/batch", content=body, headers={"Content-Type": "application/json"})
            assert res.status_code in (400, 422), (body, res.status_code)



def test_a_gzip_body_is_never_inflated_past_the_limit(running):
    import gzip

    bomb = gzip.compress(b" " * 50_000_000)  # ~50 kB on the wire
    assert len(bomb) < 100_000
    with running.http(running.token(0)) as http:
        res = http.post("/batch", content=bomb, headers={
            "Content-Type": "application/json", "Content-Encoding": "gzip"})
    assert res.status_code == 413
