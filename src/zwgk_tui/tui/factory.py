"""The one way into the app: ``zwgk``, ``zwgk assess``, ``zwgk review`` (through launch.py)
and the tests all build it here, so that what the tests drive is what a user runs.

With an assessment or a review to open, the file is opened here, before any screen is
taken over: a file that cannot be read raises ZwgkError (the command prints one line and
exits 2). Everything after that — another session's lock, checklist drift, carried
answers, returned items — is the app's own open flow (``flow.OpenFlow``), the same one an
assessment picked on the start screen goes through.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_tui.model.checklist import Checklist
from zwgk_tui.tui.app import ZwgkApp
from zwgk_tui.tui.flow import AssessTarget, Opening, begin
from zwgk_tui.tui.keymap import load_config


@dataclass(frozen=True, slots=True)
class ReviewTarget:
    """``zwgk review``: which file, against which checklist, by whom."""

    checklist: Checklist
    scores_path: Path
    reviewer: str
    read_only: bool = False
    store: Path | None = None          # --reviews: the review store folder (default: data dir)
    return_to: Path | None = None      # --return-to: where the returned copy is written


@dataclass(slots=True)
class Setup:
    """Everything the App needs, decided before it starts."""

    checklist_dirs: list[Path] = field(default_factory=list)
    target: AssessTarget | None = None   # None: the start screen
    review: ReviewTarget | None = None   # the review screen instead of the assessment
    opening: Opening | None = None       # how far opening the target got before the app
    ascii_only: bool = False
    theme: str = "default"
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    mouse: bool = False


def make_app(
    *,
    target: AssessTarget | None = None,
    review: ReviewTarget | None = None,
    checklist_dirs: Iterable[str | Path] = (),
    ascii_only: bool = False,
    theme: str | None = None,
    config_path: Path | None = None,
) -> ZwgkApp:
    """Command-line options win over the config file; the config file over the defaults.

    Raises ZwgkError (file untouched) when the target cannot be opened at all."""
    opening = None
    if review is not None:
        from zwgk_tui.tui.review_flow import begin_review

        opening = begin_review(review)
    elif target is not None:
        opening = begin(target)
    try:
        config = load_config(config_path)
        setup = Setup(
            checklist_dirs=[Path(p) for p in checklist_dirs],
            target=target,
            review=review,
            opening=opening,
            ascii_only=ascii_only or config.ascii,
            theme=theme or config.theme or "default",
            keymap=config.keymap,
            problems=config.problems,
            mouse=config.mouse,
        )
        return ZwgkApp(setup)
    except BaseException:
        if opening is not None and opening.session is not None:
            opening.session.close()
        raise
