import inspect

import patients
import pytest

import patient_merge_checks

# Each mutant is the real patients.py with one realistic mistake: (text to find, replacement).
MUTANTS = {
    "e-mail addresses compared with their capital letters": (
        "(record.email.strip().lower(), record.birth_date)",
        "(record.email.strip(), record.birth_date)",
    ),
    "e-mail addresses compared with their surrounding spaces": (
        "(record.email.strip().lower(), record.birth_date)",
        "(record.email.lower(), record.birth_date)",
    ),
    "a parent and child sharing an e-mail address merged into one patient": (
        "(record.email.strip().lower(), record.birth_date)",
        "(record.email.strip().lower(), date.min)",
    ),
    "records without an e-mail address merged with each other": (
        "if not record.email:\n        return None",
        'if not record.email:\n        return ("", record.birth_date)',
    ),
    "the merged list sorted by name instead of kept in arrival order": (
        "    return result\n",
        "    return sorted(result, key=lambda record: record.name)\n",
    ),
    "the later duplicate kept instead of the first one to arrive": (
        "        elif kept.phone is None and record.phone:\n            kept.phone = record.phone",
        "        else:\n            result[result.index(kept)] = kept_by_identity[identity] = replace(record, phone=kept.phone or record.phone)",
    ),
    "the caller's record changed when a duplicate fills in its phone": ("kept = replace(record)", "kept = record"),
    "a duplicate's phone number never fills in a missing one": ("elif kept.phone is None and record.phone:", "elif False:"),
    "a duplicate's phone number overwrites the one on file": ("elif kept.phone is None and record.phone:", "elif record.phone:"),
}

PATCHED = ("merge_duplicates", "_identity")

# What a failing learner test raises: its own assertions and errors, and pytest's outcomes
# (pytest.raises reports "DID NOT RAISE" with pytest.fail.Exception, which is not an Exception).
TEST_FAILURES = (Exception, pytest.fail.Exception, pytest.skip.Exception)


class Implementation:
    """What each learner test receives as `merge_duplicates`: counts the calls made through it."""

    def __init__(self, function):
        self._function = function
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self._function(*args, **kwargs)


def learner_tests():
    found = [
        (name, obj)
        for name, obj in vars(patient_merge_checks).items()
        if name.startswith("test") and inspect.isfunction(obj) and obj.__module__ == patient_merge_checks.__name__
    ]
    assert found, "patient_merge_checks.py defines no test function"
    return found


def run_all(function):
    """name -> (error or None, calls made to the function) for every learner test."""
    outcomes = {}
    for name, test in learner_tests():
        implementation = Implementation(function)
        try:
            test(merge_duplicates=implementation)
            error = None
        except TEST_FAILURES as exc:
            error = f"{type(exc).__name__}: {exc}" if str(exc) else f"{type(exc).__name__} (no message)"
        outcomes[name] = (error, implementation.calls)
    return outcomes


def failures_against(function):
    return {name: error for name, (error, _) in run_all(function).items() if error}


def failures_against_mutant(description):
    """The mutation job changes patients.py in place, so module-level names see the mutant too."""
    source = inspect.getsource(patients)
    old, new = MUTANTS[description]
    assert source.count(old) == 1, f"mutant {description!r} no longer applies to patients.py"
    namespace = {"__name__": "patients"}
    exec(compile(source.replace(old, new), "patients.py", "exec"), namespace)
    namespace["PatientRecord"] = patients.PatientRecord  # the data type itself is not mutated
    saved = {name: getattr(patients, name) for name in PATCHED}
    try:
        for name in PATCHED:
            setattr(patients, name, namespace[name])
        return failures_against(namespace["merge_duplicates"])
    finally:
        for name, value in saved.items():
            setattr(patients, name, value)


def test_your_tests_pass_against_the_correct_merge():
    """Every test passes against the correct `patients.merge_duplicates` — a test that fails on correct code blocks every release and teaches the team to ignore red builds."""
    failed = failures_against(patients.merge_duplicates)
    assert not failed, "failing against the correct code: " + "; ".join(f"{n}: {e}"[:160] for n, e in failed.items())


def test_every_test_exercises_the_function_it_is_given():
    """Every test calls the `merge_duplicates` it receives — a test that never calls the code under test passes whatever the code does."""
    idle = [name for name, (error, calls) in run_all(patients.merge_duplicates).items() if not error and calls == 0]
    assert not idle, f"these tests never call the merge_duplicates they are given: {', '.join(idle)}"


@pytest.mark.parametrize("description", list(MUTANTS), ids=list(MUTANTS))
def test_your_tests_catch_a_broken_merge(description):
    """At least one of your tests that passes on the correct code fails against a copy of `merge_duplicates` with one realistic mistake in it — a mistake no test catches is how one patient ends up with two files, or two patients with one."""
    broken_anyway = failures_against(patients.merge_duplicates)  # a test failing on correct code proves nothing
    caught = set(failures_against_mutant(description)) - set(broken_anyway)
    assert caught, f"no test that passes on the correct code failed against a merge with this mistake: {description}"
