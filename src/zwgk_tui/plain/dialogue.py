"""The prompt loop: show an item, read a command, act on the model, say what happened.

Every change goes through ``Assessment`` (which saves the whole file at once), and every
problem is one line followed by the prompt again, so nothing typed before it is lost.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import Node
from zwgk_tui.model.scoring import LABELS
from zwgk_tui.plain import render
from zwgk_tui.plain.commands import Command, help_lines, normalise, parse
from zwgk_tui.plain.console import Console, UnreadableLine
from zwgk_tui.plain.counts import counts_command
from zwgk_tui.plain.ending import Ending, SessionStopped
from zwgk_tui.plain.walk import Walk
from zwgk_tui.textsafe import clean, one_line

MAX_MATCHES = 20  # search results read out at once


class EndOfInput(Exception):
    """Input ended while a command was waiting for its text."""


class Dialogue(Ending):
    def __init__(self, console: Console, session: Assessment) -> None:
        self.console = console
        self.session = session
        self.checklist = session.checklist
        self.walk = Walk(session)
        self.worklist: list[str] = []
        self.current: Node = self.checklist.leaves[0]
        self.changing = False          # a change (and its save) is under way
        self.deferred_signal = 0       # a signal that arrived during it
        self.interrupted = False       # Ctrl-C cut a change short: save again on the way out
        self.stopped = False           # ended by keeping a version changed elsewhere

    # ---------------------------------------------------------------- the loop

    def start(self) -> None:
        """Choose where to begin: the reviewer's returned items, else the first open one."""
        returned = self.session.returned_items()
        if returned:
            self.worklist = returned
            self.say(f"复核退回的条目 {len(returned)} 项，请逐项修改：")
            for item_id in returned:
                answer = self.session.answer(item_id)
                reason = one_line(answer.review.reason) if answer and answer.review else ""
                node = self.checklist.by_id[item_id]
                self.console.field(f"退回 {item_id} {render.title(node)}", f"理由：{reason or '未写理由'}")
            self.current = self.checklist.by_id[returned[0]]
            return
        todo = self.walk.next_open()
        if todo is None:
            self.say("全部条目都已评估；从第一项开始显示。")
        else:
            self.current = todo
            if self.walk.index[todo.id] > 0:
                self.say(f"从第一项未完成的条目继续：{todo.id}。")

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

    def parse(self, line: str) -> Command:
        return parse(line)

    def prompt(self) -> str:
        head = "只读，" if self.session.read_only else ""
        return f"{head}{self.current.id} 请输入："

    def say(self, *lines: str) -> None:
        self.console.say(*lines)

    def error(self, message: str) -> None:
        self.console.say(f"错误：{one_line(message)}")

    def show(self, node: Node | None = None) -> None:
        if node is not None:
            self.current = node
        for entry in render.item_lines(self.session, self.current):
            if isinstance(entry, tuple):
                self.console.field(*entry)
            else:
                self.say(entry)

    # ---------------------------------------------------------------- commands

    def dispatch(self, command: Command) -> bool:
        """Act on one command; True means quit."""
        handler: Callable[[Command], bool | None] = getattr(self, f"do_{command.kind}")
        return bool(handler(command))

    def do_repeat(self, _: Command) -> None:
        self.say(render.short_line(self.session, self.current))

    def do_reread(self, _: Command) -> None:
        self.show()

    def do_help(self, _: Command) -> None:
        self.say(*help_lines())

    def do_quit(self, _: Command) -> bool:
        return True

    def do_unknown(self, command: Command) -> None:
        text = one_line(command.text or "", 20)
        hint = "；要转到条目请输入 g 编号，打分请在数字后加“分”" if normalise(text)[:1].isdigit() else ""
        self.error(f"不认识的命令“{text}”{hint}；输入 ? 查看全部命令")

    def do_status(self, command: Command) -> None:
        leaf = self._leaf()
        if command.score is not None:
            self._check_score(leaf, command.score)
        self.change(self.session.set_status, leaf.id, command.status)
        if command.score is not None and command.status != "na":
            self.change(self.session.set_score, leaf.id, command.score)
        said = f"已保存：{leaf.id} {LABELS[command.status]}"
        if command.score is not None and command.status != "na":
            said += f"，得分 {render.num(command.score)} 分"
        elif command.score is not None:
            said += "；不适用的条目不计分，得分未记录"
        elif command.status != "na" and (kept := self.session.answer(leaf.id).score) is not None:
            said += f"；手动得分 {render.num(kept)} 分保留，输入“分”可清除"
        self._saved(said + "。")
        self._advance(leaf)

    def do_score(self, command: Command) -> None:
        leaf = self._leaf()
        assert command.score is not None
        self._check_score(leaf, command.score)
        answer = self.session.answer(leaf.id)
        if answer is not None and answer.status == "na":
            raise ZwgkError(f"{leaf.id} 为不适用，不计分；请先改为其他状态")
        self.change(self.session.set_score, leaf.id, command.score)
        said = f"已保存：{leaf.id} 得分 {render.num(command.score)} 分，满分 {render.num(leaf.points or 0)} 分。"
        if answer is None or answer.status is None:
            said += "本项还没有状态，请输入 1 到 4。"
        self._saved(said)

    def do_clear_score(self, _: Command) -> None:
        leaf = self._leaf()
        answer = self.session.answer(leaf.id)
        if answer is None or answer.score is None:
            self.say(f"{leaf.id} 没有手动得分，按状态计分。")
            return
        self.change(self.session.set_score, leaf.id, None)
        self._saved(f"已保存：{leaf.id} 的手动得分已清除，按状态计分。")

    def do_counts(self, command: Command) -> None:
        counts_command(self, command)

    def do_evidence(self, command: Command) -> None:
        leaf = self._leaf(writing=True)
        text = self._typed(command.text)
        if text is None:
            text = self._ask_text("请输入佐证材料（链接、文号或文件路径），直接回车取消：", "佐证未添加")
        if not text:
            self.say("已取消，佐证未添加。")
            return
        self.change(self.session.add_evidence, leaf.id, text)
        count = len(self.session.answer(leaf.id).evidence)
        self._saved(f"已保存：{leaf.id} 佐证 {count}：{one_line(text, 60)}")

    def do_note(self, command: Command) -> None:
        leaf = self._leaf(writing=True)
        text = self._typed(command.text)
        if text is None:
            text = self._ask_text("请输入说明（一行），直接回车取消：", "说明未修改")
        if not text:
            self.say("已取消，说明未修改。")
            return
        self.change(self.session.set_note, leaf.id, text)
        self._saved(f"已保存：{leaf.id} 说明：{one_line(text, 60)}")

    def do_list(self, _: Command) -> None:
        leaf = self._leaf()
        answer = self.session.answer(leaf.id)
        evidence = answer.evidence if answer else []
        self.say(f"{leaf.id} 佐证共 {len(evidence)} 条。")
        for number, text in enumerate(evidence, start=1):
            self.console.field(f"佐证 {number}", text)
        if answer is not None and answer.note.strip():
            self.console.field("说明", answer.note)
        else:
            self.say("说明：无。")

    def do_delete(self, command: Command) -> None:
        leaf = self._leaf(writing=True)
        answer = self.session.answer(leaf.id)
        target = normalise(command.text or "").lower()
        if target in ("c", "说明"):
            if answer is None or not answer.note.strip():
                self.say(f"{leaf.id} 没有说明，无需删除。")
                return
            self.change(self.session.set_note, leaf.id, "")
            self._saved(f"已保存：{leaf.id} 的说明已删除。")
            return
        evidence = answer.evidence if answer else []
        if not evidence:
            self.say(f"{leaf.id} 没有佐证材料，无需删除。")
            return
        if not target:
            self.do_list(command)
            target = normalise(self._ask_text("删除第几条佐证？输入序号，直接回车取消：", "没有删除") or "")
            if not target:
                self.say("已取消，没有删除。")
                return
        if not target.isdigit() or not 1 <= int(target) <= len(evidence):
            raise ZwgkError(f"没有第 {one_line(target, 12)} 条佐证；{leaf.id} 共 {len(evidence)} 条")
        removed = evidence[int(target) - 1]
        self.change(self.session.remove_evidence, leaf.id, int(target) - 1)
        self._saved(f"已保存：删除了 {leaf.id} 佐证 {target}：{one_line(removed, 60)}")

    def do_confirm(self, _: Command) -> None:
        leaf = self._leaf()
        answer = self.session.answer(leaf.id)
        if answer is None or not answer.carried:
            self.say(f"{leaf.id} 没有待确认的沿用答案。")
            return
        self.change(self.session.confirm_carried, leaf.id)
        self._saved(f"已确认：{leaf.id} 沿用的答案 {LABELS[answer.status]}。")
        self._advance(leaf)

    def do_next(self, _: Command) -> None:
        after = self.walk.after(self.current)
        if after is None:
            self.say("已是最后一项。", render.progress_line(self.session))
            return
        self.show(after)

    def do_prev(self, _: Command) -> None:
        before = self.walk.before(self.current)
        if before is None:
            self.say("已是第一项。")
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

    def do_unanswered(self, _: Command) -> None:
        todo = self.walk.next_open(self.current)
        if todo is None:
            self.say("没有未评、待确认或被退回的条目了。", render.progress_line(self.session))
            return
        self.show(todo)

    def do_summary(self, _: Command) -> None:
        for entry in render.summary_lines(self.session):
            if isinstance(entry, tuple):
                self.console.field(*entry)
            else:
                self.say(entry)

    def do_search(self, command: Command) -> None:
        if not (command.text or "").strip():
            raise ZwgkError("请在 / 后输入要搜索的文字，如 /网站")
        matches = self.walk.search(command.text or "")
        if not matches:
            self.say(f"没有找到“{one_line(command.text or '', 30)}”。")
            return
        if len(matches) == 1:
            self.say("找到 1 项，转到该项。")
            self.show(matches[0])
            return
        self.say(f"找到 {len(matches)} 项。")
        shown = matches[:MAX_MATCHES]
        for number, node in enumerate(shown, start=1):
            kind = "" if node.is_leaf else "（有下级条目）"
            self.say(f"结果 {number}：{node.id} {render.title(node)}{kind}")
        if len(matches) > len(shown):
            self.say(f"只列出前 {len(shown)} 项；请用更具体的文字搜索。")
        choice = normalise(self._ask_text("输入结果序号转到该条目，直接回车留在本项：", "留在本项") or "")
        if not choice:
            self.say(f"留在 {self.current.id}。")
            return
        if not choice.isdigit() or not 1 <= int(choice) <= len(shown):
            raise ZwgkError(f"没有结果 {one_line(choice, 12)}；留在 {self.current.id}")
        self.show(shown[int(choice) - 1])

    # ---------------------------------------------------------------- helpers

    def _leaf(self, *, writing: bool = False) -> Node:
        """The item shown, which must be assessable (a parent's figures are derived)."""
        if writing and self.session.read_only:
            raise ZwgkError("只读打开：不能修改")
        return self.session.leaf(self.current.id)

    def _check_score(self, leaf: Node, value: float) -> None:
        if leaf.points is None:
            raise ZwgkError(f"条目 {leaf.id} 没有分值，不能打分")
        if not 0 <= value <= leaf.points:
            raise ZwgkError(f"得分应在 0 到 {render.num(leaf.points)} 分之间，{leaf.id} 没有修改")

    def _typed(self, text: str | None) -> str | None:
        """Typed text as it is stored: escape sequences and bidi controls removed."""
        return None if text is None else clean(text, keep_newlines=False).strip()

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

    def change(self, action: Callable[..., None], *args: object) -> None:
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

    def _advance(self, leaf: Node) -> None:
        """After an answer: the next returned item while working through those, else the next."""
        if leaf.id in self.worklist:
            position = self.worklist.index(leaf.id)
            if position + 1 < len(self.worklist):
                self.show(self.checklist.by_id[self.worklist[position + 1]])
                return
            still = self.session.returned_items()
            self.worklist = []
            self.say("退回的条目已逐项看过。" + (f"仍为退回（状态和得分未改）：{'、'.join(still)}。" if still else ""))
            todo = self.walk.next_open(returned=False)
            if todo is not None:
                self.show(todo)
            else:
                self._where_next("")
            return
        after = self.walk.after(leaf)
        if after is not None:
            self.show(after)
        else:
            self._where_next("这是最后一项。")

    def _where_next(self, head: str) -> None:
        totals = self.session.totals()
        if totals.complete:
            self.say(f"{head}全部 {totals.leaves} 项都已评估；输入 s 查看汇总，q 退出。")
        else:
            self.say(f"{head}{render.progress_line(self.session)}输入 u 转到未评的条目，s 查看汇总，q 退出。")
