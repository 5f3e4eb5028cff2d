"""Finding checklists: bundled ones, folders given by the user, and the one a score file names."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.checklist.tree import Checklist, decode_toml, load_checklist
from zwgk_tui.model.paths import bundled_checklists_dir


@dataclass(frozen=True, slots=True)
class Entry:
    """What the start screen lists about a checklist, read without building its tree."""

    path: Path
    id: str
    title: str
    year: int | None
    issuer: str


def checklist_dirs(extra: Iterable[str | Path] = ()) -> list[Path]:
    return [bundled_checklists_dir(), *(Path(p).expanduser() for p in extra)]


def entries(extra: Iterable[str | Path] = ()) -> list[Entry]:
    """Every readable checklist in the bundled folder and the given folders (one level)."""
    found: list[Entry] = []
    seen: set[Path] = set()
    for folder in checklist_dirs(extra):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                resolved = path.resolve()
            except (OSError, RuntimeError):  # a symlink loop
                continue
            if resolved in seen:
                continue
            seen.add(resolved)
            entry = _entry(path)
            if entry is not None:
                found.append(entry)
    return found


def _entry(path: Path) -> Entry | None:
    """A checklist folder may be shared: read through the guarded reader (a FIFO or device
    named ``*.toml`` is skipped, never opened for a blocking read)."""
    from zwgk_tui.model.checklist.reading import MAX_CHECKLIST_BYTES
    from zwgk_tui.model.untrusted import Unreadable, read_untrusted

    try:
        data, _ = read_untrusted(path, MAX_CHECKLIST_BYTES, follow=True, what="清单文件")
        doc, _ = decode_toml(data, path)
    except (Unreadable, ZwgkError):
        return None
    if not isinstance(doc, dict) or doc.get("format") != "zwgk-checklist":
        return None
    year = doc.get("year")
    return Entry(
        path=path,
        id=str(doc.get("id", path.stem)),
        title=str(doc.get("title", "")),
        year=year if isinstance(year, int) else None,
        issuer=str(doc.get("issuer", "")),
    )


def resolve(name: str | Path, extra: Iterable[str | Path] = ()) -> Checklist:
    """A checklist by path, by id, or by a unique part of its id or title."""
    path = Path(name).expanduser()
    if path.exists() or path.suffix == ".toml" or "/" in str(name):
        return load_checklist(path)
    known = entries(extra)
    exact = [e for e in known if e.id == str(name)]
    if not exact:
        exact = [e for e in known if str(name) in e.id or str(name) in e.title]
    if len(exact) == 1:
        return load_checklist(exact[0].path)
    listing = "、".join(e.id for e in known) or "（没有）"
    if not exact:
        raise ZwgkError(f"找不到清单 {name!r}；可用的清单：{listing}")
    raise ZwgkError(f"{name!r} 对应多份清单：" + "、".join(e.id for e in exact))


def for_scores(
    checklist_id: str, sha256: str, checklist_path: str = "", extra: Iterable[str | Path] = ()
) -> Checklist | None:
    """The checklist a score file was made against: its recorded path, else by id."""
    candidates: list[Path] = []
    if checklist_path:
        candidates.append(Path(checklist_path))
    same_id = [e.path for e in entries(extra) if e.id == checklist_id]
    candidates.extend(same_id)
    fallback: Checklist | None = None
    for path in candidates:
        try:
            checklist = load_checklist(path)
        except ZwgkError:
            continue
        if checklist.id != checklist_id:
            continue
        if checklist.sha256 == sha256:
            return checklist
        fallback = fallback or checklist
    return fallback
