"""A second opinion on the messages the rules pass over: a linear model of words and concepts.

The rules (detect.py) read the phrasings someone wrote down; on messages nobody had seen they
found about 91 % of red flags ("wrist looks like a dinner fork", "there was blood in what I
coughed up" slipped through). This model is trained (bot/content/red_flag_training.py) on
every phrase set in tests/domain/phrases, labelled by the rules themselves, and reads the same
cleaned, typo-mended words as the rules plus what the rules found in the message:

- each word's stem, and each pair of neighbouring stems; a stem within a few words after a
  negation ("no", "isn't", "nope") is marked as negated;
- four-letter pieces of long words, so an unknown spelling still shares most of its pieces;
- every concept the rules found, as "reported" (h:) or "found but cancelled" (x:, negated,
  over, hypothetical, someone else's);
- whether a sentence was a question.

It only speaks when the rules are silent, and it can only raise a flag, never clear one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from math import exp

from bot.domain.red_flags.text import Message

FEATURE_VERSION = 1  # bump when features() changes: the shipped model must be retrained
NONE = "none"  # the class of a message that reports no red flag
_NEGATOR_WORDS = (
    "no not never without didnt dont doesnt isnt wasnt arent werent havent hasnt hadnt wont "
    "nor neither none zero nope nah"
)
NEGATORS = frozenset(_NEGATOR_WORDS.split())
NEGATION_REACH = 4  # words after a negator that count as negated
PIECE = 4  # letters in a word piece
PIECED_FROM = 5  # words this long or longer are cut into pieces


def features(
    message: Message,
    reported: Collection[str],
    cancelled: Collection[str],
    *,
    stem: Callable[[str], str],
    clause_breaks: Collection[str],
) -> frozenset[str]:
    """The model's view of one message (see the module docstring)."""
    found: set[str] = {f"h:{name}" for name in reported}
    found |= {f"x:{name}" for name in cancelled}
    for sentence in message.sentences:
        negated, previous = 0, "<s>"
        for word in message.words[sentence.start : sentence.end]:
            if word in clause_breaks:
                negated = 0
            tag = ("~" if negated else "") + stem(word)
            found.add(f"w:{tag}")
            found.add(f"b:{previous}_{tag}")
            previous = tag
            if len(word) >= PIECED_FROM and word.isalpha():
                padded = f"<{word}>"
                found |= {f"c:{padded[i : i + PIECE]}" for i in range(len(padded) - PIECE + 1)}
            negated = NEGATION_REACH if word in NEGATORS else max(negated - 1, 0)
        if sentence.asked:
            found.add("q:?")
    return frozenset(found)


@dataclass(frozen=True)
class SecondOpinion:
    """A multinomial logistic model: one weight per feature and class, plus a bias per class."""

    classes: tuple[str, ...]  # flag keys and NONE
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]
    threshold: float  # the chance of some allowed red flag at which it speaks
    fingerprint: str  # what it was trained on (bot/content/red_flag_model.py)

    def __post_init__(self) -> None:
        if NONE not in self.classes or len(set(self.classes)) != len(self.classes):
            raise ValueError(f"classes must be distinct and include '{NONE}'")
        width = len(self.classes)
        if len(self.bias) != width or any(len(w) != width for w in self.weights.values()):
            raise ValueError("every weight row and the bias need one number per class")
        if not 0 < self.threshold < 1:
            raise ValueError("the threshold is a chance between 0 and 1")

    def chances(self, seen: Collection[str]) -> dict[str, float]:
        """Each class's chance for a message with these features (inputs scaled by 1/√n)."""
        rows = [self.weights[f] for f in seen if f in self.weights]
        scale = 1 / len(seen) ** 0.5 if seen else 0.0
        scores = [b + scale * sum(row[i] for row in rows) for i, b in enumerate(self.bias)]
        top = max(scores)
        powers = [exp(s - top) for s in scores]
        total = sum(powers)
        return {name: p / total for name, p in zip(self.classes, powers, strict=True)}

    def verdict(self, seen: Collection[str], allowed: Callable[[str], bool]) -> str | None:
        """The most likely allowed flag when allowed flags together reach the threshold."""
        chances = self.chances(seen)
        flags = {k: p for k, p in chances.items() if k != NONE and allowed(k)}
        if not flags or sum(flags.values()) < self.threshold:
            return None
        return max(flags, key=lambda k: flags[k])


def parse_model(data: Mapping[str, object]) -> SecondOpinion:
    """A SecondOpinion from its JSON form; ValueError says what is wrong."""
    try:
        classes = tuple(str(c) for c in _list(data["classes"]))
        bias = tuple(_number(b) for b in _list(data["bias"]))
        raw = data["weights"]
        if not isinstance(raw, Mapping):
            raise ValueError("'weights' must map features to rows")
        weights = {str(k): tuple(_number(x) for x in _list(v)) for k, v in raw.items()}
        threshold = _number(data["threshold"])
        fingerprint = str(data["fingerprint"])
        version = data.get("feature_version")
    except KeyError as missing:
        raise ValueError(f"missing {missing}") from None
    if version != FEATURE_VERSION:
        raise ValueError(f"made for features v{version}, this code reads v{FEATURE_VERSION}")
    return SecondOpinion(classes, bias, weights, threshold, fingerprint)


def _list(value: object) -> Sequence[object]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list, got {type(value).__name__}")
    return value


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {value!r}")
    return float(value)
