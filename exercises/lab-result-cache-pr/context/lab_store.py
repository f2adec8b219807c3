"""Lab results from the laboratory information system (read-only project file).

`LabStore.load` fetches one result from the lab system: about 300 ms, and the lab system's
licence limits us to 20 requests a second across the whole clinic.

Who may see what (clinical governance policy CG-12):
- a clinician may see every result, including the clinician notes;
- a patient may see only their own results, and never the clinician notes (the clinician
  discusses them with the patient first).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class LabResult:
    result_id: str
    patient_id: str
    test_name: str
    summary: str
    clinician_notes: str


@dataclass(frozen=True)
class Viewer:
    user_id: str  # for a patient, their patient id
    role: str  # "clinician" or "patient"


class NotAllowed(Exception):
    """The viewer may not see this result."""


class LabStore(Protocol):
    def load(self, result_id: str) -> LabResult: ...
