"""The prompt loop both line dialogues share (assessing and reviewing): show an item, read a
command, act on the model, say what happened; moving, searching and filtering.

Every change goes through ``Assessment`` (which saves the whole file at once), and every
problem is one line followed by the prompt again, so nothing typed before it is lost. What
is found and which items a filter keeps come from ``model/queries.py``, as in the TUI.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model import queries
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import Node
from zwgk_tui.model.checklist.counted import applies
from zwgk_tui.plain.commands import Command, normalise
from zwgk_tui.plain.console import Console, UnreadableLine
from zwgk_tui.plain.ending import Ending, SessionStopped
from zwgk_tui.plain.render import Line, id_list, title
from zwgk_tui.textsafe import clean, one_line

MAX_MATCHES = 20  # search results read out at once
MAX_FILTERS = 60  # filters read out at once


class EndOfInput(Exception):
    """Input ended while a command was waiting for its text."""


class Dialogue(Ending):
    """Subclasses give ``parse``, ``prompt``, ``item_lines``, ``short``, ``help_lines`` and
    ``summary_lines``, and a ``do_<kind>`` method for each command of their own."""

    UNKNOWN_HINT = "输入 ? 查看全部命令"
    KEPT = "答案"  # what every change saves: 答案 (assessing) or 复核 (reviewing)

    def __init__(self, console: Console, session: Assessment) -> None:
        self.console = console
        self.session = session
        self.checklist = session.checklist
        self.current: Node = self.checklist.leaves[0]
        self.shown: queries.Filter | None = None  # a filter narrows n, p, u and U
        self.changing = False          # a change (and its save) is under way
        self.deferred_signal = 0       # a signal that arrived during it
        self.interrupted = False       # Ctrl-C cut a change short: save again on the way out
        self.stopped = False           # ended by keeping a version changed elsewhere

    # ---------------------------------------------------------------- what subclasses say

    def parse(self, line: str) -> Command:
        raise NotImplementedError

    def prompt(self) -> str:
        raise NotImplementedError

    def item_lines(self, node: Node) -> Sequence[Line]:
        raise NotImplementedError

    def short(self, node: Node) -> str:
        raise NotImplementedError

    def help_lines(self) -> list[str]:
        raise NotImplementedError

    def summary_lines(self) -> Sequence[Line]:
        raise NotImplementedError

    # ---------------------------------------------------------------- the loop

    def run(self) -> str:
        """Loop until ``q`` or end of input; returns why it stopped: ``quit`` or ``eof``."""
        self.show()
        while True:
            try:
                line = self.console.ask(self.prompt())
            except UnreadableLine as exc:
                self.error(str(exc))
                continue
            if line is None:
                self.say("输入已结束。")
                return "eof"
            try:
                if self.dispatch(self.parse(line)):
                    return "quit"
            except SessionStopped:
                self.stopped = True
                return "stopped"
            except EndOfInput as exc:
                self.say(f"输入已结束，{exc}。")
                return "eof"
            except ZwgkError as exc:
                self.error(exc.message)

    def dispatch(self, command: Command) -> bool:
        """Act on one command; True means quit."""
        handler: Callable[[Command], bool | None] = getattr(self, f"do_{command.kind}")
        return bool(handler(command))

    def say(self, *lines: str) -> None:
        self.console.say(*lines)

    def error(self, message: str) -> None:
        self.console.say(f"错误：{one_line(message)}")

    def lines(self, entries: Sequence[Line]) -> None:
        """Say ``(label, value)`` pairs as fields and whole lines as they are."""
        for entry in entries:
            if isinstance(entry, tuple):
                self.console.field(*entry)
            else:
                self.say(entry)

    def show(self, node: Node | None = None) -> None:
        if node is not None:
            self.current = node
        self.lines(self.item_lines(self.current))

    # ---------------------------------------------------------------- shared commands

    def do_repeat(self, _: Command) -> None:
        self.say(self.short(self.current))

    def do_reread(self, _: Command) -> None:
        self.show()

    def do_help(self, _: Command) -> None:
        self.say(*self.help_lines())

    def do_quit(self, _: Command) -> bool:
        return True

    def do_summary(self, _: Command) -> None:
        self.lines(self.summary_lines())

    def do_unknown(self, command: Command) -> None:
        text = one_line(command.text or "", 20)
        self.error(f"不认识的命令“{text}”；{self.UNKNOWN_HINT}")

    def do_next(self, _: Command) -> None:
        after = self._step(self.current, 1)
        if after is None:
            self.say("已是筛选中的最后一项。" if self.shown else "已是最后一项。")
            return
        self.show(after)

    def do_prev(self, _: Command) -> None:
        before = self._step(self.current, -1)
        if before is None:
            self.say("已是筛选中的第一项。" if self.shown else "已是第一项。")
            return
        self.show(before)

    def do_goto(self, command: Command) -> None:
        target = command.text or ""
        if not target:
            raise ZwgkError("请在 g 后输入条目编号，如 g 2.1.3")
        node = self.checklist.by_id.get(target)
        if node is None:
            raise ZwgkError(f"没有编号为 {one_line(target, 20)} 的条目")
        self.show(node)

    def do_search(self, command: Command) -> None:
        words = command.text or ""
        if not words.strip():
            raise ZwgkError("请在 / 后输入要搜索的文字，如 /网站")
        matches = queries.search(self.checklist, words)
        if not matches:
            self.say(f"没有找到“{one_line(words, 30)}”。")
            return
        if len(matches) == 1:
            self.say("找到 1 项，转到该项。")
            self.show(matches[0])
            return
        self.say(f"找到 {len(matches)} 项。")
        shown = matches[:MAX_MATCHES]
        for number, node in enumerate(shown, start=1):
            kind = "" if node.is_leaf else "（有下级条目）"
            self.say(f"结果 {number}：{node.id} {title(node)}{kind}")
        if len(matches) > len(shown):
            self.say(f"只列出前 {len(shown)} 项；请用更具体的文字搜索。")
        choice = normalise(self._ask_text("输入结果序号转到该条目，直接回车留在本项：", "留在本项") or "")
        if not choice:
            self.say(f"留在 {self.current.id}。")
            return
        if not choice.isdigit() or not 1 <= int(choice) <= len(shown):
            raise ZwgkError(f"没有结果 {one_line(choice, 12)}；留在 {self.current.id}")
        self.show(shown[int(choice) - 1])

    def do_filter(self, command: Command) -> None:
        """``f``: list the filters; ``f 未达标`` / ``f 3`` / ``f 单位名``: keep only those items."""
        options = queries.filters(self.session)
        wanted = (command.text or "").strip()
        if not wanted:
            self.say("筛选：只在这些条目中移动（n、p、u、U）。")
            for number, option in enumerate(options[:MAX_FILTERS], start=1):
                count = "" if option.ids is None else f"（{len(option.ids)} 项）"
                now = "，当前" if option.label == (self.shown.label if self.shown else "全部条目") else ""
                self.say(f"筛选 {number}：{one_line(option.label)}{count}{now}")
            wanted = self._ask_text("输入筛选序号或名称，直接回车不改变：", "筛选未改变") or ""
            if not wanted:
                self.say("筛选未改变。")
                return
        number = normalise(wanted)
        chosen = (options[int(number) - 1] if number.isdigit() and 1 <= int(number) <= len(options)
                  else queries.find_filter(self.session, "全部条目" if number in ("全部", "0") else wanted))
        if chosen is None:
            raise ZwgkError(f"没有筛选“{one_line(wanted, 30)}”；输入 f 列出全部筛选")
        if chosen.ids is None:
            self.shown = None
            self.say("筛选：全部条目。")
            return
        if not chosen.ids:
            self.say(f"没有符合“{one_line(chosen.label)}”的条目，筛选未改变。")
            return
        self.shown = chosen
        self.say(f"筛选：{one_line(chosen.label)}，{len(chosen.ids)} 项：{id_list(list(chosen.ids))}。")
        if self.current.id not in chosen.ids:
            self.show(self.checklist.by_id[chosen.ids[0]])

    # ---------------------------------------------------------------- moving

    def _step(self, node: Node, step: int) -> Node | None:
        """The leaf after (1) or before (-1) ``node`` in document order, within the filter."""
        leaves = self.checklist.leaves
        among = set(self.shown.ids) if self.shown and self.shown.ids is not None else None
        category = self.session.scores.category  # an item not for this kind of unit is passed over
        order = [leaf for leaf in leaves if (among is None or leaf.id in among) and applies(leaf, category)]
        index = {leaf.id: i for i, leaf in enumerate(leaves)}
        first = next(node.leaves(), None) if node.id not in index else node
        at = index[first.id] if first is not None else len(leaves)
        if step > 0:
            later = [leaf for leaf in order if index[leaf.id] > at or (index[leaf.id] == at and node is not first)]
            return later[0] if later else None
        earlier = [leaf for leaf in order if index[leaf.id] < at]
        return earlier[-1] if earlier else None

    def _find(self, wanted: Callable[[Node], bool], step: int) -> tuple[Node | None, bool]:
        """The next wanted leaf (wrapping): within the filter first, then among all."""
        among = self.shown.ids if self.shown is not None else None
        found, wrapped = queries.next_leaf(self.checklist, self.current.id, wanted, step=step, among=among)
        if found is None and among is not None:
            found, wrapped = queries.next_leaf(self.checklist, self.current.id, wanted, step=step)
            if found is not None:
                self.shown = None
                self.say("筛选中没有了，已回到全部条目。")
        return (self.checklist.by_id[found] if found else None), wrapped

    # ---------------------------------------------------------------- helpers

    def _typed(self, text: str | None) -> str | None:
        """Typed text as it is stored: escape sequences and bidi controls removed."""
        return None if text is None else clean(text, keep_newlines=False).strip()

    def _text(self, given: str | None, prompt: str, what: str) -> str:
        """The text typed after the command, else asked for on the next line; "" when the
        user gave none (then it says ``已取消，{what}``)."""
        text = self._typed(given)
        if text is None:
            text = self._ask_text(f"{prompt}，直接回车取消：", what)
        if not text:
            self.say(f"已取消，{what}。")
        return text or ""

    def _ask_text(self, prompt: str, lost: str) -> str | None:
        """The next line as the command's text; end of input ends the session."""
        try:
            line = self.console.ask(prompt)
        except UnreadableLine as exc:
            self.error(str(exc))
            return ""
        if line is None:
            raise EndOfInput(lost)
        return self._typed(line)

    def change(self, action: Callable[..., object], *args: object) -> None:
        """Run a model change; a SIGHUP/SIGTERM arriving meanwhile waits until it is saved."""
        self.changing = True
        try:
            action(*args)
        except KeyboardInterrupt:
            self.interrupted = True
            raise
        finally:
            self.changing = False
        if self.deferred_signal:
            self.session.close()
            os._exit(128 + self.deferred_signal)
        if self.session.conflict is not None:
            self.settle_conflict()

    def _saved(self, message: str) -> None:
        """Confirm a change; a failed save is said instead of 已保存, never after it."""
        state = self.session.state
        if state.ok:
            self.say(message)
        else:
            self.say(message.replace("已保存：", "已记录但未保存：", 1), state.error)

    # ---------------------------------------------------------------- signals

    def on_signal_close(self) -> None:
        """SIGHUP/SIGTERM: close now, unless a save is under way (then right after it)."""
        if self.changing:
            self.deferred_signal = -1
            return
        self.session.close()

    def after_signal(self, signum: int) -> None:
        if self.deferred_signal:
            self.deferred_signal = signum
            return
        with contextlib.suppress(Exception):
            self.say(f"连接中断或收到终止信号：{self.KEPT}已保存，已退出。")
        os._exit(128 + signum)
