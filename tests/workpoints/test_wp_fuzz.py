"""Whatever bytes come in, the builder either raises ZwgkError or writes a checklist that the
project's own validator accepts and whose points total 100 — never anything else."""

from __future__ import annotations

import tempfile
import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wp_helpers import FIXTURES, SEEDS, leaves

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.checklist import check_checklist
from zwgk_tui.workpoints.build import build_checklist

PIECES = [
    "一、", "二、", "三、", "十一、", "（一）", "(二)", "（三）", "(十)", "1.", "2.", "3、", "4．", "12.",
    "（1）", "(2)", "①", "②", ")", "（", "）", "。", "；", "：", "，", "\n", "\n\n", " ", "\u3000",
    "推进政务公开", "（省政府办公厅牵头，各市州政府负责落实）", "(市财政局负责)", "责任单位：市委宣传部。",
    "年底前", "2021年6月底前", "5个工作日内", "每季度", "不少于2次", "不低于4%", "100%",
    "上述", "本要点", "附件：任务分解表", "工作任务", "具体要求", "责任单位", "市大数据局、各县(市、区)人民政府",
    "关于印发2020年政务公开工作要点的通知", "国办发〔2020〕17号", "2020年4月1日", "2020年政务公开工作要点",
    "现印发给你们，请认真贯彻执行。", "国务院办公厅", "分享到", "https://www.gov.cn/", "第(一)项", "1.5倍",
    "<p>", "</p>", "<table><tr><td>", "</td><td>", "</td></tr></table>", "\x00", "\x1b", "\ud7ff", "\ufeff",
]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(data: bytes, suffix: str = ".txt") -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"input{suffix}"
        source.write_bytes(data)
        try:
            result = build_checklist(source, checklist_id="fuzz", convert=None)
        except ZwgkError as exc:
            assert exc.message and "\n" not in str(exc)
            return
        out = Path(folder) / "out.toml"
        out.write_text(result.toml, "utf-8")
        assert check_checklist(out) == []
        total = sum(leaf["points"] for leaf in leaves(tomllib.loads(result.toml)))
        assert abs(total - 100) < 1e-9
        assert "总分 100" in result.summary()


@SETTINGS
@given(st.binary(max_size=3000))
def test_random_bytes(data):
    _check(data)


@SETTINGS
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=120))
def test_random_documents_made_of_work_point_pieces(pieces):
    text = "".join(pieces)
    _check(text.encode("utf-8", "surrogatepass"))
    _check(text.encode("gb18030", "replace"))


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=80))
def test_random_html(pieces):
    _check(("<html><body>" + "".join(pieces) + "</body></html>").encode("utf-8", "replace"), ".html")


SEED_LINES = {key: path.read_text("utf-8").split("\n") for key, (_, path) in SEEDS.items()}
SEED_LINES["table"] = (FIXTURES / "city_2024_table.txt").read_text("utf-8").split("\n")
for _path in sorted((FIXTURES / "unseen").glob("*.txt")):
    _raw = _path.read_bytes()
    SEED_LINES[_path.stem] = (_raw.decode("utf-8") if _raw.isascii() or _path.stem != "u03_county_2021_gb18030"
                              else _raw.decode("gb18030")).replace("\r", "").split("\n")


@SETTINGS
@given(st.sampled_from(sorted(SEED_LINES)), st.data())
def test_damaged_real_documents(key, data):
    """Lines dropped, repeated, swapped or cut short, and breaks lost: still only ZwgkError."""
    lines = list(SEED_LINES[key])
    for _ in range(data.draw(st.integers(0, 12))):
        if not lines:
            break
        at = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "repeat", "swap", "cut", "join"]))
        if action == "drop":
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        elif action == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif action == "cut":
            lines[at] = lines[at][: data.draw(st.integers(0, max(0, len(lines[at]))))]
        elif action == "join" and at + 1 < len(lines):
            lines[at : at + 2] = [lines[at] + lines[at + 1]]
    _check("\n".join(lines).encode("utf-8", "surrogatepass"))


@SETTINGS
@given(st.sampled_from(sorted(SEED_LINES)), st.data())
def test_damaged_real_documents_with_their_line_breaks_lost(key, data):
    """The same, all on one line (with or without spaces), and in GB18030."""
    lines = [line.strip() for line in SEED_LINES[key]]
    start = data.draw(st.integers(0, len(lines)))
    end = data.draw(st.integers(start, len(lines)))
    del lines[start : start + data.draw(st.integers(0, 3))]
    joiner = data.draw(st.sampled_from(["", " ", "\u3000"]))
    text = "\n".join(lines[:start]) + "\n" + joiner.join(lines[start:end]) + "\n" + "\n".join(lines[end:])
    _check(text.encode(data.draw(st.sampled_from(["utf-8", "gb18030"])), "replace"))


_CJK = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 400)) + "局委办厅部门政府牵头负责配合落实公开年月日前内底"
_TEXT = st.text(alphabet=_CJK + "（）()、，,。；;：:一二三十1234567890.% \n\u3000《》“”", max_size=2000)


@SETTINGS
@given(_TEXT)
def test_random_chinese_text(text):
    _check(text.encode("utf-8"))
    _check(("2021年某县政务公开工作要点\n一、加强公开\n（一）推进公开。" + text).encode("utf-8"))


# -- big inputs: nothing may blow up (regex backtracking, quadratic scans) -------------------
def _seeds_one_line() -> str:
    return 2 * "".join(line.strip() for key in sorted(SEEDS) for line in SEED_LINES[key])


def _run_together_table() -> str:
    rows = "".join(f"{k}推进第{k}项公开工作按季度公开相关信息。市财政局市第{k}局、各县（市、区）人民政府"
                   f"2021年{k % 12 + 1}月底前" for k in range(1, 2300))
    return "2021年某市政务公开工作要点一、加强公开（一）推进第1项公开工作。序号工作任务具体要求牵头单位配合单位完成时限" + rows


def _markers_and_parens() -> str:
    import random

    rnd = random.Random(7)
    pieces = ["（", "）", "(", ")", "1.", "一、", "（一）", "、", "局", "市", "负责", "牵头", "。", "；", "各", "办",
              "和", "由", "责任单位：", "完成时限：", "年底前", "不少于", "2", "%", "上述", "本要点", "附件：", " "]
    return "2020年某市政务公开工作要点一、加强公开" + "".join(rnd.choice(pieces) for _ in range(50000))


@pytest.mark.parametrize("make", [_seeds_one_line, _run_together_table, _markers_and_parens])
def test_a_200_kb_one_line_document_builds_in_seconds(make):
    """A normal document builds in well under a second (see README.md for the numbers);
    this bound only catches a blow-up, which would take minutes."""
    data = make().encode("utf-8")
    assert len(data) >= 150_000
    started = time.perf_counter()
    _check(data)
    assert time.perf_counter() - started < 8
