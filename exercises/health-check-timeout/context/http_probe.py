"""Tiny HTTP helper used by our ops tools (read-only project file).

`http_get(url, *, timeout=None) -> int` sends a GET and returns the HTTP status code.

- `timeout` is in seconds and bounds connecting and each read. With `timeout=None` (the
  default, like the standard library's) the call waits **forever** for a server that
  accepted the connection but never answers.
- Raises ConnectionError when the service cannot be reached (refused, DNS failure, reset).
- Raises TimeoutError when the service did not answer within `timeout`.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Protocol


class HttpGet(Protocol):
    def __call__(self, url: str, *, timeout: float | None = None) -> int: ...


def http_get(url: str, *, timeout: float | None = None) -> int:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"not an http(s) URL: {url!r}")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # nosec B310 - scheme checked above
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise TimeoutError(str(exc.reason)) from exc
        raise ConnectionError(str(exc.reason)) from exc
