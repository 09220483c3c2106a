"""Reading the phrase files in tests/domain/phrases/ (one message a line, `#` comments)."""

from __future__ import annotations

from pathlib import Path

PHRASES = Path(__file__).resolve().parent / "phrases"
KEY_HEADING = "# key: "


def lines(name: str) -> list[str]:
    """The messages of one file: one a line, without comments and blank lines."""
    text = (PHRASES / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def keyed_lines(name: str) -> list[tuple[str, str]]:
    """(flag key, message) pairs of a file whose groups start with a `# key: NAME` line."""
    pairs: list[tuple[str, str]] = []
    key = ""
    for raw in (PHRASES / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith(KEY_HEADING):
            key = line.removeprefix(KEY_HEADING)
        elif line and line[0] != "#":
            assert key, f"{name}: a message before the first '{KEY_HEADING}NAME' line"
            pairs.append((key, line))
    return pairs
