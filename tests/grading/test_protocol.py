"""The sandbox-host protocol: typed records, and defensive decoding of what arrives."""

from __future__ import annotations

import json

from grading.inside import protocol
from grading.inside.protocol import Event, ExitReason, Outcome


def round_trip(record):
    return protocol.decode(json.loads(protocol.encode(record, pid=7)))


def test_every_record_survives_the_round_trip():
    records = [
        protocol.Start(test="t.py::test_a"),
        protocol.Result(
            test="t.py::test_a",
            outcome=Outcome.FAILED,
            exception="KeyError: 'x' (calc.py line 3)",
            file="calc.py",
            line=3,
            subtests=[protocol.Subtest(outcome=Outcome.FAILED, description="words")],
        ),
        protocol.Done(count=1),
        protocol.Tamper(where="runner", what=["a malformed record"]),
        protocol.CollectError(exc_type="MemoryError", line=5, module_file="calc.py"),
        protocol.Exit(reason=ExitReason.EARLY_EXIT, exit_code=3),
    ]
    assert [round_trip(r) for r in records] == records


def test_the_event_names_on_the_wire_are_the_enum_values():
    data = json.loads(protocol.encode(protocol.Done(count=2)))
    assert data == {"event": "done", "count": 2}
    assert {e.value for e in Event} == {
        "start",
        "result",
        "done",
        "tamper",
        "collect_error",
        "exit",
    }


def test_fields_of_the_wrong_type_fall_back_to_their_defaults():
    record = protocol.decode(
        {"event": "result", "test": 5, "outcome": "won", "line": True, "subtests": "x"}
    )
    assert record == protocol.Result(test="", outcome=Outcome.ERROR, line=0, subtests=[])


def test_what_is_not_a_record_decodes_to_none():
    assert protocol.decode({"event": "solved"}) is None
    assert protocol.decode(["start"]) is None
    assert protocol.decode({"test": "t"}) is None
