"""The review summary: self-assessed against reviewed totals and grade, by section too, and
the items accepted, adjusted, returned and not yet reviewed (Enter jumps to one)."""

from __future__ import annotations

from zwgk_tui.model.queries import number, totals_sentence
from zwgk_tui.model.review import session as reviewing
from zwgk_tui.model.review.session import ReviewSession
from zwgk_tui.model.scoring import NodeTotal
from zwgk_tui.textsafe import one_line, pad, truncate
from zwgk_tui.tui.bindings import bindings
from zwgk_tui.tui.screens.jump_list import JumpListScreen


def counts_line(summary: reviewing.ReviewSummary) -> str:
    line = (f"认可 {len(summary.accepted)} 项 · 调整 {len(summary.adjusted)} 项 · "
            f"退回 {len(summary.returned)} 项 · 未复核 {len(summary.unreviewed)} 项")
    if summary.stale:
        line += f"（其中复核后单位已修改 {len(summary.stale)} 项）"
    return line


def _section_figure(t: NodeTotal) -> str:
    return f"{number(t.earned)}/{number(t.maximum)}" if t.maximum else "—"


class ReviewSummaryScreen(JumpListScreen):
    """Dismisses with the id of an item to jump to, or None."""

    BINDINGS = bindings("summary", "summary.back", "summary.help", "summary.quit")
    HELP_REVIEW = True

    def __init__(self, session: ReviewSession, submission: str) -> None:
        super().__init__()
        self.session = session
        self.submission = submission
        self.summary = reviewing.summarize(session)

    def head(self) -> str:
        scores, summary = self.session.scores, self.summary
        return "\n".join([
            f"复核汇总 · {one_line(scores.unit)} · {one_line(self.session.checklist.title)}",
            f"自评：{totals_sentence(summary.own)}",
            f"复核后：{totals_sentence(summary.reviewed)}",
            counts_line(summary),
            f"提交：{self.submission}",
        ])

    def rows(self, columns: int) -> None:
        title_room = max(columns - 30, 10)
        summary = self.summary
        self.heading(pad("部分", title_room + 2) + pad("自评", 14) + "复核后")
        for section in self.session.checklist.sections:
            own, after = summary.own.nodes[section.id], summary.reviewed.nodes[section.id]
            title = truncate(one_line(f"{section.id} {section.title}"), title_room)
            self.row(pad(title, title_room + 2) + pad(_section_figure(own), 14) + _section_figure(after),
                     section.id)
        groups = (("退回", summary.returned), ("调整", summary.adjusted), ("未复核", summary.unreviewed),
                  ("认可", summary.accepted))
        for label, ids in groups:
            self.heading(f"{label}（{len(ids)} 项）" + ("  Enter 跳到条目" if ids else ""))
            for item_id in ids:
                node = self.session.checklist.by_id[item_id]
                found = self.session.current(item_id)
                note = "：" + one_line(found.reason) if found is not None and found.reason else ""
                if self.session.stale(item_id):
                    note = "：复核后单位已修改（" + "，".join(self.session.changes(item_id)) + "），待再次复核"
                text = one_line(f"{node.id} {node.title}{note}")
                self.row("  " + truncate(text, columns - 4), item_id)
