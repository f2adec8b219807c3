"""The project's HTTP client, used by every integration (read-only project file).

Creating a Client opens a connection to its host: a TCP and TLS handshake (loading the CA bundle,
three network round trips) before the first byte of a request is sent. The connection is kept
alive and reused by every request made through the same Client, so create one Client per job (or
per process) and close it when done, best with `with Client(...) as client:`.

The module-level `post(url, ...)` is a shortcut for one-off calls: it creates a Client, sends one
request and closes the Client again.
"""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


class TransportError(Exception):
    """The connection failed or broke: nothing is known about the request's outcome."""


@dataclass(frozen=True)
class Response:
    status: int
    body: dict[str, Any] = field(default_factory=dict)


class _Connection:
    """One kept-alive HTTPS connection."""

    def __init__(self, base_url: str, timeout: float) -> None:
        parts = urlsplit(base_url)
        self._prefix = parts.path.rstrip("/")
        self._conn = http.client.HTTPSConnection(parts.netloc, timeout=timeout)
        try:
            self._conn.connect()
        except OSError as exc:
            raise TransportError(str(exc)) from exc

    def send(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> Response:
        try:
            self._conn.request(method, self._prefix + path, body=body, headers=headers)
            raw = self._conn.getresponse()
            data = raw.read()
        except OSError as exc:
            raise TransportError(str(exc)) from exc
        return Response(raw.status, json.loads(data) if data else {})

    def close(self) -> None:
        self._conn.close()


def _handshake(base_url: str, timeout: float) -> _Connection:
    """Open and set up a connection (the expensive part)."""
    return _Connection(base_url, timeout)


class Client:
    """A kept-alive connection to one API host."""

    def __init__(self, base_url: str, *, timeout: float = 10.0) -> None:
        self._conn = _handshake(base_url, timeout)

    def post(self, path: str, *, json_body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        return self._conn.send("POST", path, json.dumps(json_body).encode(), all_headers)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def post(url: str, *, json_body: dict[str, Any], headers: dict[str, str] | None = None, timeout: float = 10.0) -> Response:
    """One request on a brand-new connection, closed afterwards."""
    parts = urlsplit(url)
    with Client(f"{parts.scheme}://{parts.netloc}", timeout=timeout) as client:
        return client.post(parts.path, json_body=json_body, headers=headers)
