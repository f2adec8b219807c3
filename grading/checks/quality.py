"""Quality: radon cyclomatic complexity per function against the exercise's bound, and the
maintainability index (which is 100 for tiny snippets, so complexity carries the weight)."""

from __future__ import annotations

from radon.complexity import cc_rank, cc_visit
from radon.metrics import mi_rank, mi_visit

from grading.parsing import AST_LOCK
from grading.report import CheckResult, FunctionMetric, Metrics


def measure(source: str, max_complexity: int) -> Metrics:
    with AST_LOCK:  # radon parses the source
        blocks, index = cc_visit(source), mi_visit(source, multi=True)
    functions = [
        FunctionMetric(
            name=block.fullname,
            line=block.lineno,
            complexity=block.complexity,
            rank=cc_rank(block.complexity),
        )
        for block in blocks
        if not hasattr(block, "methods")  # classes: their methods are listed on their own
    ]
    return Metrics(
        functions=sorted(functions, key=lambda f: f.line),
        maintainability=round(index, 1),
        maintainability_rank=mi_rank(index),
        max_complexity=max_complexity,
    )


def score(metrics: Metrics, weight: int) -> CheckResult:
    over = [f for f in metrics.functions if f.complexity > metrics.max_complexity]
    value = 1.0 if not metrics.functions else 1 - len(over) / len(metrics.functions)
    if metrics.maintainability_rank == "C":
        value /= 2
    if over:
        worst = max(over, key=lambda f: f.complexity)
        summary = (
            f"{len(over)} function(s) above complexity {metrics.max_complexity}; "
            f"{worst.name} is {worst.complexity} (rank {worst.rank})."
        )
    else:
        summary = f"Every function within complexity {metrics.max_complexity}."
    if metrics.maintainability_rank == "C":
        summary += f" Maintainability index {metrics.maintainability} is low (rank C)."
    return CheckResult("quality", round(value, 3), weight, summary)
