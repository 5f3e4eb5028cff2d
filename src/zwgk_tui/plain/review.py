"""``zwgk review --plain``: the supervisor's review as a line dialogue.

Each item is read out with the unit's self-assessment (status, score, evidence and whether
each recorded file is unchanged, comment) and the review so far; the supervisor types ``a``,
``1``–``4`` with a reason, ``r`` with a reason, or ``x``. Every decision is saved at once
(``Assessment.review``); the unit's answers and the submission digest stay as they were.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model import counting, queries
from zwgk_tui.model.assessment.answers import DECISION_LABELS, Answer
from zwgk_tui.model.checklist import Checklist, Node
from zwgk_tui.model.review import session as reviewing
from zwgk_tui.model.review.session import ReviewSession
from zwgk_tui.model.scoring import LABELS, leaf_value
from zwgk_tui.plain import render
from zwgk_tui.plain.commands import Command
from zwgk_tui.plain.console import Console
from zwgk_tui.plain.counts import review_counts_command
from zwgk_tui.plain.dialogue import Dialogue
from zwgk_tui.plain.render import Line
from zwgk_tui.plain.review_commands import parse_review, review_help_lines
from zwgk_tui.plain.runner import NOT_OPENED, ask_yes_no, fail, guarded, open_or_offer, run_session
from zwgk_tui.textsafe import brief, one_line


def run_review(
    checklist: Checklist, scores_path: str | Path, *, reviewer: str, read_only: bool,
    stdin: IO[Any] | None = None, stdout: IO[Any] | None = None, width: int | None = None,
    store: Path | None = None, return_to: Path | None = None,
) -> int:
    """Review one file line by line; the exit status (0: ended saved, 2: a file problem)."""
    console = Console(stdin, stdout, width=width)
    return guarded(stdout, lambda: review(console, checklist, Path(scores_path), reviewer=reviewer,
                                          read_only=read_only, store=store, return_to=return_to))


def review(console: Console, checklist: Checklist, path: Path, *, reviewer: str, read_only: bool,
           store: Path | None = None, return_to: Path | None = None) -> int:
    try:
        session = open_or_offer(console, path, lambda ro: reviewing.open_review(
            checklist, path, read_only=read_only or ro, store=store), whose="这个单位的复核记录")
    except ZwgkError as exc:
        return fail(exc)
    if session is None:
        console.say("没有打开评估记录。")
        return NOT_OPENED
    session.return_to = return_to
    dialogue = ReviewDialogue(console, session, reviewer=reviewer, submission=session.submission)

    def begin() -> None:
        dialogue.introduce()
        dialogue.start()

    def finish(code: int) -> int:
        """The returned copy for the unit, written when the review ends."""
        if session.returned_copy is not None:
            console.say(f"退回文件已写出：{session.returned_copy}（交给单位：zwgk scores receive 这个文件）。")
        elif session.return_to is not None and session.state.error:
            console.say(session.state.error)
            code = code or 1
        return code

    return run_session(console, session, dialogue, begin=begin, saved_at=session.store_path, finish=finish)


class ReviewDialogue(Dialogue):
    KEPT = "复核"
    UNKNOWN_HINT = "输入 ? 查看全部复核命令"

    def __init__(self, console: Console, session: ReviewSession, *, reviewer: str, submission: str) -> None:
        super().__init__(console, session)
        self.reviewer = reviewer
        self.submission = submission
        self.files = reviewing.FileChecks()

    # ---------------------------------------------------------------- reading out

    def introduce(self) -> None:
        checklist, scores = self.checklist, self.session.scores
        self.say(
            "政务公开复核，逐行模式。",
            f"清单：{one_line(checklist.title)}（{one_line(checklist.id)}），共 {len(checklist.leaves)} 项可评估条目。",
            f"单位：{one_line(scores.unit)}；评估人：{one_line(scores.assessor) or '未填'}；复核人：{one_line(self.reviewer) or '未填'}。",
            f"提交：{self.submission_text()}。",
        )
        if self.session.read_only:
            self.say(f"只读打开：可以查看，不能复核。评估记录：{self.session.path}")
        else:
            self.say(f"评估记录：{self.session.path}（单位的文件，不改动）。"
                     f"每个复核决定立即保存在复核记录：{self.session.store_path}。")
        for line in reviewing.opening_notes(self.session):
            self.say(line)
        self.say(self.progress(),
                 "每项先读出单位的自评、佐证和说明。输入 a 认可；输入 1 到 4 调整，后面写理由；"
                 "输入 r 退回，后面写理由。",
                 "输入 ? 查看全部命令，q 退出。")

    def submission_text(self) -> str:
        sub = self.session.scores.submitted
        if sub is None or self.submission == reviewing.DRAFT:
            return self.submission
        extra = "，".join(p for p in (reviewing.when(sub.at), one_line(sub.by)) if p)
        return f"{self.submission}（{extra}）" if extra else self.submission

    def progress(self) -> str:
        total = len(self.checklist.leaves)
        left = len(reviewing.unreviewed(self.session))
        return f"复核进度：已复核 {total - left} 项，共 {total} 项，未复核 {left} 项。"

    def start(self) -> None:
        todo = reviewing.unreviewed(self.session)
        if not todo:
            self.say("全部条目都已复核；从第一项开始显示。")
            return
        self.current = self.checklist.by_id[todo[0]]
        if self.checklist.leaf_index(todo[0]) > 0:
            self.say(f"从第一项未复核的条目开始：{todo[0]}。")

    def prompt(self) -> str:
        head = "只读，" if self.session.read_only else ""
        return f"{head}{self.current.id} 复核："

    def parse(self, line: str) -> Command:
        return parse_review(line)

    def item_lines(self, node: Node) -> list[Line]:
        out: list[Line] = [render.position(self.session, node)]
        if node.is_leaf:
            answer = self.session.answer(node.id)
            out.extend(self.self_lines(node, answer))
            out.extend(self.review_lines(node))
            out.extend(render.points_lines(self.session, node))
        else:
            leaves = list(node.leaves())
            done = sum(1 for leaf in leaves if self.session.decision(leaf.id))
            out.append(("复核进度", f"已复核 {done} 项，共 {len(leaves)} 项"))
            if leaves:
                out.append(f"本条有下级条目，不直接复核。输入 n 转到第一项 {leaves[0].id}。")
        out.extend(render.text_lines(node))
        return out

    def self_lines(self, node: Node, answer: Answer | None) -> list[Line]:
        status = answer.status if answer is not None else None
        out: list[Line] = [("自评", LABELS[status])]
        if answer is None:
            return out
        if answer.score is not None:
            out.append(("自评得分", f"{render.num(answer.score)} 分，手动打分"))
        elif counting.is_counted(node) and status not in (None, "na"):
            out.append(("自评得分", counting.describe(node, answer.counts, answer.parts)))
        elif node.points is not None and status not in (None, "na"):
            out.append(("自评得分", f"{render.num(leaf_value(node, answer, self.checklist) or 0.0)} 分，按状态计"))
        by_index, left = reviewing.evidence_files(answer)
        for number, text in enumerate(answer.evidence, start=1):
            file = f"；文件{self.files.state(by_index[number - 1])}" if number - 1 in by_index else ""
            out.append((f"佐证 {number}", text + file))
        for record in left:
            out.append(("佐证文件", f"{record.path}；文件{self.files.state(record)}"))
        if not answer.evidence and not left:
            out.append(("佐证", "无"))
        out.append(("说明", answer.note) if answer.note.strip() else ("说明", "无"))
        if answer.carried:
            out.append(("沿用待确认", f"答案沿用自上年记录 {one_line(answer.carried)}，单位尚未确认"))
        if self.session.reworded(node.id):
            out.append(("文字已改动", "作答之后清单中本条的文字有改动"))
        return out

    def review_lines(self, node: Node) -> list[Line]:
        review = self.session.stored(node.id)
        claim = self.session.claims.get(node.id)
        claimed: list[Line] = [("文件中另有复核记录", reviewing.claim_text(claim))] if claim else []
        if review is None:
            return [("复核", reviewing.UNREVIEWED), *claimed]
        said = DECISION_LABELS.get(review.decision, review.decision)
        if review.decision == "adjust" or (review.decision == "return" and review.status):
            said += "为" if review.decision == "adjust" else "，复核状态"
            said += LABELS.get(review.status, "未评")
            if review.score is not None:
                said += f"，复核得分 {render.num(review.score)} 分"
        if review.reason.strip():
            said += f"；理由：{one_line(review.reason)}"
        who = "，".join(p for p in (one_line(review.reviewer), reviewing.when(review.at)) if p)
        if who:
            said += f"；复核人：{who}"
        if self.session.current(node.id) is None:
            changed = "，".join(self.session.changes(node.id))
            return [("复核", f"{reviewing.UNREVIEWED}。复核后单位已修改：{changed}；待再次复核"),
                    ("上次复核", said), *claimed]
        return [("复核", said), *claimed]

    def short(self, node: Node) -> str:
        if not node.is_leaf:
            return render.position(self.session, node) + "。本条有下级条目，不直接复核。"
        answer = self.session.answer(node.id)
        status = answer.status if answer is not None else None
        return (f"{render.position(self.session, node)}。自评：{LABELS[status]}，"
                f"复核：{reviewing.decision_word(self.session, node.id)}。")

    # ---------------------------------------------------------------- decisions

    def help_lines(self) -> list[str]:
        return review_help_lines()

    def do_accept(self, _: Command) -> None:
        leaf = self._leaf(writing=True)
        answer = self.session.answer(leaf.id)
        if answer is None or answer.status is None:
            raise ZwgkError(f"{leaf.id} 单位未评，不能认可；可以输入 1 到 4 调整，或 r 退回")
        self.change(self._review, leaf, "accept")
        self._saved(f"已保存：{leaf.id} 认可（{LABELS[answer.status]}）。")
        self._onward(leaf)

    def do_adjust(self, command: Command) -> None:
        leaf = self._leaf(writing=True)
        self._check(leaf, command)
        reason = self._text(command.text, f"请输入调整为{LABELS[command.status]}的理由（必填）", "没有调整")
        if not reason:
            return
        score = None if command.status == "na" else command.score
        self.change(self._review, leaf, "adjust", command.status, score, reason)
        extra = f"，复核得分 {render.num(score)} 分" if score is not None else ""
        self._saved(f"已保存：{leaf.id} 调整为{LABELS[command.status]}{extra}；理由：{brief(reason)}")
        self._onward(leaf)

    def do_counts(self, command: Command) -> None:
        review_counts_command(self, command)

    def do_return(self, command: Command) -> None:
        leaf = self._leaf(writing=True)
        self._check(leaf, command)
        reason = self._text(command.text, "请输入退回理由（必填）", "没有退回")
        if not reason:
            return
        score = None if command.status == "na" else command.score
        self.change(self._review, leaf, "return", command.status, score, reason)
        extra = f"，复核状态{LABELS[command.status]}" if command.status else ""
        self._saved(f"已保存：{leaf.id} 退回{extra}；理由：{brief(reason)}")
        self._onward(leaf)

    def do_clear(self, _: Command) -> None:
        leaf = self._leaf(writing=True)
        stored = self.session.stored(leaf.id)
        if stored is None:
            self.say(f"{leaf.id} 没有复核记录，无需清除。")
            return
        if stored.reason.strip():
            self.console.field("理由", stored.reason)
            if not ask_yes_no(self.console, f"清除 {leaf.id} 的复核（连同上面的理由）？输入 y 清除，n 保留："):
                self.say("已保留复核。")
                return
        self.change(self.session.clear_review, leaf.id)
        self._saved(f"已保存：{leaf.id} 的复核已清除，改回未复核。")

    def do_accept_all(self, _: Command) -> None:
        self._writable()
        ids = reviewing.acceptable(self.session)
        if not ids:
            self.say("没有可以一并认可的条目（未复核且自评完整的）。")
            return
        self.say(f"将认可 {len(ids)} 项：{render.id_list(ids)}。")
        left = [i for i in reviewing.unreviewed(self.session) if i not in ids]
        if left:
            self.say(f"不在其中（未评或沿用待确认，请逐项复核）：{render.id_list(left)}。")
        if not ask_yes_no(self.console, "确认全部认可？输入 y 认可，n 不认可："):
            self.say("没有认可。")
            return
        outcome: tuple[int, str] = (0, "")

        def accept() -> None:
            nonlocal outcome
            outcome = self.session.accept_all(ids, reviewer=self.reviewer)

        self.change(accept)
        done, error = outcome
        if error:
            self.error(f"认可了 {done} 项后停止：{error}")
        if done:
            self._saved(f"已保存：认可了 {done} 项。{self.progress()}")

    def do_unreviewed(self, command: Command) -> None:
        """``u`` / ``U``: the next / previous item without a review that applies."""
        found, wrapped = self._find(self._unreviewed, -1 if command.text == "back" else 1)
        if found is None:
            self.say("没有未复核的条目了。", self.progress())
            return
        if wrapped:
            self.say("已从另一端接着找。")
        self.show(found)

    # ---------------------------------------------------------------- helpers

    def _leaf(self, *, writing: bool = False) -> Node:
        if writing:
            self._writable()
        if not self.current.is_leaf:
            raise ZwgkError(f"{self.current.id} 有下级条目，请在下级条目上复核（输入 n 转到第一项）")
        return self.current

    def _writable(self) -> None:
        if self.session.read_only:
            raise ZwgkError("只读打开：不能复核")

    def _check(self, leaf: Node, command: Command) -> None:
        if command.score is None:
            return
        if leaf.points is None:
            raise ZwgkError(f"条目 {leaf.id} 没有分值，不能给复核得分")
        if command.status is None:
            raise ZwgkError("给出复核得分时，请同时给出复核状态，如 r 2 5分 理由")
        if not 0 <= command.score <= leaf.points:
            raise ZwgkError(f"复核得分应在 0 到 {render.num(leaf.points)} 分之间，{leaf.id} 没有修改")

    def _review(self, leaf: Node, decision: str, status: str | None = None,
                score: float | None = None, reason: str = "") -> None:
        self.session.review(leaf.id, decision, status=status, score_value=score, reason=reason,
                            reviewer=self.reviewer)

    def _unreviewed(self, leaf: Node) -> bool:
        return self.session.decision(leaf.id) is None

    def _onward(self, leaf: Node) -> None:
        """After a decision: the next item not yet reviewed, or say that all are."""
        found, _ = queries.next_leaf(self.checklist, leaf.id, self._unreviewed)
        if found is not None:
            self.show(self.checklist.by_id[found])
        else:
            self.say("全部条目都已复核；输入 s 查看汇总，q 退出。")

    def summary_lines(self) -> list[Line]:
        from zwgk_tui.plain.review_summary import summary_lines

        return summary_lines(self)
