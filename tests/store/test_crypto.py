"""decrypt_many: the same plaintexts as decrypt, the same refusals (a token that does not
verify under this computer's key opens nothing)."""

from __future__ import annotations

import base64
import hmac
import json
import os
import struct
import time

import pytest
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from seller_desk.store import crypto
from seller_desk.store.crypto import KeychainUnavailable, decrypt, decrypt_many, encrypt

TEXTS = ["", "a", "x" * 15, "x" * 16, "x" * 17, "中文 ID 110101199003071234", "🙂" * 40,
         json.dumps({"sku": "SKU-1", "price_amount": "12.50", "price_currency": "USD"}),
         "z" * 5000]


def test_decrypt_many_gives_what_decrypt_gives():
    tokens = [encrypt(t) for t in TEXTS * 3]
    assert decrypt_many(tokens) == [decrypt(t) for t in tokens] == TEXTS * 3
    assert decrypt_many([]) == []
    assert decrypt_many(tokens[4:5]) == [TEXTS[4]]


def test_decrypt_many_reads_tokens_fernet_made():
    """Tokens written by any Fernet with this key (an older file) read the same."""
    fernet = crypto._fernet()
    tokens = [fernet.encrypt(t.encode("utf-8")).decode("ascii") for t in TEXTS]
    assert decrypt_many(tokens) == TEXTS


def _token_with(key: bytes, padded: bytes) -> str:
    """A Fernet token of ``padded`` (already a multiple of 16 bytes) correctly signed."""
    raw = base64.urlsafe_b64decode(key)
    iv = os.urandom(16)
    enc = Cipher(algorithms.AES(raw[16:]), modes.CBC(iv)).encryptor()
    body = b"\x80" + struct.pack(">Q", int(time.time())) + iv + enc.update(padded) + \
        enc.finalize()
    return base64.urlsafe_b64encode(body + hmac.digest(raw[:16], body, "sha256")).decode()


def test_a_signed_token_with_bad_padding_is_refused():
    key = crypto._key()
    pad = padding.PKCS7(128).padder()
    good = _token_with(key, pad.update(b"hello") + pad.finalize())
    assert decrypt_many([good]) == ["hello"]
    for padded in (b"hello" + b"\x00" * 11, b"hello" + b"\x11" * 11,
                   b"hello" + b"\x02" * 10 + b"\x03"):
        token = _token_with(key, padded)
        with pytest.raises(KeychainUnavailable):
            decrypt(token)
        with pytest.raises(KeychainUnavailable):
            decrypt_many([good, token])


@pytest.mark.parametrize("damage", ["flip_ciphertext", "flip_iv", "flip_mac", "version",
                                    "truncate", "not_base64", "empty", "other_key"])
def test_a_damaged_or_foreign_token_is_refused_like_decrypt(damage):
    token = encrypt("秘密 secret 6222020200112233445")
    data = bytearray(base64.urlsafe_b64decode(token))
    if damage == "flip_ciphertext":
        data[30] ^= 1
    elif damage == "flip_iv":
        data[12] ^= 1
    elif damage == "flip_mac":
        data[-1] ^= 1
    elif damage == "version":
        data[0] = 0x81
    elif damage == "truncate":
        data = data[:40]
    bad = base64.urlsafe_b64encode(bytes(data)).decode()
    if damage == "not_base64":
        bad = token[:-3] + "%%%"
    elif damage == "empty":
        bad = ""
    elif damage == "other_key":
        bad = Fernet(Fernet.generate_key()).encrypt(b"secret").decode()
    with pytest.raises(KeychainUnavailable):
        decrypt(bad)
    with pytest.raises(KeychainUnavailable):
        decrypt_many([encrypt("fine"), bad])


def test_the_key_cache_follows_the_key(tmp_path):
    """A demo key file switches the key for decrypt_many too (and back)."""
    token = encrypt("under the keychain key")
    key_file = tmp_path / "demo-key"
    key_file.write_text(Fernet.generate_key().decode())
    crypto.use_key_file(key_file)
    try:
        demo = encrypt("under the demo key")
        assert decrypt_many([demo]) == ["under the demo key"]
        with pytest.raises(KeychainUnavailable):
            decrypt_many([token])
    finally:
        crypto.use_key_file(None)
    assert decrypt_many([token]) == ["under the keychain key"]


def test_encrypt_many_gives_tokens_any_fernet_opens():
    """Tokens made together: each a Fernet token of its own text (decrypt, decrypt_many and
    a plain Fernet open it), each with its own IV, stamped now."""
    texts = TEXTS * 2
    tokens = crypto.encrypt_many(texts)
    assert crypto.encrypt_many([]) == []
    assert [decrypt(t) for t in tokens] == decrypt_many(tokens) == texts
    fernet = Fernet(crypto._key())
    assert [fernet.decrypt(t.encode("ascii"), ttl=60).decode("utf-8") for t in tokens] == texts
    raw = [base64.urlsafe_b64decode(t) for t in tokens]
    assert len({r[9:25] for r in raw}) == len(raw)
    assert all(abs(struct.unpack(">Q", r[1:9])[0] - time.time()) < 60 for r in raw)
    assert all("\n" not in t and "=" not in t.rstrip("=") for t in tokens)


def test_encrypt_many_over_several_chunks_of_the_stream():
    """More texts than one chunk of the CBC stream (and a chunk's edge exactly): every token
    still opens with a plain Fernet to its own text, in order, each with its own IV."""
    n = 2 * crypto._CHUNK + 3
    texts = [f"{i}:" + "中" * (i % 23) + "x" * (i % 37) for i in range(n)]
    for count in (crypto._CHUNK, crypto._CHUNK + 1, n):
        tokens = crypto.encrypt_many(texts[:count])
        fernet = Fernet(crypto._key())
        assert [fernet.decrypt(t.encode("ascii")).decode("utf-8") for t in tokens] == \
            texts[:count]
        assert decrypt_many(tokens) == texts[:count]
        assert len({base64.urlsafe_b64decode(t)[9:25] for t in tokens}) == count
