"""The evidence of one item: a list with add / edit / delete; each change is saved at once.

An item without evidence opens straight on typing its first entry (the officer pressed ``e``
to record evidence, not to look at an empty list); the list appears once there is an entry.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model import queries
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import Node
from zwgk_tui.textsafe import ECHO_COLUMNS, brief, clean, one_line
from zwgk_tui.tui.bindings import bindings
from zwgk_tui.tui.dialogs.confirm import ConfirmDialog, keys_hint
from zwgk_tui.tui.dialogs.entry import EntryDialog

HINT = "链接、文号、文件路径或说明，一条一项；Enter 保存"


class EvidenceDialog(ModalScreen[None]):
    BINDINGS = bindings("evidence")

    def __init__(self, session: Assessment, node: Node) -> None:
        super().__init__(classes="dialog-screen")
        self.session = session
        self.node = node

    @property
    def entries(self) -> list[str]:
        answer = self.session.answer(self.node.id)
        return list(answer.evidence) if answer is not None else []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide -tall"):
            yield Static(Content(f"佐证材料：{brief(self.node.id + ' ' + self.node.title)}"),
                         classes="dialog-title")
            yield OptionList(id="evidence-list")
            yield Static("", id="evidence-empty", classes="dialog-hint")
            yield Static(keys_hint(self, ("evidence.add", "添加"), ("evidence.edit", "修改"),
                                   ("evidence.delete", "删除"), ("evidence.close", "关闭")),
                         classes="dialog-keys")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()
        if not self.entries and not self.session.read_only:
            self._first_entry()

    def _first_entry(self) -> None:
        """Only the entry box is shown (the empty list stays hidden behind it, undimmed);
        cancelling it closes the evidence dialog too."""
        box = self.query_one(Vertical)
        box.display = False
        self.styles.background = "transparent"

        def added(text: str | None) -> None:
            self.styles.clear_rule("background")
            box.display = True
            self._add(text, then=lambda ok: self._fill(0) if ok else self.dismiss(None))

        self.app.push_screen(self._entry_dialog(), added)

    def _entry_dialog(self) -> EntryDialog:
        return EntryDialog("添加佐证", hint=HINT, placeholder="例如 https://… 或 某政办发〔2026〕1号",
                           context=brief(f"{self.node.id} {self.node.title}"))

    def _add(self, text: str | None, *, then) -> None:
        """Save one new entry, then ``then(added)``. An entry naming a file that is not there
        is saved only when the officer says so; a file that is there is hashed, and said so."""
        if text is None or not text.strip():
            then(False)
            return
        missing = queries.missing_file(text)
        if missing is None:
            then(self._save(text))
            return

        def answered(yes: bool | None) -> None:
            then(bool(yes) and self._save(text, missing=True))

        self.app.push_screen(ConfirmDialog(f"文件不存在：{one_line(str(missing), ECHO_COLUMNS)}",
                                           "仍然保存这条佐证吗？保存时不记录文件（没有可记录的大小和 SHA-256）。",
                                           yes="仍然保存", no="不保存"), answered)

    def _save(self, text: str, *, missing: bool = False) -> bool:
        try:
            self.session.add_evidence(self.node.id, text)
        except ZwgkError as exc:
            self.notify(exc.message, severity="error", markup=False)
            return False
        record = queries.recorded_file(self.session.answer(self.node.id), text)
        if record is not None:
            self.notify(queries.file_words(record), markup=False)
        elif missing:
            self.notify("已保存；文件不存在，没有记录", severity="warning", markup=False)
        return True

    def _fill(self, highlight: int | None = None) -> None:
        listing = self.query_one(OptionList)
        entries = self.entries
        listing.clear_options()
        listing.add_options(Option(Text(f"{i}. {clean(e, keep_newlines=False)}")) for i, e in enumerate(entries, 1))
        empty = self.query_one("#evidence-empty", Static)
        none = "还没有佐证。" if self.session.read_only else "还没有佐证。按 a 添加。"
        empty.update(Content(none if not entries else f"共 {len(entries)} 条"))
        if entries:
            listing.highlighted = min(highlight if highlight is not None else 0, len(entries) - 1)

    def _selected(self) -> int | None:
        index = self.query_one(OptionList).highlighted
        return index if index is not None and index < len(self.entries) else None

    def _guard(self) -> bool:
        if self.session.read_only:
            self.notify("只读打开：不能修改", severity="warning", markup=False)
            return False
        return True

    def action_add(self) -> None:
        if not self._guard():
            return

        def added(text: str | None) -> None:
            self._add(text, then=lambda ok: ok and self._fill(len(self.entries) - 1))

        self.app.push_screen(self._entry_dialog(), added)

    def action_edit(self) -> None:
        index = self._selected()
        if index is None:
            self.action_add()
            return
        if not self._guard():
            return

        def edited(text: str | None) -> None:
            if text is None:
                return
            if not text.strip():
                self._confirm_delete(index)
                return
            try:
                self.session.set_evidence(self.node.id, index, text)
            except ZwgkError as exc:
                self.notify(exc.message, severity="error", markup=False)
            self._fill(index)

        self.app.push_screen(EntryDialog(f"修改第 {index + 1} 条佐证", self.entries[index], hint=HINT), edited)

    def action_delete(self) -> None:
        index = self._selected()
        if index is None or not self._guard():
            return
        self._confirm_delete(index)

    def _confirm_delete(self, index: int) -> None:
        def deleted(yes: bool | None) -> None:
            if yes:
                self.session.remove_evidence(self.node.id, index)
                self._fill(index)

        entry = brief(self.entries[index])
        self.app.push_screen(ConfirmDialog(f"删除第 {index + 1} 条佐证？", entry, yes="删除", no="保留"), deleted)

    def action_close(self) -> None:
        self.dismiss(None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()
