"""Pure parsers turning a typed onboarding/settings answer into a value.

Every parser raises InvalidAnswer with a short, plain-text retry message that
says what is accepted and gives an example. Schedule and date parsers live in
parse_schedule.py, parse_weight.py and parse_dates.py and are re-exported here.
"""

import re

from bot.domain.profile.parse_dates import parse_start_month
from bot.domain.profile.parse_schedule import parse_clock_time, parse_duration, parse_weekdays
from bot.domain.profile.parse_weight import parse_weight
from bot.domain.profile.values import (
    AgeBand,
    AnastrozoleUse,
    LabUnits,
    ScreenAnswer,
    ScreenFinding,
)
from bot.domain.text import InvalidAnswer, normalize, word_set

__all__ = [
    "InvalidAnswer",
    "parse_age",
    "parse_anastrozole_use",
    "parse_clock_time",
    "parse_duration",
    "parse_lab_units",
    "parse_screen",
    "parse_start_month",
    "parse_weekdays",
    "parse_weight",
    "parse_yes_no",
]

# --- yes / no -------------------------------------------------------------------

_YES = word_set("yes y ye yeah yea ya yah yep yup sure ok okay k true 1 correct right")
_YES |= word_set("affirmative definitely absolutely indeed 👍 ✅ ✔ ✔️")
_YES |= {"of course", "i do", "yes please", "sure thing", "that's right", "go ahead"}
_NO = word_set("no n nope nah na false 0 never negative 👎 ❌ ✖")
_NO |= {"not really", "no thanks", "no thank you", "i don't", "i do not", "not at all"}
_YES_NO_MESSAGE = "Please answer yes or no (e.g. yes)."


def _yes_no_or_none(cleaned: str) -> bool | None:
    cleaned = re.sub(r"[!.,]+", " ", cleaned).strip()
    if cleaned in _YES:
        return True
    if cleaned in _NO:
        return False
    first = cleaned.split(" ", 1)[0]
    if first in _YES - {"ok", "okay", "k", "right", "1"}:
        return True
    if first in _NO - {"0"}:
        return False
    return None


def parse_yes_no(text: str) -> bool:
    """Read yes/no answers such as "yes", "Yep!", "nah" or "no thanks"."""
    answer = _yes_no_or_none(normalize(text))
    if answer is None:
        raise InvalidAnswer(_YES_NO_MESSAGE)
    return answer


# --- anastrozole use ------------------------------------------------------------

_NOT_PLANNED = re.compile(
    r"\b(?:not|no|don't|do not|never|won't)\s+(?:planning|plans?|planned|going to|gonna)\b"
)
_PLANNED = re.compile(
    r"\byet\b|\bsoon\b|\bplann(?:ed|ing)\b|\bplan to\b|\bstarting\b"
    r"|\babout to\b|\b(?:will|going to|gonna|due to) start\b|\bnext (?:week|month)\b"
    r"|\bhaven't started\b|\bhave not started\b|\bprescribed\b"
)
_TAKING_NO = re.compile(
    r"\bdon't\b|\bdo not\b|\bnot (?:on|taking|currently)\b|\bstopped\b|\bquit\b"
)
_TAKING_YES = re.compile(r"\bi (?:take|am taking|'m taking|am on)\b|\bcurrently\b|\btaking\b")
_ANASTROZOLE_MESSAGE = "Please answer yes, no, or not yet (if you're about to start)."


def parse_anastrozole_use(text: str) -> AnastrozoleUse:
    """Read whether he takes anastrozole: yes, no, or planned ("not yet", "starting soon")."""
    cleaned = normalize(text)
    if cleaned in _YES or cleaned in _NO:
        return AnastrozoleUse.YES if cleaned in _YES else AnastrozoleUse.NO
    if _PLANNED.search(cleaned) and not _NOT_PLANNED.search(cleaned):
        return AnastrozoleUse.PLANNED
    if _TAKING_NO.search(cleaned) or _NOT_PLANNED.search(cleaned):
        return AnastrozoleUse.NO
    answer = _yes_no_or_none(cleaned)
    if answer is None and _TAKING_YES.search(cleaned):
        answer = True
    if answer is None:
        raise InvalidAnswer(_ANASTROZOLE_MESSAGE)
    return AnastrozoleUse.YES if answer else AnastrozoleUse.NO


# --- lab units --------------------------------------------------------------------

# "metric" is read as SI: SI is the metric system's own unit system, and SI units
# (nmol/L, pmol/L) are what labs outside the US report.
_CONVENTIONAL_WORDS = word_set(
    "conventional conv traditional us usa american ng/ml ng/dl pg/ml ng pg ngml ngdl pgml"
)
_SI_WORDS = word_set("si international metric nmol/l pmol/l nmol pmol nmoll pmoll uk eu europe")
_LAB_UNITS_MESSAGE = (
    "Please send conventional (ng/mL, pg/mL, as in the US) or SI (nmol/L, pmol/L), e.g. SI."
)


def parse_lab_units(text: str) -> LabUnits:
    """Read the lab unit system: conventional (ng/mL, pg/mL) or SI (nmol/L, pmol/L)."""
    cleaned = normalize(text).replace(".", "").replace("µ", "u").replace(" / ", "/")
    words = set(re.findall(r"[a-z/]+", cleaned))
    conventional, si = bool(words & _CONVENTIONAL_WORDS), bool(words & _SI_WORDS)
    if conventional == si:
        raise InvalidAnswer(_LAB_UNITS_MESSAGE)
    return LabUnits.CONVENTIONAL if conventional else LabUnits.SI


# --- age ----------------------------------------------------------------------------

_AGE_MESSAGE = "Please send your age as a number, e.g. 52 (or a range like 50-59)."
_ADULTS_ONLY = "BoneCoach is for adults (18+). If that was a typo, send your age again, e.g. 52."
_DECADE_WORDS = {
    "teens": 10,
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}
_AGE_NUMBER = re.compile(r"(\d{1,4})(?: ?(?:y|yo|y/o|yrs?|years?)(?: old)?)?")
_AGE_RANGE = re.compile(r"(\d{1,3}) ?(?:-|to) ?(\d{1,3})")
_AGE_DECADE = re.compile(r"(?:(?:early|mid|late)[ -]?)?(\d{1,2})0 ?'?s")
_AGE_UNDER_30 = re.compile(r"(?:under|below|less than|younger than|<) ?-? ?30")
_AGE_OVER = re.compile(r"(\d{2,3}) ?(?:\+|plus|or (?:older|over|more)|and (?:up|over|older))")
_AGE_OVER_WORDS = re.compile(r"(?:over|above|older than|>) ?(\d{2,3})")


def _band_for(years: int) -> AgeBand:
    if years < 18:
        raise InvalidAnswer(_ADULTS_ONLY)
    if years > 110:
        raise InvalidAnswer("That age looks too high. " + _AGE_MESSAGE)
    return AgeBand.for_age(years)


def parse_age(text: str) -> AgeBand:
    """Read an age ("52", "52 years old") or band ("50s", "50-59", "fifties", "70+")."""
    cleaned = re.sub(r"^(?:i am|i'm|im|age|aged)\s+", "", normalize(text))
    cleaned = re.sub(r"^(?:early|mid|late)[ -]?(?=[a-z])", "", cleaned)
    if match := _AGE_NUMBER.fullmatch(cleaned):
        years = int(match[1])
        if 1900 <= years <= 2100:
            raise InvalidAnswer("That looks like a year. " + _AGE_MESSAGE)
        return _band_for(years)
    if match := _AGE_RANGE.fullmatch(cleaned):
        low, high = int(match[1]), int(match[2])
        if low > high or _band_for(low) != _band_for(high):
            raise InvalidAnswer("Please pick one band, e.g. 50-59, or just send your age, e.g. 52.")
        return _band_for(low)
    decade = _DECADE_WORDS.get(cleaned)
    if match := _AGE_DECADE.fullmatch(cleaned):
        decade = int(match[1]) * 10
    if decade is not None:
        return _band_for(decade)
    if _AGE_UNDER_30.fullmatch(cleaned):
        return AgeBand.UNDER_30
    if match := _AGE_OVER.fullmatch(cleaned) or _AGE_OVER_WORDS.fullmatch(cleaned):
        if int(match[1]) >= 70:
            return AgeBand.B70_PLUS
        raise InvalidAnswer("Please send your exact age, e.g. 52, so I can pick the right band.")
    raise InvalidAnswer(_AGE_MESSAGE)


# --- the safety screen --------------------------------------------------------------

_SCREEN_NONE = word_set("none no nope nah nothing neither 0 ❌ ✖")
_SCREEN_NONE |= {"none of these", "none of them", "no to all", "all no", "not at all"}
_SCREEN_WORDS: tuple[tuple[ScreenFinding, tuple[str, ...]], ...] = (
    (ScreenFinding.OSTEOPOROSIS, ("osteoporosis", "osteoporotic")),
    (ScreenFinding.SPINE_FRACTURE, ("spine", "spinal", "vertebra", "vertebral", "back fracture")),
    (ScreenFinding.FALL_FRACTURE, ("fall", "fell", "broke", "broken", "fracture")),
    (
        ScreenFinding.CANNOT_LIFT,
        ("stops me", "can't lift", "cannot lift", "cant lift", "unable to lift"),
    ),
)
_SCREEN_MESSAGE = (
    "Tap the buttons, or type none — or name what applies (e.g. osteoporosis, spine "
    "fracture, broke a bone in a fall, something stops me lifting)."
)


def parse_screen(text: str) -> ScreenAnswer:
    """'none' or the findings a typed answer names ('osteoporosis and a spine fracture')."""
    cleaned = re.sub(r"[!.,]+", " ", normalize(text)).strip()
    if cleaned in _SCREEN_NONE or cleaned.startswith(("nothing", "none")):
        return ScreenAnswer(frozenset())
    found = set()
    for finding, words in _SCREEN_WORDS:
        if any(word in cleaned for word in words):
            found.add(finding)
    if ScreenFinding.SPINE_FRACTURE in found and not any(
        w in cleaned for w in ("fall", "fell", "broke a", "broken a")
    ):
        found.discard(ScreenFinding.FALL_FRACTURE)  # "spine fracture" names one finding
    if not found:
        raise InvalidAnswer(_SCREEN_MESSAGE)
    return ScreenAnswer(frozenset(found))
