"""Hints teach without pasting the reference, and every parametrised hidden test names its cases
so the report can say which case failed without revealing its input (issue 11, content rules 1-2)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from course.catalog import PROJECT_ROOT

FOLDERS = sorted(p.parent for p in (PROJECT_ROOT / "exercises").glob("*/exercise.toml"))

each_folder = pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])

# A line shorter than this ("return None", "try:") is too generic to count as pasting the fix.
MIN_PASTED_LINE = 15
FENCE = re.compile(r"^\s*(```|~~~)", re.MULTILINE)


def reference_lines(source: str) -> set[str]:
    """Lines of reference.py long enough to be distinctive, comments left out."""
    stripped = (line.strip() for line in source.splitlines())
    return {line for line in stripped if len(line) >= MIN_PASTED_LINE and not line.startswith("#")}


@each_folder
def test_hints_have_no_fenced_code_block(folder: Path):
    hints = (folder / "hints.md").read_text(encoding="utf-8")
    assert not FENCE.search(hints), (
        "hints.md contains a fenced code block; describe the fix in words"
    )


@each_folder
def test_hints_paste_no_line_of_the_reference(folder: Path):
    hints = (folder / "hints.md").read_text(encoding="utf-8")
    pasted = sorted(
        line for line in reference_lines((folder / "reference.py").read_text()) if line in hints
    )
    assert not pasted, f"hints.md pastes reference.py lines: {pasted}"


def _is_parametrize(decorator: ast.expr) -> bool:
    """True for `@pytest.mark.parametrize(...)` (or `@mark.parametrize(...)`)."""
    return (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr == "parametrize"
    )


def _param_id(value: ast.expr) -> str | None:
    """The literal `id=` of a `pytest.param(..., id="...")` value, else None."""
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)):
        return None
    if value.func.attr != "param":
        return None
    for keyword in value.keywords:
        if keyword.arg == "id" and isinstance(keyword.value, ast.Constant):
            if isinstance(keyword.value.value, str):
                return keyword.value.value
    return None


def _argvalues(call: ast.Call, constants: dict[str, ast.expr]) -> ast.expr | None:
    """The case values of a parametrize call; a module-level name is followed to its list."""
    if len(call.args) >= 2:
        values = call.args[1]
    else:
        values = next((k.value for k in call.keywords if k.arg == "argvalues"), None)
    if isinstance(values, ast.Name):
        return constants.get(values.id, values)
    return values


def module_constants(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level `NAME = <expression>` assignments, so `parametrize("x", CASES)` can be read."""
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                constants[target.id] = node.value
    return constants


def _literal_names(node: ast.expr | None, constants: dict[str, ast.expr]) -> ast.expr | None:
    """`ids=NAME`, `ids=list(NAME)` or `ids=[*NAME]` over a module-level literal list, tuple or
    dict (its keys: descriptions written as dict keys) become that literal list of names."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id
        in (
            "list",
            "tuple",
        )
    ):
        node = node.args[0] if len(node.args) == 1 else node
    if isinstance(node, ast.Name):
        node = constants.get(node.id, node)
    if isinstance(node, ast.Dict) and all(key is not None for key in node.keys):
        return ast.List(elts=[key for key in node.keys if key is not None], ctx=ast.Load())
    return node


def parametrize_problems(
    test_name: str, call: ast.Call, constants: dict[str, ast.expr]
) -> list[str]:
    """What is wrong with one parametrize call's case names (empty when every case has a plain name)."""
    ids_node = _literal_names(
        next((k.value for k in call.keywords if k.arg == "ids"), None), constants
    )
    values = _argvalues(call, constants)
    if ids_node is not None:
        if not isinstance(ids_node, (ast.List, ast.Tuple)):
            return [f"{test_name}: ids= must be a literal list of strings"]
        names = [n.value if isinstance(n, ast.Constant) else None for n in ids_node.elts]
        if isinstance(values, (ast.List, ast.Tuple)) and len(values.elts) != len(names):
            return [f"{test_name}: {len(names)} ids for {len(values.elts)} cases"]
    elif isinstance(values, (ast.List, ast.Tuple)) and values.elts:
        names = [_param_id(value) for value in values.elts]
    else:
        return [f"{test_name}: parametrize has neither ids= nor pytest.param(..., id=...) values"]
    if any(not isinstance(name, str) for name in names):
        return [f"{test_name}: every case needs a string id"]
    problems = []
    if len(set(names)) != len(names):
        problems.append(f"{test_name}: case ids repeat: {names}")
    unclear = [name for name in names if not name.strip() or set(name) & set("[]")]
    if unclear:
        problems.append(f"{test_name}: ids must be plain words without brackets: {unclear}")
    return problems


@each_folder
def test_parametrised_hidden_tests_name_their_cases(folder: Path):
    tree = ast.parse((folder / "tests" / "test_hidden.py").read_text(encoding="utf-8"))
    constants = module_constants(tree)
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for decorator in node.decorator_list:
                if _is_parametrize(decorator):
                    problems += parametrize_problems(node.name, decorator, constants)
    assert not problems, "\n".join(problems)
