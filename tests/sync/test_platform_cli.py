"""``seller-desk-platform class create`` and ``openapi`` without a running server."""

from __future__ import annotations

import json

from seller_desk.core.sync import parse_connection_string
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


def test_trainer_commands_on_the_database(tmp_path, capsys):
    from seller_desk.sandbox import schemas as S

    db = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    platform = Platform(PlatformStore(db))
    klass = platform.create_class(2)
    sid = klass["students"][0]["seller_id"]
    u, d = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"
    platform.apply_batch(sid, [
        S.BatchItem(idempotency_key="a", entity="filing", uuid=u, data={"kind": "customs_declarant"}),
        S.BatchItem(idempotency_key="b", entity="declaration", uuid=d,
                    data={"cop_no": "C1", "lines": []})])
    cls = str(klass["class_id"])

    assert main(["--db", db, "students", "--class", cls]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith("Student 01  (2 records)")
    assert main(["--db", db, "filings", "list", "--class", cls, "--status", "submitted",
                 "--json"]) == 0
    assert [f["uuid"] for f in json.loads(capsys.readouterr().out)] == [u]
    assert main(["--db", db, "filings", "reject", "--class", cls, str(sid), u,
                 "--reason", "照片不清晰"]) == 0
    assert capsys.readouterr().out.strip() == f"{u}: rejected"
    assert main(["--db", db, "event", "customs-reject", "--class", cls, str(sid), d, "x",
                 "--reason", "品名不符"]) == 0
    assert capsys.readouterr().out.strip() == "delivered 1; not delivered: x"
    assert main(["--db", db, "event", "receipt", "--class", cls, str(sid), d,
                 "--status", "800", "--info", "放行"]) == 0
    assert capsys.readouterr().out.strip() == "delivered 1"
    # customs never walks a released list back
    assert main(["--db", db, "event", "customs-reject", "--class", cls, str(sid), d,
                 "--reason", "品名不符"]) == 0
    assert capsys.readouterr().out.strip() == f"delivered 0; not delivered: {d}"
    feed = platform.changes(sid, None, 100)["changes"]
    assert [(c["remote_status"], c["reason"]) for c in feed] == [
        ("2", "电子口岸申报中"), ("rejected", "照片不清晰"), ("100", "海关退单：品名不符"),
        ("800", "放行")]
    # another class's student is not this trainer's
    other = klass["students"][1]["seller_id"]
    assert main(["--db", db, "filings", "approve", "--class", "99", str(other), u]) == 1


def test_db_and_port_may_follow_the_subcommand(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    assert main(["class", "create", "--students", "1", "--json", "--db", db,
                 "--port", "8799"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["students"][0]["connection"].startswith("sellerdesk://127.0.0.1:8799?token=")
    assert main(["students", "--class", str(out["class_id"]), "--db", db]) == 0
    assert "Student 01" in capsys.readouterr().out


def test_platform_tokens_never_start_with_a_dash():
    """A token after `--token` on a command line must not read as an option (it did, now and
    then: the CLI sync test failed when secrets.token_urlsafe began with '-')."""
    from seller_desk.sandbox.app import new_token

    tokens = [new_token() for _ in range(5000)]
    assert not [t for t in tokens if t.startswith("-")]
    assert len(set(tokens)) == len(tokens)
