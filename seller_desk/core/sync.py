"""The platform API's shared vocabulary: record kinds, statuses, problem types, connection strings.

Both sides of the sync use this module: the client engine (``seller_desk.sync``) and the
reference platform (``sandbox/``), which never import each other. Everything here is
plain data and parsing (stdlib only).

The zone's online comprehensive service platform (线上综合服务平台) is where a cross-border
seller files once ("一点接入") and from where customs, tax and FX statuses come back
(../shared/domain.md §2). Customs receipt statuses are the CEB ``returnStatus`` codes
(../shared/ceb.md §5): they are compared as strings, never as integers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

API_PREFIX = "/api/v1"

#: Record kinds the platform knows by name; each has a validator on the server.
#: ``profile`` is the seller's company profile (one per seller account).
KNOWN_ENTITIES = (
    "profile",
    "filing",
    "product",
    "declaration",
    "fx_record",
    "fx_registration",
    "tax_record",
)
#: Other areas may sync further kinds (orders, receipts...): accepted when the name is well formed.
ENTITY_NAME = re.compile(r"^[a-z][a-z0-9_]{1,39}$")

OPS = ("upsert", "delete")

#: Batch item outcomes.
APPLIED = "applied"
CONFLICT = "conflict"
REJECTED = "rejected"

#: Filing workflow on the platform: a pushed filing is submitted; the trainer (or the zone's
#: officer) approves it or rejects it with a reason; an edit resubmits it.
FILING_SUBMITTED = "submitted"
FILING_APPROVED = "approved"
FILING_REJECTED = "rejected"

#: Product filing (商品备案) follows the same workflow as a filing: submitted on push, then
#: approved, or rejected with a reason, by the trainer (or the zone's officer).
REVIEWED_ENTITIES = ("filing", "product")
#: An FX record or the 名录 registration is acknowledged when the platform has it; a tax
#: exemption record is accepted. (Other kinds: "accepted".)
FX_ACKNOWLEDGED = "acknowledged"
PUSHED_STATUS = {"fx_record": FX_ACKNOWLEDGED, "fx_registration": FX_ACKNOWLEDGED,
                 "tax_record": "accepted"}

#: CEB receipt statuses (ceb.md §5), as the strings customs sends.
CUSTOMS_STATUSES = {
    "1": "saved",
    "2": "declaring",
    "3": "sent_to_customs",
    "4": "send_failed",
    "100": "rejected",
    "120": "accepted",
    "300": "manual_review",
    "399": "concluded",
    "500": "inspection",
    "800": "released",
    "899": "closed",
}
#: Final customs statuses: nothing follows them.
CUSTOMS_FINAL = frozenset({"100", "899", "700"})


def customs_status_kind(code: str) -> str:
    """How the app treats a ``returnStatus`` (ceb.md §5): negative codes are processing errors."""
    if code.startswith("-"):
        return "error"
    return CUSTOMS_STATUSES.get(code, "unknown")


#: Statuses by which the platform (or customs through it) turns a record down.
REFUSED_STATUSES = frozenset({"rejected", "refused"})


def is_refusal(entity: str, status: str | None) -> bool:
    """True when ``status`` is the platform turning ``entity`` down: a rejected filing or
    product filing, a refused FX or tax record, or a customs receipt that rejects a list (100
    退单, 4 发送失败, negative processing errors)."""
    if not status:
        return False
    if entity == "declaration":
        return status in ("100", "4") or (status.startswith("-") and status[1:].isdigit())
    return status in REFUSED_STATUSES


#: RFC 9457 problem types served by the platform (``type`` member of a problem document).
PROBLEM_BASE = "https://sellerdesk.example/problems/"


def problem_type(name: str) -> str:
    return PROBLEM_BASE + name


# -- connection strings ---------------------------------------------------------------------

SCHEME = "sellerdesk"
SCHEME_TLS = "sellerdesks"


@dataclass(frozen=True, slots=True)
class Connection:
    """Where a student's SellerDesk connects, and with which token."""

    base_url: str  # http(s)://host:port, no trailing slash, no API prefix
    token: str
    #: "sha256:<hex>" of the platform's own certificate, pinned by the client (TLS lines)
    pin: str | None = None


class ConnectionStringError(ValueError):
    """The text is not a ``sellerdesk://host:port?token=...`` connection string."""

    def __init__(self, key: str, **params: str):
        self.key = key
        self.params = params
        super().__init__(f"{key}: {params}")


def connection_string(host: str, port: int, token: str, *, tls: bool = False,
                      pin: str | None = None) -> str:
    """The one line a trainer hands to a student: ``sellerdesk://10.0.0.5:8700?token=...``;
    over TLS with the platform's own certificate, ``sellerdesks://…?token=…&pin=sha256:…``."""
    scheme = SCHEME_TLS if tls or pin else SCHEME
    host_part = f"[{host}]" if ":" in host else host
    line = f"{scheme}://{host_part}:{int(port)}?token={quote(token, safe='')}"
    return line + (f"&pin={quote(pin, safe=':')}" if pin else "")


_PIN = re.compile(r"sha256:[0-9a-f]{64}")


def normalize_pin(text: str) -> str | None:
    """``sha256:<64 hex>`` from a pin as written (case, colons between bytes); None if not."""
    t = text.strip().lower()
    body = t.removeprefix("sha256:").replace(":", "")
    pin = "sha256:" + body
    return pin if _PIN.fullmatch(pin) else None


def parse_connection_string(text: str) -> Connection:
    """Read a connection string back (``sellerdesks://`` means HTTPS).

    Surrounding whitespace is ignored (it is usually pasted). Raises
    :class:`ConnectionStringError` naming what is wrong.
    """
    s = (text or "").strip()
    parts = urlsplit(s)
    if parts.scheme not in (SCHEME, SCHEME_TLS):
        raise ConnectionStringError("sync.connection_bad_scheme", value=s[:40])
    try:
        host, port = parts.hostname, parts.port
    except ValueError as exc:  # a port that is not a number
        raise ConnectionStringError("sync.connection_bad_port", value=s[:40]) from exc
    if not host:
        raise ConnectionStringError("sync.connection_no_host", value=s[:40])
    tokens = parse_qs(parts.query).get("token") or []
    if not tokens or not tokens[0].strip():
        raise ConnectionStringError("sync.connection_no_token")
    pins = parse_qs(parts.query).get("pin") or []
    pin = normalize_pin(pins[0]) if pins else None
    if pins and (pin is None or parts.scheme != SCHEME_TLS):
        raise ConnectionStringError("sync.connection_bad_pin", value=pins[0][:80])
    web = "https" if parts.scheme == SCHEME_TLS else "http"
    host_part = f"[{host}]" if ":" in host else host
    netloc = f"{host_part}:{port}" if port else host_part
    return Connection(base_url=f"{web}://{netloc}", token=tokens[0].strip(), pin=pin)


def normalize_server_url(url: str) -> str:
    """``http://Host:8700/`` → ``http://host:8700``: the key under which a token is kept."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConnectionStringError("sync.bad_server_url", value=url[:60])
    host = parts.hostname.lower()
    host_part = f"[{host}]" if ":" in host else host
    netloc = f"{host_part}:{parts.port}" if parts.port else host_part
    path = parts.path.rstrip("/")
    if path.endswith(API_PREFIX):
        path = path[: -len(API_PREFIX)]
    return f"{parts.scheme}://{netloc}{path}"
