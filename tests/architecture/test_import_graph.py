"""The app import graph, built from the source: no circle, and no app imports one above it.

Every import counts, also those inside functions (``import x``, ``from x import y``,
``from x.y import z``, relative imports). Tests, migrations, bench/, scripts/ and the
composition root (``bangphlat/settings.py``, ``urls.py``, ``wsgi.py``, ``asgi.py``) are left
out: the composition root may import anything. The layer order is ``LAYERS`` below;
ARCHITECTURE.md's numbered list says the same, and ``test_architecture_md_lists_the_layers``
keeps the two in step.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Bottom to top. Apps on one line share a layer and may not import each other.
LAYERS = [
    ["bangphlat"],
    ["accounts"],
    ["districts"],
    ["notices"],
    ["lineoa"],
    ["mentoring"],
    ["periods"],
    ["communities"],
    ["lessons"],
    ["reporting"],
    ["training"],
    ["evaluation"],
    ["handbook"],
    ["dashboard"],
    ["opendata", "ops", "api", "privacy"],
]
COMPOSITION_ROOT = {
    "bangphlat/settings.py",
    "bangphlat/urls.py",
    "bangphlat/wsgi.py",
    "bangphlat/asgi.py",
}
SKIPPED_DIRS = {"migrations", "tests", "bench", "scripts", ".venv", "node_modules", "static"}


def layer_of() -> dict[str, int]:
    return {app: level for level, apps in enumerate(LAYERS) for app in apps}


def project_apps() -> list[str]:
    """Top-level packages with an apps.py: the project's Django apps."""
    return sorted(p.parent.name for p in ROOT.glob("*/apps.py"))


def source_files(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED_DIRS & set(relative.parts[:-1]):
            continue
        if relative.as_posix() in COMPOSITION_ROOT:
            continue
        yield relative


def imported_modules(path: Path, root: Path = ROOT) -> list[tuple[str, int]]:
    """(module, line) for every import in the file, wherever it stands."""
    tree = ast.parse((root / path).read_text(encoding="utf-8"), filename=str(path))
    package = list(path.parts[:-1])  # the package a relative import starts from
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((module, node.lineno))
    return found


def app_edges() -> dict[tuple[str, str], list[str]]:
    """(importer app, imported app) -> the places ("path:line") that make the edge."""
    apps = set(project_apps())
    edges: dict[tuple[str, str], list[str]] = {}
    for app in apps:
        for path in source_files(app):
            for module, line in imported_modules(path):
                target = module.split(".")[0]
                if target in apps and target != app:
                    edges.setdefault((app, target), []).append(f"{path.as_posix()}:{line}")
    return edges


def find_cycle(edges) -> list[str] | None:
    """One circle in the graph as a list of apps (first == last), or None."""
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def describe(path_of_apps, edges) -> str:
    steps = []
    for source, target in zip(path_of_apps, path_of_apps[1:], strict=False):
        steps.append(f"  {source} -> {target}  ({edges[(source, target)][0]})")
    return "\n".join(steps)


def test_every_app_has_a_layer():
    missing = set(project_apps()) - set(layer_of())
    assert not missing, f"apps missing from LAYERS and ARCHITECTURE.md: {sorted(missing)}"


def test_the_app_import_graph_has_no_circle():
    edges = app_edges()
    cycle = find_cycle(edges)
    assert cycle is None, "import circle:\n" + describe(cycle, edges)


def test_no_app_imports_one_above_or_beside_it():
    layers = layer_of()
    upward = [
        f"  {source} (layer {layers[source] + 1}) -> {target} (layer {layers[target] + 1}): "
        + ", ".join(places[:3])
        for (source, target), places in sorted(app_edges().items())
        if source in layers and target in layers and layers[target] >= layers[source]
    ]
    assert not upward, "imports that do not go down the layers:\n" + "\n".join(upward)


def architecture_md_layers() -> list[list[str]]:
    """The numbered list under "The layers, bottom to top": the backticked app names of each
    item, in order."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("## The layers, bottom to top", 1)[1].split("\n## ", 1)[0]
    items = re.findall(r"^\d+\.\s+(.*)$", section, flags=re.MULTILINE)
    layers = []
    for item in items:
        head = item.split(":", 1)[0]
        layers.append(re.findall(r"`([a-z_]+)`", head))
    return layers


def test_architecture_md_lists_the_layers():
    assert architecture_md_layers() == LAYERS


# --- The checker itself ------------------------------------------------------------------
def test_find_cycle_names_the_circle():
    edges = {("a", "b"): ["a.py:1"], ("b", "c"): ["b.py:2"], ("c", "a"): ["c.py:3"]}
    cycle = find_cycle(edges)
    assert cycle == ["a", "b", "c", "a"]
    assert "c -> a  (c.py:3)" in describe(cycle, edges)


def test_find_cycle_accepts_a_layered_graph():
    assert find_cycle({("a", "b"): ["x"], ("a", "c"): ["y"], ("b", "c"): ["z"]}) is None


def test_imports_inside_functions_and_relative_imports_count(tmp_path):
    source = tmp_path / "app" / "mod.py"
    source.parent.mkdir()
    source.write_text(
        "import x.y\nfrom z import w\ndef f():\n    from .sibling import s\n    from . import t\n",
        encoding="utf-8",
    )
    modules = [module for module, _ in imported_modules(Path("app/mod.py"), root=tmp_path)]
    assert modules == ["x.y", "z", "app.sibling", "app"]
