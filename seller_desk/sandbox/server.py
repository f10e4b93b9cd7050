"""Serving the platform with uvicorn: in the foreground (the CLI) or in a thread (tests)."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@dataclass
class ServerThread:
    """uvicorn on ``host``:``port`` in a daemon thread; ``stop()`` shuts it down cleanly."""

    app: FastAPI
    host: str = "127.0.0.1"
    port: int = 0
    ssl_certfile: str | None = None
    ssl_keyfile: str | None = None

    def start(self, timeout: float = 10.0) -> ServerThread:
        if not self.port:
            self.port = free_port(self.host)
        config = uvicorn.Config(self.app, host=self.host, port=self.port, log_level="warning",
                                access_log=False, lifespan="off",
                                ssl_certfile=self.ssl_certfile, ssl_keyfile=self.ssl_keyfile)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="platform", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the platform did not start on {self.host}:{self.port}")
            time.sleep(0.02)
        return self

    @property
    def url(self) -> str:
        scheme = "https" if self.ssl_certfile else "http"
        return f"{scheme}://{self.host}:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
