"""The lab catalog: frozen pydantic models for content/labs.yaml (checked in checks.py)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from bot.domain.profile import AgeBand, LabUnits
from bot.domain.text import normalize

Status = Literal["C", "S", "U", "definitional"]
Level = Literal["ok", "note", "discuss", "urgent"]
ScoreKind = Literal["T", "Z"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
LEVELS: tuple[Level, ...] = ("ok", "note", "discuss", "urgent")  # in order of concern
_UNDER_50 = frozenset({AgeBand.UNDER_30, AgeBand.B30_39, AgeBand.B40_49})


def unit_key(text: str) -> str:
    """A unit spelling ignoring case, spaces, dots and hyphens: "T-score" -> "tscore"."""
    return re.sub(r"[\s.\-]+", "", normalize(text))


def alias_tokens(alias: str) -> list[str]:
    """The words of an alias: "25(OH)D" -> ["25", "oh", "d"]; "hct%" -> ["hct", "%"]."""
    return re.findall(r"[^\W_]+|%", normalize(alias))


def fmt_number(value: float, decimals: int) -> str:
    """At most `decimals` places, without trailing zeros: 79.87 at 0 -> "80", 0.420 -> "0.42"."""
    text = f"{value:.{decimals}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text == "-0" else text


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Sourced(_Model):
    source: Text
    status: Status


class Unit(_Model):
    name: Text
    factor: float = Field(gt=0)  # how many of this unit make one canonical unit
    decimals: int = Field(ge=0, le=4)
    spellings: tuple[Text, ...] = ()
    score_kind: ScoreKind | None = None
    label: Text | None = None  # "T-score" for a score unit
    source: Text | None = None
    status: Status | None = None

    def show(self, value: float, decimals: int | None = None) -> str:
        """ "80 nmol/L", or "T-score -1.8" for a score (at the unit's decimals by default)."""
        number = fmt_number(value, self.decimals if decimals is None else decimals)
        return f"{self.label or self.name} {number}" if self.score_kind else f"{number} {self.name}"


class Plausible(_Sourced):
    low: float
    high: float


class Display(_Model):
    conventional: Text
    si: Text

    def order(self, prefs: LabUnits) -> tuple[str, str]:
        """(preferred unit, the other display unit) for a LabUnits preference."""
        pair = (self.conventional, self.si)
        return pair if prefs is LabUnits.CONVENTIONAL else (pair[1], pair[0])


class Note(_Sourced):
    kind: Literal["preparation", "background"]
    text: Text
    ages: Literal["under_50", "50_plus"] | None = None  # only for men in that age group


class Baseline(_Sourced):
    timing: Literal["now", "ai_start"]


class Interval(_Sourced):
    days: int = Field(gt=0)


class Recheck(Interval):
    window: Text
    after: tuple[Literal["ai_start", "dose_change", "trt_change"], ...] = Field(min_length=1)


class Schedule(_Model):
    baseline: Baseline
    recheck: Recheck | None = None
    interval: Interval
    if_low: Interval | None = None  # the next one after a low result (overrides `interval`)
    after_flag: Interval | None = None  # the next one after any other flagged result


class Band(_Sourced):
    below: float | None = None  # exclusive upper bound
    up_to: float | None = None  # inclusive upper bound
    level: Level
    text: Text  # the detail, with its figures and who says so (behind the Sources button)
    plain: Text  # one short sentence a layman reads on a phone, ending with a full stop

    @property
    def bound(self) -> float | None:
        return self.below if self.up_to is None else self.up_to

    def holds(self, value: float) -> bool:
        """Whether value is under this band's upper bound (the bands below it were checked)."""
        if self.up_to is not None:
            return value <= self.up_to
        return self.below is None or value < self.below


class Info(_Sourced):
    text: Text  # the detail, with its figures and who says so (behind the Sources button)
    plain: Text  # one short sentence a layman reads on a phone, ending with a full stop


class Rule(Info):
    level: Level


class OwnLimit(Rule):
    """Above the upper limit printed on his own lab report (when he gives it)."""

    within: Text  # the plain sentence when he is at or under that limit


class UsualRange(Info):
    """One usual range for adult men (P1NP): information, and `above` it a flag."""

    low: float
    high: float
    above: Rule


class AiContext(Rule):
    below: float
    loss_percent_per_year: float = Field(gt=0)  # information only: T-scores give no BMD loss


class RiseRule(Rule):
    percent: float = Field(gt=0)


class AgeRange(_Model):
    ages: Text
    low: float
    high: float


class ReferenceRanges(Info):
    text_no_age: Text
    plain_no_age: Text
    by_age: dict[AgeBand, AgeRange]
    above: Rule  # above his age band's upper end, when he gave no range of his own lab


class Flags(_Model):
    bands: tuple[Band, ...] = ()  # for labs with units; t_bands/z_bands for DXA scores
    t_bands: tuple[Band, ...] = ()
    z_bands: tuple[Band, ...] = ()
    t_under_50: Info | None = None
    ai_context: AiContext | None = None
    rise_vs_baseline: RiseRule | None = None
    own_upper_limit: OwnLimit | None = None
    reference_ranges: ReferenceRanges | None = None
    usual_range: UsualRange | None = None
    info: Info | None = None


class Lab(_Model):
    key: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    name: Text
    aliases: tuple[Text, ...] = Field(min_length=1)
    example: Text
    scan_with: Text | None = None  # another lab key done in the same scan (DXA hip with spine)
    visit_name: Text | None = None  # the name of the one appointment for both ("DXA scan")
    ref_example: Text | None = None  # how his lab's range is typed ("ctx ref 132-752")
    unit: Text
    bare_unit: Text | None = None
    display: Display
    units: tuple[Unit, ...] = Field(min_length=1)
    plausible: Plausible
    schedule: Schedule
    notes: tuple[Note, ...] = ()
    flags: Flags

    @property
    def is_score(self) -> bool:
        return self.units[0].score_kind is not None

    @property
    def canonical(self) -> Unit:
        return self.unit_named(self.unit)

    def notes_for(self, kind: str, age_band: AgeBand | None) -> tuple[str, ...]:
        """The notes of a kind for his age group (both groups' notes when his age is unknown)."""
        group = None if age_band is None else "under_50" if age_band in _UNDER_50 else "50_plus"
        return tuple(
            n.text
            for n in self.notes
            if n.kind == kind and (n.ages is None or group is None or n.ages == group)
        )

    def unit_named(self, name: str) -> Unit:
        """The unit with this exact name; KeyError if there is none."""
        for unit in self.units:
            if unit.name == name:
                return unit
        raise KeyError(f"{self.key} has no unit {name!r}")

    def find_unit(self, text: str) -> Unit | None:
        """The accepted unit spelled `text` (its name or one of its spellings), if any."""
        wanted = unit_key(text)
        return next((u for u in self.units if wanted in _keys(u)), None)

    def score_unit(self, kind: ScoreKind | None) -> Unit:
        """The unit for a DXA score kind (the canonical unit when kind is None)."""
        return next((u for u in self.units if u.score_kind == kind), self.canonical)


def _keys(unit: Unit) -> set[str]:
    return {unit_key(s) for s in (unit.name, *unit.spellings)}


def alias_key(alias: str) -> str:
    """An alias ignoring case, spaces and punctuation: "25-OH-D" -> "25ohd"."""
    return "".join(alias_tokens(alias))


class Ambiguous(_Model):
    """Names that fit several labs (plain "dxa"): the parser asks `question`."""

    aliases: tuple[Text, ...] = Field(min_length=1)
    labs: tuple[str, ...] = Field(min_length=2)
    question: Text


class LabCatalog(_Model):
    version: Literal[1]
    ambiguous: tuple[Ambiguous, ...] = ()
    labs: tuple[Lab, ...] = Field(min_length=1)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(lab.key for lab in self.labs)

    def get(self, key: str) -> Lab:
        """The lab with this catalog key; KeyError if there is none."""
        for lab in self.labs:
            if lab.key == key:
                return lab
        raise KeyError(f"no lab with key {key!r}")

    def find(self, name: str) -> Lab | None:
        """The lab a typed name refers to (ignoring case, spaces and punctuation), if any."""
        wanted = alias_key(name)
        return next((lab for lab in self.labs if wanted in map(alias_key, lab.aliases)), None)


def convert(value: float, lab: Lab, from_unit: str, to_unit: str) -> float:
    """A value in one of the lab's units (name or spelling) expressed in another.

    ValueError for a unit the lab doesn't accept, or between a T-score and a Z-score.
    """
    source, target = lab.find_unit(from_unit), lab.find_unit(to_unit)
    if source is None or target is None:
        raise ValueError(f"{lab.name} has no unit {from_unit if source is None else to_unit!r}")
    if source.score_kind != target.score_kind:
        raise ValueError("a T-score and a Z-score cannot be converted into each other")
    return value if source is target else value / source.factor * target.factor
