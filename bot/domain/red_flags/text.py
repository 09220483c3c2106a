"""Words for the red-flag matcher: message clean-up, sentences, and the phrase pattern language.

A phrase in content/red_flags.yaml is a space-separated list of word slots:

- ``pain``            a word, cleaned up like the user's text ("can't" and "cant" are one word);
- ``swollen/puffy``   any one of these words;
- ``tingl*``          any word starting with "tingl";
- ``@leg_part``       any word of a named word list;
- ``<3-50>``          a number from 3 to 50 inclusive ("4", "3.5", "3,5");
- ``...``             zero to three words of anything (a short gap).

Phrases never cross a sentence boundary (. ! ? ; or a new line).

Typos the `spellings` list does not know are mended against the catalogue's own words
(`mend_typos`): one letter missing, extra or swapped ("brokn", "droopin", "wieght"),
or two catalogue words run together ("chestpain"); never the catalogue's `keep` words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.domain.text import normalize

MAX_GAP = 3  # words a "..." slot may skip
_SENTENCE_BREAK = re.compile(r"(\.(?!\d)|[!?;\n\u2026]+)")
_CLAUSE_BREAK = re.compile(r",(?!\d)|[:()\u2013\u2014]| - ")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+(?:'[^\W\d_]+)*")
_RANGE = re.compile(r"^<(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)>$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")

Spellings = Mapping[tuple[str, ...], tuple[str, ...]]


def clean_tokens(text: str) -> list[str]:
    """Lower-case words and numbers without accents or apostrophes: "Can’t 3,5cm" -> cant 3.5 cm.

    A possessive or "is" ending goes: "calf's" -> calf, "it's" -> it.
    """
    folded = unicodedata.normalize("NFKD", normalize(text))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return [
        token.removesuffix("'s").replace("'", "").replace(",", ".")
        for token in _TOKEN.findall(plain)
    ]


def respell(tokens: Sequence[str], spellings: Spellings) -> list[str]:
    """Replace known variants and typos (longest first): "can not" -> cant, "brethless"."""
    longest = max((len(key) for key in spellings), default=0)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            replacement = spellings.get(tuple(tokens[i : i + size]))
            if replacement is not None:
                out.extend(replacement)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


@dataclass(frozen=True)
class Sentence:
    start: int  # index of its first word in Message.words
    end: int  # one past its last word
    asked: bool  # ended with a question mark


@dataclass(frozen=True)
class Message:
    """A user's text as words, with the sentence each word belongs to."""

    words: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    sentence_of: tuple[int, ...]  # sentence index of each word
    clause_of: tuple[int, ...] = ()  # clause index of each word (commas, dashes and brackets cut)


MIN_MENDED = 5  # shorter words are never mended: too many real words sit one letter apart
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_edit(word: str) -> set[str]:
    """Words one deletion, transposition or insertion away (a wrong letter is not mended:
    "stopped"/"stooped", "slurping"/"slurring" are both real words)."""
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in cuts if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1}
    found |= {a + c + b for a, b in cuts for c in _LETTERS}
    found.discard(word)
    return found


def mend_typos(tokens: Sequence[str], known: frozenset[str], targets: frozenset[str]) -> list[str]:
    """Replace words the catalogue does not know by the one symptom word they misspell.

    `known` is every word of the catalogue; `targets` are the words of 5+ letters that can
    raise a flag (never a training or excuse word, so a typo cannot hide a flag). A word is
    left alone when it is known, short, has digits, or is one edit away from two targets;
    two catalogue words of 4+ letters run together ("chestpain") are split.
    """
    if not targets:
        return list(tokens)
    out: list[str] = []
    for token in tokens:
        if token in known or len(token) < MIN_MENDED or not token.isalpha():
            out.append(token)
            continue
        near = _one_edit(token) & targets
        if len(near) == 1:
            out.append(near.pop())
            continue
        halves = [
            (token[:i], token[i:])
            for i in range(4, len(token) - 3)
            if token[:i] in known and token[i:] in known
        ]
        out.extend(halves[0] if len(halves) == 1 and not near else [token])
    return out


def split_message(
    text: str,
    spellings: Spellings,
    known: frozenset[str] = frozenset(),
    targets: frozenset[str] = frozenset(),
) -> Message:
    """Cut text into sentences of cleaned, respelled words (typos mended, see mend_typos)."""
    parts = _SENTENCE_BREAK.split(unicodedata.normalize("NFKC", text))
    words: list[str] = []
    sentences: list[Sentence] = []
    sentence_of: list[int] = []
    clause_of: list[int] = []
    clause = 0
    for index in range(0, len(parts), 2):
        tokens: list[str] = []
        for chunk in _CLAUSE_BREAK.split(parts[index]):
            spelled = respell(clean_tokens(chunk), spellings)
            clause_tokens = respell(mend_typos(spelled, known, targets), spellings)
            if clause_tokens:
                tokens.extend(clause_tokens)
                clause_of.extend([clause] * len(clause_tokens))
                clause += 1
        if not tokens:
            continue
        breaker = parts[index + 1] if index + 1 < len(parts) else ""
        sentences.append(Sentence(len(words), len(words) + len(tokens), "?" in breaker))
        sentence_of.extend([len(sentences) - 1] * len(tokens))
        words.extend(tokens)
    return Message(tuple(words), tuple(sentences), tuple(sentence_of), tuple(clause_of))


@dataclass(frozen=True)
class Slot:
    """One word position of a phrase: exact words, word prefixes or number ranges."""

    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    ranges: tuple[tuple[float, float], ...] = ()

    def accepts(self, word: str) -> bool:
        if word in self.words or any(word.startswith(p) for p in self.prefixes):
            return True
        if self.ranges and _NUMBER.match(word):
            value = float(word)
            return any(low <= value <= high for low, high in self.ranges)
        return False


Pattern = tuple[Slot | None, ...]  # None is a "..." gap


def compile_phrase(
    phrase: str, word_lists: Mapping[str, Sequence[str]], spellings: Spellings
) -> Pattern:
    """Parse one YAML phrase; ValueError says what is wrong with it."""
    slots: list[Slot | None] = []
    for chunk in phrase.split():
        if chunk == "...":
            if not slots or slots[-1] is None:
                raise ValueError("'...' must sit between two words")
            slots.append(None)
        elif "/" in chunk or chunk[0] in "@<" or chunk.endswith("*"):
            slots.append(_alternatives(chunk, word_lists, spellings))
        else:
            words = respell(clean_tokens(chunk), spellings)
            if not words:
                raise ValueError(f"'{chunk}' has no letters or digits")
            slots.extend(Slot(words=frozenset([w])) for w in words)
    if not slots:
        raise ValueError("the phrase is empty")
    if slots[-1] is None:
        raise ValueError("'...' must sit between two words")
    return tuple(slots)


def _alternatives(
    chunk: str, word_lists: Mapping[str, Sequence[str]], spellings: Spellings
) -> Slot:
    words: set[str] = set()
    prefixes: list[str] = []
    ranges: list[tuple[float, float]] = []
    for alternative in chunk.split("/"):
        if alternative.startswith("@"):
            if alternative[1:] not in word_lists:
                raise ValueError(f"unknown word list '{alternative}'")
            for word in word_lists[alternative[1:]]:
                slot = _alternatives(word, {}, spellings)
                words |= slot.words
                prefixes.extend(slot.prefixes)
        elif match := _RANGE.match(alternative):
            low, high = float(match[1]), float(match[2])
            if low > high:
                raise ValueError(f"number range '{alternative}' runs backwards")
            ranges.append((low, high))
        elif alternative.endswith("*"):
            stem = clean_tokens(alternative[:-1])
            if len(stem) != 1 or len(stem[0]) < 3:
                raise ValueError(f"'{alternative}' needs a one-word stem of 3+ letters")
            prefixes.append(stem[0])
        else:
            token = respell(clean_tokens(alternative), spellings)
            if len(token) != 1:
                raise ValueError(f"'{alternative}' in '{chunk}' must be exactly one word")
            words.add(token[0])
    return Slot(frozenset(words), tuple(prefixes), tuple(ranges))


def find_all(pattern: Pattern, message: Message) -> list[tuple[int, int]]:
    """(start, end) word spans where the pattern matches, the shortest match at each start."""
    spans = []
    first = pattern[0]
    assert first is not None  # compile_phrase never starts with a gap
    for sentence in message.sentences:
        for start in range(sentence.start, sentence.end):
            if first.accepts(message.words[start]):
                end = _match(pattern, 1, message.words, start + 1, sentence.end)
                if end is not None:
                    spans.append((start, end))
    return spans


def _match(pattern: Pattern, slot: int, words: Sequence[str], at: int, limit: int) -> int | None:
    if slot == len(pattern):
        return at
    current = pattern[slot]
    if current is None:
        for skip in range(min(MAX_GAP, limit - at) + 1):
            end = _match(pattern, slot + 1, words, at + skip, limit)
            if end is not None:
                return end
        return None
    if at < limit and current.accepts(words[at]):
        return _match(pattern, slot + 1, words, at + 1, limit)
    return None
