"""A stand-in for the app process in the crash tests: the same service layer the pages use
(Practice.submit through an EmbeddedExecutor on SQLite), started as a real process.

    python -m tests.worker.app_process burst N   # N learners save a draft and submit, then it
                                                 # waits on stdin (mid-burst) until killed
    python -m tests.worker.app_process restart   # what an app start does: recover, grade, exit

Every draft saved and every submission acknowledged is printed (flushed) as it happens, so the
test knows exactly what the learners were told before the kill.
"""

from __future__ import annotations

import sys

from course import load_course
from learning.access import Actor
from learning.practice import Practice
from learning.submissions import EmbeddedExecutor
from progress import ProgressStore, database_url, make_engine, upgrade

EXERCISE = "sql-user-lookup"


def code_for(exercise, index: int) -> str:
    """Right and wrong fixes in turn, each one distinct per learner."""
    base = exercise.reference if index % 2 == 0 else exercise.starter
    return f"{base}\n# learner {index}\n"


def main(mode: str, count: int = 0) -> None:
    engine = make_engine(database_url())
    upgrade(engine)
    store = ProgressStore(engine)
    exercises = load_course().exercises
    executor = EmbeddedExecutor(store, exercises, slots=1)
    print(f"recovered {executor.recover()}", flush=True)
    if mode == "restart":
        if not executor.wait_idle(timeout=600):
            sys.exit("grading did not finish")
        print("idle", flush=True)
        return
    exercise = exercises[EXERCISE]
    for index in range(count):
        learner = store.ensure_learner(f"learner-{index}")
        code = code_for(exercise, index)
        store.save_draft(learner, exercise.slug, code)
        print(f"draft {learner} {index}", flush=True)
        shown = Practice(store, Actor(learner_id=learner), executor=executor).submit(exercise, code)
        print(f"ack {shown.attempt_id} {learner} {index}", flush=True)
    print("burst sent", flush=True)
    sys.stdin.readline()  # the test kills the process while it grades


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0)
