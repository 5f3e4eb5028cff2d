"""The user's config file (``zwgk_tui.model.paths.config_file()``): theme, ASCII, keymap.

    theme = "high-contrast"      # default | high-contrast | ansi-dark | ansi-light
    ascii = true                 # ASCII borders and status symbols
    mouse = true                 # let the app take the mouse (off by default: the terminal's
                                 # own selection and copy keep working, and no mouse traffic)
    [keymap]
    "status.met" = "a"           # binding id = key(s), comma-separated

A config that cannot be read never stops the app: its problems are shown once, in Chinese.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_tui.model.paths import config_file
from zwgk_tui.tui.bindings import BY_ID
from zwgk_tui.tui.theme_names import THEME_NAMES


@dataclass(slots=True)
class Config:
    theme: str | None = None
    ascii: bool = False
    mouse: bool = False
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_config(path: Path | None = None) -> Config:
    path = path or config_file()
    config = Config()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError) as exc:
        config.problems.append(f"{path}: 无法读取配置文件（{exc}）")
        return config
    except tomllib.TOMLDecodeError as exc:
        config.problems.append(f"{path}: 配置文件有语法错误（{exc}），已按默认设置运行")
        return config
    theme = raw.get("theme")
    if theme is not None:
        if theme in THEME_NAMES:
            config.theme = theme
        else:
            config.problems.append(f"{path}: 没有配色 {theme!r}；可选：{'、'.join(THEME_NAMES)}")
    for key in ("ascii", "mouse"):
        value = raw.get(key, False)
        if isinstance(value, bool):
            setattr(config, key, value)
        else:
            config.problems.append(f"{path}: {key} 应为 true 或 false")
    keymap = raw.get("keymap", {})
    if not isinstance(keymap, dict):
        config.problems.append(f"{path}: [keymap] 应为表")
        keymap = {}
    for binding_id, keys in keymap.items():
        if binding_id not in BY_ID:
            config.problems.append(f"{path}: [keymap] 中没有编号 {binding_id!r}（见帮助中的按键表）")
        elif not isinstance(keys, str) or not keys.strip():
            config.problems.append(f"{path}: [keymap] {binding_id} 应为按键字符串，如 \"a\" 或 \"a,ctrl+a\"")
        else:
            config.keymap[binding_id] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return config
