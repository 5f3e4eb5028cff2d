"""A cache of the Rich styles a line-API widget draws with.

Textual clears a widget's own style cache on every ``refresh()``, and a line-API widget
refreshes a line per keystroke; recomputing the styles each time cost more than drawing.
These change only when the theme or the widget's pseudo-classes (focus) change, which is
when Textual calls ``notify_style_update``.
"""

from __future__ import annotations

from rich.style import Style


class CachedStyles:
    """Mixin for Widgets: ``style_for(component, base=...)`` cached until styles change."""

    def style_for(self, name: str | None, base: str | None = None) -> Style:
        cache: dict[tuple[str | None, str | None], Style] = self.__dict__.setdefault("_zwgk_styles", {})
        key = (name, base)
        style = cache.get(key)
        if style is None:
            style = self.rich_style  # type: ignore[attr-defined]
            for part in (base, name):
                if part is not None:
                    style = style + self.get_component_rich_style(part, partial=True)  # type: ignore[attr-defined]
            cache[key] = style
        return style

    def forget_styles(self) -> None:
        self.__dict__["_zwgk_styles"] = {}
