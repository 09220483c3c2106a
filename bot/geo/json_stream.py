"""Read the members of a large top-level JSON object one at a time, a chunk of text at a time."""

import json
import re
from collections.abc import Iterator
from typing import IO, Any

_CHUNK_CHARS = 1 << 18  # text read from the file at a time
_JSON_MEMBER_KEY = re.compile(r'\s*[{,]\s*"(?:[^"\\]|\\.)*"\s*:\s*')  # '{"123":' or ', "123": '
_JSON_OBJECT_END = re.compile(r"\s*\{?\s*\}\s*\Z")


def json_members(file: IO[str]) -> Iterator[Any]:
    """Values of the top-level JSON object in file, decoded one member at a time.

    Holds a chunk of text and one decoded value at a time, never the whole document.
    """
    decoder = json.JSONDecoder()
    text, position = "", 0
    while True:
        member = member_at(decoder, text, position)
        if member is not None:
            value, position = member
            yield value
            continue
        chunk = file.read(_CHUNK_CHARS)
        if not chunk:
            if _JSON_OBJECT_END.match(text, position):
                return
            raise ValueError(f"Malformed JSON object in {file.name!r} near: {text[:80]!r}")
        text, position = text[position:] + chunk, 0


def member_at(decoder: json.JSONDecoder, text: str, position: int) -> tuple[Any, int] | None:
    """The member value at text[position:] and the index after it; None if text ends first."""
    key = _JSON_MEMBER_KEY.match(text, position)
    if key is None:
        return None
    try:
        return decoder.raw_decode(text, key.end())
    except json.JSONDecodeError:  # the value runs past the end of this chunk
        return None
