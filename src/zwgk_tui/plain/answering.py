"""The officer's line dialogue (``zwgk assess --plain``): statuses, scores, evidence, comments
and confirmations typed at the prompt, each saved at once."""

from __future__ import annotations

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model import queries
from zwgk_tui.model.checklist import Node
from zwgk_tui.model.scoring import LABELS
from zwgk_tui.plain import render
from zwgk_tui.plain.commands import Command, help_lines, normalise, parse
from zwgk_tui.plain.counts import counts_command
from zwgk_tui.plain.dialogue import Dialogue
from zwgk_tui.plain.evidence import EvidenceCommands
from zwgk_tui.textsafe import brief, one_line


class AssessDialogue(EvidenceCommands, Dialogue):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.worklist: list[str] = []

    def parse(self, line: str) -> Command:
        return parse(line)

    def prompt(self) -> str:
        head = "只读，" if self.session.read_only else ""
        return f"{head}{self.current.id} 请输入："

    def item_lines(self, node: Node) -> list[render.Line]:
        return render.item_lines(self.session, node)

    def short(self, node: Node) -> str:
        return render.short_line(self.session, node)

    def help_lines(self) -> list[str]:
        return help_lines()

    def summary_lines(self) -> list[render.Line]:
        return render.summary_lines(self.session)

    def do_unknown(self, command: Command) -> None:
        text = one_line(command.text or "", 20)
        hint = "；要转到条目请输入 g 编号，打分请在数字后加“分”" if normalise(text)[:1].isdigit() else ""
        self.error(f"不认识的命令“{text}”{hint}；输入 ? 查看全部命令")

    # ---------------------------------------------------------------- where to begin

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
        todo, _ = queries.next_open(self.session, None)
        if todo is None:
            self.say("全部条目都已评估；从第一项开始显示。")
            return
        self.current = self.checklist.by_id[todo]
        if self.checklist.leaf_index(todo) > 0:
            self.say(f"从第一项未完成的条目继续：{todo}。")

    # ---------------------------------------------------------------- answers

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

    def do_note(self, command: Command) -> None:
        leaf = self._leaf(writing=True)
        text = self._text(command.text, "请输入说明（一行）", "说明未修改")
        if not text:
            return
        self.change(self.session.set_note, leaf.id, text)
        self._saved(f"已保存：{leaf.id} 说明：{brief(text)}")

    def do_confirm(self, _: Command) -> None:
        """``y``: the carried answer, or the answer to reworded text, still stands."""
        leaf = self._leaf()
        answer = self.session.answer(leaf.id)
        carried = answer is not None and bool(answer.carried)
        reworded = self.session.reworded(leaf.id)
        if not carried and not reworded:
            self.say(f"{leaf.id} 没有待确认的沿用答案或文字改动。")
            return
        self.change(self.session.confirm_carried, leaf.id)
        what = "沿用的答案" if carried else "文字改动后的答案"
        self._saved(f"已确认：{leaf.id} {what} {LABELS[answer.status if answer else None]}。")
        self._advance(leaf)

    # ---------------------------------------------------------------- moving

    def do_unanswered(self, command: Command) -> None:
        """``u`` / ``U``: the next / previous item unanswered, carried or returned."""
        step = -1 if command.text == "back" else 1
        found, wrapped = self._find(lambda leaf: queries.is_open(self.session.answer(leaf.id)), step)
        if found is None:
            self.say("没有未评、待确认或被退回的条目了。", render.progress_line(self.session))
            return
        if wrapped:
            self.say("已从另一端接着找。")
        self.show(found)

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
            todo, _ = queries.next_open(self.session, None, returned=False)
            if todo is not None:
                self.show(self.checklist.by_id[todo])
            else:
                self._where_next("")
            return
        after = self._step(leaf, 1)
        if after is not None:
            self.show(after)
        else:
            self._where_next("这是筛选中的最后一项。" if self.shown else "这是最后一项。")

    def _where_next(self, head: str) -> None:
        totals = self.session.totals()
        if totals.complete:
            self.say(f"{head}全部 {totals.leaves} 项都已评估；输入 s 查看汇总，q 退出。")
        else:
            self.say(f"{head}{render.progress_line(self.session)}输入 u 转到未评的条目，s 查看汇总，q 退出。")

