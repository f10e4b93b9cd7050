"""Platform tokens in the OS keychain, never in the database, settings, logs or crash reports.

A server's token is kept through :mod:`seller_desk.keychain` (service ``SellerDesk``) under
``sync-token:<normalised server URL>``. That module refuses plaintext and no-op backends and
falls back to an encrypted file behind a passphrase; :class:`EncryptedFileKeyring` below is
such a file keyring built on ``cryptography`` alone (scrypt + Fernet), for the keychain
module to use where keyrings.alt's ``EncryptedKeyring`` lacks PyCryptodome.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from seller_desk import keychain
from seller_desk.core.sync_protocol import normalize_server_url
from seller_desk.sync.errors import NoKeychain, SyncError

SERVICE = keychain.SERVICE


def secret_name(server_url: str) -> str:
    return "sync-token:" + normalize_server_url(server_url)


def save_token(server_url: str, token: str) -> None:
    try:
        keychain.set_secret(secret_name(server_url), token)
    except keychain.KeychainUnavailable as exc:
        raise NoKeychain("sync.no_keychain", reason=str(exc)) from exc


def load_token(server_url: str) -> str | None:
    try:
        return keychain.get_secret(secret_name(server_url))
    except keychain.KeychainUnavailable as exc:
        raise NoKeychain("sync.no_keychain", reason=str(exc)) from exc


def delete_token(server_url: str) -> None:
    try:
        keychain.delete_secret(secret_name(server_url))
    except keychain.KeychainUnavailable as exc:
        raise NoKeychain("sync.no_keychain", reason=str(exc)) from exc


class EncryptedFileKeyring(KeyringBackend):
    """Secrets in one JSON file, each Fernet-encrypted with a key derived from a passphrase
    (scrypt, n=2**15, r=8, p=1; a random salt per file). A wrong passphrase fails loudly."""

    priority = 0.9  # type: ignore[assignment]

    def __init__(self, path: Path, passphrase: str):
        super().__init__()
        if not passphrase:
            raise ValueError("a passphrase is required")
        self.path = Path(path)
        self._lock = threading.Lock()
        data = self._read()
        salt = base64.b64decode(data["salt"]) if data.get("salt") else os.urandom(16)
        self._fernet = self._derive(passphrase, salt)
        self._salt = salt
        if data.get("check"):
            from cryptography.fernet import InvalidToken

            try:
                self._fernet.decrypt(data["check"].encode("ascii"))
            except InvalidToken as exc:
                raise SyncError("sync.keyring_wrong_passphrase") from exc

    @staticmethod
    def _derive(passphrase: str, salt: bytes):
        from cryptography.fernet import Fernet
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        key = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))
        return Fernet(base64.urlsafe_b64encode(key))

    def _read(self) -> dict:
        if not self.path.exists():
            return {}
        return json.loads(self.path.read_text("utf-8"))

    def _write(self, entries: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        doc = {"salt": base64.b64encode(self._salt).decode("ascii"),
               "check": self._fernet.encrypt(b"SellerDesk").decode("ascii"),
               "entries": entries}
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(doc), "utf-8")
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)  # never a half-written keyring file

    @staticmethod
    def _key(service: str, username: str) -> str:
        return json.dumps([service, username])

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            token = self._read().get("entries", {}).get(self._key(service, username))
        return None if token is None else self._fernet.decrypt(token.encode()).decode("utf-8")

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            entries = self._read().get("entries", {})
            entries[self._key(service, username)] = self._fernet.encrypt(
                password.encode("utf-8")).decode("ascii")
            self._write(entries)

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            entries = self._read().get("entries", {})
            if entries.pop(self._key(service, username), None) is None:
                raise PasswordDeleteError(username)
            self._write(entries)
