"""The model knows nothing of Textual, and commands that need no UI never import it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "zwgk_tui"
UI_FREE = ["model", "workpoints", "plain", "report", "textsafe.py", "errors.py", "cli/options.py"]
# The terminal view of the report draws Rich tables; nothing else in report/ may.
RICH_ALLOWED = {"report/view.py"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def ui_free_files() -> list[Path]:
    files: list[Path] = []
    for name in UI_FREE:
        target = SRC / name
        if target.is_dir():
            files.extend(sorted(target.rglob("*.py")))
        elif target.exists():
            files.append(target)
    return files


@pytest.mark.parametrize("path", ui_free_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_textual_or_rich_import(path):
    banned = ("textual",) if str(path.relative_to(SRC)) in RICH_ALLOWED else ("textual", "rich")
    bad = {m for m in imported_modules(path) if m.split(".")[0] in banned}
    assert not bad, f"{path} imports {bad}"


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["checklist", "--help"], ["report", "--help"], ["scores", "list"], ["checklist", "check", "nope.toml"]],
)
def test_commands_without_a_ui_do_not_load_textual(argv, tmp_path):
    code = (
        "import sys\n"
        f"sys.argv = ['zwgk', *{argv!r}]\n"
        "from zwgk_tui.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "print('TEXTUAL', loaded, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                            timeout=120)
    assert "TEXTUAL []" in result.stderr, result.stderr[-2000:]
