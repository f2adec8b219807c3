from lab_results import ResultViews
from lab_store import LabResult, Viewer


class Store:
    def __init__(self):
        self.loads = 0

    def load(self, result_id):
        self.loads += 1
        return LabResult(result_id, "PT-1", "Ferritin", "12 ug/L", "Low: repeat in 6 weeks.")


def test_cache_is_used():
    """The second view of a result does not ask the lab system again."""
    store = Store()
    pages = ResultViews(store)
    pages.page("R-1", Viewer("DR-1", "clinician"))
    pages.page("R-1", Viewer("DR-1", "clinician"))
    assert store.loads == 1


def test_patient_after_clinician():
    """A patient who opens a result after a clinician does not see the clinician notes."""
    pages = ResultViews(Store())
    pages.page("R-1", Viewer("DR-1", "clinician"))
    assert "clinician_notes" not in pages.page("R-1", Viewer("PT-1", "patient"))
