"""Client for the parcel carrier's rate API (read-only project file)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


class CarrierError(Exception):
    """The carrier answered with an HTTP error, could not be reached, or sent a body we can't read."""


class CarrierClient:
    """GETs JSON from the carrier's API.

    get_json(path, params, timeout=None):
        `timeout` is in seconds and applies to connecting and to each read. The default, None,
        means *wait forever* — exactly like the HTTP library underneath.
        Raises TimeoutError when the carrier does not answer within `timeout`, and CarrierError
        for HTTP errors, unreachable hosts and unreadable bodies.
    """

    def __init__(self, base_url: str, api_key: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key

    def get_json(self, path: str, params: dict[str, str], timeout: float | None = None) -> dict[str, Any]:
        url = f"{self.base_url}{path}?{urllib.parse.urlencode(params)}"
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {self.api_key}"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # nosec B310 - https base URL from config
                return json.loads(response.read())
        except TimeoutError:
            raise
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise TimeoutError(f"carrier did not answer within {timeout}s") from exc
            raise CarrierError(f"carrier request failed: {exc}") from exc
        except ValueError as exc:
            raise CarrierError(f"carrier sent invalid JSON: {exc}") from exc
