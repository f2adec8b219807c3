"""The live workshop board (for the room's screen) and the pacing view (for the instructor).

Each is one aggregate query per refresh, whatever the size of the room. The board names only
learners who chose a board name (pseudonym) for the cohort; everyone else counts without a name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from learning.access import Actor
from learning.classroom_access import install, require_teacher
from progress import ProgressStore
from progress.classroom_stats import ClassroomStats
from progress.models import utc_now

ANONYMOUS = "someone"
PACING_WINDOW = timedelta(minutes=20)


@dataclass
class BoardLine:
    exercise: str
    solvers: int = 0
    firsts: list[str] = field(default_factory=list)  # board names, first solver first


@dataclass
class PacingLine:
    exercise: str
    stuck: int = 0
    failing: list[tuple[str, int]] = field(default_factory=list)  # requirement, learners


class Board:
    def __init__(self, store: ProgressStore, clock: Callable[[], datetime] = utc_now):
        self.repo = install(store)
        self.stats = ClassroomStats(store.engine)
        self.clock = clock

    def _exercises(self, cohort_id: int) -> list[str]:
        ordered: dict[str, None] = {}
        for assignment in self.repo.assignments(cohort_id):
            for slug in self.repo.assignment_exercises(assignment.id or 0):
                ordered[slug] = None
        return list(ordered)

    def board(
        self, actor: Actor, cohort_id: int, exercises: list[str] | None = None
    ) -> list[BoardLine]:
        require_teacher(self.repo, actor, cohort_id)
        slugs = exercises if exercises is not None else self._exercises(cohort_id)
        lines = {slug: BoardLine(slug) for slug in slugs}
        for row in self.stats.board(cohort_id, slugs):
            line = lines[row.exercise]
            line.solvers = row.solvers
            line.firsts.append(row.pseudonym or ANONYMOUS)
        return list(lines.values())

    def pacing(
        self,
        actor: Actor,
        cohort_id: int,
        window: timedelta = PACING_WINDOW,
        exercises: list[str] | None = None,
    ) -> list[PacingLine]:
        """Per exercise: members stuck on it now (their latest attempt in the window did not
        solve it, and they never have), and the requirements those attempts fail, most first."""
        require_teacher(self.repo, actor, cohort_id)
        slugs = exercises if exercises is not None else self._exercises(cohort_id)
        lines = {slug: PacingLine(slug) for slug in slugs}
        now = self.clock()
        for row in self.stats.pacing(cohort_id, slugs, now - window, now):
            if row.requirement is None:
                lines[row.exercise].stuck = row.learners
            else:
                lines[row.exercise].failing.append((row.requirement, row.learners))
        for line in lines.values():
            line.failing.sort(key=lambda item: (-item[1], item[0]))
        return sorted(lines.values(), key=lambda line: -line.stuck)
