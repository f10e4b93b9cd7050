"""What every installer says about SellerDesk: names, ids, version, the URL scheme.

Read by the PyInstaller spec (executables, macOS Info.plist), the Linux .desktop file, the
Inno Setup build (``/D`` defines) and the tests. The version has one source,
``seller_desk.__version__``; a release tag must match it (``installers/check-version.sh``).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "SellerDesk"
APP_EXE = "SellerDesk"  # the windowed app (and the CLI: it takes the same arguments)
PLATFORM_EXE = "seller-desk-platform"  # the trainer's reference platform server (console)
BUNDLE_ID = "cn.sellerdesk.SellerDesk"
URL_SCHEMES = ("sellerdesk", "sellerdesks")  # sellerdesks:// is the TLS variant
PUBLISHER = "SellerDesk"
# Inno Setup AppId: fixed forever, so upgrades replace the same per-user installation.
WINDOWS_APP_ID = "{{6E0C8F2A-3B71-4C55-9D2E-5A1F7B9C0D41}"
ICONS = ROOT / "resources" / "icons"


def version() -> str:
    """``seller_desk.__version__``, read without importing the package."""
    tree = ast.parse((ROOT / "seller_desk" / "__init__.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets):
            return ast.literal_eval(node.value)
    raise LookupError("seller_desk/__init__.py has no __version__")


def info_plist() -> dict:
    """The macOS Info.plist keys PyInstaller's BUNDLE merges into its defaults."""
    ver = version()
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": ver,
        "CFBundleVersion": ver,
        "CFBundlePackageType": "APPL",
        "CFBundleExecutable": APP_EXE,
        "CFBundleIconFile": "sellerdesk.icns",
        "CFBundleDevelopmentRegion": "zh_CN",
        "CFBundleLocalizations": ["zh_CN", "en"],
        "CFBundleURLTypes": [{
            "CFBundleURLName": f"{BUNDLE_ID}.connection",
            "CFBundleURLSchemes": list(URL_SCHEMES),
            "CFBundleTypeRole": "Viewer",
        }],
        "NSHighResolutionCapable": True,
        "NSPrincipalClass": "NSApplication",
        "LSMinimumSystemVersion": "11.0",
        "LSApplicationCategoryType": "public.app-category.business",
        "NSHumanReadableCopyright": f"© {PUBLISHER}",
    }


def desktop_entry(exec_path: str = APP_EXE, icon: str = "sellerdesk") -> str:
    """The freedesktop .desktop file; ``%u`` hands a clicked sellerdesk:// link to the app."""
    mimes = ";".join(f"x-scheme-handler/{s}" for s in URL_SCHEMES)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        "Name[zh_CN]=SellerDesk 跨境卖家合规工作台\n"
        "Comment=Compliance desk for cross-border e-commerce sellers\n"
        "Comment[zh_CN]=跨境电商卖家的备案、报关、收结汇与税务工作台\n"
        f"Exec={exec_path} %u\n"
        f"Icon={icon}\n"
        "Terminal=false\n"
        "Categories=Office;Finance;\n"
        f"MimeType={mimes};\n"
        "StartupWMClass=SellerDesk\n"
    )


if __name__ == "__main__":  # for the shell scripts: python installers/bundle_meta.py version
    import sys

    print({"version": version, "bundle-id": lambda: BUNDLE_ID, "app-id": lambda: WINDOWS_APP_ID,
           "desktop": desktop_entry}[sys.argv[1]](), end="")
