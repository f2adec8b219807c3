"""Merge a warehouse's overrides into the scanner profile (WMS-517)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _plain(value: Any) -> Any:
    """A fresh copy made of dicts and lists, so the result is JSON-ready and shares nothing."""
    if isinstance(value, Mapping):  # dicts, read-only views and the settings' own mappings
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def merge_profile(defaults: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """The defaults with the overrides applied: sections merge key by key, at any depth;
    any other value in the overrides (a number, a list, a string) replaces the default."""
    merged = _plain(defaults)
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = merge_profile(merged[key], value)
        else:
            merged[key] = _plain(value)
    return merged
