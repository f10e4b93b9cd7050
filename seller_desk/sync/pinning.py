"""Pinning the classroom platform's own certificate (the ``pin=`` of a connection line).

The platform's certificate is fetched once, at ``connect``, and kept only when its SHA-256
fingerprint equals the one in the trainer's connection line. It is then the one trust anchor
for that server (the ``sync.ca_bundle`` setting names the file), so every later connection
verifies against exactly that certificate: a machine in the middle cannot complete the
handshake without the platform's private key.
"""

from __future__ import annotations

import hashlib
import ssl
from pathlib import Path
from urllib.parse import urlsplit

from seller_desk.core.problems import Problem, ProblemError


def fetch_pinned(server_url: str, pin: str, folder: Path, *, timeout: float = 10.0) -> Path:
    """The platform's certificate, saved in ``folder`` when its fingerprint is ``pin``;
    raises ProblemError (``sync.pin_mismatch`` or ``sync.unreachable``) otherwise."""
    parts = urlsplit(server_url)
    host, port = parts.hostname or "", parts.port or 443
    try:
        pem = ssl.get_server_certificate((host, port), timeout=timeout)
    except (OSError, ssl.SSLError) as exc:
        raise ProblemError([Problem(key="sync.unreachable", params={
            "server": server_url, "attempts": 1, "reason": exc.__class__.__name__})]) from exc
    der = ssl.PEM_cert_to_DER_cert(pem)
    found = "sha256:" + hashlib.sha256(der).hexdigest()
    if found != pin:
        raise ProblemError([Problem(key="sync.pin_mismatch",
                                    params={"url": server_url, "expected": pin[:23] + "…",
                                            "found": found[:23] + "…"})])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"platform-{pin.removeprefix('sha256:')[:32]}.pem"
    path.write_text(pem, "ascii")
    return path
