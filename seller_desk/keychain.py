"""Secrets in the OS keychain via keyring: the data-encryption key and sync tokens.

Windows Credential Manager, macOS Keychain and Secret Service are used as they are. A backend
that would keep secrets in plain text (keyrings.alt's PlaintextKeyring, chosen by keyring on a
bare Linux box) or that keeps nothing (fail/null) is never used silently: instead we offer an
**encrypted file keyring** (keyrings.alt ``EncryptedKeyring``, PBKDF2 + AES) behind a passphrase
the user gives (a dialog in the GUI, ``SELLER_DESK_KEYRING_PASSPHRASE`` for the CLI), or say
plainly that no keychain is available. Secrets never go to the database, settings or logs.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

SERVICE = "SellerDesk"
PASSPHRASE_ENV = "SELLER_DESK_KEYRING_PASSPHRASE"
# keyrings.alt backends are files we manage ourselves (with our passphrase), never a default.
_NOT_OS_KEYCHAIN = ("keyrings.alt.", "keyring.backends.fail.", "keyring.backends.null.")

#: The GUI registers a function asking the user for the passphrase (``new`` = choose one).
PassphraseProvider = Callable[[bool], "str | None"]
_provider: PassphraseProvider | None = None
_fallback: Any = None
_lock = threading.Lock()


class KeychainUnavailable(RuntimeError):
    """No safe place for secrets; the message says what the user can do."""


def unwrap(exc: BaseException) -> BaseException:
    """The KeychainUnavailable inside a database error (raised while encrypting a column)."""
    inner = getattr(exc, "orig", None)
    return inner if isinstance(inner, KeychainUnavailable) else exc


def set_passphrase_provider(provider: PassphraseProvider | None) -> None:
    global _provider
    _provider = provider


def _name(backend: Any) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _effective(backend: Any) -> Any:
    """A ChainerBackend writes to its first (highest-priority) member: judge that one."""
    subs = getattr(backend, "backends", None)
    if subs is not None:
        return subs[0] if subs else None
    return backend


def is_secure(backend: Any) -> bool:
    """True only for a real OS keychain (not plain-text, prompting or no-op file backends)."""
    target = _effective(backend)
    if target is None:
        return False
    return not _name(target).startswith(_NOT_OS_KEYCHAIN)


def fallback_file() -> Path:
    from seller_desk.paths import default_data_dir

    return Path(os.environ.get("SELLER_DESK_KEYRING_FILE") or default_data_dir() / "keyring.cfg")


def backend() -> Any:
    """The keyring backend to use, or :class:`KeychainUnavailable`."""
    global _fallback
    import keyring

    current = keyring.get_keyring()
    if is_secure(current):
        return _effective(current)
    with _lock:
        if _fallback is not None:
            return _fallback
        path = fallback_file()
        passphrase = os.environ.get(PASSPHRASE_ENV) or (
            _provider(not path.exists()) if _provider else None)
        if not passphrase:
            raise KeychainUnavailable(
                "No system keychain is available on this computer (no Secret Service, Keychain "
                "or Credential Manager). Choose a passphrase to keep SellerDesk's secrets in an "
                f"encrypted file, or set {PASSPHRASE_ENV} for command-line use.")
        from keyrings.alt.file import EncryptedKeyring

        enc = EncryptedKeyring()
        enc.file_path = str(path)
        enc.keyring_key = passphrase
        try:  # a known entry proves the passphrase (keyrings.alt asserts on a wrong one)
            if enc.get_password(SERVICE, "__check__") is None:
                enc.set_password(SERVICE, "__check__", "ok")
        except (ValueError, AssertionError) as exc:
            raise KeychainUnavailable("The keyring passphrase is not correct.") from exc
        _fallback = enc
        return enc


def needs_passphrase() -> bool:
    """True when the next use of a secret would have to ask for the passphrase (no OS
    keychain, the encrypted file not opened yet, none in the environment). The GUI asks it
    up front, on its own thread, before any work starts (never from inside a write)."""
    import keyring

    if is_secure(keyring.get_keyring()) or os.environ.get(PASSPHRASE_ENV):
        return False
    return _fallback is None


def where() -> str:
    """Where secrets are kept: "keychain" (the OS's), "file" (our encrypted file) or "none"."""
    import keyring

    if is_secure(keyring.get_keyring()):
        return "keychain"
    return "file" if _fallback is not None or fallback_file().exists() else "none"


def reset() -> None:
    """Forget the fallback keyring (tests; after the user changes the passphrase)."""
    global _fallback
    _fallback = None


def get_secret(name: str) -> str | None:
    return backend().get_password(SERVICE, name)


def set_secret(name: str, value: str) -> None:
    kr = backend()
    kr.set_password(SERVICE, name, value)
    if kr.get_password(SERVICE, name) != value:
        raise KeychainUnavailable("The keychain did not keep the secret.")


def delete_secret(name: str) -> None:
    from keyring.errors import PasswordDeleteError

    try:
        backend().delete_password(SERVICE, name)
    except PasswordDeleteError:
        pass
