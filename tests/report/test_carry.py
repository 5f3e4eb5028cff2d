"""Carrying last year's answers forward (model.carry) across real checklists: the bundled
ones, and a realistic next-year version of them (renumbered, reworded, items added and
dropped, years moved on)."""

from __future__ import annotations

import difflib
import re
import shutil

import pytest

from zwgk_tui.model.assessment.carry import carry_into
from zwgk_tui.model.assessment.parse import read_scores
from zwgk_tui.model.assessment.saver import SyncSaver
from zwgk_tui.model.assessment.serialize import dumps
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.model.scoring import STATUSES


def assess_all(checklist, path):
    """Last year's assessment: every item answered, its note naming the item."""
    session = Assessment.open(checklist, path, unit="示例县", assessor="张三", saver=SyncSaver())
    for n, leaf in enumerate(checklist.leaves):
        session.set_status(leaf.id, STATUSES[n % 3])
        session.add_evidence(leaf.id, f"https://example.gov.cn/{leaf.id}")
        session.set_note(leaf.id, f"去年的 {leaf.id}")
    session.close()
    return read_scores(path)


def carry(new_checklist, old_path, target):
    session = Assessment.open(new_checklist, target, unit="示例县", assessor="张三", saver=SyncSaver())
    result = carry_into(session, old_path)
    session.close()
    return result, read_scores(target)


def origin(answer) -> str | None:
    """Which old item an answer came from (its note says)."""
    match = re.fullmatch(r"去年的 (\S+)", answer.note) if answer else None
    return match.group(1) if match else None


@pytest.mark.parametrize("split_first", [False, True])
@pytest.mark.parametrize("name", ["2019-guowuyuan", "2018-xiaozhoushan", "2021-liaocheng"])
def test_next_years_answers_follow_their_items(tmp_path, bundled_checklist, next_year, name, split_first):
    old_checklist = load_checklist(bundled_checklist(name))
    old = assess_all(old_checklist, tmp_path / "last-year.toml")
    plan = next_year(old_checklist.path, split_first=split_first)
    new_checklist = load_checklist(plan.path)
    result, new = carry(new_checklist, tmp_path / "last-year.toml", tmp_path / "this-year.toml")

    successor = {leaf.id: plan.moved.get(leaf.id, leaf.id) for leaf in old_checklist.leaves}
    del successor[plan.removed]
    assert plan.reworded[0] in successor and plan.points in successor
    got = {item_id: origin(a) for item_id, a in new.items.items() if a.carried}
    assert got == {new_id: old_id for old_id, new_id in successor.items()}
    assert plan.inserted not in new.items                      # a new item starts empty
    for old_id, new_id in successor.items():                   # status and evidence came along
        assert new.items[new_id].status == old.items[old_id].status
        assert new.items[new_id].evidence == old.items[old_id].evidence
        assert new.items[new_id].carried == f"{old_checklist.id} {old_id}"
    assert len(result.carried) == len(successor) and new.carried_from == "last-year.toml"
    assert new.submitted is None


def test_answers_already_given_this_year_are_kept(tmp_path, bundled_checklist, next_year):
    old_checklist = load_checklist(bundled_checklist("2019-guowuyuan"))
    assess_all(old_checklist, tmp_path / "last-year.toml")
    new_checklist = load_checklist(next_year(old_checklist.path).path)
    target = tmp_path / "this-year.toml"
    first = new_checklist.leaves[1].id
    session = Assessment.open(new_checklist, target, unit="示例县", saver=SyncSaver())
    session.set_status(first, "unmet")
    result = carry_into(session, tmp_path / "last-year.toml")
    session.close()
    assert result.skipped == 1
    assert read_scores(target).items[first].status == "unmet" and not read_scores(target).items[first].carried


def _wording(node) -> str:
    return re.sub(r"(?:19|20)\d\d", "YYYY", "".join(f"{node.title}\n{node.text}".split()))


def test_documents_with_little_in_common_carry_only_what_truly_matches(tmp_path, bundled_checklist):
    old_checklist = load_checklist(bundled_checklist("2017-qinghai"))
    new_checklist = load_checklist(bundled_checklist("2019-guowuyuan"))
    assess_all(old_checklist, tmp_path / "2017.toml")
    result, _ = carry(new_checklist, tmp_path / "2017.toml", tmp_path / "2019.toml")
    assert len(result.carried) <= len(new_checklist.leaves) // 4
    for old_id, new_id in result.carried:
        ratio = difflib.SequenceMatcher(None, _wording(old_checklist.by_id[old_id]),
                                        _wording(new_checklist.by_id[new_id]), autojunk=False).ratio()
        assert ratio >= 0.6, (old_id, new_id, ratio)


def test_without_last_years_checklist_ids_of_another_checklist_mean_nothing(tmp_path, bundled_checklist):
    """The old file names a checklist that is no longer at hand: 1.1 of 2017 is not 1.1 of 2019."""
    copy = tmp_path / "lost" / "qinghai-copy.toml"
    copy.parent.mkdir()
    shutil.copy(bundled_checklist("2017-qinghai"), copy)
    copy.write_text(copy.read_text("utf-8").replace('id = "2017-qinghai"', 'id = "qinghai-lost"', 1), "utf-8")
    old_checklist = load_checklist(copy)
    assess_all(old_checklist, tmp_path / "2017.toml")
    shutil.rmtree(copy.parent)
    new_checklist = load_checklist(bundled_checklist("2019-guowuyuan"))
    result, new = carry(new_checklist, tmp_path / "2017.toml", tmp_path / "2019.toml")
    assert result.carried == []
    assert not any(a.carried for a in new.items.values())


def test_without_last_years_checklist_the_recorded_wording_still_matches(tmp_path, bundled_checklist):
    """Same checklist id, checklist file gone: each answer's recorded text hash finds its item."""
    copy = tmp_path / "lost" / "guowuyuan.toml"
    copy.parent.mkdir()
    shutil.copy(bundled_checklist("2019-guowuyuan"), copy)
    copy.write_text(copy.read_text("utf-8").replace('id = "2019-guowuyuan"', 'id = "gwy-lost"', 1), "utf-8")
    old_checklist = load_checklist(copy)
    assess_all(old_checklist, tmp_path / "old.toml")
    shutil.rmtree(copy.parent)
    reordered = tmp_path / "reordered.toml"
    text = copy_text = bundled_checklist("2019-guowuyuan").read_text("utf-8")
    text = text.replace('id = "2019-guowuyuan"', 'id = "gwy-2"', 1)
    first, second = old_checklist.leaves[0], old_checklist.leaves[1]
    text = text.replace(f'id = "{first.id}"', 'id = "SWAP"', 1).replace(f'id = "{second.id}"', f'id = "{first.id}"', 1)
    text = text.replace('id = "SWAP"', f'id = "{second.id}"', 1)
    assert text != copy_text
    reordered.write_text(text, "utf-8")
    new_checklist = load_checklist(reordered)
    result, new = carry(new_checklist, tmp_path / "old.toml", tmp_path / "new.toml")
    assert origin(new.items[first.id]) == second.id and origin(new.items[second.id]) == first.id
    assert len(result.carried) == len(new_checklist.leaves)


def test_everything_of_an_answer_is_carried_and_what_is_left_is_listed(tmp_path, bundled_checklist, next_year):
    """Status, manual score, evidence with its file record, note; an answer whose item is gone
    is named in the result, and a score over this year's points is said, never dropped silently."""
    old_checklist = load_checklist(bundled_checklist("2019-guowuyuan"))
    proof = tmp_path / "证据.pdf"
    proof.write_bytes(b"%PDF-1.4 proof")
    session = Assessment.open(old_checklist, tmp_path / "old.toml", unit="示例县", saver=SyncSaver())
    first, second = old_checklist.leaves[0], old_checklist.leaves[1]
    session.set_status(first.id, "partial")
    session.set_score(first.id, 4.5)
    session.add_evidence(first.id, str(proof))
    session.set_note(first.id, "说明")
    session.set_status(second.id, "met")
    session.close()
    plan = next_year(old_checklist.path)
    new_checklist = load_checklist(plan.path)
    result, new = carry(new_checklist, tmp_path / "old.toml", tmp_path / "new.toml")
    new_id = plan.moved.get(first.id, first.id)
    answer = new.items[new_id]
    assert (answer.status, answer.score, answer.note) == ("partial", 4.5, "说明")
    assert answer.evidence == [str(proof)] and answer.files[0].path == str(proof.resolve())
    assert answer.carried and "沿用待确认" in "".join(result.lines())
    assert any("状态、得分、佐证、说明" in line for line in result.lines())

    # an old answer for an item that no longer exists is listed by id
    old = read_scores(tmp_path / "old.toml")
    old.items["9.9"] = old.items[second.id]
    (tmp_path / "old2.toml").write_text(dumps(old), encoding="utf-8")
    result, _ = carry(new_checklist, tmp_path / "old2.toml", tmp_path / "new2.toml")
    assert "9.9" in [old_id for old_id, _ in result.unmatched]
    assert any("找不到对应条目" in line and "9.9" in line for line in result.lines())
