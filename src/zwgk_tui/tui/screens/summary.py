"""The summary: totals by section, the grade, the items still open, and export."""

from __future__ import annotations

from pathlib import Path

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.queries import number, progress_text, totals_sentence
from zwgk_tui.textsafe import one_line, pad, truncate
from zwgk_tui.tui.bindings import bindings
from zwgk_tui.tui.screens.jump_list import JumpListScreen

DEFAULT_DESTINATION = "~"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def headline(session: Assessment) -> str:
    """The totals sentence (model/queries, as the plain mode says it) and the progress."""
    totals = session.totals()
    extra = f"；加分 {number(totals.bonus)} 分" if totals.bonus_uncapped else ""
    return f"{totals_sentence(totals)}\n{progress_text(totals)}{extra}"


class SummaryScreen(JumpListScreen):
    """Dismisses with the id of an item to jump to, or None."""

    BINDINGS = bindings("summary")

    def __init__(self, session: Assessment) -> None:
        super().__init__()
        self.session = session

    def head(self) -> str:
        scores = self.session.scores
        return f"汇总 · {one_line(scores.unit)} · {one_line(self.session.checklist.title)}\n{headline(self.session)}"

    def rows(self, columns: int) -> None:
        totals = self.session.totals()
        figures = 24
        title_room = max(columns - figures - 4, 10)
        self.heading(pad("部分", title_room + 2) + pad("得分/满分", 13) + pad("得分率", 6) + " 已评")
        for section in self.session.checklist.sections:
            t = totals.nodes[section.id]
            title = truncate(one_line(f"{section.id} {section.title}"), title_room)
            score = f"{number(t.earned)}/{number(t.maximum)}" if t.maximum else "—"
            self.row(pad(title, title_room + 2) + pad(score, 13) + pad(_percent(t.percent), 6)
                     + f" {t.answered}/{t.leaves}", section.id)
        for label, ids in (("未评", totals.unanswered), ("未达标", totals.unmet),
                           ("退回", self.session.returned_items())):
            self.heading(f"{label}（{len(ids)} 项）" + ("  Enter 跳到条目" if ids else ""))
            for item_id in ids:
                node = self.session.checklist.by_id[item_id]
                self.row("  " + truncate(one_line(f"{node.id} {node.title}"), columns - 4), item_id)

    # ------------------------------------------------------------------ export

    def action_export(self) -> None:
        from zwgk_tui.tui.dialogs.confirm import ConfirmDialog, MessageDialog
        from zwgk_tui.tui.dialogs.entry import EntryDialog

        session = self.session
        if not session.read_only and not (session.flush() and session.state.ok):
            self.app.push_screen(MessageDialog("现在不能导出", session.state.error or "评估记录还没有保存到磁盘", error=True))
            return

        def chosen(text: str | None) -> None:
            if text is None or not text.strip():
                return
            destination = Path(text.strip()).expanduser()
            unanswered = len(session.totals().unanswered)
            if unanswered:
                self.app.push_screen(
                    ConfirmDialog(f"还有 {unanswered} 项未评，仍要导出吗？",
                                  "上级收到的将是未评完的记录；通常应评完再导出。", yes="仍然导出", no="不导出"),
                    lambda yes: yes and self._export(destination, allow_incomplete=True))
            else:
                self._export(destination, allow_incomplete=False)

        self.app.push_screen(EntryDialog(
            "导出评估记录交上级", DEFAULT_DESTINATION,
            hint="文件路径，或已有的文件夹（按单位名命名文件）；~ 是本人主目录",
        ), chosen)

    def _export(self, destination: Path, *, allow_incomplete: bool) -> None:
        from zwgk_tui.model.assessment.submit import export
        from zwgk_tui.tui.dialogs.confirm import MessageDialog

        try:
            result = export(self.session.path, destination, self.session.checklist,
                            allow_incomplete=allow_incomplete, session=self.session)
        except ZwgkError as exc:
            self.app.push_screen(MessageDialog("导出失败", str(exc), error=True))
            return
        self.app.push_screen(MessageDialog(
            "已导出" if result.written else "没有变化", "\n".join(result.lines()) +
            "\n\n请把这个文件交给上级；之后若再修改，需要重新导出。"))

