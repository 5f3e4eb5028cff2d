"""Lines in, lines out: the plain mode's only contact with the terminal (or a pipe, or a file).

Output is plain text: every line goes through ``textsafe.clean`` (so no escape sequence, NUL
or bidi override from a checklist or score file reaches the terminal) and is wrapped by
display width (CJK characters take two columns). Input is read as bytes and decoded here, so
that a line in another encoding is reported, not fatal; nothing is echoed and no tty is needed.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from typing import IO, Any

from zwgk_tui.textsafe import clean, wrap

MAX_LINE = 1 << 20  # bytes in one input line; more is refused, not split into commands
INDENT = "  "       # continuation lines of a wrapped entry
# Line and paragraph separators are not controls, but some terminals treat them as newlines.
_SEPARATORS = re.compile("[\u2028\u2029\u0085]")


class UnreadableLine(Exception):
    """An input line that could not be decoded or was too long; it is dropped whole."""


class OutputGone(Exception):
    """Standard output was closed (the reader went away)."""


class Console:
    """Reads commands and writes plain lines, wrapped to the terminal width when there is one."""

    def __init__(
        self, stdin: IO[Any] | None = None, stdout: IO[Any] | None = None,
        *, width: int | None = None,
    ) -> None:
        self._in = stdin if stdin is not None else sys.stdin
        self._out = stdout if stdout is not None else sys.stdout
        self._fixed_width = width
        self.interactive = _isatty(self._in)

    # ---------------------------------------------------------------- output

    def columns(self) -> int | None:
        """Where to wrap: a given width (``--width``); on a terminal ``COLUMNS``, else its
        width; output to a file or a pipe is not wrapped unless a width is given."""
        if self._fixed_width:
            return self._fixed_width
        if not _isatty(self._out):
            return None
        env = os.environ.get("COLUMNS", "")
        if env.isdigit() and int(env) > 0:
            return int(env)
        if _isatty(self._out):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                return os.get_terminal_size(self._out.fileno()).columns
        return None

    def say(self, *lines: str) -> None:
        """Write each line, cleaned and wrapped; continuation lines are indented."""
        out: list[str] = []
        columns = self.columns()
        for text in lines:
            for paragraph in safe(text).split("\n"):
                if columns is None or not paragraph:
                    out.append(paragraph.rstrip())
                else:
                    out.extend(wrap(paragraph, columns, INDENT) or [""])
        self._write("".join(line + "\n" for line in out))

    def field(self, label: str, value: str) -> None:
        """``label：value``; a value with several paragraphs keeps them, indented."""
        paragraphs = [p.strip() for p in safe(value).split("\n")]
        paragraphs = [p for p in paragraphs if p] or [""]
        self.say(f"{label}：{paragraphs[0]}", *(INDENT + p for p in paragraphs[1:]))

    def _write(self, text: str) -> None:
        stream = self._out
        try:
            if isinstance(stream, io.RawIOBase | io.BufferedIOBase):
                stream.write(text.encode("utf-8", errors="replace"))
            elif (buffer := getattr(stream, "buffer", None)) is not None:
                stream.flush()  # whatever was printed before goes first
                buffer.write(text.encode("utf-8", errors="replace"))
                buffer.flush()
            else:
                stream.write(text)
            stream.flush()
        except (BrokenPipeError, ValueError) as exc:  # ValueError: the stream was closed
            raise OutputGone() from exc
        except OSError as exc:  # EIO: the terminal hung up
            raise OutputGone() from exc

    # ---------------------------------------------------------------- input

    def ask(self, prompt: str) -> str | None:
        """Show the prompt and read one line (without its line end); None at end of input.

        In a terminal the answer is typed after the prompt; from a pipe or a file nothing is
        echoed, so the prompt ends its own line and a transcript reads one line per step.
        """
        text = safe(prompt).replace("\n", " ")
        columns = self.columns()
        lines = wrap(text, columns, INDENT) if columns else [text]
        # A long prompt wraps like any line; the answer is typed after its last line.
        if self._line_editing():
            self._write("".join(line + "\n" for line in lines[:-1]))
            return _edited_line(lines[-1])
        self._write("".join(line + "\n" for line in lines[:-1]) + lines[-1]
                    + ("" if self.interactive else "\n"))
        data = self._read_line()
        if data is None:
            return None
        if isinstance(data, bytes):
            try:
                line = data.decode("utf-8")
            except UnicodeDecodeError:
                raise UnreadableLine(
                    "这一行不是 UTF-8 编码（可能是 GBK 或 GB18030），没有执行；请把终端或文件的编码设为 UTF-8"
                ) from None
        else:
            line = data
        return line.removeprefix("\ufeff").rstrip("\r\n")

    def _line_editing(self) -> bool:
        """GNU readline (arrows, Home/End, history, an IME's text) when a person types at a
        terminal: standard input and output are this process's own terminal."""
        return (self._in is sys.stdin and self._out is sys.stdout and self.interactive
                and _isatty(self._out) and _readline() is not None)

    def _read_line(self) -> bytes | str | None:
        stream = self._in
        if stream is None:
            return None
        reader = getattr(stream, "buffer", None) or stream
        try:
            data = reader.readline(MAX_LINE + 1)
        except ValueError:  # closed
            return None
        except OSError:  # EIO: the terminal is gone
            return None
        if not data:
            return None
        newline = b"\n" if isinstance(data, bytes) else "\n"
        if len(data) > MAX_LINE and not data.endswith(newline):
            while True:  # drop the rest of the line: it must not run as commands
                more = reader.readline(MAX_LINE)
                if not more or more.endswith(newline):
                    break
            raise UnreadableLine(f"这一行太长（超过 {MAX_LINE // 1024} KB），没有执行")
        return data


def safe(text: str) -> str:
    """Text fit to print: no escape sequences, controls or bidi overrides; newlines kept."""
    return _SEPARATORS.sub(" ", clean(str(text)))


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (ValueError, AttributeError, OSError):
        return False


_READLINE: list = []


def _readline():
    """The readline module, set up once: no bracketed-paste or meta-key escape sequences
    beyond what editing itself needs; None where Python has none."""
    if not _READLINE:
        try:
            import readline
        except ImportError:
            _READLINE.append(None)
        else:
            for setting in ("set enable-bracketed-paste off", "set enable-meta-key off",
                            "set horizontal-scroll-mode off"):
                with contextlib.suppress(Exception):
                    readline.parse_and_bind(setting)
            _READLINE.append(readline)
    return _READLINE[0]


def _edited_line(prompt: str) -> str | None:
    """One line typed at the prompt with readline's editing; None at end of input (Ctrl-D)."""
    try:
        line = input(prompt)
    except EOFError:
        return None
    except UnicodeDecodeError:
        raise UnreadableLine(
            "这一行不是 UTF-8 编码（可能是 GBK 或 GB18030），没有执行；请把终端或文件的编码设为 UTF-8"
        ) from None
    if any("\udc80" <= ch <= "\udcff" for ch in line):  # undecodable bytes, escaped
        raise UnreadableLine("这一行不是 UTF-8 编码（可能是 GBK 或 GB18030），没有执行；请把终端或文件的编码设为 UTF-8")
    return line.removeprefix("\ufeff").rstrip("\r\n")
