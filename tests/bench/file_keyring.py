"""The bench's throw-away keychain: secrets in the JSON file named by
``SELLER_DESK_BENCH_KEYCHAIN``, never the user's keychain. keyring loads it when SellerDesk
first asks for a secret (:func:`tests.bench.child.use_file_keyring`)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend

#: the environment variable naming the keychain file
PATH_ENV = "SELLER_DESK_BENCH_KEYCHAIN"


class FileKeyring(KeyringBackend):
    priority = 10  # type: ignore[assignment]

    def _load(self) -> dict[str, str]:
        p = Path(os.environ[PATH_ENV])
        return json.loads(p.read_text()) if p.exists() else {}

    def _save(self, d: dict[str, str]) -> None:
        Path(os.environ[PATH_ENV]).write_text(json.dumps(d))

    def get_password(self, service, username):
        return self._load().get(f"{service}\x1f{username}")

    def set_password(self, service, username, password):
        d = self._load()
        d[f"{service}\x1f{username}"] = password
        self._save(d)

    def delete_password(self, service, username):
        d = self._load()
        d.pop(f"{service}\x1f{username}", None)
        self._save(d)
