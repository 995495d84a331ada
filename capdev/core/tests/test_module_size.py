"""No Python module over MAX_LINES lines (docs/development.md, "Small modules"): a module that grows past it is
split into modules named for what they hold, as projects.models, projects.synthetic and iati.export were.

Migrations are exempt (Django writes them), and so is generated data: a module whose first line says
"# Generated" (none today)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MAX_LINES = 500
CHECKED = ("capdev", "bench")


def python_modules() -> list[Path]:
    found = [ROOT / "conftest.py", ROOT / "manage.py"]
    for top in CHECKED:
        found += (ROOT / top).rglob("*.py")
    return [p for p in found if p.exists() and "migrations" not in p.relative_to(ROOT).parts]


def is_generated(path: Path, text: str) -> bool:
    return text.startswith("# Generated")


def oversized(paths, root: Path = ROOT) -> dict[str, int]:
    """The modules over MAX_LINES lines, with their length, by their path under root."""
    found = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
        if lines > MAX_LINES and not is_generated(path, text):
            found[str(path.relative_to(root))] = lines
    return found


def test_the_check_reads_the_whole_tree():
    modules = python_modules()
    assert len(modules) > 300
    assert ROOT / "capdev" / "projects" / "models" / "project.py" in modules
    assert not any("migrations" in p.parts for p in modules)


def test_the_check_finds_a_long_module(tmp_path):
    long = tmp_path / "long.py"
    long.write_text("x = 1\n" * (MAX_LINES + 1))
    short = tmp_path / "short.py"
    short.write_text("x = 1\n" * MAX_LINES)
    generated = tmp_path / "generated.py"
    generated.write_text("# Generated from data/x.csv\n" + "x = 1\n" * MAX_LINES)
    assert oversized([long, short, generated], root=tmp_path) == {"long.py": MAX_LINES + 1}


def test_no_module_is_over_500_lines():
    assert oversized(python_modules()) == {}, f"split these into modules named for what they hold (max {MAX_LINES})"
