"""No import cycle in seller_desk: the layers stay a ladder (DEVELOPING.md, "Where things go").

Walks the imports of every module with ``ast``. Two graphs: what runs when a module is
imported (module level; imports inside functions and under ``if TYPE_CHECKING:`` do not count),
and every import a module can make (imports deferred into functions count too: a deferred import
hides a cycle from Python but not from the reader: services/filing.py and services/tax.py once
imported each other that way). ``if TYPE_CHECKING:`` never counts. A cycle is named module by
module, so the fix (move the shared piece down a floor) is plain.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "seller_desk"
ROOT = PACKAGE.parent


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))
            if "migrations" not in p.relative_to(PACKAGE).parts}


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def module_level_imports(tree: ast.Module, *, deferred: bool = False,
                         ) -> list[ast.Import | ast.ImportFrom]:
    """Import statements that run when the module is imported (not in defs, not TYPE_CHECKING);
    with ``deferred`` also those inside functions (still not TYPE_CHECKING)."""
    found: list[ast.Import | ast.ImportFrom] = []

    def walk(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found.append(node)
            elif isinstance(node, ast.If):
                if not _type_checking(node.test):
                    walk(node.body)
                walk(node.orelse)
            elif isinstance(node, ast.Try):
                for part in (node.body, node.orelse, node.finalbody,
                             *[h.body for h in node.handlers]):
                    walk(part)
            elif isinstance(node, (ast.With, ast.For, ast.While)):
                walk(node.body)
                walk(getattr(node, "orelse", []))
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if deferred:
                    walk(node.body)
            # a class body runs at import, its methods only when called
            elif isinstance(node, ast.ClassDef):
                walk(node.body)

    walk(tree.body)
    return found


def import_graph(*, deferred: bool = False) -> dict[str, set[str]]:
    modules = all_modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_pkg = path.name == "__init__.py"
        for node in module_level_imports(ast.parse(path.read_text("utf-8")),
                                         deferred=deferred):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_pkg else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                           for a in node.names]
            for target in targets:
                # `import a.b.c` needs a.b.c; the nearest module we know of is the edge
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One concrete cycle per strongly connected component (Tarjan), as a module path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0

    def strong(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                components.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    found = []
    for comp in components:
        members = set(comp)
        start = comp[0]
        # shortest way back to start inside the component (breadth first)
        prev: dict[str, str] = {}
        queue = [start]
        while queue:
            v = queue.pop(0)
            nxt = sorted(graph[v] & members)
            if start in nxt:
                path = [v]
                while path[-1] != start:
                    path.append(prev[path[-1]])
                found.append([start, *reversed(path[:-1]), start])
                break
            for w in nxt:
                if w not in prev and w != start:
                    prev[w] = v
                    queue.append(w)
    return found


def test_the_walker_sees_a_cycle_and_ignores_type_checking_and_functions() -> None:
    tree = ast.parse(
        "import a\nfrom b import c\nif TYPE_CHECKING:\n    import d\n"
        "def f():\n    import e\ntry:\n    import g\nexcept ImportError:\n    g = None\n")
    names = [a.name if isinstance(n, ast.Import) else n.module
             for n in module_level_imports(tree) for a in n.names]
    assert names == ["a", "b", "g"]
    deferred = [a.name if isinstance(n, ast.Import) else n.module
                for n in module_level_imports(tree, deferred=True) for a in n.names]
    assert deferred == ["a", "b", "e", "g"]
    assert cycles({"x": {"y"}, "y": {"z"}, "z": {"x"}, "w": {"x"}}) == [["x", "y", "z", "x"]]
    assert cycles({"x": {"y"}, "y": set()}) == []


def test_the_graph_knows_the_layers() -> None:
    graph = import_graph()
    assert "seller_desk.store.db" in graph["seller_desk.desk"]
    assert "seller_desk.ui.pages.filing.page" in graph["seller_desk.ui.pages.filing"]


def test_no_import_cycle_in_seller_desk() -> None:
    found = cycles(import_graph())
    assert found == [], "import cycles: " + "; ".join(" -> ".join(c) for c in found)


def test_no_import_cycle_even_through_deferred_imports() -> None:
    found = cycles(import_graph(deferred=True))
    assert found == [], "import cycles (counting imports inside functions): " + "; ".join(
        " -> ".join(c) for c in found)


def test_the_top_level_keeps_the_fixed_layout() -> None:
    """The project's top level is fixed (the brief): these six plus dot-folders, nothing else
    tracked; a build hook or manifest lives in installers/."""
    import subprocess

    if not (ROOT / ".git").exists():
        import pytest

        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.splitlines()
    top = {name.split("/")[0] for name in tracked}
    allowed = {"seller_desk", "resources", "installers", "tests", "pyproject.toml", "README.md"}
    assert {t for t in top if not t.startswith(".")} <= allowed, sorted(top - allowed)
