"""pip users: the wheel carries the resources, installs into a fresh venv and passes the same
smoke test as the bundle (installers/smoke.sh on the venv's commands). Dependencies come from
this environment (a .pth line) so the test runs offline; installers/wheel-smoke.sh (in .ci/run)
does the full `pip install` from the index as pipx would."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import pytest

from seller_desk import __version__

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_wheel_installs_into_a_fresh_venv_and_passes_the_smoke_test(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")  # the build backend (pyproject.toml), in the dev extra
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), str(REPO)], check=True, capture_output=True, cwd=tmp_path)
    (wheel,) = wheels.glob(f"seller_desk-{__version__}-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in ("seller_desk/_resources/i18n/app_zh_CN.ts",
                    "seller_desk/_resources/fonts/wqy-microhei.ttc",
                    "seller_desk/_resources/icons/sellerdesk-256.png",
                    "seller_desk/_resources/openapi.json",
                    "seller_desk/_resources/guide/zh_CN/index.html",
                    "seller_desk/_resources/guide/en/index.html",
                    "seller_desk/core/data/" , "seller_desk/store/migrations/env.py"):
        assert any(n.startswith(shipped) for n in names), shipped
    assert not any("screenshots" in n or n.startswith("tests/") for n in names)
    # every entry of resources/ but the screenshots (installers/wheel_hook.py)
    shipped_top = {n.split("/")[2] for n in names if n.startswith("seller_desk/_resources/")}
    assert shipped_top == {p.name for p in (REPO / "resources").iterdir()} - {"screenshots"}

    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIP_REQUIRE_VIRTUALENV")}
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    purelib = Path(subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True).stdout.strip())
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True, env=clean)
    # after the install (pip would take the editable seller-desk for installed): this
    # environment's dependencies, behind the venv's own site-packages (no seller_desk there:
    # a .pth line adds a path but runs no .pth file in it, so no editable install leaks in)
    deps = [p for p in {*site.getsitepackages(), sysconfig.get_path("purelib")} if Path(p).is_dir()]
    (purelib / "_sellerdesk_test_deps.pth").write_text("\n".join(deps) + "\n")
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import seller_desk, seller_desk.resources as r; "
                            "print(seller_desk.__file__); print(r.where())"],
                           check=True, capture_output=True, text=True, cwd=tmp_path,
                           env=clean)
    package_file, how = where.stdout.split()
    assert Path(package_file).is_relative_to(purelib) and how == "wheel"

    smoke = subprocess.run(["bash", str(REPO / "installers" / "smoke.sh"), str(venv / "bin")],
                           capture_output=True, text=True, timeout=600, env=clean)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "smoke: 0 failed" in smoke.stdout
    # the smoke test stops the platform it started (it once killed only the subshell around it,
    # and the platform kept running after the test)
    time.sleep(0.5)
    left = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline(p).startswith(
        str(venv / "bin" / "python"))] if Path("/proc/self").exists() else []
    assert not left, [_cmdline(p) for p in left]


def _cmdline(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""
