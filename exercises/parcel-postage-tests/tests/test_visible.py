import inspect

import parcel_rates

import postage_checks


def test_your_tests_pass_on_the_correct_postage():
    """Each of your tests, given the correct parcel_rates.postage, passes."""
    tests = [f for n, f in vars(postage_checks).items() if n.startswith("test") and inspect.isfunction(f)]
    assert tests, "postage_checks.py defines no test function"
    for test in tests:
        test(postage=parcel_rates.postage)
