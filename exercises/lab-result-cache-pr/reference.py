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
    """Result pages, cached so that busy mornings stay under the lab system's request limit.

    The cache holds the lab results — the slow part — and never a rendered page: the permission
    check and the redaction depend on the viewer, so they run on every request.
    """

    def __init__(
        self, store: LabStore, *, ttl_s: float = CACHE_TTL_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._store = store
        self._ttl_s = ttl_s
        self._clock = clock
        self._results: dict[str, tuple[float, LabResult]] = {}  # result id -> (cached at, result)

    def _result(self, result_id: str) -> LabResult:
        now = self._clock()
        cached = self._results.get(result_id)
        if cached is not None and now - cached[0] < self._ttl_s:
            return cached[1]
        result = self._store.load(result_id)
        self._results[result_id] = (now, result)
        return result

    def page(self, result_id: str, viewer: Viewer) -> dict[str, str]:
        return render(self._result(result_id), viewer)

    def invalidate(self, result_id: str) -> None:
        """Forget a result the lab has amended."""
        self._results.pop(result_id, None)
