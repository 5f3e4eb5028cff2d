"""``zwgk assess`` without the command-line layer: load, open, run (python direct_assess.py CHECKLIST UNIT).

The difference between this and ``zwgk assess`` in benchmarks/ptyharness.py is the cost of
parsing the command line (Typer); the difference between this and bare_app.py is the TUI's.
"""

from __future__ import annotations

import sys

from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.model.paths import default_score_path
from zwgk_tui.tui.launch import run_assess

if __name__ == "__main__":
    checklist = load_checklist(sys.argv[1])
    unit = sys.argv[2] if len(sys.argv) > 2 else "基准单位"
    sys.exit(run_assess(checklist, default_score_path(checklist.id, unit), unit=unit, assessor="",
                        read_only=False, carry_from=None, ascii_only=False, theme=None))
