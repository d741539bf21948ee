"""No import circle between apps' model modules.

Read from the source (no imports run): for each app's ``models.py``, every
``propriety`` module it imports, then every module those import, and so on,
including imports inside functions (a late import hides a circle, it does not
break it); only ``if TYPE_CHECKING:`` blocks are left out. App A's models depend
on app B when any module of B is reached. Those dependencies must have no cycle,
so each app's models can be read, and loaded, after the apps they need.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def _file_of(module: str) -> Path | None:
    base = SRC.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


@cache
def imports_of(module: str) -> frozenset[str]:
    path = _file_of(module)
    if path is None:
        return frozenset()
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.add(child.module)
                found.update(f"{child.module}.{a.name}" for a in child.names)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return frozenset(m for m in found if m.startswith("propriety.") and _file_of(m))


def reached_from(module: str) -> set[str]:
    seen: set[str] = set()
    todo = [module]
    while todo:
        current = todo.pop()
        for imported in imports_of(current):
            if imported not in seen:
                seen.add(imported)
                todo.append(imported)
    return seen


def model_modules() -> dict[str, str]:
    return {
        path.parent.name: f"propriety.{path.parent.name}.models"
        for path in sorted((SRC / "propriety").glob("*/models.py"))
    }


def model_dependencies() -> dict[str, set[str]]:
    modules = model_modules()
    deps: dict[str, set[str]] = {}
    for app, module in modules.items():
        reached = {m.split(".")[1] for m in reached_from(module)}
        deps[app] = {other for other in modules if other != app and other in reached}
    return deps


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := walk(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := walk(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_councils_models_need_nothing_of_the_audit_app() -> None:
    # The circle issue 11 found: audit.models -> councils.tenancy -> audit.recording.
    deps = model_dependencies()
    assert "councils" in deps["audit"]
    assert "audit" not in deps["councils"]


def test_no_import_circle_between_apps_model_modules() -> None:
    cycle = find_cycle(model_dependencies())
    assert cycle is None, "Model modules import each other in a circle: " + " → ".join(
        f"{app}.models" for app in cycle
    )
