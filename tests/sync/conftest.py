"""Fixtures of the sync tests: the real platform on 127.0.0.1 (see platform_fixtures)."""

from tests.sync.platform_fixtures import make_client, running  # noqa: F401
