"""Tokens through keyring: the in-memory test backend, plaintext refused, encrypted file."""

from __future__ import annotations

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

from seller_desk import keychain
from seller_desk.sync import credentials
from seller_desk.sync.errors import NoKeychain


def test_token_round_trip_under_the_normalised_server_url(memory_keyring):
    credentials.save_token("HTTP://Classroom.local:8700/api/v1/", "tok-1")
    assert memory_keyring.secrets == {
        ("SellerDesk", "sync-token:http://classroom.local:8700"): "tok-1"}
    assert credentials.load_token("http://classroom.local:8700") == "tok-1"
    credentials.delete_token("http://classroom.local:8700")
    assert credentials.load_token("http://classroom.local:8700") is None
    credentials.delete_token("http://classroom.local:8700")  # deleting twice is harmless


def test_plaintext_backend_is_never_used_silently(tmp_path, monkeypatch):
    monkeypatch.setenv("SELLER_DESK_KEYRING_FILE", str(tmp_path / "fallback.cfg"))
    plain = PlaintextKeyring()
    plain.file_path = str(tmp_path / "plain.cfg")
    keyring.set_keyring(plain)
    keychain.reset()
    with pytest.raises(NoKeychain) as err:
        credentials.save_token("http://h:1", "secret")
    assert err.value.problem.key == "sync.no_keychain"
    assert not (tmp_path / "plain.cfg").exists()


def test_without_a_keychain_the_passphrase_file_keeps_the_token_encrypted(tmp_path,
                                                                         monkeypatch):
    fallback = tmp_path / "keyring.cfg"
    monkeypatch.setenv("SELLER_DESK_KEYRING_FILE", str(fallback))
    monkeypatch.setenv(keychain.PASSPHRASE_ENV, "correct horse")
    plain = PlaintextKeyring()
    plain.file_path = str(tmp_path / "plain.cfg")
    keyring.set_keyring(plain)
    keychain.reset()
    credentials.save_token("http://h:8700", "the-token-value")
    assert credentials.load_token("http://h:8700") == "the-token-value"
    assert fallback.exists() and b"the-token-value" not in fallback.read_bytes()
    assert not (tmp_path / "plain.cfg").exists()
