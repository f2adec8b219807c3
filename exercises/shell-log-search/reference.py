"""Support tool: search a service's log file for an order id or error text (ticket OPS-238)."""

from __future__ import annotations

import shutil
import subprocess  # nosec B404 - used with an argument list, never a shell
from pathlib import Path

# Resolve grep once, to an absolute path, so PATH tricks cannot swap it.
GREP = shutil.which("grep") or "/usr/bin/grep"


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
    if "\n" in term:
        # grep would treat each line of the term as a separate pattern.
        return []

    # An argument list runs grep directly: no shell parses the term, so quotes,
    # ';', '$(...)' and backticks are just characters. "--" ends grep's options,
    # so a term such as "--force" is searched for, not obeyed.
    result = subprocess.run(  # nosec B603 - fixed program, argument list, no shell
        [GREP, "-F", "-i", "-m", str(int(max_lines)), "--", term, str(log_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode > 1:
        raise RuntimeError(f"grep failed: {result.stderr.strip()}")
    # grep exits with 1 when nothing matched; that is an empty result, not an error.
    return result.stdout.splitlines()
