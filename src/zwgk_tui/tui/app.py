"""The App: themes, keymap and the first screen; the work happens in screens/ and flow.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.screen import Screen

from zwgk_tui.tui.themes import CUSTOM

if TYPE_CHECKING:
    from zwgk_tui.model.assessment.session import Assessment
    from zwgk_tui.tui.factory import Setup
    from zwgk_tui.tui.flow import AssessTarget


class ZwgkApp(App[int]):
    TITLE = "zwgk"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (22, "-medium"), (34, "-tall")]

    def __init__(self, setup: Setup) -> None:
        self.setup = setup  # read by get_css_variables() during App.__init__
        super().__init__()
        self.session: Assessment | None = None
        self.opening: Assessment | None = None   # opened, not yet shown (a dialog first)
        self._first_screen_ready = False
        self.error_message = ""
        self._notices: list[tuple[str, str]] = []  # (message, severity) since the last key
        self.animation_level = "none"
        for theme in CUSTOM:
            self.register_theme(theme)
        self.theme = setup.theme
        if self.no_color:
            self._drop_colour()
        if setup.ascii_only:
            from zwgk_tui.tui.ascii import AsciiFilter

            self._filters.append(AsciiFilter())

    def _drop_colour(self) -> None:
        """NO_COLOR means no colour: Textual would draw greys on a forced dark background
        (its Monochrome filter); NoColor keeps the terminal's own foreground and background.
        The highlights colour carried are reverse and bold in the stylesheet (``:nocolor``)."""
        from textual.filter import Monochrome, NoColor

        self._filters[:] = [f for f in self._filters if not isinstance(f, Monochrome)] + [NoColor()]

    @property
    def keymap(self) -> dict[str, str]:
        return dict(self.setup.keymap)

    @property
    def ascii_only(self) -> bool:
        return self.setup.ascii_only

    def get_css_variables(self) -> dict[str, str]:
        variables = super().get_css_variables()
        variables["zwgk-border"] = "ascii" if self.setup.ascii_only else "round"
        variables["zwgk-rule"] = "ascii" if self.setup.ascii_only else "solid"
        variables.setdefault("zwgk-dim", variables.get("text-muted", "#a8a8a8"))
        return variables

    def _display(self, screen: Screen, renderable) -> None:
        """Every update leaves the terminal cursor on the selection (tui/cursor.py): braille
        displays and magnifiers follow it. Textual writes ``cursor_position`` after each
        update; this is the one place it is decided, for every screen and widget."""
        from textual._compositor import CompositorUpdate

        from zwgk_tui.tui.cursor import selection_offset

        if isinstance(renderable, CompositorUpdate):
            offset = selection_offset(self.screen)
            if offset is not None:
                self.cursor_position = offset
        super()._display(screen, renderable)

    def get_key_display(self, binding) -> str:
        from zwgk_tui.tui.bindings import display_key

        return display_key(binding.key)

    def get_default_screen(self) -> Screen:
        """An assessment that opened with nothing to ask is the first screen itself: one
        screen to build and one first frame, instead of a blank screen and then this one.
        Everything else starts on a blank screen and goes through the open flow at mount."""
        from zwgk_tui.tui.flow import nothing_to_ask

        opening, target = self.setup.opening, self.setup.target
        if self.setup.review is not None and opening is not None and opening.session is not None:
            self._first_screen_ready = True
            return self._review_screen(opening.session)
        if self.setup.review is None and target is not None and nothing_to_ask(target, opening):
            from zwgk_tui.tui.screens.assess import AssessScreen

            assert opening is not None and opening.session is not None
            self.session = opening.session
            self._first_screen_ready = True
            return AssessScreen(self.session, ascii_only=self.setup.ascii_only,
                                worklist=self.session.returned_items())
        return super().get_default_screen()

    def on_mount(self) -> None:
        from zwgk_tui.tui.flow import OpenFlow, announce

        if self.setup.ascii_only:
            from zwgk_tui.tui.ascii import use_ascii_scrollbars

            use_ascii_scrollbars(True)
        self.set_keymap(self.setup.keymap)
        for problem in self.setup.problems:
            self.notify(problem, severity="warning", markup=False)
        if self._first_screen_ready:
            assert self.session is not None
            if self.setup.review is None:
                announce(self, self.session)
        elif self.setup.review is not None:
            from zwgk_tui.tui.review_flow import start_review

            assert self.setup.opening is not None
            start_review(self, self.setup.review, self.setup.opening)
        elif self.setup.target is not None:
            OpenFlow(self, self.setup.target, standalone=True).start(self.setup.opening)
        else:
            from zwgk_tui.tui.screens.start import StartScreen

            self.push_screen(StartScreen(self.setup.checklist_dirs))

    # ------------------------------------------------------------------ notices

    @property
    def notices(self) -> list[str]:
        """What the notice line says now (since the last key)."""
        return [message for message, _ in self._notices]

    def notify(self, message: str, *, title: str = "", severity: str = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """A notice in a line under the content until the next key (widgets/notice.py), never
        a toast on a timer; text, never markup."""
        from textual.markup import to_content

        text = to_content(message).plain if markup else message
        self._notices.append((f"{title}：{text}" if title else text, severity))
        self.call_after_refresh(self._show_notices)

    def _show_notices(self) -> None:
        from zwgk_tui.tui.widgets.notice import NoticeLine

        if self._notices and self.is_running and self.screen.is_mounted:
            NoticeLine.on(self.screen).say(self._notices)

    def clear_notifications(self) -> None:
        from zwgk_tui.tui.widgets.notice import NoticeLine

        self._notices.clear()
        for screen in self.screen_stack:
            for line in screen.query(NoticeLine):
                line.clear()

    async def on_event(self, event) -> None:
        """A key ends the notices shown so far (the key's own notices come after)."""
        from textual import events

        if isinstance(event, events.Key) and self._notices:
            self.clear_notifications()
        await super().on_event(event)

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit a full-screen program (it copies in a text field): say how."""
        from zwgk_tui.tui.bindings import current_keys, display_keys

        keys = display_keys(current_keys("app.quit", self.keymap))
        self.notify(f"要退出请按 {keys}（每次修改都已保存）", markup=False)

    def on_unmount(self) -> None:
        if self.setup.ascii_only:
            from zwgk_tui.tui.ascii import use_ascii_scrollbars

            use_ascii_scrollbars(False)

    def open_target(self, target: AssessTarget) -> None:
        from zwgk_tui.tui.flow import OpenFlow

        OpenFlow(self, target, standalone=False).start()

    def show_assessment(self, session: Assessment) -> None:
        from zwgk_tui.tui.screens.assess import AssessScreen

        if self.session is not None and self.session is not session:
            self.session.close()
        self.session = session
        if self.opening is session:
            self.opening = None
        self.push_screen(AssessScreen(session, ascii_only=self.setup.ascii_only,
                                      worklist=session.returned_items()))

    def show_review(self, session) -> None:
        self.push_screen(self._review_screen(session))

    def _review_screen(self, session) -> Screen:
        from zwgk_tui.tui.screens.review import ReviewScreen

        review = self.setup.review
        assert review is not None
        self.session = session
        return ReviewScreen(session, reviewer=review.reviewer,
                            submission=session.submission,
                            ascii_only=self.setup.ascii_only)

    def close_session(self) -> None:
        """Flush and unlock (idempotent): on quit, on SIGHUP/SIGTERM, and after the app ends —
        also a session still waiting behind an opening dialog (drift, carried answers)."""
        for session in (self.session, self.opening):
            if session is not None:
                session.close()

    async def action_quit(self) -> None:
        """Everything is saved already: quitting needs no confirmation (unless saves fail,
        which the assessment screen handles, whichever screen or key asked to quit)."""
        from zwgk_tui.tui.screens.assess import AssessScreen
        from zwgk_tui.tui.screens.review import ReviewScreen

        session = self.session
        if session is not None and not session.read_only and not session.state.ok:
            for screen in self.screen_stack:
                if isinstance(screen, AssessScreen | ReviewScreen):
                    await screen.action_quit()
                    return
        self.quit_now()

    def quit_now(self) -> None:
        self.close_session()
        self.exit(return_code=0)

