"""The hostile submissions under hostile/, with their process name made unique to this test run.

They name their processes "hostile" (PR_SET_NAME) so the containment tests can look for
survivors. Other graders on a shared machine run the same submissions; a name of this run's own
keeps their processes out of this run's count without looking away from any of ours.
"""

from __future__ import annotations

import os
from pathlib import Path

HOSTILE = Path(__file__).parent / "hostile"
PROCESS_NAME = f"hostile{os.getpid() % 10**7}"  # at most 15 characters, as PR_SET_NAME keeps


def source(name: str) -> str:
    text = (HOSTILE / f"{name}.py").read_text()
    return text.replace('b"hostile"', f'b"{PROCESS_NAME}"')


def file(name: str, folder: Path) -> Path:
    """The submission written to `folder`, readable by any user (the non-root tests)."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    path = folder / f"{name}.py"
    path.write_text(source(name))
    path.chmod(0o644)
    return path
