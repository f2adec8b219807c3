"""Runs inside the sandbox, in the test process: pytest with a plugin that reports each test.

This module is copied into the sandbox and imported by runner.py in the forked test process.
It depends on the standard library and pytest only.

Records go to stdout as JSON lines framed by the run's nonce, interleaved with what the tests print. The learner's code
runs in this same process, so nothing here is a hard guarantee; the checks make the known
tricks fail loudly: test code swapped out, the framework monkeypatched, results forged on
stdout (stdout is not the channel), an early exit (the runner notices the missing records).
"""

from __future__ import annotations

import builtins
import importlib.abc
import importlib.util
import json
import os
import sys
import types
from typing import Any

import pytest

RESULT_PHASES = ("setup", "call", "teardown")


class MemoryTestFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the test modules from memory: on disk there is only a placeholder to collect.

    So code that hunts the file system for the hidden tests finds nothing to read.
    """

    def __init__(self, sources: dict[str, str], workdir: str, on_import_error):
        self.sources = sources  # module name -> source
        self.workdir = workdir
        self.on_import_error = on_import_error
        self.test_codes: dict[str, types.CodeType] = {}  # "module::function" -> code object

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.sources:
            return None
        origin = os.path.join(self.workdir, fullname + ".py")
        return importlib.util.spec_from_loader(fullname, self, origin=origin)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        name = module.__name__
        code = compile(self.sources[name], module.__spec__.origin, "exec")
        module.__file__ = module.__spec__.origin
        for const in code.co_consts:  # the original test functions, before any learner code runs
            if isinstance(const, types.CodeType) and const.co_name.startswith("test"):
                self.test_codes[f"{name}::{const.co_name}"] = const
        try:
            exec(code, module.__dict__)
        except BaseException as exc:
            self.on_import_error(exc)
            raise

    def get_source(self, fullname):
        return None  # tracebacks and inspect.getsource() never show the test code


class FrameworkGuard:
    """Remembers the identity of what decides a test's outcome, to notice it being replaced."""

    def __init__(self):
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
            "json": json,
            "os": os,
        }
        self.snapshot = {name: self._ids(obj) for name, obj in self.watched.items()}
        self.trace = sys.gettrace()

    @staticmethod
    def _ids(obj: Any) -> dict[str, int]:
        return {key: id(value) for key, value in list(vars(obj).items())}

    def changes(self) -> list[str]:
        changed = []
        for name, obj in self.watched.items():
            now, before = self._ids(obj), self.snapshot[name]
            changed += [f"{name}.{k}" for k in before if now.get(k) != before[k]]
        if sys.gettrace() is not self.trace or sys.getprofile() is not None:
            changed.append("sys.settrace/setprofile")
        return changed


class Collector:
    """The pytest plugin: one record per test (start, then its result), then 'done'."""

    def __init__(self, fd: int, nonce: str, finder: MemoryTestFinder, user_files: set[str]):
        self.fd, self.nonce, self.finder = fd, nonce, finder
        self.user_files = user_files
        self.outcomes: dict[str, dict[str, Any]] = {}
        self.guard: FrameworkGuard | None = None
        self.count = 0

    def emit(self, event: str, **data: Any) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        record = {"event": event, "pid": os.getpid(), **data}
        # The same pipe as stdout, so the runner sees output and records in the order written;
        # the nonce frames a record (short writes to a pipe are atomic).
        os.write(self.fd, b"\x1e" + self.nonce.encode() + json.dumps(record).encode() + b"\n")

    def summarise(self, exc: BaseException) -> dict[str, str]:
        """The exception as the learner may see it: its type, message and where in *their* code."""
        where = ""
        tb = exc.__traceback__
        while tb is not None:
            filename = os.path.basename(tb.tb_frame.f_code.co_filename)
            if filename in self.user_files:
                where = f" ({filename} line {tb.tb_lineno})"
            tb = tb.tb_next
        message = str(exc)
        text = type(exc).__name__ + (f": {message}" if message else "") + where
        return {"exception": text[:400], "exc_type": type(exc).__name__}

    def on_import_error(self, exc: BaseException) -> None:
        self.emit("collect_error", **self.summarise(exc))

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_finish(self, session):
        self._check_guard("collection")
        self._check_test_code(session.items)

    def pytest_runtest_logstart(self, nodeid, location):
        self.outcomes[nodeid] = {"outcome": "passed"}
        self.emit("start", test=nodeid)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = yield
        result = self.outcomes.setdefault(item.nodeid, {"outcome": "passed"})
        if call.excinfo is not None and result["outcome"] == "passed":
            if report.skipped:
                result["outcome"] = "skipped"
            else:
                result["outcome"] = "failed" if call.when == "call" else "error"
                result.update(self.summarise(call.excinfo.value))
        return report

    def pytest_runtest_logfinish(self, nodeid, location):
        self._check_guard(nodeid)
        self.count += 1
        self.emit("result", test=nodeid, **self.outcomes.get(nodeid, {"outcome": "error"}))

    def pytest_sessionfinish(self, session, exitstatus):
        self.emit("done", count=self.count)

    def _check_guard(self, where: str) -> None:
        if self.guard is None:
            return
        changed = self.guard.changes()
        if changed:
            self.emit("tamper", where=where, what=sorted(changed)[:10])

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item):
        self._check_test_code([item])
        try:
            return (yield)
        finally:
            self._check_test_code([item])

    def _check_test_code(self, items) -> None:
        """The function pytest calls must still be the test as written, not a substitute."""
        for item in items:
            module = getattr(item, "module", None)
            key = f"{getattr(module, '__name__', '')}::{getattr(item, 'originalname', item.name)}"
            original = self.finder.test_codes.get(key)
            func = getattr(item, "obj", None)
            if original is None or getattr(func, "__code__", None) is not original:
                self.emit("tamper", where=item.nodeid, what=[f"the code of {key}"])


PYTEST_ARGS = [
    "-s",
    "--assert=plain",
    *("-p", "no:cacheprovider", "-p", "no:doctest", "-p", "no:junitxml", "-p", "no:pastebin"),
    *("-p", "no:stepwise", "-p", "no:debugging", "-p", "no:terminal"),
    *("-o", "python_files=test_*.py"),
]
_prepared: dict[str, Any] = {}


def prepare(workdir: str) -> None:
    """Parse pytest's arguments and load its plugins ahead of the job (~30 ms saved per grade).
    The tests are collected from the work folder, where only this job's placeholders will be."""
    from _pytest.config import _prepareconfig

    _prepared[workdir] = _prepareconfig([*PYTEST_ARGS, "--rootdir", workdir, workdir], [])


def run(job: dict[str, Any], fd: int) -> None:
    """Entry point in the forked test process. Never returns normally: the runner expects
    the records, and os._exit skips atexit handlers a submission may have registered."""
    workdir = job["workdir"]
    user_files = {job["module"] + ".py", *job.get("context", {})}
    collector: Collector | None = None

    def on_import_error(exc):
        collector.on_import_error(exc)

    finder = MemoryTestFinder(job["tests"], workdir, on_import_error)
    collector = Collector(fd, job["nonce"], finder, user_files)
    sys.meta_path.insert(0, finder)
    try:
        config = _prepared.get(workdir)
        if config is None:
            prepare(workdir)
            config = _prepared[workdir]
        config.pluginmanager.register(collector)
        collector.guard = FrameworkGuard()
        try:
            config.hook.pytest_cmdline_main(config=config)
        finally:
            config._ensure_unconfigure()
    finally:
        os._exit(0)
