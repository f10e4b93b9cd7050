"""The key that encrypts personal data at rest, held in the OS keychain (seller_desk.keychain).

Created on first use. Without a usable keychain, :class:`KeychainUnavailable` explains what to
do; there is no plaintext fallback.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from seller_desk.keychain import KeychainUnavailable, get_secret, set_secret

KEY_NAME = "data-encryption-key"
_lock = threading.Lock()

__all__ = ["KeychainUnavailable", "decrypt", "encrypt", "reset_key_cache"]


@lru_cache(maxsize=1)
def _fernet() -> Any:
    from cryptography.fernet import Fernet
    from keyring.errors import KeyringError

    with _lock:
        try:
            key = get_secret(KEY_NAME)
            if key is None:
                key = Fernet.generate_key().decode("ascii")
                set_secret(KEY_NAME, key)
        except KeyringError as exc:
            raise KeychainUnavailable(str(exc)) from exc
    return Fernet(key.encode("ascii"))


def reset_key_cache() -> None:
    """Forget the cached key (tests switch keyring backends)."""
    _fernet.cache_clear()


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    from cryptography.fernet import InvalidToken

    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise KeychainUnavailable(
            "The encryption key in this computer's keychain does not open this company file's "
            "personal data (was the file made on another computer?).") from exc
