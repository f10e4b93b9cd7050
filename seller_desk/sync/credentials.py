"""Platform tokens in the OS keychain, never in the database, settings, logs or crash reports.

A token is kept through :mod:`seller_desk.keychain` (service ``SellerDesk``) under
``sync-token:<normalised server URL>`` plus ``#<account>`` (the company's uuid): the keychain
is the user's, and two company files of one user may be two seller accounts on one server. That module refuses plaintext and no-op backends and
falls back to an encrypted file behind a passphrase the user gives; never plaintext.
"""

from __future__ import annotations

from seller_desk import keychain
from seller_desk.core.sync import normalize_server_url
from seller_desk.sync.errors import NoKeychain

SERVICE = keychain.SERVICE


def secret_name(server_url: str, account: str | None = None) -> str:
    name = "sync-token:" + normalize_server_url(server_url)
    return f"{name}#{account}" if account else name


def save_token(server_url: str, token: str, account: str | None = None) -> None:
    try:
        keychain.set_secret(secret_name(server_url, account), token)
    except keychain.KeychainUnavailable as exc:
        raise NoKeychain("sync.no_keychain", reason=str(exc)) from exc


def load_token(server_url: str, account: str | None = None) -> str | None:
    try:
        return keychain.get_secret(secret_name(server_url, account))
    except keychain.KeychainUnavailable as exc:
        raise NoKeychain("sync.no_keychain", reason=str(exc)) from exc


def delete_token(server_url: str, account: str | None = None) -> None:
    try:
        keychain.delete_secret(secret_name(server_url, account))
    except keychain.KeychainUnavailable as exc:
        raise NoKeychain("sync.no_keychain", reason=str(exc)) from exc
