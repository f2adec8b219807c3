"""What the sandbox tells the host: one JSON object per line, each a record below.

Both sides use this module: inside the sandbox it is the top-level module `protocol` (so it uses
the standard library only), on the host it is `grading.inside.protocol`. The test process sends
start/result/done/tamper/collect_error records to the runner (framed by the run's nonce); the
runner relays them and ends with one exit record. Whatever arrives is decoded defensively: the
test process runs learner code, so a field of the wrong type falls back to its default.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

OUTPUT_KEEP = 500  # characters of a test's output (and of what it raised) a report keeps
OUTPUT_LIMIT = 1 << 20  # bytes a submission may print in all before the run is stopped


class Event(StrEnum):
    START = "start"  # a test begins
    RESULT = "result"  # a test ended, with its outcome (and its subtests)
    DONE = "done"  # the session ended normally, with the number of results sent
    TAMPER = "tamper"  # something that decides outcomes was replaced
    COLLECT_ERROR = "collect_error"  # importing the code or collecting the tests failed
    EXIT = "exit"  # the runner's last word: how the test process ended


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"  # failed outside the test body (a fixture, setup or teardown)
    SKIPPED = "skipped"


class ExitReason(StrEnum):
    OK = "ok"
    TIMEOUT = "timeout"
    CPU_TIME = "cpu_time"
    SIGNAL = "signal"
    EARLY_EXIT = "early_exit"
    OUTPUT_LIMIT = "output_limit"
    TAMPERING = "tampering"


@dataclass
class Raised:
    """An exception as the learner may see it, and where in their code it was raised."""

    exception: str = ""  # "KeyError: 'max' (calc.py line 4)"
    exc_type: str = ""
    message: str = ""
    file: str = ""  # the submission or a context file; "" when not in the learner's code
    line: int = 0


@dataclass
class Start:
    test: str = ""


@dataclass
class Subtest(Raised):
    outcome: Outcome = Outcome.PASSED
    description: str = ""  # the author's subTest message; never the parameters


@dataclass
class Result(Raised):
    test: str = ""
    outcome: Outcome = Outcome.PASSED
    output: str = ""  # what the test printed, added by the runner
    subtests: list[Subtest] = field(default_factory=list)


@dataclass
class Done:
    count: int = 0


@dataclass
class Tamper:
    where: str = ""
    what: list[str] = field(default_factory=list)


@dataclass
class CollectError(Raised):
    module_file: str = ""  # the submission's file name, to tell it from context files


@dataclass
class Exit:
    reason: ExitReason = ExitReason.OK
    running: str = ""  # the test that was running when the process ended
    finished: bool = False  # the test process sent done
    signal: str = ""
    exit_code: int = 0


Record = Start | Result | Done | Tamper | CollectError | Exit
_KINDS: dict[Event, type[Any]] = {
    Event.START: Start,
    Event.RESULT: Result,
    Event.DONE: Done,
    Event.TAMPER: Tamper,
    Event.COLLECT_ERROR: CollectError,
    Event.EXIT: Exit,
}
_EVENTS = {kind: event for event, kind in _KINDS.items()}
_ENUMS: dict[str, type[StrEnum]] = {"outcome": Outcome, "reason": ExitReason}


def encode(record: Any, **extra: Any) -> bytes:
    """One record as a JSON line (without the newline); `extra` travels beside it (the pid)."""
    data = {"event": str(_EVENTS[type(record)]), **dataclasses.asdict(record), **extra}
    return json.dumps(data).encode()


def decode(data: Any) -> Any:
    """A record from its JSON object, or None when it is not one of ours."""
    if not isinstance(data, dict):
        return None
    try:
        kind = _KINDS[Event(str(data.get("event")))]
    except ValueError:
        return None
    return _build(kind, data)


def _build(kind: type[Any], data: dict[str, Any]) -> Any:
    values = {}
    for spec in dataclasses.fields(kind):
        if spec.name in data:
            values[spec.name] = _value(spec.name, data[spec.name], kind)
    values = {k: v for k, v in values.items() if v is not None}
    return kind(**values)


def _value(name: str, value: Any, kind: type[Any]) -> Any:
    """The field's value if it has the right type, else None (the default is used)."""
    if name in _ENUMS:
        try:
            return _ENUMS[name](value)
        except ValueError:
            return Outcome.ERROR if name == "outcome" else None
    if name in _LISTS:
        return _LISTS[name](value) if _is(value, list) else None
    default = getattr(kind(), name)
    wanted = type(default)
    return value if _is(value, wanted) else None


_LISTS: dict[str, Callable[[list[Any]], list[Any]]] = {
    "subtests": lambda items: [_build(Subtest, s) for s in items if isinstance(s, dict)],
    "what": lambda items: [str(w) for w in items][:20],
}


def _is(value: Any, wanted: type) -> bool:
    return isinstance(value, wanted) and not (wanted is int and isinstance(value, bool))
