"""Checks of the lab catalog (content/labs.yaml) that its models can't make on their own."""

from __future__ import annotations

import re
import string

from bot.domain.labs.catalog import (
    Band,
    Flags,
    Info,
    Lab,
    LabCatalog,
    OwnLimit,
    Plausible,
    ReferenceRanges,
    UsualRange,
    alias_key,
    unit_key,
)
from bot.domain.profile import AgeBand

Problem = tuple[str, str]  # (field, message)
# An internal status code in a text he reads: "(threshold C; tier U)", "interval S", "(U)".
STATUS_CODE = re.compile(
    r"\b(?:threshold|tier|interval|status)\s+[CSU]\b|\([CSU]\)|(?<![\w\-])[CSU](?![\w\-/])"
)
_TEMPLATES = {
    "own_upper_limit": {"limit"},
    "rise_vs_baseline": {"percent", "baseline", "threshold"},
}


def _unit_problems(lab: Lab) -> list[Problem]:
    problems, names = [], [u.name for u in lab.units]
    if not any(u.name == lab.unit and u.factor == 1 for u in lab.units):
        problems.append(("units", f"canonical unit '{lab.unit}' must be listed with factor 1"))
    spellings = [s for u in lab.units for s in {unit_key(s) for s in (u.name, *u.spellings)}]
    if dupes := sorted({s for s in spellings if spellings.count(s) > 1}):
        problems.append(("units", f"spelling {', '.join(dupes)} is listed twice"))
    for u in lab.units:
        if u.name != lab.unit and not (u.source and u.status):
            problems.append(("units", f"conversion '{u.name}' needs a source and status"))
        if (u.score_kind is None) == lab.is_score or (u.label is None) != (u.score_kind is None):
            problems.append(
                ("units", f"'{u.name}': give all units a score_kind and label, or none")
            )
    kinds = [u.score_kind for u in lab.units if u.score_kind]
    if len(set(kinds)) != len(kinds) or len(set(names)) != len(names):
        problems.append(("units", "each unit name and score kind may be listed once"))
    for field, name in [("display", lab.display.conventional), ("display", lab.display.si)]:
        if name not in names:
            problems.append((field, f"'{name}' is not one of the units"))
    if lab.bare_unit is not None and lab.bare_unit not in names:
        problems.append(("bare_unit", f"'{lab.bare_unit}' is not one of the units"))
    if lab.plausible.low >= lab.plausible.high:
        problems.append(("plausible", "low must be below high"))
    return problems


def _band_problems(where: str, bands: tuple[Band, ...], plausible: Plausible) -> list[Problem]:
    problems, previous = [], plausible.low
    for index, band in enumerate(bands):
        at, last, bound = f"flags.{where}[{index}]", index == len(bands) - 1, band.bound
        if band.below is not None and band.up_to is not None:
            problems.append((at, "give `below` or `up_to`, not both"))
        if last != (bound is None):
            problems.append((at, "the last band has no bound" if last else "needs a bound"))
        if bound is None:
            continue
        if not previous < bound < plausible.high:
            problems.append((at, f"bound {bound:g} is out of order or outside the plausible range"))
        if f"{abs(bound):g}" not in band.text:
            problems.append((at, f"text must mention its bound {bound:g}"))
        previous = max(previous, bound)
    if bands and not any(band.level == "ok" for band in bands):
        problems.append((f"flags.{where}", "one band must be ok"))
    return problems


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _texts(
    where: str, item: Band | Info, allowed: set[str] | None = None
) -> list[tuple[str, str, set[str]]]:
    """(field, text, allowed placeholders) of one flag item: its detail and plain sentences."""
    allowed = _TEMPLATES.get(where, set()) if allowed is None else allowed
    if isinstance(item, ReferenceRanges):
        ages = {"low", "high", "ages"}
        return [
            (where, item.text, ages),
            (f"{where}.plain", item.plain, ages),
            (where, item.text_no_age, set()),
            (f"{where}.plain_no_age", item.plain_no_age, set()),
            *_texts(f"{where}.above", item.above, ages),
        ]
    if isinstance(item, UsualRange):
        allowed = {"low", "high"}
        found = [*_texts(f"{where}.above", item.above, allowed)]
    else:
        found = []
    found += [(where, item.text, allowed), (f"{where}.plain", item.plain, allowed)]
    if isinstance(item, OwnLimit):
        found.append((f"{where}.within", item.within, allowed))
    return found


def _text_problems(flags: Flags) -> list[Problem]:
    names = ("t_under_50", "ai_context", "info", "reference_ranges", "usual_range", *_TEMPLATES)
    named: list[tuple[str, Band | Info | None]] = [(n, getattr(flags, n)) for n in names]
    for where in ("bands", "t_bands", "z_bands"):
        named += [(f"{where}[{i}]", band) for i, band in enumerate(getattr(flags, where))]
    problems = []
    for top, item in named:
        for where, text, allowed in _texts(top, item) if item else []:
            plain = where.endswith(("plain", "plain_no_age", "within"))
            if plain != text.endswith("."):
                rule = "must end" if plain else "must not end"
                problems.append((f"flags.{where}", f"text {rule} with a full stop"))
            if STATUS_CODE.search(text):
                problems.append((f"flags.{where}", "text must not show a status code"))
            if extra := _fields(text) - allowed:
                problems.append((f"flags.{where}", f"unknown placeholder {', '.join(extra)}"))
    return problems


def _flag_problems(lab: Lab) -> list[Problem]:
    flags, problems = lab.flags, list[Problem]()
    score_only = ("t_bands", "z_bands", "t_under_50", "ai_context")
    units_only = (
        "bands",
        "rise_vs_baseline",
        "own_upper_limit",
        "reference_ranges",
        "usual_range",
    )
    for name in units_only if lab.is_score else score_only:
        if getattr(flags, name):
            kind = "DXA scores" if lab.is_score else "labs with units"
            problems.append((f"flags.{name}", f"not used for {kind}"))
    if (flags.own_upper_limit is None) != (lab.ref_example is None):
        problems.append(("ref_example", "give it exactly when there is an own_upper_limit rule"))
    if lab.is_score and not (flags.t_bands and flags.z_bands):
        problems.append(("flags", "a DXA score lab needs t_bands and z_bands"))
    if not (flags.bands or flags.t_bands or flags.info or flags.reference_ranges) and not (
        flags.usual_range
    ):
        problems.append(("flags", "give bands, info, reference_ranges or usual_range"))
    for where in ("bands", "t_bands", "z_bands"):
        problems += _band_problems(where, getattr(flags, where), lab.plausible)
    if (ranges := flags.reference_ranges) is not None:
        if missing := [band.value for band in AgeBand if band not in ranges.by_age]:
            problems.append(("flags.reference_ranges", f"no range for {', '.join(missing)}"))
        if any(r.low >= r.high for r in ranges.by_age.values()):
            problems.append(("flags.reference_ranges", "low must be below high"))
    ai = flags.ai_context
    if ai is not None and not lab.plausible.low < ai.below < lab.plausible.high:
        problems.append(("flags.ai_context", "below is outside the plausible range"))
    return problems + _text_problems(flags)


def _alias_problems(lab: Lab) -> list[Problem]:
    keys = [alias_key(alias) for alias in lab.aliases]
    if "" in keys:
        return [("aliases", "an alias needs letters or digits")]
    if dupes := sorted({key for key in keys if keys.count(key) > 1}):
        return [("aliases", f"{', '.join(dupes)} is listed twice")]
    return []


def catalog_problems(catalog: LabCatalog) -> list[str]:
    """Everything wrong with a catalog that its models can't see, naming the lab and field."""
    problems, owners = [], dict[str, str]()
    for lab in catalog.labs:
        found = [*_unit_problems(lab), *_flag_problems(lab), *_alias_problems(lab)]
        problems += [f"lab '{lab.key}', field '{field}': {message}" for field, message in found]
    if dupes := sorted({k for k in catalog.keys if catalog.keys.count(k) > 1}):
        problems.append(f"lab key {', '.join(dupes)} is used twice")
    named = [(f"lab '{lab.key}'", lab.aliases) for lab in catalog.labs]
    named += [(f"ambiguous {'/'.join(a.labs)}", a.aliases) for a in catalog.ambiguous]
    for owner, aliases in named:
        for key in sorted({alias_key(alias) for alias in aliases}):
            if (first := owners.setdefault(key, owner)) != owner:
                problems.append(f"{owner}, field 'aliases': '{key}' is also used by {first}")
    for group in catalog.ambiguous:
        if unknown := sorted(set(group.labs) - set(catalog.keys)):
            problems.append(f"ambiguous, field 'labs': unknown lab {', '.join(unknown)}")
    return problems
