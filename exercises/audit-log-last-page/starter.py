"""Page through a workspace's audit log for the admin console (`GET /admin/audit`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100


@dataclass(frozen=True)
class AuditEvent:
    id: int
    actor: str
    action: str


@dataclass(frozen=True)
class Page:
    items: list[AuditEvent]
    page: int  # 1-based
    per_page: int
    total: int  # number of events in the whole log
    pages: int  # number of pages; an empty log still has one (empty) page
    has_next: bool


class PageOutOfRange(Exception):
    """The client asked for a page that does not exist (the web layer answers 404)."""


def paginate(events: Sequence[AuditEvent], page: int = 1, per_page: int = DEFAULT_PER_PAGE) -> Page:
    """Return page `page` (1-based) of `events`, newest first as given, `per_page` at a time."""
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise ValueError(f"per_page must be between 1 and {MAX_PER_PAGE}")

    total = len(events)
    # At least one page, so an empty log renders an empty table instead of a 404.
    pages = max(1, total // per_page)
    if not 1 <= page <= pages:
        raise PageOutOfRange(f"page {page} of {pages}")

    start = (page - 1) * per_page
    items = list(events[start:start + per_page])
    return Page(
        items=items,
        page=page,
        per_page=per_page,
        total=total,
        pages=pages,
        has_next=page < pages,
    )
