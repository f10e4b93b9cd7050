"""``seller-desk-platform class create`` and ``openapi`` without a running server."""

from __future__ import annotations

import json

from seller_desk.core.sync_protocol import parse_connection_string
from seller_desk.sandbox.app import Platform
from seller_desk.sandbox.cli import build_parser, main
from seller_desk.sandbox.store import PlatformStore


def test_class_create_prints_tokens_and_connection_strings(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    assert main(["--db", db, "--port", "8711", "class", "create", "--students", "3",
                 "--public-host", "192.168.1.20", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in out["students"]] == ["Student 01", "Student 02", "Student 03"]
    conn = parse_connection_string(out["students"][1]["connection"])
    assert conn.base_url == "http://192.168.1.20:8711"
    assert conn.token == out["students"][1]["token"]
    platform = Platform(PlatformStore(db))
    acc = platform.authenticate(conn.token)
    assert (acc.role, acc.name, acc.class_id) == ("seller", "Student 02", out["class_id"])
    assert platform.authenticate(out["trainer_token"]).role == "trainer"


def test_defaults_listen_on_localhost_only():
    args = build_parser().parse_args([])
    assert (args.host, args.port, args.listen_all) == ("127.0.0.1", 8700, False)
