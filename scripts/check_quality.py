"""The bar ProdReady grades learners on, applied to its own code, with the grader's own checks:
no bandit finding (`# nosec` ignored) other than those in scripts/bandit-allowlist.toml, each
with its reason, and no function above cyclomatic complexity 10.

    python scripts/check_quality.py PACKAGE [PACKAGE ...]     # exit 0 clean, 1 not

The Makefile's LINT_PACKAGES says which packages `make lint` holds to it.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grading.checks import quality, security  # noqa: E402

MAX_COMPLEXITY = 10
ALLOWLIST = ROOT / "scripts" / "bandit-allowlist.toml"


def allowed_findings(path: Path = ALLOWLIST) -> dict[tuple[str, str], str]:
    """(file, bandit id) -> the reason it is not a flaw."""
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("allow", [])
    return {(e["file"], e["id"]): e["reason"] for e in entries}


def problems(packages: list[str], allowlist: dict[tuple[str, str], str]) -> list[str]:
    found: list[str] = []
    used: set[tuple[str, str]] = set()
    for path in sorted(p for package in packages for p in (ROOT / package).rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        source = path.read_text(encoding="utf-8")
        for finding in security.run_bandit(source):
            key = (name, finding.id)
            if key in allowlist:
                used.add(key)
                continue
            found.append(
                f"{name}:{finding.line}: {finding.id} {finding.severity} {finding.message}"
            )
        for function in quality.measure(source, MAX_COMPLEXITY).functions:
            if function.complexity > MAX_COMPLEXITY:
                found.append(
                    f"{name}:{function.line}: {function.name} has complexity "
                    f"{function.complexity} (at most {MAX_COMPLEXITY})"
                )
    in_scope = {k for k in allowlist if any(k[0].startswith(f"{p}/") for p in packages)}
    found += [f"{ALLOWLIST.name}: {f} {i} matches nothing any more" for f, i in in_scope - used]
    return found


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    found = problems(argv, allowed_findings())
    for line in found:
        print(line)
    print(f"{len(found)} problem(s) in {', '.join(argv)}.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
