"""Runs inside the sandbox, in the test process: pytest with a plugin that reports each test.

This module is mounted into the sandbox and imported by runner.py in the forked test process.
It depends on the standard library, pytest and protocol.py (the records both sides speak).

Records go to stdout as JSON lines framed by the run's nonce, interleaved with what the tests
print. The learner's code runs in this same process, so nothing here is a hard guarantee; the checks make the known
tricks fail loudly: test code swapped out, the framework monkeypatched, results forged on
stdout (stdout is not the channel), an early exit (the runner notices the missing records).
"""

from __future__ import annotations

import builtins
import gc
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import types
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import Any

import protocol
import pytest
from protocol import CollectError, Done, Outcome, Result, Start, Subtest, Tamper


class MemoryTestFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the test modules from memory: on disk there is only a placeholder to collect.

    So code that hunts the file system for the hidden tests finds nothing to read.
    """

    def __init__(self, sources: dict[str, str], workdir: str):
        self.sources = sources  # module name -> source
        self.workdir = workdir
        self.on_import_error: Callable[[BaseException], None] = lambda exc: None
        self.test_codes: dict[str, types.CodeType] = {}  # "module::qualname" -> code object

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.sources:
            return None
        origin = os.path.join(self.workdir, fullname + ".py")
        return importlib.util.spec_from_loader(fullname, self, origin=origin)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        name = module.__name__
        origin = os.path.join(self.workdir, name + ".py")
        code = compile(self.sources[name], origin, "exec")
        module.__file__ = origin
        # The original test functions and methods, before any learner code runs.
        for qualname, test_code in _test_codes(code):
            self.test_codes[f"{name}::{qualname}"] = test_code
        try:
            exec(code, module.__dict__)
        except BaseException as exc:
            self.on_import_error(exc)
            raise

    def get_source(self, fullname: str) -> None:
        return None  # tracebacks and inspect.getsource() never show the test code


def _test_codes(code: types.CodeType) -> Iterator[tuple[str, types.CodeType]]:
    """Every `test*` function compiled from a test module, by qualified name ("TestX.test_y"),
    found in the constants of the module's code and of its class bodies."""
    for const in code.co_consts:
        if not isinstance(const, types.CodeType):
            continue
        if const.co_name.startswith("test"):
            yield const.co_qualname, const
        yield from _test_codes(const)


def _test_name(nodeid: str) -> str:
    """ "test_hidden.py::TestX::test_y[case]" -> "TestX::test_y" (the host's name for it)."""
    name = nodeid.split("::", 1)[-1]
    return name.split("[", 1)[0] if name.endswith("]") else name


NO_DEBUGGER = "a debugger cannot be opened while grading: remove breakpoint() and pdb calls"


class NoDebugger:
    """Stands in for pdb.Pdb: nobody is there to type into a debugger, and one waiting on input
    would only stall the run or trace the tests."""

    def __init__(self, *args: Any, **kwargs: Any):
        raise RuntimeError(NO_DEBUGGER)


def _refuse_debugger(*args: Any, **kwargs: Any) -> None:
    raise RuntimeError(NO_DEBUGGER)


def forbid_debuggers() -> None:
    """What `-p no:debugging` used to promise, kept while the plugin stays loaded (pytest's
    unittest support reads its --trace and --pdb options). Every debugger entry ends in an
    error the learner can read: pdb used directly builds a pdb.Pdb; pytest.set_trace() and,
    once pytest is configured, pdb.set_trace() and breakpoint() build theirs through
    pytestPDB._init_pdb, a private classmethod, because pytest offers no public hook before it."""
    import pdb

    from _pytest.debugging import pytestPDB

    pdb.Pdb = NoDebugger  # type: ignore[misc, assignment]
    pytestPDB._init_pdb = staticmethod(_refuse_debugger)  # type: ignore[method-assign]


_GONE = object()  # what a watched name that was deleted compares as


class FrameworkGuard:
    """Remembers the identity of what decides a test's outcome, to notice it being replaced."""

    def __init__(self, collector: Collector | None = None) -> None:
        # Private modules, on purpose: they hold what decides an outcome, so they are watched.
        import _pytest.python
        import _pytest.reports
        import _pytest.runner

        self.watched = {
            "pytest": pytest,
            "_pytest.runner": _pytest.runner,
            "_pytest.python": _pytest.python,
            "TestReport": _pytest.reports.TestReport,
            "CallInfo": _pytest.runner.CallInfo,
            "Function": _pytest.python.Function,
            "builtins": builtins,
            "Collector": Collector,
            "FrameworkGuard": FrameworkGuard,
            "MemoryTestFinder": MemoryTestFinder,
            "collector module": sys.modules[__name__],
            "gc": gc,
            "json": json,
            "protocol": protocol,
            "os": os,
        }
        # The objects themselves, not their ids: held here, none can be freed and its id reused.
        self.snapshot = {name: list(vars(obj).items()) for name, obj in self.watched.items()}
        self.trace = sys.gettrace()
        # The reporting plugin's own fields: replacing its outcomes, finder or channel would
        # forge what is reported without touching any class.
        self.plugin = collector
        self.fields = [] if collector is None else _fields(collector)

    def changes(self) -> list[str]:
        """Checked after every test: one identity comparison per watched name, nothing built."""
        changed = []
        for name, obj in self.watched.items():
            now = vars(obj)
            changed += [f"{name}.{k}" for k, v in self.snapshot[name] if now.get(k, _GONE) is not v]
        if sys.gettrace() is not self.trace or sys.getprofile() is not None:
            changed.append("sys.settrace/setprofile")
        if self.plugin is not None:
            now_fields = dict(_fields(self.plugin))
            changed += [
                f"Collector.{k}" for k, v in self.fields if now_fields.get(k, _GONE) is not v
            ]
        return changed


# Fields set once when the run starts; the rest (counters, the current test) change as it goes.
_FIXED_FIELDS = (
    "fd",
    "nonce",
    "finder",
    "module_file",
    "user_files",
    "expected_codes",
    "outcomes",
    "guard",
)


def _fields(collector: Collector) -> list[tuple[str, Any]]:
    return [(name, getattr(collector, name, _GONE)) for name in _FIXED_FIELDS]


def hide_the_heap() -> None:
    """Learner code must not reach the reporting plugin by walking the interpreter's objects:
    the three gc functions that list them fail while the tests run (nothing a fix needs)."""

    def unavailable(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("gc object introspection is not available while grading")

    gc.get_objects = unavailable
    gc.get_referrers = unavailable
    gc.get_referents = unavailable


class Collector:
    """The pytest plugin: one record per test (start, then its result), then 'done'.

    Slots, so no instance attribute (a method, the emitter) can be replaced on the object
    itself; the guard also watches every field's identity and the class's own namespace."""

    # The fields set once when the run starts (watched by the guard), then those that change.
    __slots__ = (*_FIXED_FIELDS, "in_call", "subtest_error", "collect_error_sent", "count")

    def __init__(
        self,
        fd: int,
        nonce: str,
        finder: MemoryTestFinder,
        module_file: str,
        context_files: set[str],
        expected_codes: dict[str, str],
    ):
        self.fd, self.nonce, self.finder = fd, nonce, finder
        self.module_file = module_file  # the submission, "calc.py"
        self.user_files = {module_file, *context_files}
        self.expected_codes = expected_codes  # "module::TestX::test_y" -> "Base.test_y"
        self.in_call = False
        self.subtest_error: dict[str, Any] = {}
        self.collect_error_sent = False
        self.outcomes: dict[str, Result] = {}
        self.guard: FrameworkGuard | None = None
        self.count = 0

    def emit(self, record: Any) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        # The same pipe as stdout, so the runner sees output and records in the order written;
        # the nonce frames a record (short writes to a pipe are atomic).
        line = protocol.encode(record, pid=os.getpid())
        os.write(self.fd, b"\x1e" + self.nonce.encode() + line + b"\n")

    def summarise(self, exc: BaseException) -> dict[str, Any]:
        """The exception as the learner may see it: its type, message and where in *their* code
        (the last frame in the submission or a context file)."""
        where: dict[str, Any] = {}
        tb = exc.__traceback__
        while tb is not None:
            filename = os.path.basename(tb.tb_frame.f_code.co_filename)
            if filename in self.user_files:
                where = {"file": filename, "line": tb.tb_lineno}
            tb = tb.tb_next
        try:
            message = str(exc)
        except Exception:  # noqa: BLE001  an ordinary bug in the learner's exception class
            message = "(its message could not be shown: str() of the exception failed)"
        text = type(exc).__name__ + (f": {message}" if message else "")
        if where:
            text += f" ({where['file']} line {where['line']})"
        return {
            "exception": text[:400],
            "exc_type": type(exc).__name__,
            "message": message[:300],
            **where,
        }

    def on_import_error(self, exc: BaseException) -> None:
        self.collect_error_sent = True
        self.emit(CollectError(**self.summarise(exc), module_file=self.module_file))

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        """Collection that failed outside the test module's import (a parametrize without
        enough ids, say): reported the same way, so it is never mistaken for tampering."""
        if report.failed and not self.collect_error_sent:
            self.collect_error_sent = True
            swapped = self._swapped_test_code()
            if swapped:  # collection failed because the tests' code was replaced
                self.emit(Tamper(where="collection", what=swapped))
                return
            lines = [ln for ln in str(report.longreprtext).splitlines() if ln.strip()]
            last = lines[-1].removeprefix("E").strip() if lines else "collection failed"
            self.emit(CollectError(exception=last[:400], message=last[:300]))

    def _swapped_test_code(self) -> list[str]:
        """Hidden test functions (module level or in classes) whose code is no longer the code
        compiled from the hidden source."""
        swapped = []
        for key, original in self.finder.test_codes.items():
            module_name, qualname = key.split("::", 1)
            obj: Any = sys.modules.get(module_name)
            for part in qualname.split("."):
                obj = getattr(obj, part, None)
            code = getattr(obj, "__code__", None)
            if code is not None and code is not original:
                swapped.append(f"the code of {module_name}::{qualname}")
        return swapped[:10]

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self._check_guard("collection")
        self._check_test_code(session.items)

    def pytest_runtest_logstart(self, nodeid: str, location: object) -> None:
        self.outcomes[nodeid] = Result(test=nodeid)
        self.emit(Start(test=nodeid))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        if self.in_call:  # a subtest (unittest's subTest or pytest's subtests) ending mid-test
            self.subtest_error = self.summarise(call.excinfo.value) if call.excinfo else {}
            return report
        result = self.outcomes.setdefault(item.nodeid, Result(test=item.nodeid))
        if call.excinfo is not None and result.outcome == Outcome.PASSED:
            if report.skipped:
                result.outcome = Outcome.SKIPPED
            else:
                result.outcome = Outcome.FAILED if call.when == "call" else Outcome.ERROR
                for key, value in self.summarise(call.excinfo.value).items():
                    setattr(result, key, value)
        return report

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Each subtest is a case of its test, named by the author's `msg` (never its params)."""
        if not isinstance(report, pytest.SubtestReport):
            return
        case = Subtest(
            outcome=Outcome(report.outcome),
            description=report.context.msg or "",
            **self.subtest_error,
        )
        self.subtest_error = {}
        result = self.outcomes.setdefault(report.nodeid, Result(test=report.nodeid))
        result.subtests.append(case)

    def pytest_runtest_logfinish(self, nodeid: str, location: object) -> None:
        self._check_guard(nodeid)
        self.count += 1
        self.emit(self.outcomes.get(nodeid) or Result(test=nodeid, outcome=Outcome.ERROR))

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        self.emit(Done(count=self.count))

    def _check_guard(self, where: str) -> None:
        if self.guard is None:
            self.emit(Tamper(where=where, what=["Collector.guard"]))
            return
        changed = self.guard.changes()
        if changed:
            self.emit(Tamper(where=where, what=sorted(changed)[:10]))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, object, object]:
        self._check_test_code([item])
        self.in_call = True
        try:
            return (yield)
        finally:
            self.in_call = False
            self._check_test_code([item])

    def _check_test_code(self, items: Sequence[pytest.Item]) -> None:
        """The function pytest calls must still be the test as written, not a substitute: the
        code object compiled from the hidden source for that test (for an inherited method,
        the base class's), which the host named from the source before anything ran."""
        for item in items:
            module = getattr(getattr(item, "module", None), "__name__", "")
            name = f"{module}::{_test_name(item.nodeid)}"
            qualname = self.expected_codes.get(name)
            original = self.finder.test_codes.get(f"{module}::{qualname}") if qualname else None
            func = getattr(item, "obj", None)
            if original is None or getattr(func, "__code__", None) is not original:
                self.emit(Tamper(where=item.nodeid, what=[f"the code of {name}"]))


PYTEST_ARGS = [
    "-s",
    "--assert=plain",
    *("-p", "no:cacheprovider", "-p", "no:doctest", "-p", "no:junitxml", "-p", "no:pastebin"),
    # The debugging plugin stays: pytest's unittest support reads its options. Debuggers are
    # kept out by forbid_debuggers() instead.
    *("-p", "no:stepwise", "-p", "no:terminal"),
    *("-o", "python_files=test_*.py"),
]
_prepared: dict[str, Any] = {}


def prepare(workdir: str) -> None:
    """Parse pytest's arguments and load its plugins ahead of the job (~30 ms saved per grade).
    The tests are collected from the work folder, where only this job's placeholders will be.

    Private API, on purpose: pytest.main(args, plugins=[...]) would do the same parsing and
    plugin loading only once the job has arrived, inside the timed grade. _prepareconfig is what
    pytest.main itself calls first; run() then does the rest of what pytest.main does."""
    from _pytest.config import _prepareconfig

    _prepared[workdir] = _prepareconfig([*PYTEST_ARGS, "--rootdir", workdir, workdir], [])


def run(job: dict[str, Any], fd: int) -> None:
    """Entry point in the forked test process. Never returns normally: the runner expects
    the records, and os._exit skips atexit handlers a submission may have registered."""
    workdir = job["workdir"]
    finder = MemoryTestFinder(job["tests"], workdir)
    expected_codes = {
        f"{module}::{name}": qualname
        for module, codes in job["test_codes"].items()
        for name, qualname in codes.items()
    }
    collector = Collector(
        fd, job["nonce"], finder, job["module"] + ".py", set(job.get("context", {})), expected_codes
    )
    finder.on_import_error = collector.on_import_error
    sys.meta_path.insert(0, finder)
    try:
        config = _prepared.get(workdir)
        if config is None:
            prepare(workdir)
            config = _prepared[workdir]
        config.pluginmanager.register(collector)
        forbid_debuggers()
        hide_the_heap()
        collector.guard = FrameworkGuard(collector)
        collector.guard.fields = _fields(collector)  # now including the guard itself
        # The rest of pytest.main() on a prepared config (see prepare()).
        try:
            config.hook.pytest_cmdline_main(config=config)
        finally:
            config._ensure_unconfigure()
    finally:
        os._exit(0)
