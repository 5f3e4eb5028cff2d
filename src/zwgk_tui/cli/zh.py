"""The command line's own words in Chinese: usage errors, ``--help`` headings and the help
option, the way every other message of zwgk is.

Typer 0.28 vendors Click with its messages written in English and no gettext hook, so the
three places they come from are replaced here, once, when the CLI is built: how an error
is shown, the help formatter (usage line, headings, the help option, ``[required]``), and
``Abort``. Option names stay as they are (they are the contract scripts use).
"""

from __future__ import annotations

import re
from typing import Any

from typer._click import core as click_core
from typer._click import exceptions, formatting
from typer._click.utils import echo

HEADINGS = {"Arguments": "参数", "Options": "选项", "Commands": "命令", "Usage": "用法"}
_WORDS = [
    (re.compile(r"^Show this message and exit\.$"), "显示本帮助并退出。"),
    (re.compile(r"\[required\]"), "[必填]"),
    (re.compile(r"\[default: (.*?)\]"), r"[默认：\1]"),
    (re.compile(r"\[(\S+)<=x<=(\S+)\]"), r"[\1 到 \2]"),
    (re.compile(r"\[x>=(\S+)\]"), r"[至少 \1]"),
    (re.compile(r"\[x<=(\S+)\]"), r"[至多 \1]"),
]
_ERRORS = [
    (re.compile(r"^Missing argument '?(.+?)'?\.$"), r"缺少参数 \1。"),
    (re.compile(r"^Missing option '?(.+?)'?\.$"), r"缺少选项 \1。"),
    (re.compile(r"^Missing parameter:? '?(.+?)'?\.?$"), r"缺少参数 \1。"),
    (re.compile(r"^No such option: (.+)$"), r"没有选项 \1。"),
    (re.compile(r"^No such command '?(.+?)'?\.$"), r"没有命令 \1。"),
    (re.compile(r"^Option '?(.+?)'? requires an argument\.$"), r"选项 \1 后面需要一个值。"),
    (re.compile(r"^Option '?(.+?)'? requires (\d+) arguments\.$"), r"选项 \1 后面需要 \2 个值。"),
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)$"), r"多余的参数：\1。"),
    (re.compile(r"^Missing command\.$"), "缺少命令。"),
    (re.compile(r"^Invalid value for (.+?): (.*)$"), r"\1 的值无效：\2"),
    (re.compile(r"^Invalid value: (.*)$"), r"值无效：\1"),
]
_VALUE_ERRORS = [  # what a parameter type says of a value (the tail of "Invalid value for …")
    (re.compile(r"^(.+?) is not a valid (integer|int|float)( range)?\.$"), r"\1 不是有效的数字。"),
    (re.compile(r"^(.+?) is not a valid boolean\.$"), r"\1 不是 true 或 false。"),
    (re.compile(r"^(.+?) is not in the range (.+)\.$"), r"\1 不在允许的范围（\2）内。"),
]
_ERRORS += _VALUE_ERRORS


def error_words(message: str) -> str:
    """A Click error message in Chinese (an unknown one keeps its text after 命令行有误)."""
    message = message.strip()
    for pattern, words in _ERRORS:
        if pattern.search(message):
            translated = pattern.sub(words, message)
            return error_words_inner(translated)
    return f"命令行有误：{message}"


def error_words_inner(text: str) -> str:
    """A translated message may carry an English value message (``Invalid value for …: x is
    not a valid integer``): translate that tail too."""
    for pattern, words in _VALUE_ERRORS:
        head, sep, tail = text.rpartition("：")
        if sep and pattern.search(tail.strip()):
            return head + sep + pattern.sub(words, tail.strip())
    return text


def usage_words(args: str) -> str:
    return args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")


class ChineseFormatter(formatting.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, usage_words(args), "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        translated = []
        for term, text in rows:
            for pattern, words in _WORDS:
                text = pattern.sub(words, text)
            translated.append((term, text))
        super().write_dl(translated, col_max, col_spacing)


def _show_usage_error(self: exceptions.UsageError, file: Any = None) -> None:
    file = file or exceptions.get_text_stderr()
    if self.ctx is not None:
        hint = ""
        if self.ctx.command.get_help_option(self.ctx) is not None:
            hint = f"请用 {self.ctx.command_path} {self.ctx.help_option_names[0]} 查看帮助。\n"
        echo(f"{self.ctx.get_usage()}\n{hint}", file=file)
    echo(f"错误：{error_words(self.format_message())}", file=file)


def _show_error(self: exceptions.ClickException, file: Any = None) -> None:
    echo(f"错误：{error_words(self.format_message())}", file=file or exceptions.get_text_stderr())


def _gettext(message: str) -> str:
    """Typer's own few words (it looks them up through gettext)."""
    return {"Aborted!": "已中止。", **HEADINGS}.get(message, message)


def install() -> None:
    """Put the Chinese words in place (idempotent)."""
    click_core.Context.formatter_class = ChineseFormatter
    exceptions.UsageError.show = _show_usage_error  # type: ignore[method-assign]
    exceptions.ClickException.show = _show_error  # type: ignore[method-assign]
    import typer.core

    typer.core._ = _gettext  # type: ignore[attr-defined]
