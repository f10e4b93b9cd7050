"""The installer scripts, checked as far as a Linux machine can: the PyInstaller spec, the
Inno Setup script, the macOS Info.plist and dmg settings, the .desktop file, the icons, the
release workflow, the resources lookup and the version's single source. The bundle itself is
built and smoke-tested by .ci/run (installers/linux/build.sh + installers/smoke.sh)."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import plistlib
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from seller_desk import __version__, resources

REPO = Path(__file__).resolve().parents[1]
INSTALLERS = REPO / "installers"
sys.path.insert(0, str(INSTALLERS))
import bundle_meta  # noqa: E402

sys.path.remove(str(INSTALLERS))


# -- version and resources --------------------------------------------------------------------
def test_the_version_has_one_source() -> None:
    assert bundle_meta.version() == __version__
    out = subprocess.run(["bash", str(INSTALLERS / "check-version.sh"), f"v{__version__}"],
                         capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == __version__
    wrong = subprocess.run(["bash", str(INSTALLERS / "check-version.sh"), "v99.0.0"],
                           capture_output=True, text=True)
    assert wrong.returncode == 1 and "does not match" in wrong.stderr


def test_resources_come_from_the_checkout_here_and_from_meipass_in_a_bundle(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert resources.where() == "checkout"
    assert resources.root() == REPO / "resources"
    assert resources.path("i18n", "app_zh_CN.ts").is_file()
    resources.root.cache_clear()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    try:
        assert resources.root() == tmp_path / "resources"
        assert resources.where() == "bundle"
    finally:
        resources.root.cache_clear()


def test_no_code_finds_resources_beside_the_package_by_itself() -> None:
    """Every shipped-resource path goes through seller_desk.resources (bundles, wheels)."""
    offenders = []
    for path in (REPO / "seller_desk").rglob("*.py"):
        if path.name == "resources.py":
            continue
        text = path.read_text("utf-8")
        if re.search(r"parents?\[?\d?\]?[^\n]*/\s*\"resources\"", text):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


# -- the PyInstaller spec ---------------------------------------------------------------------
SPEC = (INSTALLERS / "sellerdesk.spec").read_text("utf-8")


def _spec_calls(name: str) -> list[ast.Call]:
    tree = ast.parse(SPEC)
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Name) and n.func.id == name]


def test_the_spec_builds_two_executables_in_one_windowed_folder() -> None:
    assert len(_spec_calls("Analysis")) == 2
    scripts = re.findall(r'"entry" / "([^"]+)"', SPEC)
    assert sorted(scripts) == ["sellerdesk_app.py", "sellerdesk_platform.py"]
    for script in scripts:
        assert (INSTALLERS / "entry" / script).is_file()
        assert Path(script).stem not in sys.stdlib_module_names  # would shadow the stdlib
    exes = {kw.arg: kw.value for call in _spec_calls("EXE") for kw in call.keywords}
    assert len(_spec_calls("EXE")) == 2 and len(_spec_calls("COLLECT")) == 1
    assert "exclude_binaries" in exes  # one-folder
    consoles = [next(kw.value.value for kw in call.keywords if kw.arg == "console")
                for call in _spec_calls("EXE")]
    assert consoles == [False, True]  # the app windowed, the platform server a console program
    assert "bundle_meta.APP_EXE" in SPEC and "bundle_meta.PLATFORM_EXE" in SPEC
    assert bundle_meta.PLATFORM_EXE == "seller-desk-platform"


def test_the_spec_leaves_out_qtwebengine_and_ships_the_resources() -> None:
    assert '"PySide6.QtWebEngineCore"' in SPEC and '"PySide6.QtWebEngineWidgets"' in SPEC
    assert '(ROOT / "resources").rglob' in SPEC
    assert 'collect_data_files("seller_desk.store", include_py_files=True, subdir="migrations")' in SPEC
    assert "sys._MEIPASS" in (REPO / "seller_desk" / "resources.py").read_text("utf-8")


def test_every_keyring_backend_the_spec_names_exists() -> None:
    names = ast.literal_eval(SPEC.split("KEYRING_BACKENDS = ", 1)[1].split("]", 1)[0] + "]")
    assert {"keyring.backends.Windows", "keyring.backends.macOS",
            "keyring.backends.SecretService", "keyrings.alt.file"} <= set(names)
    for name in names:
        assert importlib.util.find_spec(name) is not None, name


def test_every_qt_module_the_code_imports_is_kept() -> None:
    used = set()
    for path in (REPO / "seller_desk").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text("utf-8")))
        used |= {m for m in re.findall(r"from PySide6 import ([\w, ]+)", path.read_text("utf-8"))
                 for m in m.replace(" ", "").split(",")}
    excluded = set(re.findall(r'"PySide6\.(Qt\w+)"', SPEC.split("QT_EXCLUDES", 1)[1].split("]")[0]))
    assert used and not (used & excluded), used & excluded


# -- Windows ----------------------------------------------------------------------------------
ISS = (INSTALLERS / "windows" / "sellerdesk.iss").read_text("utf-8")


def _iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in ISS.splitlines():
        line = line.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            assert current not in sections, f"section [{current}] twice"
            sections[current] = []
        else:
            assert current is not None, f"directive outside a section: {line}"
            sections[current].append(line)
    return sections


def test_the_inno_script_installs_per_user_with_start_menu_and_url_scheme() -> None:
    sections = _iss_sections()
    assert {"Setup", "Languages", "Files", "Icons", "Registry", "Run"} <= set(sections)
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["AppId"] == bundle_meta.WINDOWS_APP_ID
    assert setup["OutputBaseFilename"] == "{#AppName}-{#AppVersion}-setup"
    assert setup["DefaultDirName"].startswith("{autopf}")
    assert (INSTALLERS / "windows" / setup["SetupIconFile"].replace("\\", "/")).resolve() \
        == REPO / "resources" / "icons" / "sellerdesk.ico"
    langs = [re.search(r'Name: "(\w+)"', line).group(1) for line in sections["Languages"]]
    assert langs == ["zh_CN", "en"]
    assert any(line.startswith('Name: "{autoprograms}') for line in sections["Icons"])
    registry = "\n".join(sections["Registry"])
    for scheme in bundle_meta.URL_SCHEMES:
        assert f'Subkey: "Software\\Classes\\{scheme}"; ValueType: string; ValueName: "URL Protocol"' in registry
        assert f'Software\\Classes\\{scheme}\\shell\\open\\command' in registry
    assert all(line.startswith("Root: HKCU;") for line in sections["Registry"])  # no admin
    assert '#define AppExe "SellerDesk.exe"' in ISS and bundle_meta.APP_EXE == "SellerDesk"
    # every custom message exists in both setup languages
    keys = {}
    for line in sections.get("CustomMessages", []):
        lang, rest = line.split(".", 1)
        keys.setdefault(rest.split("=", 1)[0], set()).add(lang)
    assert keys and all(v == {"zh_CN", "en"} for v in keys.values())
    for used in re.findall(r"\{cm:(\w+)\}", ISS):
        assert used in keys


def test_the_uninstaller_keeps_the_data_folder() -> None:
    sections = _iss_sections()
    assert "UninstallDelete" not in sections
    assert "LOCALAPPDATA" not in "".join(sections["Files"]) and "{localappdata}" not in ISS


# -- macOS ------------------------------------------------------------------------------------
def test_the_info_plist_is_valid_and_registers_the_url_scheme() -> None:
    info = bundle_meta.info_plist()
    data = plistlib.loads(plistlib.dumps(info))  # a valid property list
    assert data["CFBundleIdentifier"] == bundle_meta.BUNDLE_ID
    assert data["CFBundleShortVersionString"] == __version__
    assert data["NSHighResolutionCapable"] is True
    assert data["CFBundleURLTypes"][0]["CFBundleURLSchemes"] == ["sellerdesk", "sellerdesks"]
    assert data["CFBundleExecutable"] == bundle_meta.APP_EXE
    plistlib.loads((INSTALLERS / "macos" / "entitlements.plist").read_bytes())


def test_the_dmg_settings_put_the_app_beside_applications() -> None:
    settings: dict = {"defines": {"app": "dist/SellerDesk.app", "icon": "x.icns"}}
    exec(compile((INSTALLERS / "macos" / "dmg_settings.py").read_text("utf-8"),
                 "dmg_settings.py", "exec"), settings)
    assert settings["files"] == ["dist/SellerDesk.app"]
    assert settings["symlinks"] == {"Applications": "/Applications"}
    assert set(settings["icon_locations"]) == {"SellerDesk.app", "Applications"}
    assert settings["format"] == "UDZO"


# -- Linux ------------------------------------------------------------------------------------
def test_the_desktop_file_handles_sellerdesk_links() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(bundle_meta.desktop_entry())
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Exec"] == "SellerDesk %u"
    assert "x-scheme-handler/sellerdesk;" in entry["MimeType"]
    out = subprocess.run([sys.executable, str(INSTALLERS / "bundle_meta.py"), "desktop"],
                         capture_output=True, text=True, check=True)
    assert out.stdout == bundle_meta.desktop_entry()


def test_the_desktop_entry_script_points_at_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "SellerDesk"
    folder.mkdir()
    (folder / "sellerdesk.desktop").write_text(bundle_meta.desktop_entry(), "utf-8")
    (folder / "sellerdesk.png").write_bytes((REPO / "resources/icons/sellerdesk-256.png").read_bytes())
    script = folder / "install-desktop-entry.sh"
    script.write_text((INSTALLERS / "linux" / "install-desktop-entry.sh").read_text("utf-8"))
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "share"), "PATH": "/usr/bin:/bin"}
    subprocess.run(["bash", str(script)], env=env, check=True, capture_output=True)
    desktop = (tmp_path / "share/applications/sellerdesk.desktop").read_text("utf-8")
    assert f'Exec="{folder}/SellerDesk" %u' in desktop
    assert (tmp_path / "share/icons/hicolor/256x256/apps/sellerdesk.png").is_file()
    subprocess.run(["bash", str(script), "--remove"], env=env, check=True, capture_output=True)
    assert not (tmp_path / "share/applications/sellerdesk.desktop").exists()


def test_every_installer_script_parses() -> None:
    scripts = sorted(INSTALLERS.rglob("*.sh"))
    assert len(scripts) >= 10
    for script in scripts:
        out = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert out.returncode == 0, f"{script}: {out.stderr}"


# -- the icon ---------------------------------------------------------------------------------
def test_the_icon_exists_in_every_format_and_size() -> None:
    from PIL import Image

    icons = REPO / "resources" / "icons"
    assert ElementTree.parse(icons / "sellerdesk.svg").getroot().tag.endswith("svg")
    for size in (16, 32, 48, 64, 128, 256, 512, 1024):
        with Image.open(icons / f"sellerdesk-{size}.png") as image:
            assert image.size == (size, size) and image.mode == "RGBA"
            assert image.getpixel((size // 2, size // 2))[3] == 255  # drawn, not blank
    with Image.open(icons / "sellerdesk.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(icons / "sellerdesk.icns") as icns:
        assert icns.format == "ICNS"
        assert {(16, 16, 2), (32, 32, 2), (128, 128, 1), (256, 256, 1), (512, 512, 2)} <= set(icns.info["sizes"])


# -- the release workflow ---------------------------------------------------------------------
def test_the_release_workflow_is_valid_and_every_step_is_an_installers_script() -> None:
    yaml = pytest.importorskip("yaml")
    flow = yaml.safe_load((REPO / ".github" / "workflows" / "release.yml").read_text("utf-8"))
    triggers = flow[True] if True in flow else flow["on"]  # YAML 1.1 reads `on` as True
    assert triggers["push"]["tags"] == ["v*"]
    build = flow["jobs"]["build"]
    matrix = build["strategy"]["matrix"]["include"]
    assert {m["os"] for m in matrix} == {"windows-latest", "macos-latest", "ubuntu-latest"}
    for m in matrix:
        assert (REPO / m["build"]).is_file()
    assert flow["jobs"]["release"]["needs"] == "build"
    runs = [step["run"] for job in flow["jobs"].values() for step in job["steps"] if "run" in step]
    assert len(runs) >= 6
    expanded = [run.replace("${{ matrix.build }}", m["build"]) for run in runs for m in matrix]
    for run in expanded:
        match = re.fullmatch(r"bash (\S+)(?: .*)?", run.strip())
        assert match, f"not a script call: {run}"
        target = match.group(1)
        assert target.startswith("installers/") and (REPO / target).is_file(), run
    smoke = [s for s in build["steps"] if "installers/smoke.sh" in s.get("run", "")]
    assert smoke and "${{ matrix.bundle }}" in smoke[0]["run"]
    for step in build["steps"] + flow["jobs"]["release"]["steps"]:
        assert "run" in step or step["uses"].startswith("actions/")
