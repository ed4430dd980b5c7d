"""The package's floors: imports go down the layer order, no import cycle, no oversized module.

Every ``import`` of every module is read with ``ast``, deferred ones (inside functions) and
type-only ones included, because a deferred import still ties the two modules together.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "analysis"
PACKAGE_DIR = Path(__file__).resolve().parents[1] / "src" / PACKAGE

#: The layer order of the ground rules, lowest first. Modules of a layer may import their own
#: layer and any lower one; layers of the same rank (qual, stats) may not import each other.
LAYER_RANK: dict[str, int] = {
    "core": 0,
    "sources": 1,
    "geo": 2,
    "social": 3,
    "qual": 4,
    "stats": 4,
    "tables": 5,
    "narrative": 6,
    "viz": 7,
    "report": 8,
    "pipeline": 9,
    "cli": 10,
}
#: The command-line modules at the top of the package, one layer together.
CLI_MODULES = frozenset({"__main__", "codings_cli"})
#: The package's ``__init__`` only names the version; it belongs to the bottom floor.
ROOT_LAYER = "core"

MAX_LINES = 500
#: Modules over ``MAX_LINES`` today, with their size when the limit was set. The list may only
#: get shorter: a listed module may not grow, and one that shrank under the limit (or was split
#: away) must be taken off the list.
OVERSIZED_ALLOWED: dict[str, int] = {}


@dataclass(frozen=True)
class Import:
    """One import of a package module by another."""

    importer: str  #: dotted name, e.g. "analysis.report.municipal"
    imported: str
    line: int


def module_name(path: Path, package_dir: Path) -> str:
    """Dotted module name of a file under ``package_dir`` ("analysis.geo.cases")."""
    parts = list(path.relative_to(package_dir).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([package_dir.name, *parts])


def layer_of(module: str) -> str:
    """Layer of a dotted module name: its first level below the package ("cli" for the commands)."""
    parts = module.split(".")
    if len(parts) == 1:
        return ROOT_LAYER
    return "cli" if parts[1] in CLI_MODULES else parts[1]


def _resolve(target: str, known: set[str]) -> str | None:
    """The known module a dotted import target names (a package's ``__init__`` when it is one)."""
    while target:
        if target in known:
            return target
        target = target.rpartition(".")[0]
    return None


def read_imports(package_dir: Path) -> tuple[set[str], list[Import]]:
    """Every module of the package and every import between them, deferred ones included."""
    files = {module_name(path, package_dir): path for path in sorted(package_dir.rglob("*.py"))}
    known = set(files)
    imports: list[Import] = []
    for module, path in files.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: from the importer's package upwards
                    base = module.split(".")
                    base = base[: len(base) - node.level + (1 if is_package else 0)]
                    stem = ".".join([*base, node.module] if node.module else base)
                else:
                    stem = node.module or ""
                # "from analysis.social import bijstand" names a module; "from x import name" does not
                targets = [f"{stem}.{alias.name}" for alias in node.names] or [stem]
            for target in targets:
                if not target.startswith(package_dir.name):
                    continue
                resolved = _resolve(target, known)
                if resolved is not None and resolved != module:
                    imports.append(Import(module, resolved, node.lineno))
    return known, imports


def upward_imports(imports: list[Import]) -> list[str]:
    """Imports that go up the layer order, or across between two layers of the same rank."""
    problems = []
    for item in imports:
        low, high = layer_of(item.importer), layer_of(item.imported)
        if low not in LAYER_RANK or high not in LAYER_RANK:
            problems.append(f"{item.importer}:{item.line} imports {item.imported}: a layer not in LAYER_RANK")
        elif low != high and LAYER_RANK[high] >= LAYER_RANK[low]:
            problems.append(f"{item.importer}:{item.line} imports {item.imported} ({low} may not import {high})")
    return problems


def import_cycles(modules: set[str], imports: list[Import]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for item in imports:
        graph[item.importer].add(item.imported)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph[node]):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(cycles)


def oversized_modules(package_dir: Path, allowed: dict[str, int]) -> list[str]:
    """Modules over ``MAX_LINES`` not on the allow-list, listed ones that grew, and stale entries."""
    problems = []
    sizes = {
        path.relative_to(package_dir).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in package_dir.rglob("*.py")
    }
    for name, lines in sorted(sizes.items()):
        if lines > MAX_LINES and name not in allowed:
            problems.append(f"{name} has {lines} lines (limit {MAX_LINES}): split it by job")
        elif name in allowed and lines > allowed[name]:
            problems.append(f"{name} grew to {lines} lines (allowed {allowed[name]} while it is being split)")
    for name, limit in sorted(allowed.items()):
        if sizes.get(name, 0) <= MAX_LINES:
            problems.append(f"{name} is gone or under {MAX_LINES} lines: take it off OVERSIZED_ALLOWED ({limit})")
    return problems


# --- the checks on this package ----------------------------------------------------------------


@pytest.fixture(scope="module")
def package_imports() -> tuple[set[str], list[Import]]:
    return read_imports(PACKAGE_DIR)


def test_every_subpackage_has_a_layer(package_imports: tuple[set[str], list[Import]]) -> None:
    modules, _ = package_imports
    assert {layer_of(m) for m in modules} <= set(LAYER_RANK) | {ROOT_LAYER}


def test_imports_only_go_down(package_imports: tuple[set[str], list[Import]]) -> None:
    _, imports = package_imports
    assert upward_imports(imports) == []


def test_no_import_cycles(package_imports: tuple[set[str], list[Import]]) -> None:
    modules, imports = package_imports
    assert import_cycles(modules, imports) == []


def test_no_module_over_the_size_limit() -> None:
    assert oversized_modules(PACKAGE_DIR, OVERSIZED_ALLOWED) == []


# --- the checks can fail: a small package with every fault ---------------------------------------


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def faulty_package(tmp_path: Path) -> Path:
    root = tmp_path / PACKAGE
    for package in ("", "core", "social", "qual", "stats", "report", "pipeline"):
        _write(root, f"{package}/__init__.py" if package else "__init__.py", "")
    _write(root, "core/paths.py", "")
    _write(root, "pipeline/build.py", "FILE = 'x'\n")
    # the report reaching up into the pipeline, only inside a function
    _write(root, "report/annex.py", "def f():\n    from analysis.pipeline import build\n    return build.FILE\n")
    # two modules of one layer importing each other, one of them relatively
    _write(root, "qual/codings.py", "from analysis.qual import refi_qda\n")
    _write(root, "qual/refi_qda.py", "def g():\n    from . import codings\n    return codings\n")
    # layers of the same rank must stay apart
    _write(root, "stats/fisher.py", "import analysis.qual.codings\n")
    _write(root, "social/elections.py", "from analysis.core.paths import *\n" + "x = 1\n" * (MAX_LINES + 1))
    return root


def test_checks_find_up_imports_cycles_and_size(faulty_package: Path) -> None:
    modules, imports = read_imports(faulty_package)
    problems = upward_imports(imports)
    assert any("analysis.report.annex:2 imports analysis.pipeline.build" in p for p in problems)
    assert any("analysis.stats.fisher:1 imports analysis.qual.codings" in p for p in problems)
    assert len(problems) == 2
    assert import_cycles(modules, imports) == [["analysis.qual.codings", "analysis.qual.refi_qda"]]
    sizes = oversized_modules(faulty_package, {"qual/codings.py": 600})
    assert any(p.startswith("social/elections.py has 502 lines") for p in sizes)
    assert any(p.startswith("qual/codings.py is gone or under") for p in sizes)


def test_data_staleness_watches_every_module_the_build_imports(package_imports: tuple[set[str], list[Import]]) -> None:
    # The build is re-run when a module it (transitively) imports changes, and only then: editing
    # a report or a chart must not rebuild the data, editing a loader must.
    from analysis.pipeline import build

    _, imports = package_imports
    reached, todo = set(), ["analysis.pipeline.build"]
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo.extend(i.imported for i in imports if i.importer == module)
    watched = {module_name(path, PACKAGE_DIR) for path in build.data_code_files()}
    # the package's and the pipeline package's __init__ hold no code the data depends on
    assert reached - watched - {"analysis", "analysis.pipeline"} == set()
    assert "analysis.social.bijstand" in watched and not any(m.startswith("analysis.report") for m in watched)
