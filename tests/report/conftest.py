"""Real score files for the report tests: made through Assessment (as the TUI and the plain
mode make them) and exported with the model behind ``zwgk export``; reviews recorded the
way the supervisor's review screen records them (Assessment.review)."""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from zwgk_tui.model.assessment.saver import SyncSaver
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.assessment.submit import export
from zwgk_tui.model.checklist import load_checklist

# The mini checklist (tests/data/mini.toml), written out independently of the model:
# id -> (points, share of points for 基本达标); 2.1.3 is 单项否决; 2.u1 is a 加分项 (cap 3).
MINI_POINTS = {"1.1": (10, 0.5), "1.2": (20, 0.5), "2.1.1": (30, 0.6), "2.1.3": (40, 0.5)}
MINI_SECTIONS = {"1": ("1.1", "1.2"), "2": ("2.1.1", "2.1.3")}
MINI_BONUS = ("2.u1", 5, 0.5, 3)   # id, points, partial share, cap
MINI_VETO = "2.1.3"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def checklist_file(tmp_path, mini_path) -> Path:
    target = tmp_path / "checklists" / "mini.toml"
    target.parent.mkdir()
    target.write_bytes(mini_path.read_bytes())
    return target


@pytest.fixture
def checklist(checklist_file):
    return load_checklist(checklist_file)


@pytest.fixture
def inbox(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.fixture
def make_unit(tmp_path, checklist, inbox):
    """make_unit(unit, {item: status or (status, score)}, notes=…, submit=True) -> the file
    the supervisor received."""
    drafts = tmp_path / "drafts"
    drafts.mkdir(exist_ok=True)
    count = [0]

    def make(unit: str, answers: dict, *, notes: dict | None = None, submit: bool = True,
             folder: Path | None = None, assessor: str = "评估人") -> Path:
        count[0] += 1
        draft = drafts / f"draft{count[0]}.toml"
        session = Assessment.open(checklist, draft, unit=unit, assessor=assessor, saver=SyncSaver())
        for item_id, answer in answers.items():
            status, value = answer if isinstance(answer, tuple) else (answer, None)
            session.set_status(item_id, status)
            if value is not None:
                session.set_score(item_id, value)
            session.add_evidence(item_id, f"https://example.gov.cn/{count[0]}/{item_id}")
        for item_id, note in (notes or {}).items():
            session.set_note(item_id, note)
        session.close()
        target = folder or inbox
        if not submit:
            received = target / f"draft-{count[0]}.toml"
            received.write_bytes(draft.read_bytes())
            return received
        return export(draft, target / f"unit{count[0]:03d}.toml", checklist, allow_incomplete=True).path

    return make


@pytest.fixture
def review(checklist):
    """review(received_file, item, decision, status=…, score_value=…, reason=…): a decision
    in the supervisor's review store, as ``zwgk review`` records it (the file is untouched)."""
    from zwgk_tui.model.review.session import open_review

    def do(path: Path, item_id: str, decision: str, **kwargs) -> None:
        session = open_review(checklist, path, saver=SyncSaver())
        kwargs.setdefault("reviewer", "上级复核人")
        session.review(item_id, decision, **kwargs)
        session.close()

    return do


@pytest.fixture
def zwgk(monkeypatch):
    """Run the real command in this process (its main(): exit statuses included)."""
    from zwgk_tui.cli import main

    def run(*args: str) -> Run:
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "argv", ["zwgk", *map(str, args)])
        code = 0
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        return Run(code, out.getvalue(), err.getvalue())

    return run


HEADER_ROW = 3   # a workbook sheet: title, subtitle, then the column headers


def sheet_table(sheet) -> tuple[list, list[dict]]:
    """A workbook sheet's headers and its data rows as dicts (up to the first empty row,
    after which the legend follows)."""
    header = [c.value for c in sheet[HEADER_ROW]]
    rows = []
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if all(v is None for v in row):
            break
        rows.append(dict(zip(header, row, strict=True)))
    return header, rows


@pytest.fixture(name="sheet_table")
def _sheet_table_fixture():
    return sheet_table


def expected_totals(answers: dict) -> dict:
    """The mini checklist's figures, computed here from the rules as written in the README,
    not by the model: {total, maximum, percent, grade, sections: {id: (earned, maximum)}}."""
    earned = maximum = 0.0
    sections = {}
    for section, ids in MINI_SECTIONS.items():
        s_earned = s_max = 0.0
        for item_id in ids:
            points, share = MINI_POINTS[item_id]
            status, value = _split(answers.get(item_id))
            if status == "na":
                continue
            s_max += points
            if value is not None:
                s_earned += min(value, points)
            elif status == "met":
                s_earned += points
            elif status == "partial":
                s_earned += points * share
        sections[section] = (s_earned, s_max)
        earned += s_earned
        maximum += s_max
    bonus_id, bonus_points, bonus_share, cap = MINI_BONUS
    status, value = _split(answers.get(bonus_id))
    bonus = 0.0
    if value is not None and status not in (None, "na"):
        bonus = min(value, bonus_points)
    elif status == "met":
        bonus = bonus_points
    elif status == "partial":
        bonus = bonus_points * bonus_share
    bonus = min(bonus, cap)
    total = earned + bonus
    percent = 100 * total / maximum if maximum else None
    if _split(answers.get(MINI_VETO))[0] == "unmet":
        grade = "不合格"
    elif percent is None:
        grade = "—"
    else:
        grade = next(g for g, m in (("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)) if percent >= m)
    return {"total": total, "maximum": maximum, "percent": percent, "grade": grade,
            "sections": sections}


def _split(answer):
    if answer is None:
        return None, None
    return answer if isinstance(answer, tuple) else (answer, None)


@pytest.fixture
def expect():
    """The independent computation above, for the tests."""
    return expected_totals


# ---------------------------------------------------------------- next year's checklist

BUNDLED = Path(__file__).resolve().parents[2] / "checklists"


def bundled(name: str) -> Path:
    path = BUNDLED / f"{name}.toml"
    if not path.exists():
        pytest.skip(f"bundled checklist {name} not present")
    return path


@dataclass
class NextYear:
    """A realistic next-year checklist and what was done to make it."""

    path: Path
    moved: dict[str, str]        # old leaf id -> new id (renumbered, same wording)
    reworded: list[str]          # leaves whose wording changed, same id
    inserted: str                # the new item that pushed the others down
    removed: str                 # an old leaf with no successor
    points: str                  # a leaf whose points changed (same id and wording)


def make_next_year(source: Path, target: Path, *, split_first: bool = False) -> NextYear:
    """Next year's version of ``source``: the years in the text move on, a new item comes first
    in one section (renumbering every item after it), one item elsewhere is reworded, one
    is dropped, one is worth a point more. ``split_first``: the new item is a near copy of
    the one it pushes down (a document that splits an item in two)."""
    import re
    import tomllib

    import rtoml

    doc = tomllib.loads(source.read_text("utf-8"))
    year = doc.get("year") or 2026

    def bump(text: str) -> str:
        return re.sub(rf"{year}(?=年)", str(year + 1), text)

    def leaves(node):
        if node.get("items"):
            for child in node["items"]:
                yield from leaves(child)
        else:
            yield node

    def renumber(node, old_prefix: str, new_prefix: str, moved: dict) -> None:
        was = node["id"]
        node["id"] = new_prefix + was[len(old_prefix):]
        if not node.get("items"):
            moved[was] = node["id"]
        for child in node.get("items", []):
            renumber(child, old_prefix, new_prefix, moved)

    doc["id"] = f"{doc['id']}-next"
    doc["year"] = year + 1
    for key in ("title", "preamble", "notice"):
        if isinstance(doc.get(key), str):
            doc[key] = bump(doc[key])
    for section in doc["sections"]:
        for leaf in leaves(section):
            leaf["text"] = bump(leaf.get("text", ""))
    shifted = next(s for s in doc["sections"] if len(s["items"]) >= 3
                   and all(i["id"].rsplit(".", 1)[1].isdigit() for i in s["items"]))
    others = [s for s in doc["sections"] if s is not shifted]
    moved: dict[str, str] = {}
    for item in reversed(shifted["items"]):  # from the end, so no id is taken twice
        prefix, number = item["id"].rsplit(".", 1)
        renumber(item, item["id"], f"{prefix}.{int(number) + 1}", moved)
    first_id = f"{shifted['id']}.{int(shifted['items'][0]['id'].rsplit('.', 1)[1]) - 1}"
    inserted = {"id": first_id, "title": "建立政务公开工作台账",
                "text": "建立政务公开工作台账，按月更新，年底前完成全面梳理。", "points": 2}
    if split_first:
        pushed = next(leaves(shifted["items"][0]))
        inserted["title"] = pushed["title"]
        inserted["text"] = pushed["text"] + "建立工作台账。"
    shifted["items"].insert(0, inserted)
    reworded_leaf = next(leaves(others[0]))
    reworded_leaf["text"] = "切实" + reworded_leaf["text"].strip() + "并按季度通报进展情况。"
    last_section = others[-1]
    removed_leaf = list(leaves(last_section))[-1]
    parent = last_section
    while removed_leaf not in parent["items"]:
        parent = next(i for i in parent["items"] if removed_leaf in list(leaves(i)))
    parent["items"].remove(removed_leaf)
    pointed = list(leaves(others[0]))[-1]
    if pointed is reworded_leaf:
        pointed = next(leaves(others[1]))
    pointed["points"] = pointed.get("points", 1) + 1
    target.write_text(rtoml.dumps(doc, pretty=True), "utf-8")
    return NextYear(target, moved, [reworded_leaf["id"]], first_id, removed_leaf["id"], pointed["id"])


@pytest.fixture
def next_year(tmp_path):
    def make(source: Path, **kwargs) -> NextYear:
        return make_next_year(source, tmp_path / f"{source.stem}-next.toml", **kwargs)

    return make


@pytest.fixture
def bundled_checklist():
    return bundled
