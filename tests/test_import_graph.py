"""Imports run one way: no module-level import cycle among eduequity's modules, nor between
its subpackages (see docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import eduequity

ROOT = Path(eduequity.__file__).parent


def _module_name(path: Path) -> str:
    parts = ["eduequity", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in ROOT.rglob("*.py")}


def _top_level_imports(path: Path) -> set[str]:
    """Modules of eduequity imported when ``path`` is imported (not inside functions, not
    under ``if TYPE_CHECKING``), with the packages a dotted import runs."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If):
                if not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                    visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                for a in node.names:
                    sub = f"{base}.{a.name}"
                    found.add(sub if sub in MODULES else base)

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    out = {mod for mod in found if mod == "eduequity"}  # names of the package's own API
    for mod in found:
        while mod.startswith("eduequity."):  # a module, and the packages its import runs
            if mod in MODULES and not name.startswith(f"{mod}."):  # not its own package
                out.add(mod)
            mod = mod.rpartition(".")[0]
    out.discard(name)
    return out


GRAPH = {name: _top_level_imports(path) for name, path in MODULES.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` (as a path of nodes), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := walk(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := walk(node)):
            return found
    return None


def _unit(module: str) -> str:
    """The subpackage (or top-level module) a module belongs to."""
    return ".".join(module.split(".")[:2])


def test_the_graph_sees_known_edges() -> None:
    assert "eduequity.evaluation.run" in GRAPH["eduequity.evaluate"] | {
        m for m in GRAPH["eduequity.evaluation"]
    }
    assert "eduequity.verdicts" in GRAPH["eduequity.assessment"]
    assert "eduequity.report" not in GRAPH["eduequity.assessment"]  # only inside methods


def test_no_module_level_import_cycle_among_modules() -> None:
    assert _cycle(GRAPH) is None


def test_no_import_cycle_between_subpackages() -> None:
    units: dict[str, set[str]] = {}
    for module, targets in GRAPH.items():
        units.setdefault(_unit(module), set()).update(
            _unit(t) for t in targets if _unit(t) != _unit(module)
        )
    assert _cycle(units) is None


def test_rules_declare_only() -> None:
    rules = {m for m in MODULES if m.startswith("eduequity.rules")}
    # the schema (with the rule kinds), the loader (files, load-time checks) and a listing
    declaring = {"", ".schema", ".kinds", ".loader", ".files", ".checks", ".listing"}
    assert rules == {f"eduequity.rules{m}" for m in declaring}
    for m in rules:
        assert not any(t.startswith("eduequity.evaluation") for t in GRAPH[m])
