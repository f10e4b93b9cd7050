"""The console's own refusals, answered as RFC 9457 problem documents like the platform's API.

The console never imports ``seller_desk.sandbox.app`` (the app mounts the console; the other way
round would be an import cycle), so it has its own exception and handler.
"""

from __future__ import annotations

from fastapi.responses import JSONResponse

from seller_desk.core.sync import problem_type


class ConsoleError(Exception):
    def __init__(self, status: int, name: str, title: str):
        self.status, self.name, self.title = status, name, title
        super().__init__(title)

    def response(self) -> JSONResponse:
        return JSONResponse({"type": problem_type(self.name), "title": self.title,
                             "status": self.status}, status_code=self.status,
                            media_type="application/problem+json")
