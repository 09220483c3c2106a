"""Telegram HTML and keyboards as terminal text."""

from __future__ import annotations

import html
import re
from typing import Any

BOLD, ITALIC, DIM, RESET = "\033[1m", "\033[3m", "\033[2m", "\033[0m"
_TAG = re.compile(r"<(/?)([a-z-]+)[^>]*>")
_STYLES = {"b": BOLD, "strong": BOLD, "i": ITALIC, "em": ITALIC, "code": DIM, "pre": DIM}


def html_to_terminal(text: str, *, color: bool = True) -> str:
    """Bold and italic as ANSI styles (or nothing), other tags dropped, entities unescaped."""

    def replace(match: re.Match[str]) -> str:
        closing, tag = match.group(1), match.group(2)
        if not color or tag not in _STYLES:
            return ""
        return RESET if closing else _STYLES[tag]

    return html.unescape(_TAG.sub(replace, text))


def inline_buttons(markup: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(label, callback_data) of every inline button, in reading order."""
    if not markup or "inline_keyboard" not in markup:
        return []
    return [
        (str(b.get("text", "")), str(b.get("callback_data", "")))
        for row in markup["inline_keyboard"]
        for b in row
        if "callback_data" in b
    ]


def reply_keyboard(markup: dict[str, Any] | None) -> list[str]:
    """Labels of a reply keyboard (the one under the text field), if any."""
    if not markup or "keyboard" not in markup:
        return []
    labels = []
    for row in markup["keyboard"]:
        for b in row:
            labels.append(b if isinstance(b, str) else str(b.get("text", "")))
    return labels


def render_buttons(buttons: list[tuple[str, str]]) -> str:
    """'[1] Yes  [2] No' wrapped to lines of a sensible width."""
    lines, line = [], ""
    for number, (label, _) in enumerate(buttons, start=1):
        cell = f"[{number}] {label}"
        if line and len(line) + len(cell) + 2 > 78:
            lines.append(line)
            line = ""
        line = f"{line}  {cell}" if line else cell
    if line:
        lines.append(line)
    return "\n".join("   " + x for x in lines)
