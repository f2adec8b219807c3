"""Find the flaw is scored against the exercise's flaw_lines and limitation."""

from __future__ import annotations

from dataclasses import replace

from course import Exercise
from learning.flaw import judge, to_answer


def test_marking_exactly_the_flawed_lines_and_limitation_is_a_full_match(exercise: Exercise):
    ex = replace(exercise, flaw_lines=(4, 5))
    verdict = judge(ex, [5, 4], ex.limitation)
    assert verdict.found == (4, 5) and verdict.missed == () and verdict.extra == ()
    assert verdict.limitation_correct
    assert "2 of 2 flawed lines" in verdict.summary and "right limitation" in verdict.summary


def test_missed_and_extra_lines_are_counted(exercise: Exercise):
    ex = replace(exercise, flaw_lines=(4, 5))
    other = next(key for key in ("security", "review") if key != ex.limitation)
    verdict = judge(ex, [1, 4], other)
    assert (verdict.found, verdict.missed, verdict.extra) == ((4,), (5,), (1,))
    assert not verdict.limitation_correct
    assert verdict.summary == (
        "You marked 1 of 2 flawed lines and 1 line that is fine, and named another limitation."
    )


def test_an_answer_row_records_what_was_found(exercise: Exercise):
    ex = replace(exercise, flaw_lines=(4, 5))
    answer = to_answer(7, ex, [5, 5, 9], ex.limitation)
    assert answer.lines == [5, 9]
    assert (answer.lines_found, answer.lines_expected, answer.limitation_correct) == (1, 2, True)
