import inspect

import patients

import patient_merge_checks


def test_your_tests_pass_on_the_correct_merge():
    """Each of your tests, given the correct patients.merge_duplicates, passes."""
    tests = [f for n, f in vars(patient_merge_checks).items() if n.startswith("test") and inspect.isfunction(f)]
    assert tests, "patient_merge_checks.py defines no test function"
    for test in tests:
        test(merge_duplicates=patients.merge_duplicates)
