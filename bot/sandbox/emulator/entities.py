"""Message entities and HTML character references, as Telegram's HTML mode knows them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

SUPPORTED_TAGS = frozenset(
    {
        *("a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins"),
        *("tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote"),
    }
)
SIMPLE_TAG_TYPES = {
    **dict.fromkeys(("b", "strong"), "bold"),
    **dict.fromkeys(("i", "em"), "italic"),
    **dict.fromkeys(("s", "strike", "del"), "strikethrough"),
    **dict.fromkeys(("u", "ins"), "underline"),
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_NAMED_REFERENCES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_REFERENCE_RE = re.compile(r"&(?:#[xX]([0-9a-fA-F]{1,7})|#([0-9]{1,8})|([A-Za-z]+));")


@dataclass(frozen=True)
class Entity:
    """A formatting entity; offset and length in UTF-16 code units, as the Bot API."""

    type: str
    offset: int
    length: int
    argument: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The MessageEntity object of the Bot API."""
        data: dict[str, Any] = {"type": self.type, "offset": self.offset, "length": self.length}
        if self.type == "text_link":
            data["url"] = self.argument
        elif self.type == "pre" and self.argument:
            data["language"] = self.argument
        elif self.type == "custom_emoji":
            data["custom_emoji_id"] = self.argument
        return data


def utf16_len(text: str) -> int:
    """Length of text in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def decode_reference(text: str, pos: int) -> tuple[str, int] | None:
    """(character, end) of the character reference at pos: &lt; &gt; &amp; &quot; &#N; &#xN;.

    None for anything else, including a reference without its ";".
    """
    match = _REFERENCE_RE.match(text, pos)
    if match is None:
        return None
    hex_code, dec_code, name = match.groups()
    if name is not None:
        char = _NAMED_REFERENCES.get(name)
        return None if char is None else (char, match.end())
    code = int(hex_code, 16) if hex_code is not None else int(dec_code)
    if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()
