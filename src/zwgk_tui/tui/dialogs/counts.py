"""``k``: the counts of a counted item's rules (and whether each part is met), one field each.

↑/↓ (or Tab) move between the rules; typing a number sets the count of the rule the cursor
is on; the line at the bottom says what the counts give ("扣 2 条 × 5 分…：得 3 分，满分 10 分")
as they are typed. Enter (or Ctrl+S) saves; Escape closes, asking first when something
changed. The arithmetic and the wording are the model's (``model/counting.py``).
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from zwgk_tui.model import counting
from zwgk_tui.model.checklist import Node
from zwgk_tui.textsafe import brief, clean, one_line
from zwgk_tui.tui.bindings import bindings
from zwgk_tui.tui.dialogs.confirm import ConfirmDialog, keys_hint

Counted = tuple[list[int], list[bool]]


class CountInput(Input):
    """A count: the first digit typed after the cursor comes to it replaces the number there.

    (Input's select-on-focus does the same only once a refresh has passed; a count typed at
    once after ↓ must not be appended to the old one.)"""

    fresh = True

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self.fresh = True

    async def _on_key(self, event: events.Key) -> None:
        if self.fresh and event.is_printable:
            self.value = ""
        self.fresh = False
        await super()._on_key(event)


class CountsDialog(ModalScreen[Counted | None]):
    """Dismisses with (counts, parts), or None when cancelled."""

    BINDINGS = bindings("counts")
    DEFAULT_CSS = """
    CountsDialog .counts-row { height: auto; margin-top: 1; }
    CountsDialog .counts-label { width: 1fr; height: auto; }
    CountsDialog #counts-rows { height: auto; max-height: 14; }
    """

    def __init__(self, node: Node, counts: list[int] | None, parts: list[bool] | None) -> None:
        super().__init__(classes="dialog-screen")
        self.node = node
        self.initial = [str(n) for n in counting.counts_for(node, counts)] + [
            "1" if met else "0" for met in counting.parts_for(node, parts)]

    def compose(self) -> ComposeResult:
        node = self.node
        with Vertical(classes="dialog -wide"):
            yield Static(Content("评分细则计数"), classes="dialog-title")
            yield Static(Content(one_line(f"{node.id} {node.title}", 80)), classes="dialog-context")
            with VerticalScroll(id="counts-rows"):
                for index, rule in enumerate(node.rules):
                    unit = "有 1 / 没有 0" if rule.one_off else f"{rule.per}数"
                    with Horizontal(classes="counts-row"):
                        yield Static(Content(clean(f"细则 {index + 1}：{brief(rule.text)}"
                                                   f"（{counting.rule_label(rule)}）{unit}：")), classes="counts-label")
                        yield self._input(index)
                for offset, part in enumerate(node.parts):
                    index = len(node.rules) + offset
                    with Horizontal(classes="counts-row"):
                        yield Static(Content(clean(f"细则 {index + 1}：{brief(part.text)}（占 "
                                                   f"{counting.num(part.share * 100)}%）符合 1 / 不符合 0：")),
                                     classes="counts-label")
                        yield self._input(index)
            yield Static("", id="counts-result", classes="dialog-hint")
            yield Static("", id="counts-error", classes="dialog-error")
            yield Static(Content("输入数字  ·  ") + keys_hint(self, ("counts.up", "上一条"), ("counts.down", "下一条"),
                                                          ("counts.save", "保存（或 Enter）"), ("counts.cancel", "取消")),
                         classes="dialog-keys")

    AUTO_FOCUS = "#count-0"

    def _input(self, index: int) -> CountInput:
        field = CountInput(self.initial[index], placeholder="0", id=f"count-{index}", type="integer", compact=True)
        field.cursor_blink = False
        return field

    def on_mount(self) -> None:
        self.set_focus(self._field(0))  # at once: a number typed right after k must not be lost
        self._show_result()

    def _field(self, index: int) -> Input:
        return self.query_one(f"#count-{index}", Input)

    def _values(self) -> list[str]:
        return [self._field(i).value.strip() for i in range(len(self.initial))]

    def _read(self) -> tuple[Counted | None, str]:
        counts: list[int] = []
        parts: list[bool] = []
        for index, text in enumerate(self._values()):
            amount = int(text) if text.isdigit() else 0 if not text else -1
            try:
                counts, parts = counting.with_entry(self.node, counts, parts, index, amount)
            except ValueError as exc:
                return None, str(exc)
        return (counts, parts), ""

    def _show_result(self) -> None:
        found, error = self._read()
        result = counting.describe(self.node, *found) if found is not None else ""
        self.query_one("#counts-result", Static).update(Content(f"得分：{result}" if result else ""))
        self.query_one("#counts-error", Static).update(Content(error))

    @on(Input.Changed)
    def _changed(self) -> None:
        self._show_result()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def _focused_index(self) -> int:
        focused = self.focused
        if isinstance(focused, Input) and focused.id and focused.id.startswith("count-"):
            return int(focused.id.removeprefix("count-"))
        return 0

    def action_move(self, step: int) -> None:
        index = (self._focused_index() + step) % len(self.initial)
        self.set_focus(self._field(index))  # at once: the number typed next goes to this rule

    def action_save(self) -> None:
        found, error = self._read()
        if found is None:
            self.query_one("#counts-error", Static).update(Content(error))
            return
        self.dismiss(found)

    def action_cancel(self) -> None:
        if self._values() == self.initial:
            self.dismiss(None)
            return

        def discard(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("放弃刚才输入的计数？", yes="放弃", no="继续输入"), discard)
