"""The error raised when a typed answer cannot be accepted, plus shared text clean-up."""

import unicodedata

# Hyphen look-alikes that phones and autocorrect produce (en/em dash, minus sign, etc.).
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d", "-"))
_QUOTES = str.maketrans(dict.fromkeys("\u2018\u2019\u02bc\u00b4`", "'"))


class InvalidAnswer(ValueError):
    """A typed answer we could not accept; str(exc) is the friendly message to show."""


def normalize(text: str) -> str:
    """Case-fold, unify dashes/quotes, collapse whitespace and trim edge punctuation."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_DASHES).translate(_QUOTES)
    return " ".join(folded.split()).strip(" .,!?;:")


def word_set(words: str) -> frozenset[str]:
    """A set of space-separated words (keeps long vocabularies compact in source)."""
    return frozenset(words.split())


def quoted(text: str, limit: int = 40) -> str:
    """Something he typed, shortened for quoting back in a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
