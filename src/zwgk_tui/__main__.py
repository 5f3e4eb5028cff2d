"""Allow ``python -m zwgk_tui``."""

from zwgk_tui.cli import main

main()
