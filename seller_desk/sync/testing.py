"""Fault injection for sync tests and demonstrations: an httpx transport that misbehaves.

``FaultyTransport(plan)`` wraps a real transport; each request to a path takes the next fault
planned for that path (or passes through when none is left):

- ``"refuse"``: the connection is refused before anything is sent;
- ``"reset_after"``: the request reaches the server (which applies it) but the connection
  resets before the answer arrives;
- ``"timeout"``: a read timeout after the server got the request;
- ``"500"`` / ``"503"``: an error answer from a broken proxy (the server never sees it);
- ``"429"``: too many requests, with ``Retry-After: 2``;
- ``"malformed"``: the server answers, but the body is cut in half;
- ``"duplicate"``: the request is delivered twice (a retrying proxy); the client sees the second.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable

import httpx


class FaultyTransport(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport | None = None,
                 plan: dict[str, Iterable[str]] | None = None):
        self.inner = inner or httpx.HTTPTransport()
        self.plan: dict[str, list[str]] = defaultdict(list)
        for path, faults in (plan or {}).items():
            self.plan[path].extend(faults)
        self.log: list[tuple[str, str]] = []  # (path suffix, fault or "ok")
        self._lock = threading.Lock()

    def add(self, path: str, *faults: str) -> None:
        with self._lock:
            self.plan[path].extend(faults)

    def _next(self, path: str) -> str | None:
        with self._lock:
            for suffix, faults in self.plan.items():
                if path.endswith(suffix) and faults:
                    return faults.pop(0)
        return None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        fault = self._next(path)
        self.log.append((path, fault or "ok"))
        if fault is None:
            return self.inner.handle_request(request)
        if fault == "refuse":
            raise httpx.ConnectError("connection refused (injected)", request=request)
        if fault in ("500", "503"):
            return httpx.Response(int(fault), text="<html>Bad gateway</html>", request=request)
        if fault == "429":
            return httpx.Response(429, headers={"Retry-After": "2"}, json={
                "type": "about:blank", "title": "Too Many Requests", "status": 429},
                request=request)
        response = self.inner.handle_request(request)
        body = response.read()
        if fault == "reset_after":
            raise httpx.RemoteProtocolError("connection reset by peer (injected)",
                                            request=request)
        if fault == "timeout":
            raise httpx.ReadTimeout("read timed out (injected)", request=request)
        if fault == "malformed":
            return httpx.Response(response.status_code, headers={
                "content-type": "application/json"}, content=body[: len(body) // 2],
                request=request)
        if fault == "duplicate":
            again = self.inner.handle_request(request)
            again.read()
            return again
        raise ValueError(f"unknown fault {fault!r}")

    def close(self) -> None:
        self.inner.close()
