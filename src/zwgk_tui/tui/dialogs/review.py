"""The reason for adjusting or returning an item, with the reviewed status and score.

Plain Inputs, so the terminal's Chinese input method works; Enter in any field (or Ctrl+S)
saves; Escape closes, and asks first when something was typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from zwgk_tui.model.checklist import Node
from zwgk_tui.model.queries import number, status_from_word, status_key
from zwgk_tui.model.scoring import LABELS
from zwgk_tui.textsafe import clean, one_line
from zwgk_tui.tui.bindings import bindings
from zwgk_tui.tui.dialogs.confirm import ConfirmDialog, keys_hint
from zwgk_tui.tui.dialogs.entry import plain_input, select_all


@dataclass(frozen=True, slots=True)
class ReviewInput:
    reason: str
    status: str | None
    score: float | None


def parse_status(text: str) -> tuple[str | None, str]:
    """``1``–``4`` or 达标 … 不适用 → (status, error); empty → (None, "")."""
    text = text.strip()
    if not text:
        return None, ""
    found = status_from_word(text)
    return (found, "") if found else (None, "复核状态请输入 1 到 4（或 达标、基本达标、未达标、不适用），也可以留空")


def parse_score(text: str, points: float | None) -> tuple[float | None, str]:
    text = text.strip().removesuffix("分").strip()
    if not text or points is None:
        return None, ""
    try:
        value = float(text)
    except ValueError:
        return None, f"复核得分请输入 0 到 {points:g} 之间的数字，也可以留空"
    if not 0 <= value <= points:
        return None, f"复核得分应在 0 到 {points:g} 之间"
    return value, ""


class ReviewDialog(ModalScreen[ReviewInput | None]):
    """``decision`` is adjust (``status`` given by the key pressed) or return."""

    BINDINGS = bindings("review-entry")

    def __init__(self, node: Node, decision: str, *, status: str | None = None, self_text: str = "",
                 reason: str = "", review_status: str | None = None, score: float | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.node = node
        self.decision = decision
        self.status = status
        self.self_text = self_text
        self.initial = {"reason": reason, "status": status_key(review_status),
                        "score": "" if score is None else f"{score:g}"}

    @property
    def wants_score(self) -> bool:
        return self.node.points is not None and self.status != "na"

    def compose(self) -> ComposeResult:
        if self.decision == "adjust":
            title = f"调整为 {LABELS[self.status]}：写明理由"
        else:
            title = "退回单位修改：写明理由"
        with Vertical(classes="dialog -wide"):
            yield Static(Content(title), classes="dialog-title")
            yield Static(Content(one_line(f"{self.node.id} {self.node.title}", 80)), classes="dialog-context")
            if self.self_text:
                yield Static(Content(clean(self.self_text)), classes="dialog-context")
            yield plain_input(self.initial["reason"], "理由（必填），如：未附解读材料链接", id="reason")
            if self.decision == "return":
                yield Static(Content("复核状态（可留空）：1 达标  2 基本达标  3 未达标  4 不适用"),
                             classes="dialog-hint")
                yield plain_input(self.initial["status"], "留空：不给出复核状态", id="status")
            if self.wants_score:
                yield Static(Content(f"复核得分（0–{number(self.node.points)}，可留空，留空则按状态计）"),
                             classes="dialog-hint")
                yield plain_input(self.initial["score"], "留空：按状态计分", id="score")
            yield Static("", id="review-error", classes="dialog-error")
            yield Static(Content("Enter 或 ") + keys_hint(self, ("review-entry.save", "保存"),
                                                          ("review-entry.cancel", "取消"))
                         + Content("  ·  Tab 下一栏"), classes="dialog-keys")

    def on_mount(self) -> None:
        select_all(self.query_one("#reason", Input))

    def _value(self, name: str) -> str:
        found = self.query(f"#{name}")
        return found.first(Input).value if found else self.initial[name]

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        reason = clean(self._value("reason"), keep_newlines=False).strip()
        status, error = (self.status, "") if self.decision == "adjust" else parse_status(self._value("status"))
        score, score_error = parse_score(self._value("score"), self.node.points if self.wants_score else None)
        error = error or score_error
        if not reason:
            error = error or "请写明理由：单位会看到它"
        elif score is not None and status is None:
            error = "给出复核得分时，请同时给出复核状态"
        elif status == "na":
            score = None
        if error:
            self.query_one("#review-error", Static).update(Content(error))
            return
        self.dismiss(ReviewInput(reason, status, score))

    def action_cancel(self) -> None:
        if all(self._value(name) == value for name, value in self.initial.items()):
            self.dismiss(None)
            return

        def discard(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("放弃刚才填写的理由？", yes="放弃", no="继续填写"), discard)

