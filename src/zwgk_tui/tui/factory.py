"""The one place the App is built: by launch.py for the command line and by the tests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import Checklist
from zwgk_tui.tui.app import ZwgkApp
from zwgk_tui.tui.flow import AssessTarget
from zwgk_tui.tui.keymap import load_config


@dataclass(frozen=True, slots=True)
class ReviewSetup:
    """``zwgk review``: which file, against which checklist, by whom."""

    checklist: Checklist
    scores_path: Path
    reviewer: str
    submission: str
    read_only: bool = False
    held_by: str = ""          # the file could not be opened: who holds its lock


@dataclass(slots=True)
class Setup:
    """Everything the App needs, decided before it starts."""

    checklist_dirs: list[Path] = field(default_factory=list)
    target: AssessTarget | None = None   # None: the start screen
    session: Assessment | None = None    # already opened by the caller (else the app opens it)
    review: ReviewSetup | None = None    # the review screen instead of the assessment
    ascii_only: bool = False
    theme: str = "default"
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    mouse: bool = False


def make_app(
    *,
    target: AssessTarget | None = None,
    session: Assessment | None = None,
    review: ReviewSetup | None = None,
    checklist_dirs: Iterable[str | Path] = (),
    ascii_only: bool = False,
    theme: str | None = None,
    config_path: Path | None = None,
) -> ZwgkApp:
    """Command-line options win over the config file; the config file over the defaults."""
    config = load_config(config_path)
    setup = Setup(
        checklist_dirs=[Path(p) for p in checklist_dirs],
        target=target,
        session=session,
        review=review,
        ascii_only=ascii_only or config.ascii,
        theme=theme or config.theme or "default",
        keymap=config.keymap,
        problems=config.problems,
        mouse=config.mouse,
    )
    return ZwgkApp(setup)
