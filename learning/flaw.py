"""Find the flaw: before editing, the learner marks the lines they believe are wrong and names
the limitation. Scored against the exercise's flaw_lines and limitation."""

from __future__ import annotations

from dataclasses import dataclass

from course import Exercise
from progress import FlawAnswer


@dataclass(frozen=True)
class FlawVerdict:
    found: tuple[int, ...]  # flawed lines the learner marked
    missed: tuple[int, ...]  # flawed lines the learner did not mark
    extra: tuple[int, ...]  # lines marked that carry no flaw
    limitation_correct: bool

    @property
    def summary(self) -> str:
        total = len(self.found) + len(self.missed)
        text = f"You marked {len(self.found)} of {total} flawed line{_s(total)}"
        if self.extra:
            fine = "line that is" if len(self.extra) == 1 else "lines that are"
            text += f" and {len(self.extra)} {fine} fine"
        named = "the right limitation" if self.limitation_correct else "another limitation"
        return f"{text}, and named {named}."


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def judge(exercise: Exercise, lines: list[int], limitation: str) -> FlawVerdict:
    marked, flawed = set(lines), set(exercise.flaw_lines)
    return FlawVerdict(
        found=tuple(sorted(marked & flawed)),
        missed=tuple(sorted(flawed - marked)),
        extra=tuple(sorted(marked - flawed)),
        limitation_correct=limitation == exercise.limitation,
    )


def verdict_of(exercise: Exercise, answer: FlawAnswer) -> FlawVerdict:
    return judge(exercise, list(answer.lines), answer.limitation)


def to_answer(learner_id: int, exercise: Exercise, lines: list[int], limitation: str) -> FlawAnswer:
    verdict = judge(exercise, lines, limitation)
    return FlawAnswer(
        learner_id=learner_id,
        exercise=exercise.slug,
        lines=sorted(set(lines)),
        limitation=limitation,
        lines_found=len(verdict.found),
        lines_expected=len(exercise.flaw_lines),
        limitation_correct=verdict.limitation_correct,
    )
