"""Bearer tokens the platform hands out."""

from __future__ import annotations

import secrets


def new_token() -> str:
    """A bearer token. Never one starting with "-": pasted after `--token` on a command line,
    it would be read as an option."""
    while True:
        token = secrets.token_urlsafe(24)
        if not token.startswith("-"):
            return token
