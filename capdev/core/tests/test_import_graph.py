"""Imports run one way: down the layers `capdev.core.layers` declares, with no cycle between apps of a layer.

Every module under `capdev/` is parsed with `ast` (nothing is imported), and each `import` it holds, at module
level or inside a function, is an edge. Tests and conftest files are left out: they assemble the whole project.
"""
from __future__ import annotations

import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from capdev.core import layers

ROOT = Path(__file__).resolve().parents[2]  # the `capdev` package

# Modules that import each other round within an app, found when the test was written; each group may only
# shrink (a new module in a cycle, or a new cycle, fails). A cycle hidden by an import inside a function is one.
KNOWN_MODULE_CYCLES: list[set[str]] = [
    # projects.models is a package: its budget and links modules bump the index version as the package did
    {
        "capdev.activities.models",
        "capdev.projects.index_version",
        "capdev.projects.models",
        "capdev.projects.models.budget",
        "capdev.projects.models.links",
    },
    {"capdev.imports.iati", "capdev.imports.runs", "capdev.imports.tasks"},
    {"capdev.reports.jobs", "capdev.reports.tasks"},
    {"capdev.settings.base", "capdev.settings.security"},
    # the narrative parser's (another branch works on it at the time of writing)
    {"capdev.narrative.values.orgs", "capdev.narrative.values.partners"},
    {"capdev.narrative.labels", "capdev.narrative.value_types"},
    {"capdev.narrative.activity_tables", "capdev.narrative.values.tables"},
]

# Edges that still go uphill or close a cycle between apps, each with why it is left and what would remove it.
# This list may only shrink: test_allowed_edges_are_still_needed fails when one is no longer needed.
_ACTIVITIES_IN_PROJECTS = (
    "a project's activities are part of its record: the list's index, filters, page and synthetic "
    "portfolio read them; to go, activities would declare them through filter declarations and panels"
)
ALLOWED: dict[tuple[str, str], str] = {
    ("capdev.projects.facet_index.build", "capdev.activities.models"): _ACTIVITIES_IN_PROJECTS,
    ("capdev.projects.facet_index.columns", "capdev.activities.models"): _ACTIVITIES_IN_PROJECTS,
    ("capdev.projects.filtersets", "capdev.activities.models"): _ACTIVITIES_IN_PROJECTS,
    ("capdev.projects.index_version", "capdev.activities.models"): _ACTIVITIES_IN_PROJECTS,
    ("capdev.projects.presentation", "capdev.activities.models"): _ACTIVITIES_IN_PROJECTS,
    ("capdev.projects.signals", "capdev.activities.models"): _ACTIVITIES_IN_PROJECTS,
    ("capdev.projects.synthetic.values", "capdev.activities.models"): _ACTIVITIES_IN_PROJECTS,
    ("capdev.projects.synthetic.vocabulary", "capdev.activities.models"): _ACTIVITIES_IN_PROJECTS,
    ("capdev.projects.synthetic.writing", "capdev.activities.models"): _ACTIVITIES_IN_PROJECTS,
    # The organisation list filters by the role an organisation plays in visible projects; to go, these filters
    # would move to projects (the people app's CheckedFilterSet.extend is the model).
    ("capdev.organisations.filtersets", "capdev.projects.filtersets"): "organisations filtered by their projects",
    ("capdev.organisations.filtersets", "capdev.projects.models"): "organisations filtered by their projects",
    # The project workbook's indicator values hide readings resting on few people; to go, people would register
    # the rule (as it registers its project filters).
    ("capdev.projects.exports", "capdev.people.indicators"): "suppressed readings in the project workbook",
    # A project's record names its IATI identifier; to go, `identifier` moves down from iati.export (which another
    # branch is splitting at the time of writing).
    ("capdev.projects.records", "capdev.iati.export"): "the record's iati-identifier",
}


@dataclass(frozen=True)
class Edge:
    source: str  # importing module
    target: str  # imported module (or package)
    line: int
    in_function: bool
    names: tuple[str, ...] = ()  # what `from target import ...` names (modules among them are edges too)

    def __str__(self) -> str:
        where = " (inside a function)" if self.in_function else ""
        return f"{self.source}:{self.line} imports {self.target}{where}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_modules() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if "tests" not in path.relative_to(ROOT).parts and path.name != "conftest.py"
    )


def imports_of(path: Path) -> list[Edge]:
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    in_function = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        for node in ast.walk(function)
    }
    edges = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base_name = ".".join(base)
                targets = (
                    [f"{base_name}.{node.module}"]
                    if node.module
                    else [f"{base_name}.{alias.name}" for alias in node.names]
                )
            else:
                targets = [node.module or ""]
        else:
            continue
        names = tuple(alias.name for alias in node.names) if isinstance(node, ast.ImportFrom) else ()
        edges.extend(Edge(module, target, node.lineno, id(node) in in_function, names) for target in targets)
    return edges


def capdev_edges() -> list[Edge]:
    """Imports of other capdev modules (`import capdev` itself, for its version, is no edge)."""
    return [
        edge
        for path in source_modules()
        for edge in imports_of(path)
        if edge.target.startswith("capdev.")
    ]


def is_allowed(edge: Edge, allowed=None) -> bool:
    return (edge.source, edge.target) in (ALLOWED if allowed is None else allowed)


def goes_up(edge: Edge) -> bool:
    return layers.rank(layers.layer_of(edge.target)) > layers.rank(layers.layer_of(edge.source))


def uphill(edges: list[Edge]) -> list[Edge]:
    return [edge for edge in edges if goes_up(edge) and not is_allowed(edge)]


def app_cycles(edges: list[Edge], allowed=None) -> list[list[str]]:
    """Groups of apps that import each other round (strongly connected components of the app graph)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        source, target = layers.part_of(edge.source), layers.part_of(edge.target)
        if source != target and not is_allowed(edge, allowed):
            graph[source].add(target)
    return sorted(sorted(group) for group in strongly_connected(graph))


def module_graph(edges: list[Edge]) -> dict[str, set[str]]:
    """Module -> the modules it imports (`from capdev.core import fields` is an edge to capdev.core.fields)."""
    modules = {module_name(path) for path in source_modules()}

    def nearest(name: str) -> str:
        while name not in modules and "." in name:
            name = name.rpartition(".")[0]
        return name

    graph: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        targets = [f"{edge.target}.{name}" for name in edge.names if f"{edge.target}.{name}" in modules]
        for target in targets or [nearest(edge.target)]:
            if target != edge.source:
                graph[edge.source].add(target)
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """The groups of two or more nodes that reach each other (iterative Tarjan: hundreds of modules)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)
    return groups


def describe_cycle(component: list[str], edges: list[Edge]) -> str:
    members = set(component)
    lines = [f"apps {', '.join(component)} import each other:"]
    for edge in edges:
        source, target = layers.part_of(edge.source), layers.part_of(edge.target)
        if source in members and target in members and source != target and not is_allowed(edge):
            lines.append(f"    {edge}")
    return "\n".join(lines)


def test_every_app_has_a_layer():
    apps = {layers.app_of(module_name(path)) for path in source_modules()} - {"capdev"}
    for app in sorted(apps):
        assert layers.layer_of(f"capdev.{app}"), app  # KeyError names an app no layer declares


def test_imports_run_downhill():
    found = uphill(capdev_edges())
    message = "\n".join(
        f"{edge}: {layers.layer_of(edge.source)} -> {layers.layer_of(edge.target)}" for edge in found
    )
    assert not found, f"{len(found)} imports go up the layers of capdev/core/layers.py:\n{message}"


def test_no_cycle_between_apps():
    edges = capdev_edges()
    cycles = app_cycles(edges)
    assert not cycles, "\n".join(describe_cycle(component, edges) for component in cycles)


def test_no_new_cycle_between_modules():
    """Module cycles, within an app too, counting imports inside functions: none beyond the known ones."""
    graph = module_graph(capdev_edges())
    new = [sorted(group) for group in strongly_connected(graph)
           if not any(group <= known for known in KNOWN_MODULE_CYCLES)]
    lines = []
    for group in new:
        lines.append("modules " + ", ".join(group) + " import each other:")
        lines.extend(f"    {edge}" for edge in capdev_edges() if edge.source in group
                     and ({edge.target, *(f"{edge.target}.{n}" for n in edge.names)} & set(group)))
    assert not new, "\n".join(lines)


def test_known_module_cycles_are_still_there():
    """A known cycle that is gone (or smaller) comes off KNOWN_MODULE_CYCLES, so that it cannot come back."""
    groups = strongly_connected(module_graph(capdev_edges()))
    stale = [sorted(known) for known in KNOWN_MODULE_CYCLES if not any(known <= group for group in groups)]
    assert not stale, f"no longer cycles: take them off (or shrink them in) KNOWN_MODULE_CYCLES: {stale}"


def test_allowed_edges_are_still_needed():
    """An allowed edge that is gone, or no longer goes up nor closes a cycle, comes off the list, so that it
    cannot come back unnoticed."""
    edges = capdev_edges()
    together = {part for component in app_cycles(edges, allowed={}) for part in component}
    needed = {
        (edge.source, edge.target)
        for edge in edges
        if goes_up(edge) or {layers.part_of(edge.source), layers.part_of(edge.target)} <= together
    }
    stale = sorted(set(ALLOWED) - needed)
    assert not stale, f"no longer needed: take them off ALLOWED: {stale}"


def test_narrative_imports_no_django_and_no_other_app():
    allowed = ("capdev.narrative", "capdev.core.similarity")
    found = [
        edge
        for path in source_modules()
        if module_name(path).startswith(("capdev.narrative", "capdev.sources"))
        for edge in imports_of(path)
        if edge.target.split(".")[0] == "django"
        or (edge.target.startswith("capdev") and not edge.target.startswith(allowed + ("capdev.sources",)))
    ]
    assert not found, "\n".join(map(str, found))


if __name__ == "__main__":  # python capdev/core/tests/test_import_graph.py: the report without pytest
    all_edges = capdev_edges()
    for edge in uphill(all_edges):
        print(f"UP {edge}: {layers.layer_of(edge.source)} -> {layers.layer_of(edge.target)}")
    for component in app_cycles(all_edges):
        print(describe_cycle(component, all_edges))
    sys.exit(0)
