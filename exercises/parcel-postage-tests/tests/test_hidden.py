import inspect
import parcel_rates
import pytest

import postage_checks

# Each mutant is the real parcel_rates.py with one realistic mistake: (text to find, replacement).
MUTANTS = {
    "a parcel exactly at a band's limit priced in the next band": ("if weight_g <= limit:", "if weight_g < limit:"),
    "a parcel just over a band's limit priced in the lower band": ("(5000, Decimal", "(5100, Decimal"),
    "international parcels charged the domestic price": ('if zone == "international"', 'if zone == "internatonal"'),
    "domestic parcels charged the international price": ('if zone == "international" else price', 'if zone else price'),
    "a mistyped price in the heaviest band": ('Decimal("12.90")', 'Decimal("12.09")'),
    "a parcel that weighs nothing gets a label": ("if weight_g <= 0:", "if weight_g < 0:"),
    "a parcel over 20 kg is priced instead of refused": (
        'raise ValueError(f"{weight_g} g is over 20 kg: send it by freight")',
        "return BANDS[-1][1]",
    ),
    "an unknown zone is priced as domestic": ("if zone not in ZONES:", "if not zone:"),
}


# What a failing learner test raises: its own assertions and errors, and pytest's outcomes
# (pytest.raises reports "DID NOT RAISE" with pytest.fail.Exception, which is not an Exception).
TEST_FAILURES = (Exception, pytest.fail.Exception, pytest.skip.Exception)


class Implementation:
    """What each learner test receives as `postage`: counts the calls made through it."""

    def __init__(self, function):
        self._function = function
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self._function(*args, **kwargs)


PATCHED = ("postage", "BANDS", "INTERNATIONAL_FACTOR", "ZONES")


def mutant(description):
    """The mutated module's namespace (the mutation job changes parcel_rates in place)."""
    source = inspect.getsource(parcel_rates)
    old, new = MUTANTS[description]
    assert source.count(old) == 1, f"mutant {description!r} no longer applies to parcel_rates.py"
    namespace = {"__name__": "parcel_rates"}
    exec(compile(source.replace(old, new), "parcel_rates.py", "exec"), namespace)
    return namespace


def failures_against_mutant(description):
    namespace = mutant(description)
    saved = {name: getattr(parcel_rates, name) for name in PATCHED}
    try:
        for name in PATCHED:
            setattr(parcel_rates, name, namespace[name])
        return failures_against(namespace["postage"])
    finally:
        for name, value in saved.items():
            setattr(parcel_rates, name, value)


def learner_tests():
    found = [
        (name, obj)
        for name, obj in vars(postage_checks).items()
        if name.startswith("test") and inspect.isfunction(obj) and obj.__module__ == postage_checks.__name__
    ]
    assert found, "postage_checks.py defines no test function"
    return found


def failures_against(function):
    """name -> the error each learner test raised when given `function` (passing tests left out)."""
    failed = {}
    for name, test in learner_tests():
        try:
            test(postage=Implementation(function))
        except TEST_FAILURES as exc:
            failed[name] = f"{type(exc).__name__}: {exc}" if str(exc) else f"{type(exc).__name__} (no message)"
    return failed


def test_your_tests_pass_against_the_correct_postage():
    """Every test passes against the correct `parcel_rates.postage` — a test that fails on correct code (one that asserts the old bug, say) blocks every release and teaches the team to ignore red builds."""
    failed = failures_against(parcel_rates.postage)
    assert not failed, "failing against the correct code: " + "; ".join(f"{n}: {e}"[:160] for n, e in failed.items())


def test_every_test_exercises_the_function_it_is_given():
    """Every test calls the `postage` it receives — a test that calls a mock instead of the code under test passes whatever the code does."""
    idle = []
    for name, test in learner_tests():
        implementation = Implementation(parcel_rates.postage)
        try:
            test(postage=implementation)
        except TEST_FAILURES:
            continue  # reported by the test above
        if implementation.calls == 0:
            idle.append(name)
    assert not idle, f"these tests never call the postage they are given: {', '.join(idle)}"


@pytest.mark.parametrize("description", list(MUTANTS), ids=list(MUTANTS))
def test_your_tests_catch_a_broken_postage(description):
    """At least one of your tests that passes on the correct code fails against a copy of `postage` with one realistic mistake in it — a suite that stays green on broken code would let that mistake reach the label printer."""
    broken_anyway = failures_against(parcel_rates.postage)  # a test failing on correct code proves nothing
    caught = set(failures_against_mutant(description)) - set(broken_anyway)
    assert caught, f"no test that passes on the correct code failed against a postage with this mistake: {description}"

