"""The command reference (docs/cli.md), generated from the Typer app itself, so that every
documented option exists and every option is documented (a test compares the two).

    python -m zwgk_tui.cli.reference > docs/cli.md
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

HEADER = """# 命令参考

本页由 `python -m zwgk_tui.cli.reference > docs/cli.md` 从程序本身生成，测试检查它与程序一致：这里列出的
每个命令和选项都存在，程序的每个选项都在这里。各命令怎样用，见各读者的页面（[README](../README.md) 有链接）。

所有命令出错时只输出一行（文件:行: 说明），退出码 2，不输出 Python 的回溯信息；`-h` 或 `--help` 列出选项。
"""


def commands() -> Iterator[tuple[list[str], Any]]:
    """Every command of ``zwgk`` (groups included), depth first, in registration order."""
    import typer

    from zwgk_tui.cli import app

    def walk(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
        yield path, command
        if hasattr(command, "list_commands"):
            for name in command.list_commands(None):
                yield from walk(command.get_command(None, name), [*path, name])

    yield from walk(typer.main.get_command(app), ["zwgk"])


def option_names() -> set[str]:
    """Every long and short option name any command accepts (``--plain``, ``--tui``, ``-o`` …)."""
    names: set[str] = set()
    for _, command in commands():
        for param in command.params:
            names.update(n for n in (*param.opts, *param.secondary_opts) if n.startswith("-"))
    return names | {"--help", "-h"}


def markdown() -> str:
    lines = [HEADER]
    for path, command in commands():
        if hasattr(command, "list_commands") and len(path) > 1:
            lines += [f"## `{' '.join(path)}`", "", _first_line(command.help), ""]
            continue
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        usage = " ".join([*path, *(_argument(p) for p in arguments)])
        title = "`zwgk`（不带子命令）" if len(path) == 1 else f"`{' '.join(path)}`"
        lines += [f"## {title}", "", f"```\n{usage} [选项]\n```", "", _first_line(command.help), ""]
        options = [p for p in command.params if p.param_type_name == "option"]
        if arguments or options:
            lines += ["| 参数或选项 | 说明 |", "|---|---|"]
            for param in arguments:
                lines.append(f"| `{_argument(param)}` | {_cell(param.help)} |")
            for param in options:
                names = " / ".join(f"`{n}`" for n in (*param.opts, *param.secondary_opts))
                lines.append(f"| {names} | {_cell(param.help)}{_default(param)} |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _argument(param: Any) -> str:
    name = param.name.upper()
    return f"{name}…" if param.nargs == -1 else name


def _first_line(text: str | None) -> str:
    return (text or "").strip().split("\n\n")[0].replace("\n", "")


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _default(param: Any) -> str:
    default = param.default
    if param.is_flag or default in (None, (), []) or callable(default):
        return ""
    return f"（默认 `{default}`）"


if __name__ == "__main__":
    print(markdown(), end="")
