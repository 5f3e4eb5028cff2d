"""Evidence at the prompt: add (asking first when it names a file that is not there), list
with what was recorded of each file, delete; and the comment's deletion (``d c``)."""

from __future__ import annotations

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model import queries
from zwgk_tui.plain.commands import Command, normalise
from zwgk_tui.plain.runner import ask_yes_no
from zwgk_tui.textsafe import brief, one_line


class EvidenceCommands:
    """Mixed into the officer's dialogue (needs ``_leaf``, ``change``, ``_saved`` …)."""

    def do_evidence(self, command: Command) -> None:
        leaf = self._leaf(writing=True)
        text = self._text(command.text, "请输入佐证材料（链接、文号或文件路径）", "佐证未添加")
        if not text:
            return
        missing = queries.missing_file(text)
        if missing is not None:
            self.say(f"注意：文件不存在：{missing}")
            if not ask_yes_no(self.console, "仍然保存这条佐证（不记录文件）？输入 y 保存，n 不保存："):
                self.say("没有保存这条佐证。")
                return
        self.change(self.session.add_evidence, leaf.id, text)
        answer = self.session.answer(leaf.id)
        record = queries.recorded_file(answer, text)
        extra = f"；{queries.file_words(record)}" if record is not None else ""
        extra += "；文件不存在，没有记录" if missing is not None else ""
        self._saved(f"已保存：{leaf.id} 佐证 {len(answer.evidence)}：{brief(text)}{extra}")

    def do_list(self, _: Command) -> None:
        leaf = self._leaf()
        answer = self.session.answer(leaf.id)
        evidence = answer.evidence if answer else []
        self.say(f"{leaf.id} 佐证共 {len(evidence)} 条。")
        for number, text in enumerate(evidence, start=1):
            record = queries.recorded_file(answer, text)
            extra = f"；{queries.file_words(record)}" if record is not None else ""
            if record is None and queries.missing_file(text) is not None:
                extra = "；文件不存在"
            self.console.field(f"佐证 {number}", text + extra)
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
        self._saved(f"已保存：删除了 {leaf.id} 佐证 {target}：{brief(removed)}")
