"""The `seller-desk` command, run as a user runs it (a subprocess), and in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from seller_desk import __version__
from seller_desk.cli import main

REPO = Path(__file__).resolve().parents[1]


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "seller_desk", *args], cwd=REPO,
                          capture_output=True, text=True, env=full_env, timeout=120)


def test_version() -> None:
    out = run_cli("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"SellerDesk {__version__}"


def test_output_to_a_reader_that_left_ends_quietly(tmp_path: Path) -> None:
    """``seller-desk … | head`` where head has gone: exit 1, no traceback on stderr."""
    db = tmp_path / "c.sqlite"
    env = {**os.environ, "SELLER_DESK_KEYRING_PASSPHRASE": "x",
           "SELLER_DESK_KEYRING_FILE": str(tmp_path / "k.cfg")}
    made = run_cli("init", "--kind", "enterprise", "--name", "X", "--id", "91110000600037341L",
                   "--db", str(db), env=env)
    assert made.returncode == 0, made.stderr
    proc = subprocess.Popen([sys.executable, "-m", "seller_desk",
                             "info", "--json", "--db", str(db)], env=env,
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # long before the command writes (its start alone takes longer)
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 1
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_init_then_info_json(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = f"sqlite:///{tmp_path / 'co.sqlite'}"
    assert main(["init", "--kind", "individual-business", "--name", "杭州小店",
                 "--id", "92330106MA28TQXY9", "--db", db]) == 1  # 17 chars
    capsys.readouterr()
    code = main(["init", "--kind", "enterprise", "--name", "杭州云帆跨境电子商务有限公司",
                 "--id", "91330110MA2H3K7Q8X", "--db", db, "--json"])
    created = json.loads(capsys.readouterr().out)
    assert code == 0 and created["ok"] is True
    assert created["company"]["id_code"] == "913301********7Q8X"
    assert main(["info", "--db", db, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["company"]["name_zh"] == "杭州云帆跨境电子商务有限公司"
    assert info["company"]["kind"] == "enterprise"
    assert info["schema"] and info["counts"]["company"] == 1
    assert info["app_version"] == __version__


def test_init_with_an_invalid_identity_code_exits_non_zero_with_the_reason(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = f"sqlite:///{tmp_path / 'bad.sqlite'}"
    code = main(["init", "--kind", "enterprise", "--name", "X", "--id", "91330110MA2H3K7Q8Y",
                 "--db", db, "--json", "--lang", "en"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert out["ok"] is False
    assert out["problems"][0]["key"] == "identity.uscc.check_char"
    assert "Position 18" in out["problems"][0]["message"]
    assert main(["info", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["company"] is None  # nothing written


def test_init_refuses_a_resident_id_for_an_enterprise(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture) -> None:
    code = main(["init", "--kind", "enterprise", "--name", "X", "--id", "11010519491231002X",
                 "--db", f"sqlite:///{tmp_path / 'k.sqlite'}", "--lang", "zh_CN"])
    assert code == 1
    assert capsys.readouterr().err.strip()


def test_info_on_a_missing_file_is_a_plain_message(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture) -> None:
    code = main(["info", "--db", str(tmp_path / "none.sqlite"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 3
    assert "does not exist" in err and "Traceback" not in err
    assert main(["info", "--db", str(tmp_path / "none.sqlite")]) == 3
    assert "不存在" in capsys.readouterr().err  # Chinese is the default language


def test_info_on_a_non_database_file_in_a_subprocess(tmp_path: Path) -> None:
    bad = tmp_path / "notes.sqlite"
    bad.write_text("hello\n" * 100)
    out = run_cli("info", "--db", str(bad), "--lang", "zh_CN")
    assert out.returncode == 3
    assert "不是 SellerDesk 公司文件" in out.stderr
    assert "Traceback" not in out.stderr
    assert bad.read_text() == "hello\n" * 100


def test_demo_headless_and_reset(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    assert main(["demo", "--db", db, "--orders", "50", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["created"] is True
    assert first["company"]["name_zh"] == "杭州云帆跨境电子商务有限公司"
    assert first["counts"]["company_quarters"] == 8
    assert main(["demo", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["created"] is False
    assert main(["demo", "--db", db, "--reset", "--orders", "50", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["created"] is True
    assert again["company"]["uuid"] != first["company"]["uuid"]


def test_demo_uses_the_data_dir(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["demo", "--data-dir", str(tmp_path), "--orders", "20"]) == 0
    assert (tmp_path / "demo.sqlite").exists()


def test_import_of_an_unknown_format_lists_what_was_tried(tmp_path: Path, desk,
                                                          capsys: pytest.CaptureFixture) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("foo,bar\n1,2\n", encoding="utf-8")
    code = main(["import", str(odd), "--db", desk.url, "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert out["problems"][0]["key"] == "io.unknown_format"
    assert "odd.csv" in out["problems"][0]["message"]


def test_without_a_keychain_the_cli_says_what_to_do(tmp_path: Path) -> None:
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "SELLER_DESK_KEYRING_FILE": str(tmp_path / "k.cfg")}
    env_clean = {k: v for k, v in os.environ.items() if k != "SELLER_DESK_KEYRING_PASSPHRASE"}
    out = subprocess.run(
        [sys.executable, "-m", "seller_desk", "init", "--kind", "enterprise", "--name", "X",
         "--id", "91110000600037341L", "--db", str(tmp_path / "n.sqlite")],
        cwd=REPO, capture_output=True, text=True, env={**env_clean, **env}, timeout=60)
    assert out.returncode == 3
    assert "SELLER_DESK_KEYRING_PASSPHRASE" in out.stderr
    assert "Traceback" not in out.stderr
    with_pass = subprocess.run(
        [sys.executable, "-m", "seller_desk", "init", "--kind", "enterprise", "--name", "X",
         "--id", "91110000600037341L", "--db", str(tmp_path / "n.sqlite")],
        cwd=REPO, capture_output=True, text=True, timeout=60,
        env={**env_clean, **env, "SELLER_DESK_KEYRING_PASSPHRASE": "correct horse"})
    assert with_pass.returncode == 0, with_pass.stderr
    assert (tmp_path / "k.cfg").exists()
    assert b"91110000600037341L" not in (tmp_path / "k.cfg").read_bytes()


def test_common_options_work_before_and_after_the_subcommand(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    missing = str(tmp_path / "none.sqlite")
    assert main(["--lang", "en", "info", "--db", missing]) == 3
    assert "does not exist" in capsys.readouterr().err
    assert main(["--db", missing, "--lang", "en", "info"]) == 3
    assert "does not exist" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path), "demo", "--orders", "10", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["file"] == str(tmp_path / "demo.sqlite")


def test_exit_after_start_paints_the_window_and_exits_0(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
           "SELLER_DESK_KEYRING_FILE": str(tmp_path / "k.cfg"),
           "SELLER_DESK_KEYRING_PASSPHRASE": "pass", "HOME": str(home),
           "XDG_DATA_HOME": str(home / "share"), "XDG_CONFIG_HOME": str(home / "config"),
           "QT_QPA_PLATFORM": "offscreen"}
    db = tmp_path / "c.sqlite"
    made = run_cli("init", "--kind", "enterprise", "--name", "测试贸易有限公司", "--id",
                   "91110000600037341L", "--db", str(db), env=env)
    assert made.returncode == 0, made.stderr
    out = run_cli("--db", str(db), "--exit-after-start", "--lang", "en", env=env)
    assert out.returncode == 0, out.stderr
    status = json.loads(out.stdout.strip().splitlines()[-1])
    assert status["started"] is True and status["window"] == "MainWindow"
    assert "Traceback" not in out.stderr
