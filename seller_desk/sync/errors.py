"""What can go wrong talking to the platform, each with a message key for the user."""

from __future__ import annotations

from typing import Any

from seller_desk.core.problems import Problem


class SyncError(Exception):
    """A sync run stopped; ``problem`` says why in the user's language (``messages.sync``)."""

    def __init__(self, key: str, **params: Any):
        self.problem = Problem(key=key, params=params)
        super().__init__(f"{key}: {params}")


class NetworkError(SyncError):
    """The platform could not be reached (or kept failing) after every retry."""


class AuthError(SyncError):
    """The token was refused (unknown or expired): nothing more is tried until it changes."""


class ServerProblem(SyncError):
    """The platform refused a whole request with a problem document (not one record)."""

    def __init__(self, key: str, status: int, document: dict[str, Any] | None = None, **params):
        super().__init__(key, status=status, **params)
        self.status = status
        self.document = document or {}


class Cancelled(SyncError):
    def __init__(self) -> None:
        super().__init__("sync.cancelled")


class NoKeychain(SyncError):
    """No OS keychain on this machine; an encrypted file keyring can be set up instead."""
