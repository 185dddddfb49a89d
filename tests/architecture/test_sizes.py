"""Modules stay under 500 lines and functions under 120, read from the source with ``ast`` so
this stays true: the apps and the kernel (``bangphlat``), without tests, migrations, bench/
and scripts/. A failure names each file or function that is over, with its length."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 120
SKIPPED_DIRS = {"migrations", "tests", "bench", "scripts"}


def source_files(root: Path = ROOT) -> list[Path]:
    """Every .py file of a Django app (a top-level package with an apps.py) and the kernel."""
    apps = {path.parent.name for path in root.glob("*/apps.py")} | {"bangphlat"}
    files = []
    for app in sorted(apps):
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            if not SKIPPED_DIRS & set(relative.parts[:-1]):
                files.append(relative)
    return files


def oversized(path: Path, root: Path = ROOT) -> list[str]:
    """What in this file is over the limits, as '<file>: …' lines (nothing when all is well).
    A function counts from its ``def`` line to its last line, nested functions included;
    methods are functions too."""
    text = (root / path).read_text(encoding="utf-8")
    found = []
    lines = len(text.splitlines())
    if lines > MAX_MODULE_LINES:
        found.append(f"{path}: module of {lines} lines (at most {MAX_MODULE_LINES})")
    for node in ast.walk(ast.parse(text, filename=str(path))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(
                    f"{path}:{node.lineno}: function {node.name}() of {length} lines "
                    f"(at most {MAX_FUNCTION_LINES})"
                )
    return found


def test_no_module_or_function_is_over_its_size():
    over = [line for path in source_files() for line in oversized(path)]
    assert not over, "Split these:\n" + "\n".join(over)


def test_the_scan_reads_the_apps_and_the_kernel_but_not_tests_or_migrations():
    files = {path.as_posix() for path in source_files()}
    assert "communities/models.py" in files
    assert "bangphlat/thai.py" in files
    assert "communities/services/activities.py" in files  # packages are read too
    assert not any("/migrations/" in name for name in files)
    assert not any(name.startswith(("tests/", "bench/", "scripts/")) for name in files)


def test_an_oversized_module_and_function_are_named(tmp_path):
    app = tmp_path / "shop"
    app.mkdir()
    (app / "apps.py").write_text("")
    body = "\n".join(f"        x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (app / "big.py").write_text(f"class Cart:\n    def total(self):\n{body}\n")
    (app / "small.py").write_text("def fine():\n    return 1\n")
    (app / "long.py").write_text("x = 1\n" * (MAX_MODULE_LINES + 1))
    (app / "migrations").mkdir()
    (app / "migrations" / "0001_initial.py").write_text("x = 1\n" * 1000)

    files = source_files(tmp_path)
    assert Path("shop/migrations/0001_initial.py") not in files
    assert oversized(Path("shop/small.py"), tmp_path) == []
    assert oversized(Path("shop/big.py"), tmp_path) == [
        f"shop/big.py:2: function total() of {MAX_FUNCTION_LINES + 1} lines "
        f"(at most {MAX_FUNCTION_LINES})"
    ]
    assert oversized(Path("shop/long.py"), tmp_path) == [
        f"shop/long.py: module of {MAX_MODULE_LINES + 1} lines (at most {MAX_MODULE_LINES})"
    ]
