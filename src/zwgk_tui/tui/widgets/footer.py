"""A Footer that repaints only when the keys it shows change.

Textual's Footer rebuilds all its key widgets whenever the screen's bindings signal fires —
on every focus change and every ``refresh_bindings`` — which re-lays out the screen and
sends several kilobytes over SSH even when the footer would look exactly the same (Tab into
the detail pane cost 12 KB and 160 ms on a 2,000-item checklist). The keys shown are
compared first; equal keys mean nothing to do.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class QuietFooter(Footer):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("compact", True)
        kwargs.setdefault("show_command_palette", False)
        super().__init__(**kwargs)
        self._shown: tuple | None = None

    def _signature(self, screen: Screen) -> tuple:
        return tuple(
            (binding.key, binding.action, binding.description, enabled,
             self.app.get_key_display(binding))
            for (_, binding, enabled, _tooltip) in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            signature = self._signature(screen)
            if signature == self._shown and self._bindings_ready:
                return
            self._shown = signature
        super().bindings_changed(screen)
