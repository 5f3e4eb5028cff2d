"""Generated checklists and score files of any size, for tests and benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

from zwgk_tui.model.assessment.answers import Answer, ScoreFile, now
from zwgk_tui.model.assessment.saver import SyncSaver
from zwgk_tui.model.assessment.serialize import dumps
from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.model.scoring import STATUSES

_PHRASES = (
    "推进决策公开", "加强政策解读", "回应社会关切", "加强政府网站建设", "规范依申请公开",
    "推进基层政务公开标准化规范化", "做好政府信息公开工作年度报告", "加强政务新媒体管理",
)
_NUMERALS = "一二三四五六七八九十"
_DEPARTMENTS = (
    "县政府办公室", "县发展和改革局", "县教育局", "县科学技术局", "县工业和信息化局", "县公安局",
    "县民政局", "县司法局", "县财政局", "县人力资源和社会保障局", "县自然资源和规划局",
    "县生态环境分局", "县住房和城乡建设局", "县交通运输局", "县水利局", "县农业农村局",
    "县商务局", "县文化和旅游广电体育局", "县卫生健康委员会", "县退役军人事务局", "县应急管理局",
    "县审计局", "县市场监督管理局", "县统计局", "县医疗保障局", "县林业局", "县乡村振兴局",
    "县行政审批服务局", "县信访局", "县城市管理综合执法局", "县税务局", "县供电公司",
    "县自来水公司", "县公共资源交易中心", "县融媒体中心", "县残疾人联合会",
)
_TOWNS = (
    "城关镇", "东坝乡", "西河镇", "南山乡", "北岭镇", "青石镇", "柳树湾乡", "白沙镇", "红旗乡",
    "新民镇", "太平镇", "长乐乡", "双河镇", "金鸡乡", "石门镇", "龙泉镇", "凤凰乡", "黄花镇",
    "大营镇", "小河乡", "桃源镇", "三岔河镇", "高坪乡", "马家寨乡",
)


def unit_names(count: int) -> list[str]:
    """``count`` distinct names of a county's departments and townships, as long as real
    ones (县文化和旅游广电体育局); numbered after the first 60."""
    base = _DEPARTMENTS + _TOWNS
    return [base[n % len(base)] + (f"（{n // len(base) + 1}）" if n >= len(base) else "")
            for n in range(count)]


def checklist_text(leaves: int, *, sections: int = 10, checklist_id: str = "synthetic",
                   bonus: frozenset[int] = frozenset(), veto: frozenset[int] = frozenset(),
                   bonus_cap: float | None = None, bonus_points: float = 5) -> str:
    """A valid checklist with ``leaves`` leaf items: sections → items → sub-items. ``bonus``
    and ``veto``: the leaves (1-based, in document order) that are 加分项 (worth
    ``bonus_points``, capped at ``bonus_cap``) or 单项否决."""
    per_section = max(leaves // sections, 1)
    out = [
        'format = "zwgk-checklist"', "version = 1", f'id = "{checklist_id}"',
        f'title = "生成的{leaves}项清单"', "year = 2026", 'issuer = "测试用"', 'doc_number = ""',
        "date = 2026-01-01", 'source = { file = "generated", sha256 = "" }', "",
    ]
    if bonus_cap is not None:
        out += ["[scoring]", f"bonus_cap = {bonus_cap}", ""]
    made = 0
    points = round(100 / max(leaves - len(bonus), 1), 4)
    for s in range(1, sections + 1):
        if made >= leaves:
            break
        out += ["[[sections]]", f'id = "{s}"', f'title = "第{_numeral(s)}部分 {_PHRASES[s % len(_PHRASES)]}"', ""]
        left = leaves - made if s == sections else min(per_section, leaves - made)
        item = 0
        while left > 0:
            item += 1
            subs = min(left, 5)
            out += ["[[sections.items]]", f'id = "{s}.{item}"',
                    f'title = "{_PHRASES[item % len(_PHRASES)]}（{item}）"', f'text = "第{s}部分第{item}项的要求。"', ""]
            for sub in range(1, subs + 1):
                made += 1
                out += [
                    "[[sections.items.items]]", f'id = "{s}.{item}.{sub}"',
                    f'title = "{_PHRASES[(made + sub) % len(_PHRASES)]}任务{made}"',
                    f'text = "第{made}项任务：{_PHRASES[made % len(_PHRASES)]}，年底前完成，不少于{sub}次。"',
                    f'units = ["{"县政府办公室" if made % 3 else "各乡镇"}"]',
                    'deadlines = ["年底前"]', f'targets = ["不少于{sub}次"]',
                    f"points = {bonus_points if made in bonus else points}",
                    *(["bonus = true"] if made in bonus else []), *(["veto = true"] if made in veto else []), "",
                ]
            left -= subs
    return "\n".join(out) + "\n"


def _numeral(n: int) -> str:
    return _NUMERALS[n - 1] if n <= 10 else str(n)


def write_checklist(path: Path, leaves: int, **kwargs) -> Path:
    path.write_text(checklist_text(leaves, **kwargs), encoding="utf-8")
    return path


def write_score_files(checklist_path: Path, folder: Path, count: int, *, seed: int = 1,
                      units: list[str] | None = None, submitted: bool = False,
                      weights: tuple[float, ...] = (6, 2, 1, 1)) -> list[Path]:
    """``count`` complete score files for distinct units against a checklist: statuses drawn
    with ``weights`` (met, partial, unmet, na); ``units``: their names (default 测试单位00000…);
    ``submitted``: marked as ``zwgk export`` marks them (with the digest)."""
    from zwgk_tui.model.assessment.submit import submit
    checklist = load_checklist(checklist_path)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    saver = SyncSaver()
    for n in range(count):
        stamp = now()
        scores = ScoreFile(
            checklist_id=checklist.id, checklist_sha256=checklist.sha256,
            unit=units[n] if units else f"测试单位{n:05d}", assessor=f"评估人{n % 97}",
            created=stamp, updated=stamp,
        )
        for leaf in checklist.leaves:
            status = rng.choices(STATUSES, weights=weights)[0]
            scores.items[leaf.id] = Answer(
                status=status, evidence=[f"https://example.gov.cn/{n}/{leaf.id}"],
                note="已按要求完成。" if status == "met" else "部分完成，正在整改。",
                text_sha256=leaf.text_hash, updated=stamp,
            )
        path = folder / f"unit{n:05d}.toml"
        saver.submit(path, dumps(submit(scores) if submitted else scores).encode("utf-8"))
        paths.append(path)
    return paths
