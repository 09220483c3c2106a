"""How a lab result reads: neutral flags from the catalog's bands, never a diagnosis or a dose.

Every reading above "ok" ends with "Discuss with your prescriber." (or, when urgent, "Please
contact your prescriber promptly."), and U-status figures are called a default his prescriber
may change.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.labs.catalog import LEVELS, Band, Info, Lab, Level, ScoreKind, Unit, fmt_number
from bot.domain.labs.parse import LabEntry
from bot.domain.profile import AgeBand, LabUnits

U_NOTE = "(a default your prescriber may change)"
DISCUSS = "Discuss with your prescriber."
URGENT = "Please contact your prescriber promptly."
UNDER_50 = frozenset({AgeBand.UNDER_30, AgeBand.B30_39, AgeBand.B40_49})


@dataclass(frozen=True)
class Citation:
    """One statement behind a reading, with its figures, and where it comes from."""

    text: str
    source: str


@dataclass(frozen=True)
class Reading:
    """One result read against the catalog.

    text is what he reads first: one or two short plain sentences, then "Discuss with your
    prescriber." (or the urgent ending) for any level above ok; citations hold the detail and
    the sources (shown behind the Sources button). discuss is true for any level above ok;
    low is true when the value sits in a band below the normal one (used for next_due's
    last_result_low).
    """

    level: Level
    text: str
    citations: tuple[Citation, ...]
    change: str | None
    discuss: bool
    low: bool = False

    @property
    def source(self) -> str:
        """Every source cited, once each, in order."""
        return "; ".join(dict.fromkeys(c.source for c in self.citations))

    @property
    def detail(self) -> str:
        """Every detailed statement, in order."""
        return "; ".join(c.text for c in self.citations)


@dataclass(frozen=True)
class _Part:
    level: Level
    text: str
    plain: str
    source: str


def _u_note(sentence: str) -> str:
    """A plain sentence with the U note before its full stop."""
    return f"{sentence.rstrip('.')} {U_NOTE}."


def _part(
    rule: Band | Info, level: Level = "ok", *, plain: str | None = None, **fields: str
) -> _Part:
    text, plain = rule.text.format(**fields), (plain or rule.plain).format(**fields)
    if rule.status == "U":
        return _Part(level, f"{text} {U_NOTE}", _u_note(plain), rule.source)
    return _Part(level, text, plain, rule.source)


def _band(bands: tuple[Band, ...], value: float) -> tuple[_Part, bool]:
    """The band the value falls in, and whether that band lies below the first ok band."""
    index = next(i for i, band in enumerate(bands) if band.holds(value))
    first_ok = next(i for i, band in enumerate(bands) if band.level == "ok")
    return _part(bands[index], bands[index].level), index < first_ok


def _score_parts(
    lab: Lab, value: float, age_band: AgeBand | None, kind: ScoreKind
) -> tuple[list[_Part], bool]:
    flags = lab.flags
    if kind == "Z":
        part, low = _band(flags.z_bands, value)
        parts = [part]
    else:
        part, low = _band(flags.t_bands, value)
        under_50 = age_band in UNDER_50 and flags.t_under_50 is not None
        parts = [_part(flags.t_under_50)] if under_50 and flags.t_under_50 else [part]
    if (ai := flags.ai_context) is not None and value < ai.below:
        parts.append(_part(ai, ai.level))
        low = True
    return parts, low


def _unit_parts(
    lab: Lab,
    value: float,
    age_band: AgeBand | None,
    baseline: float | None,
    own_upper_limit: float | None,
) -> tuple[list[_Part], bool]:
    flags, parts, low = lab.flags, list[_Part](), False
    canonical = lab.unit_named(lab.unit)
    if flags.bands:
        part, low = _band(flags.bands, value)
        parts.append(part)
    own = flags.own_upper_limit if own_upper_limit is not None else None
    if own is not None and own_upper_limit is not None:
        limit = fmt_number(own_upper_limit, canonical.decimals)
        if value > own_upper_limit:
            parts.append(_part(own, own.level, limit=limit))
        else:
            parts.append(_part(own, plain=own.within, limit=limit))
    rise = flags.rise_vs_baseline
    if rise is not None and baseline is not None and baseline > 0:
        percent = (value - baseline) / baseline * 100
        if percent >= rise.percent - 1e-9:
            shown = {"percent": fmt_number(percent, 0), "threshold": fmt_number(rise.percent, 0)}
            baseline_text = fmt_number(baseline, canonical.decimals)
            parts.append(_part(rise, rise.level, baseline=baseline_text, **shown))
    if (ranges := flags.reference_ranges) is not None and own is None:
        if age_band is None:
            parts.append(_Part("ok", ranges.text_no_age, ranges.plain_no_age, ranges.source))
        else:
            r = ranges.by_age[age_band]
            shown = {"low": f"{r.low:g}", "high": f"{r.high:g}", "ages": r.ages}
            if value > r.high:
                parts.append(_part(ranges.above, ranges.above.level, **shown))
            else:
                parts.append(_part(ranges, "ok", **shown))
    if (usual := flags.usual_range) is not None and own is None:
        shown = {"low": f"{usual.low:g}", "high": f"{usual.high:g}"}
        if value > usual.high:
            parts.append(_part(usual.above, usual.above.level, **shown))
        else:
            parts.append(_part(usual, "ok", **shown))
    if flags.info is not None:
        parts.append(_part(flags.info))
    return parts, low


def _change(
    lab: Lab, value: float, previous: float | None, prefs: LabUnits, kind: ScoreKind
) -> str | None:
    if previous is None:
        return None
    unit = lab.score_unit(kind) if lab.is_score else lab.unit_named(lab.display.order(prefs)[0])
    diff = (value - previous) * unit.factor
    amount = fmt_number(abs(diff), unit.decimals)
    if float(amount) == 0:
        return "unchanged since last time"
    shown = amount if lab.is_score else f"{amount} {unit.name}"
    direction, sign = ("up", "+") if diff > 0 else ("down", "-")
    percent = abs(value - previous) / abs(previous) * 100 if previous and not lab.is_score else None
    tail = "" if percent is None else f" ({sign}{fmt_number(percent, 0)} %)"
    return f"{direction} {shown} since last time{tail}"


def read_result(
    lab: Lab,
    value_canonical: float,
    *,
    age_band: AgeBand | None,
    previous: float | None = None,
    baseline: float | None = None,
    score_kind: ScoreKind | None = None,
    own_upper_limit: float | None = None,
    prefs: LabUnits = LabUnits.CONVENTIONAL,
) -> Reading:
    """Read a value (canonical unit) against the lab's bands, the DXA age rules and baseline.

    previous gives the change text (in his preferred unit); baseline and own_upper_limit (the
    upper limit printed on his own lab report) are only used for labs whose catalog entry has
    a rise_vs_baseline / own_upper_limit rule (CTX). A DXA score without score_kind is a T-score.
    """
    kind: ScoreKind = score_kind or "T"
    if lab.is_score:
        parts, low = _score_parts(lab, value_canonical, age_band, kind)
    else:
        parts, low = _unit_parts(lab, value_canonical, age_band, baseline, own_upper_limit)
    level = max((part.level for part in parts), key=LEVELS.index)
    ending = {"ok": "", "urgent": f" {URGENT}"}.get(level, f" {DISCUSS}")
    flagged = sorted((p for p in parts if p.level != "ok"), key=lambda p: -LEVELS.index(p.level))
    text = " ".join(part.plain for part in (flagged[:2] or parts[:1])) + ending
    citations = tuple(Citation(part.text, part.source) for part in parts)
    change = _change(lab, value_canonical, previous, prefs, kind)
    return Reading(level, text, citations, change, level != "ok", low)


def _show(unit: Unit, canonical: float, entry: LabEntry | None) -> str:
    if entry is not None and entry.unit_entered == unit.name:  # as typed, up to 3 decimals
        return unit.show(entry.value_entered, max(unit.decimals, 3))
    return unit.show(canonical * unit.factor)


def display_value(
    entry_or_value: LabEntry | float,
    lab: Lab,
    prefs: LabUnits,
    *,
    score_kind: ScoreKind | None = None,
) -> str:
    """ "32 ng/mL (80 nmol/L)": his preferred unit first, the other display unit in brackets.

    A plain value is in the canonical unit; score_kind picks T or Z for a plain DXA value.
    """
    if isinstance(entry_or_value, LabEntry):
        entry: LabEntry | None = entry_or_value
        if entry_or_value.lab_key != lab.key:
            raise ValueError(f"a {entry_or_value.lab_key} entry shown as {lab.key}")
        canonical, score_kind = entry_or_value.value_canonical, entry_or_value.score_kind
    else:
        entry, canonical = None, float(entry_or_value)
    if lab.is_score:
        return lab.score_unit(score_kind).show(canonical, 3 if entry else None)
    first, *other = dict.fromkeys(lab.display.order(prefs))
    shown = _show(lab.unit_named(first), canonical, entry)
    return shown + "".join(f" ({_show(lab.unit_named(name), canonical, entry)})" for name in other)
