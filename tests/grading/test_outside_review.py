"""Holes an outside review found in the grader, each kept as the test that shows it closed.

They were first written down as strict xfail tests (failing until the grader closed the hole);
all are closed now. The submissions are written here, not under hostile/, because each one is a
single finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grading import ErrorKind, Grader, SandboxPool, Status, grade

# Ten lines anyone can write: no nonce to find, no framework object replaced. The plugin that
# reports each test's outcome lives in the same process as the learner's module, so the module
# finds it with gc and rewrites every record it emits to "passed".
REWRITE_THE_COLLECTORS_RECORDS = """
import gc


def _patch():
    for obj in gc.get_objects():
        if type(obj).__name__ == "Collector" and hasattr(obj, "nonce"):
            original = obj.emit

            def emit(record, original=original):
                if type(record).__name__ == "Result":
                    record.outcome = type(record.outcome)("passed")
                    record.exception = record.exc_type = record.message = ""
                original(record)

            obj.emit = emit


_patch()


def add(a, b):
    return 0
"""

# An honest bug, common in real code: an exception class whose __str__ itself fails (here it
# reads an argument nobody passed). pytest reports the test as failed; the grader's collector
# calls str() on the exception, fails in turn, and the run is reported as tampering.
EXCEPTION_WITH_A_BROKEN_STR = """
class AdditionError(Exception):
    def __str__(self):
        return f"cannot add {self.args[0]} and {self.args[1]}"


def add(a, b):
    raise AdditionError()
"""

# A module that leaks file descriptors while being imported (here: all of them). It is the
# submission's fault, and the learner must be told so; the grader used to blame itself
# (INTERNAL: "The grader could not collect the tests").
LEAK_EVERY_FILE_DESCRIPTOR = """
import os

_held = []
try:
    while True:
        _held.append(os.open("/dev/null", os.O_RDONLY))
except OSError:
    pass


def add(a, b):
    return a + b
"""


def test_a_submission_that_rewrites_the_reporting_plugin_is_not_solved(calc):
    report = grade(calc, REWRITE_THE_COLLECTORS_RECORDS)
    assert not report.solved, report.message


def test_an_exception_with_a_broken_str_is_a_failed_test_not_tampering(calc):
    report = grade(calc, EXCEPTION_WITH_A_BROKEN_STR)
    assert not report.solved
    assert report.error_kind != ErrorKind.TAMPERING, report.message
    assert report.status == Status.FAIL, report.message


@pytest.mark.parametrize("templates", [True, False], ids=["warm template", "one sandbox"])
def test_a_module_that_exhausts_file_descriptors_at_import_is_never_blamed_on_the_grader(
    calc, templates
):
    """With pytest warm (a template) nothing more needs opening and the tests run; a fresh
    sandbox still has imports to make and fails to collect. Either way the grader never calls
    it its own failure: the learner is told their module kept its files open."""
    pool = SandboxPool(slots=1, prewarm=False, templates=templates)
    try:
        report = Grader(pool).grade(calc, LEAK_EVERY_FILE_DESCRIPTOR)
    finally:
        pool.close()
    assert report.error_kind != ErrorKind.INTERNAL, report.message
    if report.status == Status.ERROR:
        assert report.error_kind == ErrorKind.IMPORT
        assert "kept files (or sockets) open while being imported" in report.message


SET_A_TRACER = """
import sys


def _tracer(frame, event, arg):
    return None


sys.settrace(_tracer)


def add(a, b):
    return a + b
"""


def test_the_tampering_message_names_each_change_once(calc):
    report = grade(calc, SET_A_TRACER)
    assert report.error_kind == ErrorKind.TAMPERING, report.message
    assert report.message.count("sys.settrace/setprofile") == 1, report.message


# The plugin is also on the call stack while a test runs: a submission can walk the frames to it
# and swap what it reports from (its outcomes) without touching a class.
SWAP_THE_PLUGINS_OUTCOMES = """
import sys


class _AlwaysPassed(dict):
    def get(self, key, default=None):
        record = super().get(key, default)
        if record is not None and type(record).__name__ == "Result":
            record.outcome = type(record.outcome)("passed")
        return record


def add(a, b):
    frame = sys._getframe()
    while frame is not None:
        plugin = frame.f_locals.get("self")
        if type(plugin).__name__ == "Collector":
            plugin.outcomes = _AlwaysPassed(plugin.outcomes)
            break
        frame = frame.f_back
    return 0
"""


def test_a_submission_that_looks_for_the_plugin_on_the_stack_gains_nothing(calc):
    report = grade(calc, SWAP_THE_PLUGINS_OUTCOMES)
    assert not report.solved, report.message


def test_the_guard_names_a_replaced_plugin_field():
    """Unit check of the guard itself: a plugin field swapped after the run started is named."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "grading" / "inside"))
    try:
        import collector as inside
    finally:
        sys.path.pop(0)
    plugin = inside.Collector(1, "nonce", None, "calc.py", set(), {})
    plugin.guard = inside.FrameworkGuard(plugin)
    plugin.guard.fields = inside._fields(plugin)
    assert plugin.guard.changes() == []
    plugin.outcomes = {}
    assert "Collector.outcomes" in plugin.guard.changes()
    with pytest.raises(AttributeError):
        plugin.emit = print  # slots: no method can be replaced on the object itself
