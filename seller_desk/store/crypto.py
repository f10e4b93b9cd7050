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

__all__ = ["KeychainUnavailable", "create_demo_key", "decrypt", "decrypt_many", "demo_key_file",
           "encrypt", "encrypt_many", "reset_key_cache", "use_key_file"]


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
        reset_key_cache()


@lru_cache(maxsize=1)
def _key() -> bytes:
    """The Fernet key (url-safe base64 of 32 bytes) from the key file or the keychain."""
    from cryptography.fernet import Fernet
    from keyring.errors import KeyringError

    if _key_file is not None:
        return _key_file.read_text(encoding="ascii").strip().encode("ascii")
    with _lock:
        try:
            key = get_secret(KEY_NAME)
            if key is None:
                key = Fernet.generate_key().decode("ascii")
                set_secret(KEY_NAME, key)
        except KeyringError as exc:
            raise KeychainUnavailable(str(exc)) from exc
    return key.encode("ascii")


@lru_cache(maxsize=1)
def _fernet() -> Any:
    from cryptography.fernet import Fernet

    return Fernet(_key())


def reset_key_cache() -> None:
    """Forget the cached key (tests switch keyring backends)."""
    _key.cache_clear()
    _fernet.cache_clear()
    _raw_keys.cache_clear()
    _batch_keys.cache_clear()
    _hmac_pads.cache_clear()


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
    import time
    from binascii import b2a_base64

    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    _signing, aes = _raw_keys()
    inner, outer = _hmac_pads()
    # one CBC stream for the whole list, fed a chunk at a time (each chunk a whole number of
    # blocks, so its output is exactly its tokens' IVs and ciphertexts): a chunk's bytes stay
    # in the CPU cache from padding to base64 rather than making 40 MB passes per 100k tokens
    encrypt = Cipher(algorithms.AES(aes), modes.CBC(os.urandom(16))).encryptor().update
    head = b"\x80" + int(time.time()).to_bytes(length=8, byteorder="big")
    # the inner hash fed the version and timestamp once: every token's MAC starts with them
    inner = inner.copy()
    inner.update(head)
    inner_copy, outer_copy = inner.copy, outer.copy
    tokens: list[str] = []
    add = tokens.append
    for c in range(0, len(texts), _CHUNK):
        datas = [text.encode("utf-8") for text in texts[c:c + _CHUNK]]
        nonces = os.urandom(16 * len(datas))
        out = encrypt(b"".join([nonces[16 * k:16 * k + 16] + data + _PADS[16 - len(data) % 16]
                                for k, data in enumerate(datas)]))
        at = 0
        for data in datas:
            end = at + 32 + len(data) - len(data) % 16  # the IV and the padded ciphertext
            body = out[at:end]  # the IV (the enciphered nonce) and the ciphertext
            # HMAC-SHA256 (RFC 2104) from the keyed inner and outer hashes: hmac.digest sets
            # up an OpenSSL HMAC context per call, three times the cost of two hash copies
            h = inner_copy()
            h.update(body)
            mac = outer_copy()
            mac.update(h.digest())
            # url-safe base64, what Fernet writes
            add(b2a_base64(head + body + mac.digest(), newline=False).translate(_URLSAFE)
                .decode("ascii"))
            at = end
    return tokens


#: texts encrypted per chunk of the CBC stream
_CHUNK = 1024
#: PKCS7 padding of each length
_PADS = {n: bytes((n,)) * n for n in range(1, 17)}
_URLSAFE = bytes.maketrans(b"+/", b"-_")


@lru_cache(maxsize=1)
def _hmac_pads() -> tuple[Any, Any]:
    """SHA-256 hashes fed the signing key XOR ipad and XOR opad (RFC 2104), to copy per token:
    ``outer.copy().update(inner.copy().update(m).digest())`` is HMAC-SHA256(signing key, m)."""
    import hashlib

    signing, _aes = _raw_keys()
    key = signing.ljust(64, b"\0")  # 16 bytes: shorter than SHA-256's block, zero-padded
    return (hashlib.sha256(bytes(b ^ 0x36 for b in key)),
            hashlib.sha256(bytes(b ^ 0x5C for b in key)))


_WRONG_KEY = ("The encryption key in this computer's keychain does not open this company "
              "file's personal data (was the file made on another computer?).")


def decrypt(token: str) -> str:
    from cryptography.fernet import InvalidToken

    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise KeychainUnavailable(_WRONG_KEY) from exc


# -- many tokens at once --------------------------------------------------------------------
# Fernet.decrypt sets up an HMAC and an AES-CBC context per token: most of the ~10 µs a small
# token costs (a sync batch decrypts 1,000 outbox payloads). decrypt_many verifies each token
# exactly as the Fernet spec says (version byte, HMAC-SHA256 over version ‖ timestamp ‖ IV ‖
# ciphertext, compared in constant time, before anything is decrypted), then decrypts every
# ciphertext of the batch with one AES context: CBC decryption is P_i = D_K(C_i) XOR C_(i-1)
# (C_0 the IV), so one ECB pass over all blocks and one XOR with the blocks shifted by one
# (each token's IV in front of its own blocks) give the same plaintexts. PKCS7 padding is
# checked per token. No TTL: like decrypt(), which passes none.
_FERNET_VERSION = 0x80
_HEADER = 25  # version (1) + timestamp (8) + IV (16)
_MAC = 32


@lru_cache(maxsize=1)
def _raw_keys() -> tuple[bytes, bytes]:
    """The Fernet key's two halves, as the Fernet spec splits it: (signing key, AES key)."""
    import base64

    raw = base64.urlsafe_b64decode(_key())
    if len(raw) != 32:
        raise ValueError("Fernet key must be 32 url-safe base64-encoded bytes.")
    return raw[:16], raw[16:]


@lru_cache(maxsize=1)
def _batch_keys() -> tuple[Any, Any]:
    """(an HMAC-SHA256 keyed with the signing key, to copy per token; the AES cipher)."""
    from cryptography.hazmat.primitives import hashes, hmac
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    signing, aes = _raw_keys()
    return hmac.HMAC(signing, hashes.SHA256()), Cipher(algorithms.AES(aes), modes.ECB())


def decrypt_many(tokens: list[str]) -> list[str]:
    """``[decrypt(t) for t in tokens]`` with one key setup and one AES pass for the list;
    any token that does not verify raises :class:`KeychainUnavailable` like :func:`decrypt`."""
    if not tokens:
        return []
    import base64
    import binascii
    from hmac import compare_digest

    mac, cipher = _batch_keys()
    datas: list[bytes] = []
    for token in tokens:
        try:
            data = base64.urlsafe_b64decode(token)
        except (TypeError, ValueError, binascii.Error) as exc:
            raise KeychainUnavailable(_WRONG_KEY) from exc
        size = len(data) - _HEADER - _MAC
        if size <= 0 or size % 16 or data[0] != _FERNET_VERSION:
            raise KeychainUnavailable(_WRONG_KEY)
        h = mac.copy()
        h.update(data[:-_MAC])
        if not compare_digest(h.finalize(), data[-_MAC:]):
            raise KeychainUnavailable(_WRONG_KEY)
        datas.append(data)
    blocks = b"".join([d[_HEADER:-_MAC] for d in datas])
    previous = b"".join([d[9:-_MAC - 16] for d in datas])  # IV, then all but the last block
    decryptor = cipher.decryptor()
    xored = decryptor.update(blocks) + decryptor.finalize()
    n = len(blocks)
    plain = (int.from_bytes(xored) ^ int.from_bytes(previous)).to_bytes(n)
    out: list[str] = []
    at = 0
    for d in datas:
        end = at + len(d) - _HEADER - _MAC
        pad = plain[end - 1]
        if not 1 <= pad <= 16 or plain[end - pad:end] != bytes((pad,)) * pad:
            raise KeychainUnavailable(_WRONG_KEY)
        try:
            out.append(plain[at:end - pad].decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise KeychainUnavailable(_WRONG_KEY) from exc
        at = end
    return out
