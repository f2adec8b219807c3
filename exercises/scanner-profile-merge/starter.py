"""Merge a warehouse's overrides into the scanner profile (WMS-517)."""

from __future__ import annotations

import collections
from typing import Any, Mapping


def merge_profile(defaults: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """The defaults with the overrides applied: sections merge key by key, at any depth;
    any other value in the overrides (a number, a list, a string) replaces the default."""
    merged = dict(defaults)
    for key, value in overrides.items():
        if isinstance(value, collections.Mapping) and isinstance(merged.get(key), collections.Mapping):
            merged[key] = merge_profile(merged[key], value)
        else:
            merged[key] = value
    return merged
