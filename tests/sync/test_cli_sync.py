"""``seller-desk sync`` headless against the real platform."""

from __future__ import annotations

import json

from seller_desk.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_sync_with_token_then_from_keyring(desk, running, capsys, tmp_path):
    db = desk.url
    code, out = run(capsys, "sync", "--db", db, "--server", running.url, "--token",
                    running.token(0), "--json")
    assert code == 0
    assert json.loads(out) == {"pushed": 1, "pulled": 0, "conflicts": 0, "failed": 0,
                               "pending": 0}
    # nothing kept without --save-token: the keychain has no token for this server
    code, out = run(capsys, "sync", "--db", db, "--server", running.url,
                    "--token-from-keyring", "--json")
    assert code == 1
    assert json.loads(out)["error"] == "sync.no_token"
    line = tmp_path / "line.txt"
    line.write_text(running.klass["students"][0]["connection"] + "\n", "utf-8")
    code, out = run(capsys, "sync", "connect", "--db", db, "--connection-file", str(line),
                    "--json")
    assert code == 0 and json.loads(out)["account"]["name"] == "Student 01"
    code, out = run(capsys, "sync", "--db", db, "--json")
    assert code == 0 and json.loads(out)["pending"] == 0
    code, out = run(capsys, "sync", "status", "--db", db, "--json")
    status = json.loads(out)
    assert (status["server_url"], status["has_token"], status["sent"]) == (
        running.url, True, 1)
    assert running.token(0) not in out


def test_sync_reports_an_unreachable_server(desk, capsys):
    from seller_desk.sandbox.server import free_port

    url = f"http://127.0.0.1:{free_port()}"
    import seller_desk.sync.client as client

    original = client.RetryPolicy
    try:  # keep the test fast: two quick attempts
        client.RetryPolicy = lambda: original(attempts=2, base=0.01, cap=0.02)
        code, out = run(capsys, "sync", "--db", desk.url, "--server", url, "--token", "t",
                        "--json", "--lang", "en")
    finally:
        client.RetryPolicy = original
    data = json.loads(out)
    assert code == 1
    assert (data["error"], data["pending"], data["pushed"]) == ("sync.unreachable", 1, 0)
    assert data["message"].startswith(f"Could not reach the platform at {url} after 2 attempts")


def test_issues_retry_and_discard(desk, running, capsys):
    from seller_desk.store.outbox import enqueue

    with desk.write() as s:
        item = enqueue(s, "product", "aaaaaaaa-0000-4000-8000-000000000000", {"hs_code": "1"})
        s.flush()
        item_id = item.id
    db = desk.url
    run(capsys, "sync", "--db", db, "--server", running.url, "--token", running.token(0))
    code, out = run(capsys, "sync", "issues", "--db", db, "--json")
    [issue] = json.loads(out)
    assert (issue["id"], issue["state"], issue["entity"]) == (item_id, "failed", "product")
    assert main(["sync", "discard", "--db", db, "--id", str(item_id)]) == 2  # asks for --yes
    capsys.readouterr()
    code, out = run(capsys, "sync", "retry", "--db", db, "--id", str(item_id), "--json")
    assert code == 0 and desk.sync.status().pending == 1
    code, out = run(capsys, "sync", "retry", "--db", db, "--id", str(item_id), "--json")
    assert code == 1 and json.loads(out)["problems"][0]["key"] == "sync.no_such_issue"
    run(capsys, "sync", "--db", db, "--server", running.url, "--token", running.token(0))
    code, out = run(capsys, "sync", "discard", "--db", db, "--id", str(item_id), "--yes")
    assert code == 0
    st = desk.sync.status()
    assert (st.pending, st.failed) == (0, 0)
