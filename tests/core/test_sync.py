"""Connection strings and the platform vocabulary shared by client and server."""

from __future__ import annotations

import subprocess
import sys

import pytest

from seller_desk.core.sync import (
    Connection,
    ConnectionStringError,
    connection_string,
    customs_status_kind,
    normalize_server_url,
    parse_connection_string,
)


def test_connection_string_round_trip():
    text = connection_string("10.0.0.5", 8700, "a+b/c=")
    assert text == "sellerdesk://10.0.0.5:8700?token=a%2Bb%2Fc%3D"
    assert parse_connection_string("  " + text + "\n") == Connection(
        "http://10.0.0.5:8700", "a+b/c=")
    tls = connection_string("::1", 443, "t", tls=True)
    assert tls == "sellerdesks://[::1]:443?token=t"
    assert parse_connection_string(tls) == Connection("https://[::1]:443", "t")


@pytest.mark.parametrize(("text", "key"), [
    ("http://h:1?token=t", "sync.connection_bad_scheme"),
    ("sellerdesk://h:port?token=t", "sync.connection_bad_port"),
    ("sellerdesk://:8700?token=t", "sync.connection_no_host"),
    ("sellerdesk://h:8700", "sync.connection_no_token"),
    ("sellerdesk://h:8700?token=%20", "sync.connection_no_token"),
    ("", "sync.connection_bad_scheme"),
])
def test_bad_connection_strings_say_what_is_wrong(text, key):
    with pytest.raises(ConnectionStringError) as err:
        parse_connection_string(text)
    assert err.value.key == key


def test_normalize_server_url():
    assert normalize_server_url("HTTP://Host.Local:8700/") == "http://host.local:8700"
    assert normalize_server_url("https://p.example/zone/api/v1") == "https://p.example/zone"
    with pytest.raises(ConnectionStringError):
        normalize_server_url("ftp://x")


def test_customs_status_kinds_compare_as_strings():
    assert customs_status_kind("120") == "accepted"
    assert customs_status_kind("100") == "rejected"
    assert customs_status_kind("-301010") == "error"
    assert customs_status_kind("0120") == "unknown"


def test_core_sync_imports_no_network_or_qt():
    code = ("import sys, seller_desk.core.sync; "
            "bad = [m for m in ('httpx', 'PySide6', 'sqlalchemy', 'fastapi') if m in sys.modules];"
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_client_never_imports_the_sandbox():
    code = ("import sys, seller_desk.sync.engine, seller_desk.sync.credentials, "
            "seller_desk.sync.memory; print([m for m in sys.modules if 'sandbox' in m])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
