"""The hostile corpus on disk (generated once per test session, see ``hostile_corpus.py``)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

# pytest runs with --import-mode=importlib: this folder goes on sys.path for its helpers
sys.path.insert(0, str(Path(__file__).resolve().parent))

import hostile_corpus as corpus
from hostile_run import MINI, Corpus


def _sound_export(folder: Path, mini: Path) -> Path:
    from zwgk_tui.model.assessment.saver import SyncSaver
    from zwgk_tui.model.assessment.session import Assessment
    from zwgk_tui.model.assessment.submit import export
    from zwgk_tui.model.checklist import load_checklist

    checklist = load_checklist(mini)
    draft = folder / "draft.toml"
    session = Assessment.open(checklist, draft, unit="正常单位", assessor="评估人", saver=SyncSaver())
    for leaf, status in zip(checklist.leaves, ("met", "partial", "unmet", "met", "na"), strict=False):
        session.set_status(leaf.id, status)
        session.add_evidence(leaf.id, f"https://example.gov.cn/{leaf.id}")
    session.set_note(checklist.leaves[0].id, "说明")
    session.review(checklist.leaves[1].id, "adjust", status="met", reason="复核", reviewer="复核人")
    session.close()
    good = folder / "good" / "正常单位.toml"
    good.parent.mkdir()
    return export(draft, good, checklist).path


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("hostile")
    checklist_dir = root / "checklists"
    checklist_dir.mkdir()
    mini = checklist_dir / "mini.toml"
    shutil.copyfile(MINI, mini)
    good = _sound_export(root, mini)
    inbox = root / "inbox"
    inbox.mkdir()
    scores = []
    for name, data in corpus.score_files(good.read_bytes()):
        (inbox / name).write_bytes(data)
        scores.append(inbox / name)
    specials = corpus.plant_specials(inbox, good.read_bytes())
    scores.extend(specials)
    lists = root / "lists"
    lists.mkdir()
    checklists = []
    for name, data in corpus.checklists(MINI.read_bytes()):
        (lists / name).write_bytes(data)
        checklists.append(lists / name)
    lists_specials = lists / "specials"
    lists_specials.mkdir()
    checklists.extend(corpus.plant_specials(lists_specials, MINI.read_bytes()))
    return Corpus(root, scores, checklists, inbox, checklist_dir, mini, good, specials)
