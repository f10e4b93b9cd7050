"""The key that encrypts personal data at rest, held in the OS keychain (seller_desk.keychain).

Created on first use. Without a usable keychain, :class:`KeychainUnavailable` explains what to
do; there is no plaintext fallback.

The demo company is the one exception: its data is fictitious, so it is encrypted with a
throw-away key kept in a file beside it (:func:`demo_key_file`), and a trainer's first start
needs neither a keychain nor a passphrase. :meth:`seller_desk.desk.Desk.open` picks the key
file when the company file has one (:func:`use_key_file`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from seller_desk.keychain import KeychainUnavailable, get_secret, set_secret

KEY_NAME = "data-encryption-key"
_lock = threading.Lock()
_key_file: Path | None = None

__all__ = ["KeychainUnavailable", "create_demo_key", "decrypt", "demo_key_file", "encrypt",
           "encrypt_many", "reset_key_cache", "use_key_file"]


def demo_key_file(db_path: Path) -> Path:
    """Where the demo company file ``db_path`` keeps its throw-away key."""
    return db_path.with_name(db_path.name + ".demo-key")


def create_demo_key(db_path: Path) -> Path:
    """A new throw-away key for a demo company file about to be built (owner-only file)."""
    from cryptography.fernet import Fernet

    path = demo_key_file(db_path)
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(Fernet.generate_key().decode("ascii"))
    return path


def use_key_file(path: Path | None) -> None:
    """Encrypt with the key in ``path`` (a demo company) or, with None, the keychain's."""
    global _key_file
    if path != _key_file:
        _key_file = path
        _fernet.cache_clear()


@lru_cache(maxsize=1)
def _fernet() -> Any:
    from cryptography.fernet import Fernet
    from keyring.errors import KeyringError

    if _key_file is not None:
        return Fernet(_key_file.read_text(encoding="ascii").strip().encode("ascii"))
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


def encrypt_many(texts: Sequence[str]) -> list[str]:
    """:func:`encrypt` of each of ``texts`` (a bulk import's thousands of outbox payloads),
    giving Fernet tokens that :func:`decrypt` (any Fernet) opens, made in one pass: the texts
    are encrypted as one AES-CBC stream in which each is preceded by a fresh random block, so
    each token's IV is that block enciphered (the IV of NIST SP 800-38A appendix C: the
    cipher applied to a nonce; unpredictable, never reused) and each token's ciphertext is
    plain CBC from it; each token is then authenticated with its own HMAC-SHA256 exactly as
    Fernet does."""
    if not texts:
        return []
    fernet = _fernet()
    signing, aes = getattr(fernet, "_signing_key", None), getattr(fernet, "_aes", None)
    if not isinstance(signing, bytes) or aes is None:  # another Fernet inside: one at a time
        return [encrypt(t) for t in texts]
    import base64
    import hmac
    import time

    from cryptography.hazmat.primitives.ciphers import Cipher, modes

    padded = []
    for text in texts:
        data = text.encode("utf-8")
        pad = 16 - len(data) % 16
        padded.append(data + bytes((pad,)) * pad)
    nonces = os.urandom(16 * len(padded))
    stream = b"".join(nonces[16 * k:16 * k + 16] + p for k, p in enumerate(padded))
    encryptor = Cipher(aes, modes.CBC(os.urandom(16))).encryptor()
    out = encryptor.update(stream) + encryptor.finalize()
    head = b"\x80" + int(time.time()).to_bytes(length=8, byteorder="big")
    tokens: list[str] = []
    at = 0
    for p in padded:
        end = at + 16 + len(p)
        basic = head + out[at:end]  # the IV (the enciphered nonce) and the ciphertext
        tokens.append(base64.urlsafe_b64encode(
            basic + hmac.digest(signing, basic, "sha256")).decode("ascii"))
        at = end
    return tokens


def decrypt(token: str) -> str:
    from cryptography.fernet import InvalidToken

    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise KeychainUnavailable(
            "The encryption key in this computer's keychain does not open this company file's "
            "personal data (was the file made on another computer?).") from exc
