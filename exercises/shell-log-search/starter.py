"""Support tool: search a service's log file for an order id or error text (ticket OPS-238)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def search_log(log_file: Path, term: str, max_lines: int = 100) -> list[str]:
    """Return up to `max_lines` lines of `log_file` that contain `term`.

    The match is a plain substring match that ignores case (support staff paste
    order ids, e-mail addresses and fragments of error messages). Lines come
    back in file order without their trailing newline. Raises FileNotFoundError
    when the log file does not exist.
    """
    log_file = Path(log_file)
    if not log_file.is_file():
        raise FileNotFoundError(log_file)

    # grep is much faster than Python on multi-gigabyte logs:
    #   -F fixed string (no regex surprises), -i ignore case, -m stop after N matches.
    result = subprocess.run(
        f"grep -F -i -m {int(max_lines)} '{term}' '{log_file}'",
        shell=True,
        capture_output=True,
        text=True,
    )
    # grep exits with 1 when nothing matched; that is an empty result, not an error.
    return result.stdout.splitlines()
