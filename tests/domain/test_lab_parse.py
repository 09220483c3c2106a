"""Tests for typed lab results, their dates, unit conversion and display."""

import datetime as dt
import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.content.catalogs import load_lab_catalog
from bot.content.location import DEFAULT_LABS_PATH
from bot.domain.labs import (
    Lab,
    LabEntry,
    ReferenceRange,
    convert,
    display_value,
    parse_lab_entry,
    parse_reference,
)
from bot.domain.profile import LabUnits
from bot.domain.text import InvalidAnswer

CATALOG = load_lab_catalog(DEFAULT_LABS_PATH)
TODAY = dt.date(2026, 11, 10)
ALIASES = [(lab.key, alias) for lab in CATALOG.labs for alias in lab.aliases]
SPELLINGS = [
    (lab, unit.name, spelling)
    for lab in CATALOG.labs
    for unit in lab.units
    for spelling in (unit.name, *unit.spellings)
]
UNITS = [(lab, unit.name) for lab in CATALOG.labs for unit in lab.units]


def _parse(text: str) -> LabEntry:
    return parse_lab_entry(text, CATALOG, today=TODAY)


def _middle(lab: Lab, unit_name: str) -> float:
    """A plausible value in that unit, with few decimals."""
    middle = (lab.plausible.low + lab.plausible.high) / 2 + 0.25
    return round(middle * lab.unit_named(unit_name).factor, 4)


@pytest.mark.parametrize(
    ("text", "key", "canonical", "entered", "unit"),
    [
        ("vitd 32 ng/mL", "vitd", 32, 32, "ng/mL"),
        ("vit d 80 nmol/l", "vitd", 80 / 2.496, 80, "nmol/L"),
        ("25-oh-d 32 ng/ml", "vitd", 32, 32, "ng/mL"),
        ("25(OH)D: 32ng/mL", "vitd", 32, 32, "ng/mL"),
        ("Vitamin D3 30 ng/ml", "vitd", 30, 30, "ng/mL"),
        ("e2 55 pmol/L", "e2", 55 / 3.671, 55, "pmol/L"),
        ("estradiol 15 pg/ml", "e2", 15, 15, "pg/mL"),
        ("Sensitive oestradiol 22,5 pg/ml", "e2", 22.5, 22.5, "pg/mL"),
        ("ctx 420 pg/mL", "ctx", 420, 420, "pg/mL"),
        ("ctx 0.42 ng/mL", "ctx", 420, 0.42, "ng/mL"),
        ("beta-crosslaps 380 ng/L", "ctx", 380, 380, "ng/L"),
        ("ctx 1,019 pg/ml", "ctx", 1019, 1019, "pg/mL"),
        ("ctx 1,019 ng/ml", "ctx", 1019, 1.019, "ng/mL"),
        ("p1np 45 µg/L", "p1np", 45, 45, "µg/L"),
        ("PINP 45 ng/ml", "p1np", 45, 45, "ng/mL"),
        ("p1np 45", "p1np", 45, 45, "µg/L"),
        ("dxa spine -1.8 T", "dxa_spine", -1.8, -1.8, "T"),
        ("dexa hip -2.6", "dxa_hip", -2.6, -2.6, "T"),
        ("dxa spine z -1.2", "dxa_spine", -1.2, -1.2, "Z"),
        ("DXA femoral neck T-score: −2.1", "dxa_hip", -2.1, -2.1, "T"),
        ("lumbar spine -0.4 z-score", "dxa_spine", -0.4, -0.4, "Z"),
        ("bone density hip +0.5", "dxa_hip", 0.5, 0.5, "T"),
        ("hct 52%", "hct", 52, 52, "%"),
        ("hct% 52", "hct", 52, 52, "%"),
        ("haematocrit 48.5 percent", "hct", 48.5, 48.5, "%"),
        ("hematocrit 0.52 L/L", "hct", 52, 0.52, "L/L"),
        ("hct 0.52", "hct", 52, 0.52, "L/L"),
        ("tt 650 ng/dL", "tt", 650, 650, "ng/dL"),
        ("testosterone 22 nmol/L", "tt", 22 / 0.03467, 22, "nmol/L"),
        ("Total T 710 ng/dl", "tt", 710, 710, "ng/dL"),
        ("t 6.5 ng/mL", "tt", 650, 6.5, "ng/mL"),
        ("tt 22.5 nmol/L", "tt", 22.5 / 0.03467, 22.5, "nmol/L"),
        ("e2 sensitive 25 pg/mL", "e2", 25, 25, "pg/mL"),
        ("/lab vitd 32 ng/ml", "vitd", 32, 32, "ng/mL"),
    ],
)
def test_accepted_entries(text: str, key: str, canonical: float, entered: float, unit: str) -> None:
    """Typed results with aliases, units, signs and number styles become canonical values."""
    entry = _parse(text)
    assert entry.lab_key == key
    assert entry.value_canonical == pytest.approx(canonical)
    assert entry.value_entered == pytest.approx(entered)
    assert entry.unit_entered == unit
    assert entry.taken_on == TODAY
    lab = CATALOG.get(key)
    assert entry.unit_canonical == (unit if lab.is_score else lab.unit)
    assert entry.score_kind == (unit if lab.is_score else None)


@pytest.mark.parametrize(("key", "alias"), ALIASES, ids=[a for _, a in ALIASES])
def test_every_alias_is_understood(key: str, alias: str) -> None:
    """Every catalog alias, typed with a value and unit, is read as its own lab."""
    lab = CATALOG.get(key)
    unit = lab.units[0].name
    assert _parse(f"{alias} {_middle(lab, unit)} {unit}").lab_key == key
    assert _parse(f"{alias.upper()} {_middle(lab, unit)} {unit}").lab_key == key


@pytest.mark.parametrize(
    ("lab", "unit", "spelling"), SPELLINGS, ids=[f"{lab.key}-{s}" for lab, _, s in SPELLINGS]
)
def test_every_unit_spelling_is_understood(lab: Lab, unit: str, spelling: str) -> None:
    """Every accepted spelling of every unit is read as that unit."""
    entry = _parse(f"{lab.aliases[0]} {_middle(lab, unit)} {spelling}")
    assert (entry.lab_key, entry.unit_entered) == (lab.key, unit)


@pytest.mark.parametrize("lab", CATALOG.labs, ids=lambda lab: lab.key)
def test_catalog_examples_parse(lab: Lab) -> None:
    """The example shown in every hint is itself an accepted entry."""
    assert _parse(lab.example).lab_key == lab.key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vitd 32", "Which unit is that 25(OH)D (vitamin D) result in: ng/mL or nmol/L?"),
        ("25-oh-d 32", "Send it like vitd 32 ng/mL"),
        ("e2 25", "pg/mL or pmol/L"),
        ("ctx 420", "pg/mL, ng/L or ng/mL"),
        ("tt 650", "ng/dL, nmol/L or ng/mL"),
        ("vitd 32 mg", "25(OH)D (vitamin D) can be logged in ng/mL or nmol/L — e.g. vitd 32"),
        ("hct 52 mmol", "Hematocrit can be logged in % or L/L"),
        ("vitd 500 ng/ml", "between 1 and 200 ng/mL"),
        ("vitd 600 nmol/l", "between 3 and 499 nmol/L"),
        ("e2 5000 pmol/l", "between 2 and 1835 pmol/L"),
        ("ctx 5 ng/ml", "between 0.01 and 3 ng/mL"),
        ("tt 200 nmol/l", "between 0.4 and 104 nmol/L"),
        ("hct 0.52 %", "between 20 and 70 %. Did you mean 0.52 L/L?"),
        ("hct 75", "Hematocrit results are between 20 and 70 %"),
        ("dxa hip -7", "DXA hip T-scores are between -6 and 6"),
        ("dxa spine z 6.5", "DXA spine Z-scores are between -6 and 6"),
        ("vitd -5 ng/ml", "between 1 and 200 ng/mL"),
        ("dxa -1.8", "Which site is that — spine or hip?"),
        ("bone density -1.8 t", "spine or hip"),
        ("dxa spine z -1.2 t", "Is that a T-score or a Z-score?"),
        ("magnesium 32", "I can log 25(OH)D (vitamin D), Estradiol (E2), CTX, P1NP"),
        ("ldl 120 mg/dl", "or Total testosterone — send it like vitd 32 ng/mL"),
        ("vitd", "What was the 25(OH)D (vitamin D) result? Send it like vitd 32 ng/mL"),
        ("hct high", "What was the Hematocrit result?"),
        ("e2 <5 pg/ml", "If your report says something like < 5, send the number itself"),
        ("hello", "I couldn't read that. Send a result like vitd 32 ng/mL"),
        ("", "I couldn't read that"),
        ("vitd 32 ng/ml 2027-01-01", "That date is in the future"),
        ("vitd 32 ng/ml 11.11.2026", "That date is in the future"),
        ("vitd 32 ng/ml 01.01.2010", "more than 10 years ago"),
        ("vitd 32 ng/ml 31.02.2026", "That date doesn't exist"),
        ("vitd 32 ng/ml 31 apr", "That date doesn't exist"),
        ("vitd 32 ng/ml nov 2026", "Which day in November 2026? Add it, e.g. 2 Nov 2026"),
    ],
)
def test_rejected_entries_say_why(text: str, expected: str) -> None:
    """Missing or unknown units, implausible values, unknown labs and bad dates are explained."""
    with pytest.raises(InvalidAnswer) as caught:
        _parse(text)
    assert expected in str(caught.value)


@pytest.mark.parametrize(
    "text",
    ["vitd 32", "ctx 420 mg", "vitd 500 ng/ml", "ldl 120", "hello", "vitd", "hct 90"],
)
def test_every_refusal_carries_an_example(text: str) -> None:
    """Each refusal shows a typed example he can copy."""
    with pytest.raises(InvalidAnswer) as caught:
        _parse(text)
    assert "e.g." in str(caught.value) or "like" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "taken_on"),
    [
        ("vitd 32 ng/ml 2026-11-02", dt.date(2026, 11, 2)),
        ("vitd 32 ng/ml 02.11.2026", dt.date(2026, 11, 2)),
        ("vitd 32 ng/ml 2/11/2026", dt.date(2026, 11, 2)),
        ("vitd 32 ng/ml 11/22/2025", dt.date(2025, 11, 22)),  # only month-first is possible
        ("vitd 32 ng/ml 2 nov", dt.date(2026, 11, 2)),
        ("vitd 32 ng/ml 2 Nov 2025", dt.date(2025, 11, 2)),
        ("vitd 32 ng/ml nov 2", dt.date(2026, 11, 2)),
        ("vitd 32 ng/ml November 2, 2025", dt.date(2025, 11, 2)),
        ("vitd 32 ng/ml on the 2nd of november", dt.date(2026, 11, 2)),
        ("vitd 32 ng/ml on 2nd november 2025", dt.date(2025, 11, 2)),
        ("vitd 32 ng/ml 20 dec", dt.date(2025, 12, 20)),  # no year: the latest such day
        ("vitd 32 ng/ml, today", TODAY),
        ("e2 20 pg/ml yesterday", dt.date(2026, 11, 9)),
        ("2026-11-02 vitd 32 ng/ml", dt.date(2026, 11, 2)),
        ("02.11.2026: vitd 32 ng/ml", dt.date(2026, 11, 2)),
        ("yesterday hct 48 %", dt.date(2026, 11, 9)),
        ("2 nov dexa hip -2.6", dt.date(2026, 11, 2)),
        ("dexa hip -2.6 2 nov", dt.date(2026, 11, 2)),
        ("hct 48 10.11.2016", dt.date(2016, 11, 10)),  # exactly 10 years back is accepted
    ],
)
def test_dates_at_the_start_or_end(text: str, taken_on: dt.date) -> None:
    """An optional date before or after the result sets taken_on; without one it is today."""
    assert _parse(text).taken_on == taken_on


def test_dates_around_leap_days() -> None:
    """A 29 Feb without a year is the latest one; ten years back from a leap day works."""
    assert _parse("hct 48 29 feb").taken_on == dt.date(2024, 2, 29)
    leap_today = dt.date(2028, 2, 29)
    entry = parse_lab_entry("hct 48 28.02.2018", CATALOG, today=leap_today)
    assert entry.taken_on == dt.date(2018, 2, 28)
    with pytest.raises(InvalidAnswer, match="more than 10 years ago"):
        parse_lab_entry("hct 48 27.02.2018", CATALOG, today=leap_today)


def test_the_number_is_not_mistaken_for_an_alias() -> None:
    """Digits after a lab name stay the value ("e2 25" is 25 pg/mL, not a lab called e25)."""
    assert _parse("e2 25 pg/ml").value_canonical == 25
    assert _parse("vitamin d 3 nmol/l").value_entered == 3
    with pytest.raises(InvalidAnswer, match="I can log"):
        _parse("e225 pg/ml")


@pytest.mark.parametrize(("lab", "unit"), UNITS, ids=[f"{lab.key}-{u}" for lab, u in UNITS])
@given(value=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_convert_there_and_back(lab: Lab, unit: str, value: float) -> None:
    """Converting to the canonical unit and back returns the value within 1e-9 relative."""
    there = convert(value, lab, unit, lab.unit if not lab.is_score else unit)
    back = convert(there, lab, lab.unit if not lab.is_score else unit, unit)
    assert math.isclose(back, value, rel_tol=1e-9, abs_tol=1e-12)
    for other in lab.units:
        if other.score_kind == lab.unit_named(unit).score_kind:
            across = convert(convert(value, lab, unit, other.name), lab, other.name, unit)
            assert math.isclose(across, value, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize(("lab", "unit"), UNITS, ids=[f"{lab.key}-{u}" for lab, u in UNITS])
@given(fraction=st.floats(min_value=0, max_value=1))
def test_parsing_matches_convert(lab: Lab, unit: str, fraction: float) -> None:
    """Parsing "<lab> <v> <unit>" for v in the plausible range gives convert()'s value."""
    factor = lab.unit_named(unit).factor
    low, high = lab.plausible.low * factor, lab.plausible.high * factor
    text_value = f"{low + (high - low) * fraction:.6f}"
    assume(low <= float(text_value) <= high)
    entry = _parse(f"{lab.aliases[0]} {text_value} {unit}")
    canonical_unit = unit if lab.is_score else lab.unit
    expected = convert(float(text_value), lab, unit, canonical_unit)
    assert entry.value_canonical == pytest.approx(expected, rel=1e-12, abs=1e-12)
    assert entry.unit_entered == unit


def test_convert_refuses_unknown_units_and_scores() -> None:
    """convert() accepts spellings, and refuses unknown units and T-to-Z conversion."""
    vitd, dxa = CATALOG.get("vitd"), CATALOG.get("dxa_spine")
    assert convert(32, vitd, "ng/ml", "nmol/l") == pytest.approx(79.872)
    assert convert(650, CATALOG.get("tt"), "ng/dL", "nmol/L") == pytest.approx(22.5355)
    assert convert(0.54, CATALOG.get("hct"), "L/L", "%") == pytest.approx(54)
    with pytest.raises(ValueError, match="no unit 'mg'"):
        convert(32, vitd, "mg", "ng/mL")
    with pytest.raises(ValueError, match="T-score and a Z-score"):
        convert(-1.0, dxa, "T", "Z")


@pytest.mark.parametrize(
    ("text", "prefs", "shown"),
    [
        ("vitd 32 ng/mL", LabUnits.CONVENTIONAL, "32 ng/mL (80 nmol/L)"),
        ("vitd 32 ng/mL", LabUnits.SI, "80 nmol/L (32 ng/mL)"),
        ("vit d 80 nmol/l", LabUnits.SI, "80 nmol/L (32.1 ng/mL)"),
        ("e2 55 pmol/L", LabUnits.CONVENTIONAL, "15 pg/mL (55 pmol/L)"),
        ("tt 650 ng/dL", LabUnits.SI, "22.5 nmol/L (650 ng/dL)"),
        ("hct 52%", LabUnits.CONVENTIONAL, "52 % (0.52 L/L)"),
        ("hct 0.525 l/l", LabUnits.SI, "0.525 L/L (52.5 %)"),
        ("ctx 0.42 ng/mL", LabUnits.SI, "420 pg/mL"),
        ("p1np 45.25 ng/ml", LabUnits.CONVENTIONAL, "45.2 µg/L"),
        ("dxa spine -1.8 T", LabUnits.SI, "T-score -1.8"),
        ("dxa hip z -0.4", LabUnits.CONVENTIONAL, "Z-score -0.4"),
    ],
)
def test_display_value_of_entries(text: str, prefs: LabUnits, shown: str) -> None:
    """An entry shows his preferred unit first and the other display unit in brackets."""
    entry = _parse(text)
    assert display_value(entry, CATALOG.get(entry.lab_key), prefs) == shown


def test_display_value_of_plain_values() -> None:
    """A plain canonical value is shown the same way; score_kind picks T or Z."""
    assert display_value(32, CATALOG.get("vitd"), LabUnits.SI) == "80 nmol/L (32 ng/mL)"
    assert display_value(9.5, CATALOG.get("e2"), LabUnits.SI) == "35 pmol/L (9.5 pg/mL)"
    dxa = CATALOG.get("dxa_hip")
    assert display_value(-2.0, dxa, LabUnits.SI) == "T-score -2"
    assert display_value(-2.0, dxa, LabUnits.SI, score_kind="Z") == "Z-score -2"
    with pytest.raises(ValueError, match="a vitd entry shown as e2"):
        display_value(_parse("vitd 32 ng/ml"), CATALOG.get("e2"), LabUnits.SI)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("/lab ctx 600 pg/mL ref 132-752", 132, 752),
        ("ctx 0.6 ng/mL ref 132-752 pg/mL", 132, 752),
        ("ctx 0.6 ng/mL ref 0.132-0.752", 132, 752),
        ("ctx 600 pg/ml reference range: 132 to 752", 132, 752),
        ("p1np 90 (range 22-87)", 22, 87),
    ],
)
def test_his_lab_range_after_the_value(text: str, low: float, high: float) -> None:
    """A range after the value is read in its own unit, or the value's, into canonical units."""
    entry = parse_lab_entry(text, CATALOG, today=TODAY)
    assert (entry.ref_low, entry.ref_high) == pytest.approx((low, high))


def test_his_lab_range_alone_and_bad_ranges() -> None:
    """'ctx ref 132-752' is a range alone; a range upside down or for a DXA score is refused."""
    assert parse_reference("/lab ctx ref 132-752", CATALOG) == ReferenceRange("ctx", 132, 752, None)
    assert parse_reference("ctx 600 pg/mL", CATALOG) is None
    with pytest.raises(InvalidAnswer, match="low to high"):
        parse_lab_entry("ctx 600 pg/mL ref 752-132", CATALOG, today=TODAY)
    with pytest.raises(InvalidAnswer, match="no reference range"):
        parse_lab_entry("dxa spine -1.2 t ref 1-2", CATALOG, today=TODAY)
