"""Platform tokens in the OS keychain (keyring), never in the database, settings or logs.

The token of a server is kept under service ``SellerDesk`` and the server's normalised URL.
Where no real keychain exists (a bare Linux box has no Secret Service; keyring then falls
back to keyrings.alt's *plaintext* file), :func:`keychain_status` says so and
:func:`use_encrypted_file` offers a file keyring encrypted with a passphrase (scrypt + Fernet
from ``cryptography``) instead. A plaintext backend is never used silently.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from seller_desk.core.sync_protocol import normalize_server_url
from seller_desk.sync.errors import NoKeychain, SyncError

SERVICE = "SellerDesk"

#: Backends that do not keep a secret secret (or keep nothing at all).
_UNSAFE = ("PlaintextKeyring", "fail.Keyring", "null.Keyring")


def _name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__.rsplit('.', 1)[-1]}.{cls.__name__}" if cls.__name__ == "Keyring" \
        else cls.__name__


def _backends(backend: KeyringBackend) -> list[KeyringBackend]:
    inner = getattr(backend, "backends", None)  # keyring's ChainerBackend
    return list(inner) if inner else [backend]


def keychain_status() -> tuple[bool, str]:
    """(usable, backend name). Unusable: only a plaintext, failing or null backend."""
    backend = keyring.get_keyring()
    safe = [b for b in _backends(backend) if not any(u in _name(b) for u in _UNSAFE)]
    return bool(safe), _name(backend)


def _require_keychain() -> None:
    usable, name = keychain_status()
    if not usable:
        raise NoKeychain("sync.no_keychain", backend=name)


def save_token(server_url: str, token: str) -> None:
    _require_keychain()
    try:
        keyring.set_password(SERVICE, normalize_server_url(server_url), token)
    except KeyringError as exc:
        raise SyncError("sync.keychain_failed", reason=type(exc).__name__) from exc


def load_token(server_url: str) -> str | None:
    _require_keychain()
    try:
        return keyring.get_password(SERVICE, normalize_server_url(server_url))
    except KeyringError as exc:
        raise SyncError("sync.keychain_failed", reason=type(exc).__name__) from exc


def delete_token(server_url: str) -> None:
    _require_keychain()
    try:
        keyring.delete_password(SERVICE, normalize_server_url(server_url))
    except PasswordDeleteError:
        pass


class MemoryKeyring(KeyringBackend):
    """A file-less keyring for tests: secrets live in this object only."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


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


def use_encrypted_file(path: Path, passphrase: str) -> EncryptedFileKeyring:
    """Switch this process to an encrypted file keyring (the user chose it, with a passphrase)."""
    backend = EncryptedFileKeyring(path, passphrase)
    keyring.set_keyring(backend)
    return backend
