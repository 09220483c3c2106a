"""Typed lab results ("vitd 32 ng/mL 02.11.2026") read into a LabEntry, with their date."""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import NoReturn

from bot.domain.labs.catalog import (
    Ambiguous,
    Lab,
    LabCatalog,
    ScoreKind,
    Unit,
    alias_key,
    alias_tokens,
    fmt_number,
)
from bot.domain.text import InvalidAnswer, normalize

TOLERANCE = 1e-9  # relative slack on the plausible bounds, for values converted from other units
_UNREADABLE = (
    "I couldn't read that. Send a result like vitd 32 ng/mL or hct 48 %, "
    "with the date at the end if it wasn't today (e.g. e2 25 pg/mL 02.11.2026)."
)
_COMMAND = re.compile(r"^/labs?(?:@\w+)?\s*")
_NUMBER = r"(?P<num>[-+]?\s?(?:\d+(?:[.,]\d+)?|[.,]\d+))\s*(?P<unit>.*)"
_PLAIN = re.compile(_NUMBER)
_SCORED = re.compile(r"(?:(?P<kind>[tz])(?:[\s-]?scores?)?\s*[:=]?\s*)?" + _NUMBER)
_AFTER_NAME = r"(?=$|[\s:=%+\-,(])"  # what may follow a lab name: "e225" is not "e2 25"
MAX_YEARS_BACK = 10
_MONTH_NAMES = (
    *("january", "february", "march", "april", "may", "june", "july"),
    *("august", "september", "october", "november", "december"),
)
_MONTHS = {name: n for n, m in enumerate(_MONTH_NAMES, 1) for name in (m, m[:3])} | {"sept": 9}
_M = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = (
    r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{4}|today|yesterday"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?: of)? (?:{_M})\b(?:,? \d{{4}})?"
    rf"|(?:{_M}) \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? \d{{4}})?"
)
_LEAD = r"(?:(?:on|taken(?: on)?|from|dated?) (?:the )?)?"
_DATE_END = re.compile(rf"(?:^|[\s,]+){_LEAD}(?P<date>{_DATE})$")
_DATE_START = re.compile(rf"(?P<date>{_DATE})(?:[\s,:]+|$)")
_NO_DAY = re.compile(rf"\b(?P<month>{_M}) (?P<year>\d{{4}})$")
_DATE_EXAMPLE = "e.g. 02.11.2026, 2 Nov or yesterday"
_RANGE_NUMBER = r"\d+(?:[.,]\d+)?"
_REF = re.compile(  # "ref 132-752", "reference range: 132 to 752 pg/ml", "(range 22-87)"
    r"(?:^|[\s,;(]+)(?:ref(?:erence)?(?:\s+range)?|(?:normal\s+)?range)\s*[:=]?\s*"
    rf"(?P<low>{_RANGE_NUMBER})\s*(?:-|to)\s*(?P<high>{_RANGE_NUMBER})\s*(?P<unit>[^\d\s)]+)?\)?$"
)
REF_EXAMPLE = "ctx 420 pg/mL ref 132-752"


def _day(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InvalidAnswer(f"That date doesn't exist. Please check it, {_DATE_EXAMPLE}.") from None


def _read_date(text: str, today: dt.date) -> dt.date:
    if text in ("today", "yesterday"):
        return today - dt.timedelta(days=1 if text == "yesterday" else 0)
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    months = [_MONTHS[word] for word in re.findall(r"[a-z]+", text) if word in _MONTHS]
    if not months and "-" in text:  # ISO
        return _day(*numbers)
    if not months:  # day first; month first only when day first is impossible (11/22/2026)
        day, month, year = numbers
        return _day(year, *((day, month) if month > 12 >= day else (month, day)))
    if len(numbers) > 1:
        return _day(numbers[1], months[0], numbers[0])
    for year in range(today.year, today.year - MAX_YEARS_BACK - 1, -1):  # the latest such day
        with contextlib.suppress(ValueError):
            if (candidate := dt.date(year, months[0], numbers[0])) <= today:
                return candidate
    return _day(today.year, months[0], numbers[0])  # raises: no such day (31 Apr)


def _earliest(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year - MAX_YEARS_BACK)
    except ValueError:  # 29 February
        return today.replace(year=today.year - MAX_YEARS_BACK, day=28)


def split_date(text: str, *, today: dt.date) -> tuple[str, dt.date]:
    """The normalized text without its leading or trailing date, and that date (or today)."""
    if match := _DATE_END.search(text):
        body, raw = text[: match.start()], match["date"]
    elif match := _DATE_START.match(text):
        body, raw = text[match.end() :], match["date"]
    elif match := _NO_DAY.search(text):
        month, year = _MONTH_NAMES[_MONTHS[match["month"]] - 1].capitalize(), match["year"]
        raise InvalidAnswer(f"Which day in {month} {year}? Add it, e.g. 2 {month[:3]} {year}.")
    else:
        return text, today
    taken = _read_date(raw, today)
    if taken > today:
        raise InvalidAnswer(
            "That date is in the future. Send the day the sample was taken or the scan was "
            f"done, {_DATE_EXAMPLE}."
        )
    if taken < _earliest(today):
        raise InvalidAnswer(
            f"That's more than {MAX_YEARS_BACK} years ago; I log results from the last "
            f"{MAX_YEARS_BACK} years only."
        )
    return body.strip(), taken


@dataclass(frozen=True)
class LabEntry:
    """A result as typed (value_entered in unit_entered) and in the lab's canonical unit.

    For DXA the "unit" is the score kind (T or Z), with no conversion.
    """

    lab_key: str
    value_entered: float
    unit_entered: str
    value_canonical: float
    unit_canonical: str
    taken_on: dt.date
    score_kind: ScoreKind | None
    ref_low: float | None = None  # his own lab's printed range, in the canonical unit
    ref_high: float | None = None
    dated: bool = False  # he typed the date (otherwise taken_on is today, a default)


@dataclass(frozen=True)
class ReferenceRange:
    """His lab's printed range for one lab, typed on its own ("ctx ref 132-752").

    unit is the unit he named (None: the unit of his latest result of that lab).
    """

    lab_key: str
    low: float
    high: float
    unit: str | None


def _split_reference(body: str) -> tuple[str, re.Match[str] | None]:
    """The text without a trailing "ref 132-752 [unit]", and that part (None if there is none)."""
    match = _REF.search(body)
    return (body, None) if match is None else (body[: match.start()].strip(), match)


def reference_in(lab: Lab, low: float, high: float, unit: Unit) -> tuple[float, float]:
    """A printed reference range in the lab's canonical unit; InvalidAnswer when it can't be."""
    if lab.is_score:
        raise InvalidAnswer(f"{lab.name} has no reference range to enter; send the score only.")
    if not 0 <= low < high:
        raise InvalidAnswer(f"The range should be low to high, like {REF_EXAMPLE}.")
    canonical = (low / unit.factor, high / unit.factor)
    if not _plausible(lab, canonical[1]):
        raise InvalidAnswer(
            f"That range doesn't fit {lab.name} in {unit.name}. Please check the numbers and "
            f"the unit, like {REF_EXAMPLE}."
        )
    return canonical


def _range_unit(lab: Lab, text: str | None) -> Unit | None:
    if not text:
        return None
    unit = lab.find_unit(text)
    if unit is None:
        accepted = _either([u.name for u in lab.units])
        raise InvalidAnswer(f"{lab.name} ranges can be in {accepted}, like {REF_EXAMPLE}.")
    return unit


def _either(items: list[str]) -> str:
    return " or ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def _names(catalog: LabCatalog) -> Iterator[tuple[re.Pattern[str], Lab | Ambiguous]]:
    """Every alias as a pattern anchored at the start, longest first."""
    named: list[tuple[str, Lab | Ambiguous]] = [
        (a, lab) for lab in catalog.labs for a in lab.aliases
    ]
    named += [(a, group) for group in catalog.ambiguous for a in group.aliases]
    named.sort(key=lambda pair: -len(alias_key(pair[0])))
    for alias, target in named:
        body = r"[\W_]*".join(map(re.escape, alias_tokens(alias)))
        yield re.compile(rf"[\W_]*{body}{_AFTER_NAME}"), target


def _plausible(lab: Lab, canonical: float) -> bool:
    low, high = lab.plausible.low, lab.plausible.high
    slack = TOLERANCE * max(abs(low), abs(high))
    return low - slack <= canonical <= high + slack


def _readings(raw: str) -> list[float]:
    """ "1,019" may be 1019 or 1.019 (tried in that order); otherwise a comma is a decimal point."""
    raw = raw.replace(" ", "")
    if re.fullmatch(r"[-+]?[1-9]\d{0,2},\d{3}", raw):
        return [float(raw.replace(",", "")), float(raw.replace(",", "."))]
    return [float(raw.replace(",", "."))]


def _bound(value: float, decimals: int, rounding: str) -> str:
    scaled = round(value * 10**decimals, 6)
    whole = math.ceil(scaled) if rounding == "up" else math.floor(scaled)
    return fmt_number(whole / 10**decimals, decimals)


def _refuse(lab: Lab, value: float, unit: Unit) -> NoReturn:
    low = _bound(lab.plausible.low * unit.factor, unit.decimals, "up")
    high = _bound(lab.plausible.high * unit.factor, unit.decimals, "down")
    what = f"{lab.name} {unit.label}s" if unit.label else f"{lab.name} results"
    span = f"between {low} and {high}" + ("" if unit.score_kind else f" {unit.name}")
    others = [u for u in lab.units if u is not unit and u.score_kind == unit.score_kind]
    fits = [u for u in others if _plausible(lab, value / u.factor)]
    hint = f" Did you mean {fmt_number(value, 4)} {fits[0].name}?" if len(fits) == 1 else ""
    raise InvalidAnswer(
        f"That looks out of range: {what} are {span}.{hint} "
        f"{'If not, please' if hint else 'Please'} check the number and the unit, "
        f"e.g. {lab.example}."
    )


def _unit_for(lab: Lab, kind: str | None, unit_text: str) -> list[Unit]:
    """The unit(s) to try, in order; InvalidAnswer when it is missing or unknown."""
    accepted = _either([u.name for u in lab.units])
    if unit_text:
        unit = lab.find_unit(unit_text)
        if unit is None:
            raise InvalidAnswer(f"{lab.name} can be logged in {accepted} — e.g. {lab.example}.")
        if kind and unit.score_kind != kind.upper():
            raise InvalidAnswer("Is that a T-score or a Z-score? Send it like dxa spine z -1.2.")
        return [unit]
    if kind:
        return [lab.score_unit("T" if kind == "t" else "Z")]
    if lab.bare_unit is None:
        raise InvalidAnswer(
            f"Which unit is that {lab.name} result in: {accepted}? Send it like {lab.example}."
        )
    first = lab.unit_named(lab.bare_unit)  # then another unit of the same kind if only it fits
    return [first, *(u for u in lab.units if u is not first and u.score_kind == first.score_kind)]


def _read_value(lab: Lab, rest: str, taken_on: dt.date) -> LabEntry:
    rest = rest.lstrip(" :=,")
    if rest[:1] in ("<", ">"):
        raise InvalidAnswer(
            f"I need a plain number. If your report says something like < 5, send the number "
            f"itself with its unit, e.g. {lab.example}."
        )
    match = (_SCORED if lab.is_score else _PLAIN).fullmatch(rest)
    if match is None:
        raise InvalidAnswer(f"What was the {lab.name} result? Send it like {lab.example}.")
    units = _unit_for(lab, match.groupdict().get("kind"), match["unit"].strip())
    values = _readings(match["num"])
    for unit in units:
        for value in values:
            if _plausible(lab, canonical := value / unit.factor):
                kind = unit.score_kind
                canonical_unit = unit.name if kind else lab.unit
                return LabEntry(
                    lab.key, value, unit.name, canonical, canonical_unit, taken_on, kind
                )
    _refuse(lab, values[0], units[0])


def parse_reference(text: str, catalog: LabCatalog) -> ReferenceRange | None:
    """ "ctx ref 132-752 [pg/mL]": his lab's range alone, for his latest result (None: not that)."""
    body, ref = _split_reference(_COMMAND.sub("", normalize(text)))
    if ref is None:
        return None
    lab = catalog.find(body)
    if lab is None:
        return None
    unit = _range_unit(lab, ref["unit"])
    low, high = (float(ref[name].replace(",", ".")) for name in ("low", "high"))
    if unit is not None:
        reference_in(lab, low, high, unit)
    return ReferenceRange(lab.key, low, high, unit.name if unit else None)


def parse_lab_entry(text: str, catalog: LabCatalog, *, today: dt.date) -> LabEntry:
    """Read "vitd 32 ng/mL", "vit d 80 nmol/l 02.11.2026", "dexa hip -2.6", "hct 0.52 L/L".

    A bare number is refused (we ask for the unit) unless the lab has a `bare_unit`. An
    optional date at the start or end: ISO, dd.mm.yyyy, dd/mm/yyyy, "2 nov [2026]",
    "nov 2", today, yesterday; never in the future or more than 10 years back.
    """
    cleaned = _COMMAND.sub("", normalize(text))
    body, taken_on = split_date(cleaned, today=today)
    dated = body != cleaned
    body, ref = _split_reference(body)
    for pattern, target in _names(catalog):
        if (match := pattern.match(body)) is None:
            continue
        if isinstance(target, Ambiguous):
            raise InvalidAnswer(target.question)
        entry = replace(_read_value(target, body[match.end() :], taken_on), dated=dated)
        if ref is None:
            return entry
        unit = _range_unit(target, ref["unit"]) or target.unit_named(entry.unit_entered)
        low, high = (float(ref[name].replace(",", ".")) for name in ("low", "high"))
        ref_low, ref_high = reference_in(target, low, high, unit)
        return replace(entry, ref_low=ref_low, ref_high=ref_high)
    if not re.search(r"\d", body):
        raise InvalidAnswer(_UNREADABLE)
    names = _either([lab.name for lab in catalog.labs])
    raise InvalidAnswer(f"I can log {names} — send it like {catalog.labs[0].example}.")
