"""A strict checker for the small Telegram HTML subset lesson texts use.

Allowed: <b> <i> <u> <s> <code> without attributes, properly nested and closed, nothing inside
<code>; character references &amp; &lt; &gt; &quot; and numeric ones (&#8805; &#x2265;).
Anything this accepts, Telegram's HTML parse mode (and the sandbox's strict parser) accepts too;
a raw "<" or "&" is always an error here, never shown literally.
"""

from __future__ import annotations

import html
import re

ALLOWED_TAGS = ("b", "i", "u", "s", "code")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?>")
_REFERENCE = re.compile(r"&(?:(amp|lt|gt|quot)|#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,7}));")
_STRIP_TAGS = re.compile(r"</?(?:b|i|u|s|code)>")


def _valid_code_point(decimal: str | None, hexadecimal: str | None) -> bool:
    if decimal is None and hexadecimal is None:
        return True  # a named reference
    code = int(decimal) if decimal is not None else int(hexadecimal or "0", 16)
    return 0 < code < 0x10FFFF and not 0xD800 <= code <= 0xDFFF


def _tag_problems(match: re.Match[str], stack: list[str], at: str) -> list[str]:
    """Problems with one tag; the stack follows every tag, allowed or not, to avoid echoes."""
    closing, name, attributes = match.group(1) == "/", match.group(2), match.group(3)
    shown = f"<{closing * '/'}{name}>"
    problems = []
    if name not in ALLOWED_TAGS and not (closing and stack and stack[-1] == name):
        problems.append(f"tag {shown} {at} is not allowed (only {', '.join(ALLOWED_TAGS)})")
    if attributes and attributes.strip():
        problems.append(f"tag {shown} {at} has attributes; lesson tags take none")
    if not closing:
        if "code" in stack:
            problems.append(f"{shown} {at} is inside <code>, which can't hold formatting")
        stack.append(name)
    elif not stack:
        problems.append(f"{shown} {at} closes nothing")
    elif stack[-1] != name:
        problems.append(f"{shown} {at} closes <{stack[-1]}>: tags must nest")
    else:
        stack.pop()
    return problems


def html_problems(text: str) -> list[str]:
    """What makes text invalid in the subset, each with its character position; [] when valid."""
    problems: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        char, at = text[i], f"at character {i}"
        if char == "<":
            tag = _TAG.match(text, i)
            if tag is None:
                problems.append(f'stray "<" {at}: write "&lt;" for a literal "<"')
                i += 1
                continue
            problems += _tag_problems(tag, stack, at)
            i = tag.end()
        elif char == "&":
            ref = _REFERENCE.match(text, i)
            if ref is None or not _valid_code_point(ref.group(2), ref.group(3)):
                found = text[i : i + 10].split(" ")[0]
                problems.append(
                    f'unsupported "{found}" {at}: only &amp; &lt; &gt; &quot; and &#N; '
                    '(escape a literal "&" as "&amp;")'
                )
                i += 1
                continue
            i = ref.end()
        else:
            i += 1
    problems.extend(f"<{name}> is never closed" for name in reversed(stack))
    return problems


def html_to_text(text: str) -> str:
    """The visible text of valid subset HTML: tags dropped, references decoded."""
    return html.unescape(_STRIP_TAGS.sub("", text))
