"""Build hook: the wheel carries the top-level ``resources/`` folder as ``seller_desk/_resources``.

The checkout keeps ``resources/`` at the top level (fonts, i18n catalogues, icons,
openapi.json); an installed wheel has no checkout around it, so ``build_py`` copies the folder
into the package it builds. ``seller_desk.resources`` finds either (and a PyInstaller bundle's).
Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SKIP = shutil.ignore_patterns("screenshots", "*.svg~", "__pycache__")


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the checkout's resources/
            return
        target = Path(self.build_lib) / "seller_desk" / "_resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(HERE / "resources", target, ignore=SKIP)


setup(cmdclass={"build_py": BuildPyWithResources})
