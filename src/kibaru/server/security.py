"""Guard every response: security headers, a Host check, and no stack trace ever sent.

One pure ASGI middleware, outermost in the app, so that it also covers responses produced by
error handlers, static files and the catch-all 500. The Host check defends a server bound to
loopback against DNS rebinding: a web page on another origin whose name resolves to 127.0.0.1
cannot read the API, because its requests carry its own host name.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CSP", "LOOPBACK_HOSTS", "SECURITY_HEADERS", "GuardMiddleware"]

log = logging.getLogger("kibaru.server")

LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1", "[::1]")

_CSP_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    # Leaflet and Swagger UI position elements with inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
)
CSP = "; ".join(_CSP_DIRECTIVES)
"""Only this server's own scripts run; nothing loads from elsewhere; no framing."""

SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "geolocation=(), camera=(), microphone=(), interest-cohort=()",
    "cache-control": "no-store",
}


def _envelope(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message, "details": []}}).encode()


class GuardMiddleware:
    """Add security headers, refuse foreign Host headers, turn crashes into a bare 500."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: Iterable[str] | None = None) -> None:
        self.app = app
        hosts = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}
        self.allowed_hosts: set[str] | None = None if hosts is None or "*" in hosts else hosts

    def _host_ok(self, scope: Scope) -> bool:
        if self.allowed_hosts is None:
            return True
        for name, value in scope.get("headers", ()):
            if name == b"host":
                host = value.decode("latin-1").lower()
                if host.startswith("["):  # [::1]:8000
                    host = host.split("]", 1)[0] + "]"
                elif host.count(":") == 1:  # name:port (a bare IPv6 address has several)
                    host = host.rsplit(":", 1)[0]
                return host in self.allowed_hosts
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        is_static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for key, value in SECURITY_HEADERS.items():
                    name = key.encode()
                    # Assets revalidate by ETag; API answers are never stored.
                    text = "no-cache" if key == "cache-control" and is_static else value
                    if name not in present:
                        headers.append((name, text.encode()))
                message = {**message, "headers": headers}
            await send(message)

        if not self._host_ok(scope):
            await self._plain(send_with_headers, 400, "bad_host",
                              "this server only answers requests addressed to its own host name")
            return
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # The last line of defence: the traceback goes to the log, never to the client.
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await self._plain(send_with_headers, 500, "internal_error",
                              "internal server error; the details are in the server log")

    @staticmethod
    async def _plain(send: Any, status: int, code: str, message: str) -> None:
        body = _envelope(code, message)
        await send({
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode())],
        })
        await send({"type": "http.response.body", "body": body})
