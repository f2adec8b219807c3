"""The thin HTTP layer every endpoint goes through (simplified from our web framework glue)."""

from __future__ import annotations

import logging
from dataclasses import asdict, is_dataclass
from typing import Any, Callable

from errors import AppError

log = logging.getLogger("api")


def call(handler: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[int, dict[str, Any]]:
    """Run a service function and turn its outcome into (HTTP status, JSON body)."""
    try:
        result = handler(*args, **kwargs)
    except AppError as exc:
        return exc.status, {"error": exc.code, "message": exc.message, **exc.details}
    except Exception:
        log.exception("unhandled error in %s", getattr(handler, "__name__", handler))
        return 500, {"error": "internal", "message": "Something went wrong"}
    data = asdict(result) if is_dataclass(result) else result
    return 200, {"data": data}
