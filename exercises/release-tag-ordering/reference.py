"""Pick release tags for the deploy bot (`/deploy latest`) and the changelog page."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Stable releases only: v<major>.<minor>.<patch>. Pre-releases such as v2.4.0-rc1 never deploy.
_STABLE_TAG = re.compile(r"v(\d+)\.(\d+)\.(\d+)")


def stable_tags(tags: Iterable[str]) -> list[str]:
    """The stable release tags among `tags` (any order, other tags ignored)."""
    return [tag for tag in tags if _STABLE_TAG.fullmatch(tag)]


def version_key(tag: str) -> tuple[int, int, int]:
    """(major, minor, patch) as integers, so that v1.10.0 sorts after v1.9.3."""
    match = _STABLE_TAG.fullmatch(tag)
    if match is None:
        raise ValueError(f"not a stable release tag: {tag!r}")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def latest_release(tags: Iterable[str]) -> str | None:
    """The newest stable release tag, or None when there is none."""
    releases = stable_tags(tags)
    return max(releases, key=version_key) if releases else None


def releases_since(tags: Iterable[str], current: str) -> list[str]:
    """Stable releases newer than `current`, oldest first (for the changelog)."""
    running = version_key(current)
    return sorted((tag for tag in stable_tags(tags) if version_key(tag) > running), key=version_key)
