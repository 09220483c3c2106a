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
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.domain.red_flags.hits import Hit, active_hits, stated_age
from bot.domain.red_flags.model import SEVERITY_RANK, RedFlagCatalog, Rule, Severity
from bot.domain.red_flags.text import split_message


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
    hits = active_hits(message, compiled)
    stated = stated_age(message, compiled.age)
    known_age = stated if stated is not None else age
    best, best_rank = None, 0
    for flag in catalog.flags:
        rank = SEVERITY_RANK[flag.severity]
        if rank > best_rank and any(
            _fires(rule, hits, catalog.window, known_age) for rule in flag.rules
        ):
            best, best_rank = flag, rank
    return None if best is None else RedFlagMatch(best.key, best.severity, best.message)


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
