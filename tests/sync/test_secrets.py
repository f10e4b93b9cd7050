"""Issue 15 item 9: tokens stay out of argv, classroom TLS is pinned, tokens expire."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
import time

import httpx
import pytest

from seller_desk.cli import main
from seller_desk.core.problems import ProblemError
from seller_desk.core.sync import parse_connection_string
from seller_desk.sandbox.app import COURSE_DAYS, Platform, create_app
from seller_desk.sandbox.customs import ManualClock
from seller_desk.sandbox.server import ServerThread, free_port
from seller_desk.sandbox.store import PlatformStore
from seller_desk.sandbox.tls import ensure_certificate


def test_connect_has_no_argument_that_carries_the_line(desk, capsys):
    with pytest.raises(SystemExit):
        main(["sync", "connect", "--db", desk.url, "--connection",
              "sellerdesk://127.0.0.1:1?token=secret"])
    assert "unrecognized arguments" in capsys.readouterr().err


def test_connect_reads_the_line_from_stdin(desk, running, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(running.klass["students"][0]["connection"]
                                                  + "\n"))
    assert main(["sync", "connect", "--db", desk.url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["account"]["name"] == "Student 01"


def test_connect_without_a_line_is_a_problem_not_a_traceback(desk, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["sync", "connect", "--db", desk.url, "--json", "--lang", "en"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["problems"][0]["key"] == "sync.connection_from_stdin"
    assert main(["sync", "connect", "--db", desk.url, "--connection-file", "/nonexistent",
                 "--json"]) == 1


@pytest.fixture
def pinned_platform(tmp_path):
    cert = ensure_certificate(tmp_path / "platform", ["127.0.0.1"])
    store = PlatformStore(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    platform = Platform(store, pin=cert.fingerprint)
    server = ServerThread(create_app(platform), ssl_certfile=str(cert.cert),
                          ssl_keyfile=str(cert.key)).start()
    klass = platform.create_class(1, port=server.port, tls=True)
    yield server, klass, cert
    server.stop()
    store.dispose()


def test_classroom_line_carries_the_fingerprint_and_the_client_pins_it(desk, pinned_platform):
    server, klass, cert = pinned_platform
    line = klass["students"][0]["connection"]
    assert line.startswith("sellerdesks://127.0.0.1:") and f"pin={cert.fingerprint}" in line
    assert parse_connection_string(line).pin == cert.fingerprint
    with pytest.raises(httpx.ConnectError):  # not a CA anybody trusts
        httpx.get(server.url + "/api/v1/health")
    out = desk.sync.connect(line)
    assert out["account"]["name"] == "Student 01"
    report = desk.sync.run()
    assert report.error is None


def test_a_wrong_fingerprint_is_refused_before_the_token_is_sent(desk, pinned_platform):
    server, klass, cert = pinned_platform
    line = klass["students"][0]["connection"]
    wrong = line.replace(cert.fingerprint, "sha256:" + "0" * 64)
    with pytest.raises(ProblemError) as err:
        desk.sync.connect(wrong)
    assert err.value.problems[0].key == "sync.pin_mismatch"
    assert desk.sync.server_url != server.url


def test_certificate_is_kept_and_reused(tmp_path):
    a = ensure_certificate(tmp_path, ["127.0.0.1"])
    b = ensure_certificate(tmp_path, ["127.0.0.1"])
    assert a.fingerprint == b.fingerprint and a.fingerprint.startswith("sha256:")
    c = ensure_certificate(tmp_path, ["10.0.0.5"])  # a new address: a new certificate
    assert c.fingerprint != a.fingerprint


def test_tokens_expire_at_the_end_of_course(tmp_path):
    clock = ManualClock()
    store = PlatformStore(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    platform = Platform(store, clock=clock)
    default = platform.create_class(1)
    token = default["students"][0]["token"]
    assert dt.datetime.fromisoformat(default["tokens_expire"]) == clock.now() + dt.timedelta(
        days=COURSE_DAYS)
    ends = clock.now() + dt.timedelta(days=10)
    klass = platform.create_class(1, ends=ends)
    short = klass["students"][0]["token"]
    assert platform.authenticate(short).role == "seller"
    trainer = platform.trainer_of(klass["class_id"])
    added = platform.add_students(trainer, 1, "127.0.0.1", 8700, False)[0]["token"]
    clock.advance(11 * 86400)
    from seller_desk.sandbox.app import ApiProblem

    for t in (short, added):
        with pytest.raises(ApiProblem) as err:
            platform.authenticate(t)
        assert err.value.name == "token-expired"
    assert platform.authenticate(token).role == "seller"
    store.dispose()


def test_platform_command_serves_tls_with_its_own_certificate(tmp_path):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "seller_desk.sandbox.cli", "--port",
                             str(port), "--db", f"sqlite:///{tmp_path / 'p.sqlite3'}", "--tls"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 20
        while not (tmp_path / "platform-cert.pem").exists() or proc.poll() is not None:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.1)
        import ssl

        while True:
            try:
                ctx = ssl.create_default_context(cafile=str(tmp_path / "platform-cert.pem"))
                r = httpx.get(f"https://127.0.0.1:{port}/api/v1/health", verify=ctx, timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.1)
        assert r.json()["status"] == "ok"
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert f"SellerDesk platform on https://127.0.0.1:{port}/api/v1" in out
    assert "Certificate fingerprint sha256:" in out


def test_a_reissued_token_also_expires_at_the_end_of_course(tmp_path):
    """Rotating a student's token (trainer API) and the console's sheet reissue both give the
    new token the class's end of course, and the sheet's line carries the TLS pin."""
    from sqlalchemy import select

    from seller_desk.sandbox.app import ApiProblem
    from seller_desk.sandbox.console.classes import Classes, Where
    from seller_desk.sandbox.store import Account

    clock = ManualClock()
    store = PlatformStore(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    platform = Platform(store, clock=clock, pin="sha256:" + "ab" * 32)
    ends = clock.now() + dt.timedelta(days=10)
    klass = platform.create_class(2, ends=ends)
    first, second = (st["seller_id"] for st in klass["students"])
    rows = Classes(platform).sheet(platform.trainer_of(klass["class_id"]), klass["trainer_token"],
                                   klass["class_id"], Where("127.0.0.1", 8700, True),
                                   reissue_missing=True)  # a class not made by the console
    rotated = platform.rotate_token(first)
    line = next(r["connection"] for r in rows if r["seller_id"] == second)
    assert parse_connection_string(line).pin == platform.pin
    with store.session() as s:
        expiry = {a.id: a.token_expires_at for a in s.scalars(
            select(Account).where(Account.id.in_([first, second])))}
    assert {_utc(v) for v in expiry.values()} == {_utc(ends)}
    reissued = parse_connection_string(line).token
    assert platform.authenticate(rotated).id == first
    clock.advance(11 * 86400)
    for token in (rotated, reissued):
        with pytest.raises(ApiProblem) as err:
            platform.authenticate(token)
        assert err.value.name == "token-expired"
    store.dispose()


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
