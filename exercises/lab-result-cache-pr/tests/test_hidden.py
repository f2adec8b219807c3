import pytest

from lab_results import ResultViews
from lab_store import LabResult, NotAllowed, Viewer

TTL = 300.0

RESULTS = {
    "R-501": LabResult("R-501", "PT-17", "HbA1c", "48 mmol/mol", "Borderline; discuss metformin at review."),
    "R-502": LabResult("R-502", "PT-23", "Lipid panel", "LDL 4.9 mmol/L", "Family history: refer to lipid clinic."),
}
CLINICIAN = Viewer("DR-4", "clinician")
OWNER = Viewer("PT-17", "patient")
OTHER_PATIENT = Viewer("PT-23", "patient")


class Clock:
    def __init__(self):
        self.now = 5000.0

    def __call__(self):
        return self.now


class CountingStore:
    def __init__(self, results=None):
        self.results = dict(results or RESULTS)
        self.loads = []

    def load(self, result_id):
        self.loads.append(result_id)
        return self.results[result_id]


def views(store=None, clock=None):
    return ResultViews(store or CountingStore(), ttl_s=TTL, clock=clock or Clock())


def owner_page(result):
    return {"result_id": result.result_id, "test": result.test_name, "summary": result.summary}


def clinician_page(result):
    return {**owner_page(result), "clinician_notes": result.clinician_notes}


@pytest.mark.parametrize(
    "viewer,expected",
    [(CLINICIAN, clinician_page(RESULTS["R-501"])), (OWNER, owner_page(RESULTS["R-501"]))],
    ids=["a clinician", "the patient the result belongs to"],
)
def test_pages_show_what_each_role_may_see(viewer, expected):
    """A clinician's page includes the clinician notes and the patient's own page does not — the rendering the pull request kept."""
    got = views().page("R-501", viewer)
    assert got == expected, f"page: {got}"


def test_a_patient_after_a_clinician_never_sees_the_clinician_notes():
    """When a clinician has just opened a result, the patient opening it next sees their own page without the clinician notes — policy CG-12: the clinician discusses the notes first."""
    pages = views()
    pages.page("R-501", CLINICIAN)
    got = pages.page("R-501", OWNER)
    assert "clinician_notes" not in got, "the patient was shown the clinician notes"
    assert got == owner_page(RESULTS["R-501"]), f"page: {got}"


def test_a_clinician_after_a_patient_still_sees_the_notes():
    """When the patient opened the result first, the clinician opening it next still gets the clinician notes."""
    pages = views()
    pages.page("R-501", OWNER)
    got = pages.page("R-501", CLINICIAN)
    assert got == clinician_page(RESULTS["R-501"]), f"page: {got}"


@pytest.mark.parametrize(
    "first_viewer",
    [CLINICIAN, OWNER],
    ids=["after a clinician opened the result", "after its owner opened the result"],
)
def test_another_patient_is_refused_even_when_the_page_is_cached(first_viewer):
    """A patient asking for someone else's result is refused every time, also when that result is in the cache — otherwise any patient can read any cached result by changing the id in the address bar."""
    pages = views()
    pages.page("R-501", first_viewer)
    with pytest.raises(NotAllowed):
        pages.page("R-501", OTHER_PATIENT)


def test_a_patient_is_refused_someone_elses_result_without_a_cache():
    """A patient asking for someone else's result is refused, as before the pull request."""
    with pytest.raises(NotAllowed):
        views().page("R-502", OWNER)


def test_repeated_views_are_served_from_the_cache():
    """Opening the same result again within five minutes does not ask the lab system again — the reason for the pull request (the lab system allows 20 requests a second for the whole clinic)."""
    store = CountingStore()
    pages = views(store)
    for _ in range(3):
        pages.page("R-501", CLINICIAN)
        pages.page("R-502", OTHER_PATIENT)
    assert sorted(store.loads) == ["R-501", "R-502"], f"the lab system was asked {len(store.loads)} times"


def test_the_cache_expires_and_can_be_invalidated():
    """A cached result is fetched again after the time to live, and at once after the lab amends it and it is invalidated."""
    clock, store = Clock(), CountingStore()
    pages = views(store, clock)
    pages.page("R-501", CLINICIAN)
    clock.now += TTL + 1
    pages.page("R-501", CLINICIAN)
    assert len(store.loads) == 2, "the result was not fetched again after the time to live"
    store.results["R-501"] = LabResult("R-501", "PT-17", "HbA1c", "52 mmol/mol (amended)", "Amended: start metformin.")
    pages.invalidate("R-501")
    got = pages.page("R-501", CLINICIAN)
    assert got["summary"] == "52 mmol/mol (amended)", "an invalidated result was served from the cache"
