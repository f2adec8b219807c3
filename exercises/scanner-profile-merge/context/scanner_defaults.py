"""Default profile of the warehouse handheld scanners.

DEFAULT_PROFILE is read-only (nested types.MappingProxyType), so no code can change the
defaults of every warehouse by accident. The settings layer hands out site overrides the same
way: read-only mappings, not dicts. The admin UI's preview passes plain dicts.

A merged profile is sent to the handhelds as JSON, and each handheld session may adjust its own
copy (for example the brightness) without touching anyone else's.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Mapping


def read_only(value: Any) -> Any:
    """A read-only view of nested dicts, as the settings layer returns them."""
    if isinstance(value, dict):
        return MappingProxyType({key: read_only(item) for key, item in value.items()})
    return value


DEFAULT_PROFILE: Mapping[str, Any] = read_only(
    {
        "scan": {"beep": True, "symbologies": ["ean13", "code128"], "timeout_ms": 3000},
        "display": {"brightness": 70, "units": {"weight": "kg", "length": "cm"}},
        "sync": {"interval_s": 60, "endpoint": "https://wms.internal/sync", "retries": [1, 5, 30]},
    }
)
