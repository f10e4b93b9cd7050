"""The platform API client: HTTP with retries, backoff, Retry-After and a per-host rate limit.

Retried: network errors (DNS, refused, reset), timeouts, 5xx, 429, and a 2xx whose body is
not the JSON promised (a proxy's HTML page, a truncated answer). Every retry of a push sends
the same idempotency keys, so the platform applies each change once however often it arrives.
Not retried: 401 (the token; :class:`AuthError`) and other 4xx (:class:`ServerProblem`).
"""

from __future__ import annotations

import email.utils
import gzip
import json
import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from seller_desk import __version__
from seller_desk.core.sync import API_PREFIX, normalize_server_url
from seller_desk.sync.errors import AuthError, Cancelled, NetworkError, ServerProblem
from seller_desk.sync.protocol import RawJSON
from seller_desk.sync.ratelimit import TokenBucket, bucket_for

#: zlib level of request bodies: 1 already shrinks JSON batches most of the way for a fraction
#: of the CPU of the default 9
GZIP_LEVEL = 1


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter: attempt n waits uniform(0, min(cap, base·2ⁿ)).

    A ``Retry-After`` from the server replaces the computed wait (capped at ``max_retry_after``).
    """

    attempts: int = 6
    base: float = 0.5
    cap: float = 30.0
    max_retry_after: float = 300.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        return rng.uniform(0, min(self.cap, self.base * (2 ** attempt)))


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
#: a str as ``_ENCODE`` writes it (the C function it calls for one, ``ensure_ascii=False``)
_json_string = json.encoder.encode_basestring  # type: ignore[attr-defined]
_WIRE_KEYS = ("idempotency_key", "entity", "uuid", "op", "base_version", "data")


def encode_batch(items: list[dict[str, Any]]) -> bytes:
    """``{"items": [...]}`` as compact UTF-8 JSON, the body of a push. An item's ``data`` that is
    :class:`~seller_desk.sync.protocol.RawJSON` (an outbox payload as stored) goes in as its
    text; the bytes are what ``json.dumps`` of the parsed payloads would give."""
    if not any(type(it.get("data")) is RawJSON for it in items):
        return _ENCODE({"items": items}).encode("utf-8")
    parts = []
    s = _json_string  # what _ENCODE gives for a str, without an encoder call per field
    for it in items:
        data = it.get("data")
        if type(data) is RawJSON and tuple(it) == _WIRE_KEYS:
            key, entity, uuid, op, base = (it["idempotency_key"], it["entity"], it["uuid"],
                                           it["op"], it["base_version"])
            if type(key) is str and type(entity) is str and type(uuid) is str \
                    and type(op) is str and type(base) is int:
                parts.append(f'{{"idempotency_key":{s(key)},"entity":{s(entity)},'
                             f'"uuid":{s(uuid)},"op":{s(op)},"base_version":{int.__repr__(base)},'
                             f'"data":{data}}}')
            else:
                parts.append(f'{{"idempotency_key":{_ENCODE(key)},"entity":{_ENCODE(entity)},'
                             f'"uuid":{_ENCODE(uuid)},"op":{_ENCODE(op)},'
                             f'"base_version":{_ENCODE(base)},"data":{data}}}')
        elif type(data) is RawJSON:
            parts.append(_ENCODE({**it, "data": data.value()}))
        else:
            parts.append(_ENCODE(it))
    return f'{{"items":[{",".join(parts)}]}}'.encode()


def _ssl_context(verify: bool | str) -> ssl.SSLContext:
    """System CAs, or a CA bundle file; verification on either way (never off)."""
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    if verify is not True:
        raise ValueError("TLS verification cannot be turned off; give a CA bundle instead")
    context = ssl.create_default_context()  # the OS's CAs where Python finds them...
    try:  # ...plus Mozilla's bundle (httpx's certifi), for Pythons that find none (macOS)
        import certifi

        context.load_verify_locations(certifi.where())
    except ImportError:  # pragma: no cover - certifi comes with httpx
        pass
    return context


def _is_certificate_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError) or \
                "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class _Retryable(Exception):
    def __init__(self, reason: str, retry_after: float | None = None):
        self.reason, self.retry_after = reason, retry_after
        super().__init__(reason)


class PlatformClient:
    """One seller's connection to the platform at ``server_url``.

    ``verify`` is True (system CAs), or a path to a CA bundle for a classroom's own
    certificate; turning verification off is not offered. ``transport`` lets tests inject
    faults; ``sleep``/``rng`` make the backoff observable.
    """

    def __init__(self, server_url: str, token: str, *, verify: bool | str = True,
                 timeout: float = 30.0, retry: RetryPolicy | None = None,
                 rate: float = 20.0, burst: int = 40, bucket: TokenBucket | None = None,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None,
                 cancelled: Callable[[], bool] | None = None):
        self.server_url = normalize_server_url(server_url)
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._rng = rng or random.Random()
        self.cancelled = cancelled or (lambda: False)  # checked between attempts
        host = urlsplit(self.server_url).netloc
        self.bucket = bucket or bucket_for(host, rate, burst)
        self.waits: list[float] = []  # backoff waits of this client (shown in logs and tests)
        self.gzip_requests = True  # batch bodies compressed (off after a platform refused one)
        self._http = httpx.Client(
            base_url=self.server_url + API_PREFIX,
            headers={"Authorization": f"Bearer {token}",
                     "User-Agent": f"SellerDesk/{__version__}",
                     "Accept": "application/json"},
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            verify=_ssl_context(verify),
            transport=transport,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PlatformClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- API ------------------------------------------------------------------------------
    def me(self) -> dict[str, Any]:
        return self._call("GET", "/me")

    def push(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send one batch; returns one result per item, in order.

        The body is gzip-compressed (a batch of product records shrinks about tenfold). When a
        compressed batch is refused as a whole (400/415/422) it is sent once more as plain
        JSON: if that passes, the platform cannot read gzip and this client stops compressing;
        if not, the batch itself is at fault and its refusal is raised."""
        data = encode_batch(items)
        plain = {"Content-Type": "application/json"}
        if self.gzip_requests:
            try:
                body = self._call("POST", "/batch", content=gzip.compress(data, GZIP_LEVEL),
                                  headers={**plain, "Content-Encoding": "gzip"})
            except ServerProblem as exc:
                if exc.status not in (400, 415, 422):
                    raise
                body = self._call("POST", "/batch", content=data, headers=plain)
                self.gzip_requests = False
        else:
            body = self._call("POST", "/batch", content=data, headers=plain)
        results = body.get("results") if isinstance(body, dict) else None
        if not isinstance(results, list) or len(results) != len(items):
            raise NetworkError("sync.bad_response", reason="batch results do not match items")
        return results

    def changes(self, since: str | None, limit: int = 500) -> dict[str, Any]:
        params: dict[str, Any] = {"limit": limit}
        if since:
            params["since"] = since
        body = self._call("GET", "/changes", params=params)
        if not isinstance(body, dict) or not isinstance(body.get("changes"), list) \
                or "cursor" not in body:
            raise NetworkError("sync.bad_response", reason="changes page is malformed")
        return body

    def send_ceb(self, xml: bytes) -> bytes:
        """Send a CEB message (CEB303 order, CEB603 list) as XML; returns the platform's receipt
        message (CEB304 / CEB604) as XML bytes. A message is keyed by its business numbers, so
        sending it again after a lost answer declares it again rather than twice."""
        return self._call("POST", "/ceb", content=xml,
                          headers={"Content-Type": "application/xml",
                                   "Accept": "application/xml"}, raw=True)

    def receipts(self, declaration_uuid: str) -> list[dict[str, Any]]:
        """The customs receipts of a declaration so far, oldest first."""
        body = self._call("GET", f"/declarations/{declaration_uuid}/receipts")
        return list(body.get("receipts") or []) if isinstance(body, dict) else []

    # -- the retry loop -------------------------------------------------------------------
    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        last = "?"
        for attempt in range(self.retry.attempts):
            if self.cancelled():
                raise Cancelled()
            self.bucket.acquire()
            try:
                return self._once(method, path, **kwargs)
            except _Retryable as exc:
                last = exc.reason
                if attempt + 1 >= self.retry.attempts:
                    break
                wait = (min(exc.retry_after, self.retry.max_retry_after)
                        if exc.retry_after is not None
                        else self.retry.delay(attempt, self._rng))
                self.waits.append(wait)
                self._wait(wait)
        raise NetworkError("sync.unreachable", server=self.server_url, reason=last,
                           attempts=self.retry.attempts)

    def _wait(self, seconds: float) -> None:
        """Back off for ``seconds``; with the real clock in short steps, so Cancel (or closing
        the window) does not wait out a long Retry-After."""
        if self._sleep is not time.sleep:
            self._sleep(seconds)
            return
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if self.cancelled():
                raise Cancelled()
            time.sleep(min(0.2, left))

    def _once(self, method: str, path: str, *, raw: bool = False, **kwargs: Any) -> Any:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.TimeoutException as exc:
            raise _Retryable(f"timeout ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            if _is_certificate_failure(exc):
                # Not transient: a certificate that does not verify will not verify later.
                raise NetworkError("sync.tls_failed", server=self.server_url,
                                   reason=str(exc)[:200]) from exc
            # DNS failure, refused, reset mid-request...
            raise _Retryable(f"{type(exc).__name__}: {exc}") from exc
        status = response.status_code
        if status == 429 or status >= 500:
            raise _Retryable(f"HTTP {status}", parse_retry_after(response.headers.get(
                "retry-after")))
        if raw and status < 400:
            import xml.etree.ElementTree as ET

            try:  # a cut or garbled answer is retried like malformed JSON
                ET.fromstring(response.content)
            except ET.ParseError as exc:
                raise _Retryable(f"malformed XML in HTTP {status}") from exc
            return response.content
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            if status < 400:
                raise _Retryable(f"malformed JSON in HTTP {status}") from exc
            body = {}
        if status == 401:
            expired = isinstance(body, dict) and str(body.get("type", "")).endswith(
                "/token-expired")
            raise AuthError("sync.token_expired" if expired else "sync.token_rejected",
                            server=self.server_url)
        if status >= 400:
            doc = body if isinstance(body, dict) else {}
            raise ServerProblem("sync.server_refused", status, doc,
                                detail=str(doc.get("detail") or doc.get("title") or ""))
        return body
