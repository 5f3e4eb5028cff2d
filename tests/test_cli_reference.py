"""The command reference is generated from the app, and the docs name no option that does not
exist: scripts drive ``zwgk`` through exactly these commands and options."""

from __future__ import annotations

import re
from pathlib import Path

from zwgk_tui.cli.reference import markdown, option_names

ROOT = Path(__file__).resolve().parent.parent
COMMAND_LINE = re.compile(r"(?<![\w/.-])zwgk\s")   # a line that runs zwgk (not zwgk_tui, not zwgk-login)
OPTION = re.compile(r"(?<![\w-])(--?[a-z][a-z0-9-]*)")


def test_docs_cli_md_is_what_the_app_says():
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == markdown(), "docs/cli.md is stale: python -m zwgk_tui.cli.reference > docs/cli.md"


def documented_options() -> dict[str, list[str]]:
    """Options written on lines that run ``zwgk`` in the README and docs/, with where."""
    found: dict[str, list[str]] = {}
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if not COMMAND_LINE.search(line):
                continue
            command = line[COMMAND_LINE.search(line).start():]
            for option in OPTION.findall(command):
                found.setdefault(option, []).append(f"{page.name}:{number}")
    return found


def test_every_option_the_docs_use_exists():
    known = option_names()
    unknown = {opt: where for opt, where in documented_options().items() if opt not in known}
    assert not unknown, f"the docs use options zwgk does not have: {unknown}"


def test_the_check_sees_options_at_all():
    """The scan above would pass vacuously if it found nothing: it must see common options."""
    seen = documented_options()
    assert {"--unit", "--plain", "--roster", "-o"} <= set(seen)
