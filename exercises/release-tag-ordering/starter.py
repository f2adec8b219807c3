"""Pick release tags for the deploy bot (`/deploy latest`) and the changelog page."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Stable releases only: v<major>.<minor>.<patch>. Pre-releases such as v2.4.0-rc1 never deploy.
_STABLE_TAG = re.compile(r"v\d+\.\d+\.\d+")


def stable_tags(tags: Iterable[str]) -> list[str]:
    """The stable release tags among `tags` (any order, other tags ignored)."""
    return [tag for tag in tags if _STABLE_TAG.fullmatch(tag)]


def latest_release(tags: Iterable[str]) -> str | None:
    """The newest stable release tag, or None when there is none."""
    releases = stable_tags(tags)
    return max(releases) if releases else None


def releases_since(tags: Iterable[str], current: str) -> list[str]:
    """Stable releases newer than `current`, oldest first (for the changelog)."""
    return sorted(tag for tag in stable_tags(tags) if tag > current)
