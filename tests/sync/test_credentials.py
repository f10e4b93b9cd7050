"""Tokens through keyring: the in-memory test backend, plaintext refused, encrypted file."""

from __future__ import annotations

import json

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

from seller_desk import keychain
from seller_desk.sync import credentials
from seller_desk.sync.errors import NoKeychain, SyncError


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


def test_encrypted_file_keyring(tmp_path):
    path = tmp_path / "keys.json"
    kr = credentials.EncryptedFileKeyring(path, "correct horse")
    kr.set_password("SellerDesk", "sync-token:http://h:8700", "the-token")
    text = path.read_text("utf-8")
    assert "the-token" not in text
    assert list(json.loads(text)["entries"]) == ['["SellerDesk", "sync-token:http://h:8700"]']
    # another process opening the same file with the passphrase reads it back
    again = credentials.EncryptedFileKeyring(path, "correct horse")
    assert again.get_password("SellerDesk", "sync-token:http://h:8700") == "the-token"
    with pytest.raises(SyncError) as err:
        credentials.EncryptedFileKeyring(path, "wrong")
    assert err.value.problem.key == "sync.keyring_wrong_passphrase"
