"""Red flags in a user's free text: symptoms that need medical contact instead of coaching.

`detect` reads one message and returns the most severe red flag it reports, or None.
How it decides, in order (all word lists live in content/red_flags.yaml):

1. Clean up the text (case, accents, apostrophes, dashes, known typos, and other typos
   one letter away from a catalogue word) and cut it into sentences of words; find every
   phrase of every concept ("a fall", "leg swelling").
2. Drop hits that are not a report:
   - negated: "no", "not", "without", "didn't"... up to `scope` words before the hit, or
     "free"/"gone" just after it, unless a clause break ("but", "now") comes between, or the
     negation word belongs to another phrase ("no idea why", "for no reason");
   - hypothetical: after "what if", "signs of", "risk of", "can ... cause", "in case"...;
   - denied: a question answered "nope" in the next sentence ("chest pain? nope, just DOMS");
   - over: followed in its sentence by "gone now", "cleared up", "fine now"...;
   - someone else's: a sentence about another person ("my friend", "he") with nothing of the
     user's own ("I", "me", "my back"), unless he writes for the user ("wife here");
   - in a question asking for information: a sentence that ends with "?", starts with a
     question word and says nothing about the user ("what are the signs of a blood clot?").
     "is it bad that my calf is swollen and hot?" mentions "my", so it is a report.
3. A flag fires when one of its rules finds every required concept within a short window
   of words and none of its vetoing concepts (training context such as "after sprints",
   "leg day", "pump") in the same sentences.
   A drop of more than 3 cm between two heights he states ("was 6 foot, now 5'10",
   heights.py) counts as a hit of the height_loss concept.
4. When no rule fires, the catalogue's second opinion (second_opinion.py: a model trained on
   the phrase sets, over the words and the concepts found above) may still name a flag; it
   never names a flag whose rules need an age the user is not known to have, and never reads a
   message of fewer than three words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import Stemmer  # type: ignore[import-not-found]

from bot.domain.red_flags.heights import HEIGHT_LOSS_CM, height_drop_cm
from bot.domain.red_flags.hits import Hit, concept_hits, stated_age
from bot.domain.red_flags.model import SEVERITY_RANK, RedFlagCatalog, Rule, Severity
from bot.domain.red_flags.second_opinion import features
from bot.domain.red_flags.text import Message, split_message

_STEM = Stemmer.Stemmer("english").stemWord
_CLAUSE_BREAKS = frozenset({"and"})  # besides the catalogue's terminators
HEIGHT_LOSS = "height_loss"  # the concept a drop between two stated heights counts as
# One or two words are answers to the bot's questions ("every day", "07:30"): the rules alone
# judge them ("chest pain!!" is a rule's), the model would guess from too little.
MODEL_MIN_WORDS = 3


@dataclass(frozen=True)
class RedFlagMatch:
    """The red flag a message reports: its catalog key, severity and the message to send."""

    key: str
    severity: Severity
    message: str


def detect(text: str, catalog: RedFlagCatalog, *, age: int | None = None) -> RedFlagMatch | None:
    """The most severe red flag `text` reports (ties: the first in the catalog), or None.

    `age` is the user's age if the bot knows it; an age stated in the text wins.
    """
    compiled = catalog.compiled
    message = split_message(text, compiled.spellings, compiled.vocabulary, compiled.targets)
    if not message.words:
        return None
    hits, cancelled = concept_hits(message, compiled)
    if (drop := height_drop_cm(text)) is not None and drop > HEIGHT_LOSS_CM:
        hits.setdefault(HEIGHT_LOSS, []).append(Hit(0, 1, 0))
    stated = stated_age(message, compiled.age)
    known_age = stated if stated is not None else age
    best, best_rank = None, 0
    for flag in catalog.flags:
        rank = SEVERITY_RANK[flag.severity]
        if rank > best_rank and any(
            _fires(rule, hits, catalog.window, known_age) for rule in flag.rules
        ):
            best, best_rank = flag, rank
    if best is None:
        return _second_opinion(message, hits.keys(), cancelled, catalog, known_age)
    return RedFlagMatch(best.key, best.severity, best.message)


def model_features(text: str, catalog: RedFlagCatalog) -> frozenset[str]:
    """What the second opinion sees of `text` (for training it on the phrase sets)."""
    compiled = catalog.compiled
    message = split_message(text, compiled.spellings, compiled.vocabulary, compiled.targets)
    hits, cancelled = concept_hits(message, compiled)
    return _features(message, hits.keys(), cancelled, catalog)


def _features(
    message: Message, reported: Iterable[str], cancelled: Iterable[str], catalog: RedFlagCatalog
) -> frozenset[str]:
    breaks = catalog.compiled.terminators | _CLAUSE_BREAKS
    return features(message, set(reported), set(cancelled), stem=_STEM, clause_breaks=breaks)


def _second_opinion(
    message: Message,
    reported: Iterable[str],
    cancelled: Iterable[str],
    catalog: RedFlagCatalog,
    age: int | None,
) -> RedFlagMatch | None:
    model = catalog.second_opinion
    if model is None or len(message.words) < MODEL_MIN_WORDS:
        return None
    by_key = {flag.key: flag for flag in catalog.flags}

    def allowed(key: str) -> bool:
        needed = by_key[key].min_age
        return needed is None or (age is not None and age >= needed)

    key = model.verdict(_features(message, reported, cancelled, catalog), allowed)
    if key is None:
        return None
    flag = by_key[key]
    return RedFlagMatch(flag.key, flag.severity, flag.message)


def _fires(rule: Rule, hits: Mapping[str, list[Hit]], default_window: int, age: int | None) -> bool:
    if rule.min_age is not None and (age is None or age < rule.min_age):
        return False
    groups = [[h for name in names for h in hits.get(name, [])] for names in rule.required()]
    optional = [hits[name] for name in rule.of if name in hits]
    if any(not group for group in groups) or len(optional) < rule.at_least:
        return False
    window = rule.window or default_window
    for anchor in sorted({h.start for group in [*groups, *optional] for h in group}):
        inside = [[h for h in g if anchor <= h.start and h.end <= anchor + window] for g in groups]
        present = [
            p
            for g in optional
            if (p := [h for h in g if anchor <= h.start and h.end <= anchor + window])
        ]
        if any(not group for group in inside) or len(present) < rule.at_least:
            continue
        sentences = {h.sentence for group in [*inside, *present] for h in group}
        if not any(h.sentence in sentences for name in rule.none for h in hits.get(name, [])):
            return True
    return False
