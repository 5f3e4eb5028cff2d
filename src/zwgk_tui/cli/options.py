"""Options several commands share. Imports neither Textual nor Rich."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from zwgk_tui.errors import ZwgkError
from zwgk_tui.tui.theme_names import THEME_NAMES

ChecklistDirs = Annotated[
    list[Path] | None, typer.Option("--checklists", metavar="DIR", help="另外查找清单的文件夹（可多次给出）")
]
Plain = Annotated[
    bool | None,
    typer.Option(
        "--plain/--tui",
        help="逐行模式（读屏软件、盲文点显器、脚本），不用全屏界面；环境变量 ZWGK_PLAIN=1 设为默认",
    ),
]
Width = Annotated[
    int | None,
    typer.Option("--width", min=20, max=1000, metavar="N",
                 help="逐行模式每行最多 N 列（中文字符按两列）；输出到文件或管道时默认不折行"),
]
Ascii = Annotated[bool, typer.Option("--ascii", help="只用 ASCII 字符画框线和状态符号（终端显示方框乱码时用）")]
Theme = Annotated[
    str | None,
    typer.Option("--theme", help="配色：default、high-contrast、ansi-dark、ansi-light（终端自身 16 色）"),
]


def want_plain(flag: bool | None) -> bool:
    """``--plain``/``--tui`` win; otherwise ``ZWGK_PLAIN`` decides."""
    if flag is not None:
        return flag
    return os.environ.get("ZWGK_PLAIN", "").strip().lower() in ("1", "yes", "true", "on")


def check_theme(theme: str | None) -> str | None:
    if theme is not None and theme not in THEME_NAMES:
        raise ZwgkError(f"没有配色 {theme!r}；可选：{'、'.join(THEME_NAMES)}")
    return theme
