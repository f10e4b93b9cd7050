"""Tokens through keyring: the in-memory test backend, plaintext refused, encrypted file."""

from __future__ import annotations

import json

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

from seller_desk.sync import credentials
from seller_desk.sync.errors import NoKeychain, SyncError


def test_token_round_trip_under_the_normalised_server_url(memory_keyring):
    credentials.save_token("HTTP://Classroom.local:8700/api/v1/", "tok-1")
    assert memory_keyring.secrets == {("SellerDesk", "http://classroom.local:8700"): "tok-1"}
    assert credentials.load_token("http://classroom.local:8700") == "tok-1"
    credentials.delete_token("http://classroom.local:8700")
    assert credentials.load_token("http://classroom.local:8700") is None
    credentials.delete_token("http://classroom.local:8700")  # deleting twice is harmless


def test_plaintext_backend_is_never_used_silently(tmp_path):
    previous = keyring.get_keyring()
    plain = PlaintextKeyring()
    plain.file_path = str(tmp_path / "plain.cfg")
    keyring.set_keyring(plain)
    try:
        assert credentials.keychain_status() == (False, "PlaintextKeyring")
        with pytest.raises(NoKeychain) as err:
            credentials.save_token("http://h:1", "secret")
        assert err.value.problem.key == "sync.no_keychain"
        assert not (tmp_path / "plain.cfg").exists()
    finally:
        keyring.set_keyring(previous)


def test_encrypted_file_keyring(tmp_path):
    previous = keyring.get_keyring()
    path = tmp_path / "keys.json"
    try:
        credentials.use_encrypted_file(path, "correct horse")
        assert credentials.keychain_status()[0] is True
        credentials.save_token("http://h:8700", "the-token")
        text = path.read_text("utf-8")
        assert "the-token" not in text
        assert list(json.loads(text)["entries"]) == ['["SellerDesk", "http://h:8700"]']
        assert credentials.load_token("http://h:8700") == "the-token"
        # another process opening the same file with the passphrase reads it back
        again = credentials.EncryptedFileKeyring(path, "correct horse")
        assert again.get_password("SellerDesk", "http://h:8700") == "the-token"
        with pytest.raises(SyncError) as err:
            credentials.EncryptedFileKeyring(path, "wrong")
        assert err.value.problem.key == "sync.keyring_wrong_passphrase"
    finally:
        keyring.set_keyring(previous)
