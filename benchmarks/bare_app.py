"""The yardstick: a bare Textual app showing an OptionList of N lines (python bare_app.py N).

Start-up and keystroke costs of ``zwgk assess`` are compared with this on the same machine.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import OptionList


class Bare(App[None]):
    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def compose(self) -> ComposeResult:
        yield OptionList(*(f"条目 {n} 推进政务公开标准化规范化任务{n}" for n in range(1, self.count + 1)))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()


if __name__ == "__main__":
    Bare(int(sys.argv[1]) if len(sys.argv) > 1 else 2000).run()
