"""Wheel build hook (hatchling, named in pyproject.toml): the wheel carries the top-level
``resources/`` folder as ``seller_desk/_resources``.

The checkout keeps the shipped files (fonts, i18n catalogues, icons, the guide, openapi.json) in
the top-level ``resources/``; an installed wheel has no checkout around it, so every entry of
the folder but the screenshots goes into the package, where ``seller_desk.resources`` finds it.
An editable install gets nothing: it reads the checkout's ``resources/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: entries of resources/ that stay out of the wheel
LEFT_OUT = {"screenshots"}


class ResourcesHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        for entry in sorted((Path(self.root) / "resources").iterdir()):
            if entry.name not in LEFT_OUT and not entry.name.startswith("."):
                build_data["force_include"][str(entry)] = f"seller_desk/_resources/{entry.name}"
