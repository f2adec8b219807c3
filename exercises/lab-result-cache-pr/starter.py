"""Lab result pages for the patient portal and the clinician app."""

from __future__ import annotations

import time
from typing import Callable

from lab_store import LabResult, LabStore, NotAllowed, Viewer

CACHE_TTL_S = 300.0  # results change only when the lab amends them, and then we invalidate


def render(result: LabResult, viewer: Viewer) -> dict[str, str]:
    """The page for `viewer`: patients see only their own results, without clinician notes."""
    if viewer.role == "patient" and viewer.user_id != result.patient_id:
        raise NotAllowed(f"{viewer.user_id} may not see result {result.result_id}")
    page = {"result_id": result.result_id, "test": result.test_name, "summary": result.summary}
    if viewer.role == "clinician":
        page["clinician_notes"] = result.clinician_notes
    return page


class ResultViews:
    """Result pages, cached so that busy mornings stay under the lab system's request limit."""

    def __init__(
        self, store: LabStore, *, ttl_s: float = CACHE_TTL_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._store = store
        self._ttl_s = ttl_s
        self._clock = clock
        self._pages: dict[str, tuple[float, dict[str, str]]] = {}  # result id -> (cached at, page)

    def page(self, result_id: str, viewer: Viewer) -> dict[str, str]:
        now = self._clock()
        cached = self._pages.get(result_id)
        if cached is not None and now - cached[0] < self._ttl_s:
            return cached[1]
        page = render(self._store.load(result_id), viewer)
        self._pages[result_id] = (now, page)
        return page

    def invalidate(self, result_id: str) -> None:
        """Forget a result the lab has amended."""
        self._pages.pop(result_id, None)
