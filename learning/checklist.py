"""The production-readiness checklist of the lessons, with the automatic signals that apply to a
piece of code. Static only: bandit and radon through grading.scan, plus a few syntax patterns.
Nothing the learner pastes is ever executed."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field

from grading import scan
from grading.report import Report

# Bandit tests that speak to a checklist area other than security.
_BANDIT_AREAS = {
    "B110": "errors",  # try / except / pass
    "B112": "errors",  # try / except / continue
    "B113": "reliability",  # HTTP request without a timeout
}
_READS_EVERYTHING = {"read", "readlines", "fetchall", "read_text", "read_bytes"}


@dataclass
class ChecklistItem:
    key: str
    title: str
    questions: tuple[str, ...]
    signals: list[str] = field(default_factory=list)
    automatic: bool = True  # False: only a person can judge this area


def blank_checklist() -> list[ChecklistItem]:
    return [
        ChecklistItem(
            "security",
            "Security",
            (
                "Does any input reach a query, a shell command, a file path or a deserialiser "
                "unescaped?",
                "Are secrets, hashing, randomness and TLS handled with the standard tools?",
                "Is every action checked against who is allowed to do it?",
            ),
        ),
        ChecklistItem(
            "context",
            "Context awareness",
            (
                "Does it use the project's own types, helpers, clock, config, logging and error "
                "types — or did it invent its own?",
                "Does it follow the conventions the rest of the code base keeps?",
            ),
            automatic=False,
        ),
        ChecklistItem(
            "business",
            "Business logic",
            (
                "Does the code handle every rule, boundary and exception stated in the ticket?",
                "Rounding, time zones, limits, empty and duplicate inputs: are they specified "
                "and handled?",
            ),
            automatic=False,
        ),
        ChecklistItem(
            "errors",
            "Error handling",
            (
                "Is every except clause narrow, and does it log or re-raise instead of hiding "
                "the error?",
                "Do files, connections and locks get closed on every path?",
                "Can a failure halfway through leave data half-written?",
            ),
        ),
        ChecklistItem(
            "performance",
            "Performance",
            (
                "Is there a loop inside a loop over data that grows?",
                "Is the same query or computation repeated inside a loop (N+1)?",
            ),
        ),
        ChecklistItem(
            "scalability",
            "Scalability",
            (
                "Does it read a whole file, table or response into memory?",
                "Are caches and module-level collections bounded?",
                "Does anything return unbounded results without pagination?",
            ),
        ),
        ChecklistItem(
            "reliability",
            "Reliability",
            (
                "Does every network call have a timeout?",
                "Are retries bounded, with backoff, and safe to repeat?",
                "What happens when two requests run at once?",
            ),
        ),
        ChecklistItem(
            "review",
            "Human review",
            (
                "Has someone who understands the code read every line and run it in realistic "
                "conditions?",
                "Are there tests for the edge cases, not only the happy path?",
            ),
        ),
    ]


def reality_check(source: str) -> tuple[Report, list[ChecklistItem]]:
    """Scan `source` (never run it) and attach each signal to its checklist area."""
    report = scan(source)
    items = {item.key: item for item in blank_checklist()}
    for finding in report.findings:
        area = _BANDIT_AREAS.get(finding.id, "security")
        cwe = f", CWE-{finding.cwe}" if finding.cwe else ""
        items[area].signals.append(
            f"Line {finding.line}: {finding.message} "
            f"({finding.id}, {finding.severity.lower()}{cwe})"
        )
    for fn in report.metrics.functions:
        if fn.complexity > report.metrics.max_complexity:
            items["review"].signals.append(
                f"Line {fn.line}: `{fn.name}` has cyclomatic complexity {fn.complexity} (rank "
                f"{fn.rank}): hard to review and to test"
            )
    if report.metrics.maintainability_rank == "C":
        items["review"].signals.append(
            f"Maintainability index {report.metrics.maintainability:.0f} (rank C): "
            "hard to change safely"
        )
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        tree = None
    if tree is not None:
        for area, message in _pattern_signals(tree):
            items[area].signals.append(message)
    return report, list(items.values())


def _pattern_signals(tree: ast.AST) -> list[tuple[str, str]]:
    found = {
        (area, f"Line {getattr(node, 'lineno', 0)}: {message(node)}")
        for node in ast.walk(tree)
        for applies, area, message in _PATTERNS
        if applies(node)
    }
    return sorted(found, key=lambda item: int(item[1].split(":")[0].split()[1]))


def _broad_except(node: ast.AST) -> bool:
    return isinstance(node, ast.ExceptHandler) and _too_broad(node)


def _nested_loop(node: ast.AST) -> bool:
    return isinstance(node, ast.For | ast.While) and _has_nested_loop(node)


def _forever(node: ast.AST) -> bool:
    return isinstance(node, ast.While) and _is_forever(node)


def _reads_everything(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _attr_name(node) in _READS_EVERYTHING


def _fixed_sleep(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _attr_name(node) == "sleep" and _is_fixed(node)


# (does it apply to this node, checklist area, what to say): one row per pattern.
_PATTERNS: tuple[tuple[Callable[[ast.AST], bool], str, Callable[[ast.AST], str]], ...] = (
    (_broad_except, "errors", lambda _: "a broad `except` can hide real failures"),
    (
        _nested_loop,
        "performance",
        lambda _: "a loop inside a loop: check how the work grows with the input",
    ),
    (
        _forever,
        "reliability",
        lambda _: "`while True` — is there a bound on how long or how often it runs?",
    ),
    (
        _reads_everything,
        "scalability",
        lambda node: f"`.{_attr_name(node)}()` reads everything into memory at once",  # type: ignore[arg-type]
    ),
    (
        _fixed_sleep,
        "reliability",
        lambda _: "a fixed sleep: retries without backoff hammer a struggling service",
    ),
)


def _too_broad(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    names = {n.id for n in ast.walk(handler.type) if isinstance(n, ast.Name)}
    reraises = any(isinstance(n, ast.Raise) for n in ast.walk(handler))
    return bool(names & {"Exception", "BaseException"}) and not reraises


def _has_nested_loop(loop: ast.For | ast.While) -> bool:
    return any(
        isinstance(inner, ast.For | ast.While | ast.comprehension)
        for stmt in loop.body
        for inner in ast.walk(stmt)
    )


def _is_forever(loop: ast.While) -> bool:
    return isinstance(loop.test, ast.Constant) and bool(loop.test.value)


def _attr_name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else ""


def _is_fixed(call: ast.Call) -> bool:
    return len(call.args) == 1 and isinstance(call.args[0], ast.Constant)
