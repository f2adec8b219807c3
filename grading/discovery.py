"""Which hidden tests exist, read from the test source without running it (the host never runs
test code): the names pytest will collect, each test's docstring (the learner's feedback), the
code that must run for it (the sandbox checks it was not swapped), and whether its cases carry
the author's descriptions.

The rules follow pytest's default collection: `test*` functions at module level; classes named
`Test*` without `__init__`; every `unittest.TestCase` subclass whatever its name; and in both
kinds of class the `test*` methods it defines or inherits from classes in the same file. What
this module cannot follow (a test class deriving from a class defined elsewhere, a test made by
assignment or import, a nested test class) is a problem `validate` reports instead of a test the
grader would later call tampering.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

UNITTEST_BASES = frozenset({"TestCase", "IsolatedAsyncioTestCase"})


@dataclass(frozen=True)
class KnownTest:
    """One test as the host knows it. `name` is "test_x" or "Class::test_x"."""

    name: str
    doc: str
    code: str  # qualified name of the function that runs: "test_x", "Base.test_x"
    parametrised: bool = False
    described: bool = False  # every case has an author-written id (`ids=` or `pytest.param(id=)`)


@dataclass
class Inventory:
    tests: dict[str, KnownTest] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # what the grader cannot follow

    def docs(self) -> dict[str, str]:
        return {name: test.doc for name, test in self.tests.items()}

    def codes(self) -> dict[str, str]:
        return {name: test.code for name, test in self.tests.items()}


class _UnitTestBase:
    """Stands for unittest.TestCase while the class hierarchy is worked out."""


def discover(source: str) -> Inventory:
    """The tests pytest collects from `source`; raises SyntaxError if it does not parse."""
    tree = ast.parse(source)
    inventory = Inventory()
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    by_value = _fixtures_by_value(tree)
    naming = _CaseNaming(not by_value, _module_lists(tree))
    inventory.problems += [
        f"fixture {name} is parametrised without ids: name each case with ids=[...]"
        for name in by_value
    ]
    hierarchy = _Hierarchy(classes, inventory.problems)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if node.name.startswith("test"):
                _add(inventory, node.name, node, node.name, (), naming)
        elif isinstance(node, ast.ClassDef):
            _add_class(inventory, node, hierarchy, naming)
        else:
            _check_made_elsewhere(node, inventory.problems)
    inventory.problems = list(dict.fromkeys(inventory.problems))  # inherited: said once
    return inventory


def _add(
    inventory: Inventory,
    name: str,
    func: ast.FunctionDef | ast.AsyncFunctionDef,
    code: str,
    class_decorators: tuple[ast.expr, ...],
    naming: _CaseNaming,
) -> None:
    calls = [d for d in (*class_decorators, *func.decorator_list) if _is_parametrize(d)]
    parametrised = bool(calls)
    described = naming.fixtures_described and all(naming.has_ids(call) for call in calls)
    doc = " ".join((ast.get_docstring(func) or "").split())
    inventory.tests[name] = KnownTest(name, doc, code, parametrised, described)


def _add_class(
    inventory: Inventory, node: ast.ClassDef, hierarchy: _Hierarchy, naming: _CaseNaming
) -> None:
    kind = hierarchy.kind(node)
    if kind is None:
        return
    if kind == "pytest" and hierarchy.defines(node, "__init__"):
        inventory.problems.append(
            f"class {node.name} defines __init__, so pytest does not collect its tests"
        )
        return
    for inner in node.body:
        if isinstance(inner, ast.ClassDef) and inner.name.startswith("Test"):
            inventory.problems.append(
                f"class {node.name}.{inner.name}: nested test classes are not supported; "
                "define it at module level"
            )
    for method, owner in hierarchy.test_methods(node):
        decorators = tuple(owner.decorator_list)
        _add(
            inventory,
            f"{node.name}::{method.name}",
            method,
            f"{owner.name}.{method.name}",
            decorators,
            naming,
        )


class _Hierarchy:
    """The file's classes, their method resolution order and which of them pytest collects."""

    def __init__(self, classes: dict[str, ast.ClassDef], problems: list[str]):
        self.classes, self.problems = classes, problems
        self.built: dict[str, type | None] = {}

    def kind(self, node: ast.ClassDef) -> str | None:
        """ "unittest", "pytest", or None when pytest does not collect the class."""
        if self._declares_not_a_test(node):
            return None
        built = self._build(node.name)
        if built is None:
            return None
        if issubclass(built, _UnitTestBase):
            return "unittest"
        return "pytest" if node.name.startswith("Test") else None

    def defines(self, node: ast.ClassDef, name: str) -> bool:
        return any(
            isinstance(item, ast.FunctionDef) and item.name == name
            for owner in self._mro_nodes(node)
            for item in owner.body
        )

    def test_methods(
        self, node: ast.ClassDef
    ) -> list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.ClassDef]]:
        """Each `test*` method the class has, with the class that defines it (first in MRO)."""
        found: dict[str, tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.ClassDef]] = {}
        for owner in self._mro_nodes(node):
            for item in owner.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    if item.name.startswith("test"):
                        found.setdefault(item.name, (item, owner))
                elif _assigns_test_name(item):
                    self.problems.append(
                        f"class {owner.name}: a test made by assignment cannot be read; use def"
                    )
        return list(found.values())

    def _mro_nodes(self, node: ast.ClassDef) -> list[ast.ClassDef]:
        built = self._build(node.name)
        mro = built.__mro__ if built is not None else ()
        return [self.classes[k.__name__] for k in mro if k.__name__ in self.classes]

    def _declares_not_a_test(self, node: ast.ClassDef) -> bool:
        return any(
            isinstance(item, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__test__" for t in item.targets)
            for item in node.body
        )

    def _build(self, name: str, seen: frozenset[str] = frozenset()) -> type | None:
        """A stand-in class with the same bases, so Python itself works out the MRO."""
        if name in self.built:
            return self.built[name]
        self.built[name] = None  # a class that (indirectly) derives from itself
        bases = []
        for base in self.classes[name].bases:
            resolved = self._base(name, base, seen | {name})
            if resolved is None:
                return None
            bases.append(resolved)
        try:
            self.built[name] = type(name, tuple(bases), {})
        except TypeError as exc:
            self.problems.append(f"class {name}: its bases cannot be ordered ({exc})")
        return self.built[name]

    def _base(self, name: str, base: ast.expr, seen: frozenset[str]) -> type | None:
        dotted = _dotted(base)
        last = dotted.rsplit(".", 1)[-1]
        if dotted in self.classes and dotted not in seen:
            return self._build(dotted, seen)
        if last in UNITTEST_BASES:
            return _UnitTestBase
        if last.endswith("Case") or (name.startswith("Test") and dotted != "object"):
            self.problems.append(
                f"class {name} derives from {dotted or 'an expression'}, which is not defined "
                "in the test file: the grader cannot tell which tests pytest collects from it"
            )
            return None
        return _external(dotted)


_EXTERNAL: dict[str, type] = {}


def _external(dotted: str) -> type:
    """A stand-in for a base class defined outside the file (an exception, a Protocol)."""
    if dotted in ("", "object"):
        return object
    return _EXTERNAL.setdefault(dotted, type(dotted.replace(".", "_"), (), {}))


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    if isinstance(node, ast.Subscript):  # Generic[T], Protocol[T]
        return _dotted(node.value)
    return ""


def _assigns_test_name(node: ast.AST) -> bool:
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign):
        targets = [node.target]
    return any(isinstance(t, ast.Name) and t.id.startswith("test") for t in targets)


def _check_made_elsewhere(node: ast.stmt, problems: list[str]) -> None:
    """A test pytest would collect that has no `def` or `class` here to read a docstring from."""
    if _assigns_test_name(node):
        problems.append("a module-level test made by assignment cannot be read; use def")
    if isinstance(node, ast.ImportFrom | ast.Import):
        for alias in node.names:
            name = alias.asname or alias.name.rsplit(".", 1)[-1]
            if name.startswith(("test", "Test")) and name not in UNITTEST_BASES:
                problems.append(
                    f"{name} is imported into the test file, so pytest would collect it as a test"
                )


def _is_parametrize(decorator: ast.expr) -> bool:
    call = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(call, ast.Attribute) and call.attr == "parametrize"


@dataclass(frozen=True)
class _CaseNaming:
    """Whether parametrised cases carry the author's names."""

    fixtures_described: bool  # no fixture of the file is parametrised by value
    lists: dict[str, ast.expr]  # module-level `NAME = [...]`, for parametrize("x", NAME)

    def has_ids(self, decorator: ast.expr) -> bool:
        """`ids=` (not a function of the values) or every value a `pytest.param(id=...)`."""
        if not isinstance(decorator, ast.Call):
            return False
        ids = next((k.value for k in decorator.keywords if k.arg == "ids"), None)
        if ids is not None:
            return not isinstance(ids, ast.Lambda | ast.Constant)
        values = decorator.args[1] if len(decorator.args) > 1 else None
        if isinstance(values, ast.Name):
            values = self.lists.get(values.id)
        return (
            isinstance(values, ast.List | ast.Tuple)
            and bool(values.elts)
            and all(_param_with_id(v) for v in values.elts)
        )


def _module_lists(tree: ast.Module) -> dict[str, ast.expr]:
    return {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.List | ast.Tuple)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _param_with_id(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "param"
        and any(k.arg == "id" for k in node.keywords)
    )


def _fixtures_by_value(tree: ast.Module) -> list[str]:
    """Fixtures parametrised without ids: the cases of tests using them would be named by their
    values, which are the test inputs."""
    return [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and any(_fixture_by_value(d) for d in node.decorator_list)
    ]


def _fixture_by_value(decorator: ast.expr) -> bool:
    if not (isinstance(decorator, ast.Call) and _dotted(decorator.func).endswith("fixture")):
        return False
    keywords = {k.arg: k.value for k in decorator.keywords}
    ids = keywords.get("ids")
    return "params" in keywords and (ids is None or isinstance(ids, ast.Lambda))
