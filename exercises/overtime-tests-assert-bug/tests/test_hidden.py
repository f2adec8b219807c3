"""Hidden tests for PAY-77: the learner's checks pass on the correct payroll and catch each buggy one."""

import inspect
from fractions import Fraction

import pytest

import checks_for_overtime

REGULAR_WEEK_MINUTES = 40 * 60


def _correct(minutes_by_day, hourly_rate_cents):
    """The payroll as the collective agreement defines it (the fixed implementation)."""
    weekday, sunday = sum(minutes_by_day[:6]), minutes_by_day[6]
    regular = min(weekday, REGULAR_WEEK_MINUTES)
    overtime = weekday - regular
    percent_minutes = regular * 100 + overtime * 150 + sunday * 200
    return (hourly_rate_cents * percent_minutes + 3_000) // 6_000


def _exact(rate, regular, overtime, sunday):
    return Fraction(rate * (regular * 100 + overtime * 150 + sunday * 200), 6_000)


def _half_up(amount):
    return (amount.numerator * 2 + amount.denominator) // (amount.denominator * 2)


def _daily_overtime(minutes_by_day, hourly_rate_cents):
    """The assistant's original code: over 8 hours a day is overtime, Sunday is a normal day."""
    total = 0.0
    for minutes in minutes_by_day:
        regular = min(minutes, 8 * 60)
        total += hourly_rate_cents * (regular + (minutes - regular) * 1.5) / 60
    return round(total)


def _no_overtime(minutes_by_day, hourly_rate_cents):
    weekday, sunday = sum(minutes_by_day[:6]), minutes_by_day[6]
    return _half_up(_exact(hourly_rate_cents, weekday, 0, sunday))


def _sunday_plain(minutes_by_day, hourly_rate_cents):
    weekday, sunday = sum(minutes_by_day[:6]), minutes_by_day[6]
    regular = min(weekday, REGULAR_WEEK_MINUTES)
    return _half_up(_exact(hourly_rate_cents, regular + sunday, weekday - regular, 0))


def _sunday_counts_toward_40(minutes_by_day, hourly_rate_cents):
    weekday, sunday = sum(minutes_by_day[:6]), minutes_by_day[6]
    overtime = min(weekday, max(0, weekday + sunday - REGULAR_WEEK_MINUTES))
    return _half_up(_exact(hourly_rate_cents, weekday - overtime, overtime, sunday))


def _rounded_down(minutes_by_day, hourly_rate_cents):
    weekday, sunday = sum(minutes_by_day[:6]), minutes_by_day[6]
    regular = min(weekday, REGULAR_WEEK_MINUTES)
    return int(_exact(hourly_rate_cents, regular, weekday - regular, sunday))


def _rounded_half_even(minutes_by_day, hourly_rate_cents):
    weekday, sunday = sum(minutes_by_day[:6]), minutes_by_day[6]
    regular = min(weekday, REGULAR_WEEK_MINUTES)
    return round(_exact(hourly_rate_cents, regular, weekday - regular, sunday))


def _as_float(minutes_by_day, hourly_rate_cents):
    return float(_correct(minutes_by_day, hourly_rate_cents))


BUGGY = {
    "overtime counted per day, the assistant's original code": _daily_overtime,
    "no overtime premium at all": _no_overtime,
    "Sunday paid at the normal rate": _sunday_plain,
    "Sunday hours counted toward the 40 hours": _sunday_counts_toward_40,
    "pay rounded down": _rounded_down,
    "pay rounded half to even": _rounded_half_even,
    "pay returned as a float instead of whole cents": _as_float,
}


def _checks():
    found = []
    for name, obj in vars(checks_for_overtime).items():
        if name.startswith("check_") and inspect.isfunction(obj):
            found.append((name, obj))
    return found


def _under_test(implementation):
    """A fresh function each time, so no check can recognise which implementation it was given."""

    calls = []

    def weekly_pay_cents(minutes_by_day, hourly_rate_cents):
        calls.append(1)
        return implementation(list(minutes_by_day), hourly_rate_cents)

    return weekly_pay_cents, calls


def _failures(implementation, checks=None):
    failed = []
    for name, check in _checks() if checks is None else checks:
        function, _calls = _under_test(implementation)
        try:
            check(function)
        except Exception as exc:  # any failure of a check counts as the bug being caught
            failed.append(f"{name}: {type(exc).__name__}: {exc}")
    return failed


def test_the_module_defines_checks():
    """The module defines several `check_...` functions that each take the function under test as their only argument — they are the payroll's regression suite."""
    checks = _checks()
    assert len(checks) >= 3, f"found {len(checks)} check_ function(s)"
    for name, check in checks:
        required = [
            p for p in inspect.signature(check).parameters.values()
            if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        assert len(required) == 1, f"{name} must take exactly one argument, the function under test"


def test_every_check_passes_on_the_correct_payroll():
    """Every check passes when given a payroll that follows the collective agreement — a test that fails on correct code (because it asserts the old bug) blocks the fix and teaches people to ignore red builds."""
    failed = _failures(_correct)
    assert not failed, "failing on the correct payroll: " + "; ".join(failed)


def test_every_check_uses_the_function_it_is_given():
    """Every check calls the `weekly_pay` function it receives — a check that tests something else cannot catch a bug in the payroll."""
    for name, check in _checks():
        function, calls = _under_test(_correct)
        try:
            check(function)
        except Exception:  # reported by the test above; this one is about calls only
            pass
        assert calls, f"{name} never calls the function it is given"


@pytest.mark.parametrize("bug", list(BUGGY), ids=list(BUGGY))
def test_a_buggy_payroll_is_caught(bug):
    """At least one check that passes on the correct payroll fails when the payroll has this bug — a suite that stays green on a wrong payslip is what let the original bug ship."""
    broken_on_correct = {failure.split(":")[0] for failure in _failures(_correct)}
    valid = [(name, check) for name, check in _checks() if name not in broken_on_correct]
    assert _failures(BUGGY[bug], valid), "every check that passes on the correct payroll also passed on a payroll with this bug"
