"""Tests for typed nutrient entries, one-tap ranges, daily targets, day assessment and warnings."""

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content.catalogs import load_catalog
from bot.domain.nutrition import (
    DayStatus,
    Nutrient,
    NutrientAmount,
    amount_for_range,
    assess_day,
    daily_target,
    parse_nutrient_entry,
    range_options,
    warnings_for_entry,
)
from bot.domain.nutrition.catalog import MAX_LABEL
from bot.domain.profile import AgeBand
from bot.domain.text import InvalidAnswer

CATALOG = load_catalog(Path(__file__).resolve().parents[2] / "content" / "nutrients.yaml")
SIX_NAMES = ["Calcium", "Vitamin D3", "Vitamin K2 (MK-7)", "Magnesium", "Protein", "Omega-3"]
ADVICE = re.compile(r"\b(you should|increase|add (a|more)|try)\b|^take\b", re.IGNORECASE)


def _parse(text: str, weight_kg: float | None = 82.0) -> NutrientAmount:
    return parse_nutrient_entry(text, CATALOG, weight_kg=weight_kg)


@pytest.mark.parametrize(
    ("text", "key", "amount", "entered_value", "entered_unit"),
    [
        ("calcium 1200mg", "calcium", 1200, 1200, "mg"),
        ("calcium 1,200 mg", "calcium", 1200, 1200, "mg"),
        ("Calcium 1.2 g", "calcium", 1200, 1.2, "g"),
        ("/log calcium 1200 mg", "calcium", 1200, 1200, "mg"),
        ("calcium: 800", "calcium", 800, 800, "mg"),
        ("calcium 0", "calcium", 0, 0, "mg"),
        ("d3 2000 IU", "vitamin_d", 2000, 2000, "IU"),
        ("d3 2000 i.u.", "vitamin_d", 2000, 2000, "IU"),
        ("D3 2000 IU/day", "vitamin_d", 2000, 2000, "IU"),
        ("vitamin d 50 µg", "vitamin_d", 2000, 50, "µg"),
        ("vitamin d 50 \u03bcg", "vitamin_d", 2000, 50, "µg"),
        ("d3 50mcg", "vitamin_d", 2000, 50, "µg"),
        ("vit d 25 ug", "vitamin_d", 1000, 25, "µg"),
        ("d 1000", "vitamin_d", 1000, 1000, "IU"),
        ("protein 140g", "protein", 140, 140, "g"),
        ("protein 140", "protein", 140, 140, "g"),
        ("prot 95.5 grams", "protein", 95.5, 95.5, "g"),
        ("protein 1.5 g/kg", "protein", 123, 1.5, "g/kg"),
        ("k2 180 mcg", "k2", 180, 180, "µg"),
        ("MK-7 100µg", "k2", 100, 100, "µg"),
        ("k2 0.1 mg", "k2", 100, 0.1, "mg"),
        ("omega-3 1g", "omega3", 1000, 1, "g"),
        ("Omega 3 500 mg", "omega3", 500, 500, "mg"),
        ("fish oil 1,5 g EPA+DHA", "omega3", 1500, 1.5, "g"),
        ("mag 300", "magnesium", 300, 300, "mg"),
        ("mg 300 mg", "magnesium", 300, 300, "mg"),
        ("Magnesium 400 mg daily.", "magnesium", 400, 400, "mg"),
    ],
)
def test_accepted_entries(
    text: str, key: str, amount: float, entered_value: float, entered_unit: str
) -> None:
    """Typed entries with aliases, units and number styles become canonical amounts."""
    parsed = _parse(text)
    assert parsed.nutrient_key == key
    assert parsed.amount == pytest.approx(amount)
    assert parsed.unit == CATALOG.get(key).unit
    assert parsed.entered_value == pytest.approx(entered_value)
    assert parsed.entered_unit == entered_unit
    assert parsed.range_key is None


@pytest.mark.parametrize("nutrient", CATALOG.nutrients, ids=lambda n: n.key)
def test_catalog_examples_parse(nutrient: Nutrient) -> None:
    """The example shown in every hint is itself an accepted entry."""
    assert _parse(nutrient.example).nutrient_key == nutrient.key


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("zinc 15 mg", "I can log Calcium, Vitamin D3, Vitamin K2 (MK-7), Magnesium, Protein or"),
        ("1200 mg", "I can log Calcium"),
        ("calcium", "How much Calcium? Send it like /log calcium 1200 mg"),
        ("omega-3", "How much Omega-3 (EPA+DHA)?"),
        ("calcium -500 mg", "can't be negative"),
        ("calcium \u2212500", "can't be negative"),
        ("d3 2000 kg", "Vitamin D3 is logged in IU or µg"),
        ("calcium 1200 IU", "Calcium is logged in mg or g"),
        ("protein 140 mg", "Protein is logged in g or g/kg"),
        ("calcium lots", "I couldn't read that"),
        ("hello", "I couldn't read that"),
        ("", "I couldn't read that"),
        ("   ", "I couldn't read that"),
    ],
)
def test_rejected_entries(text: str, fragment: str) -> None:
    """Unknown nutrients or units, negatives and garbage get a specific, friendly message."""
    with pytest.raises(InvalidAnswer) as caught:
        _parse(text)
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("text", "key", "amount"),
    [
        ("k2 100 µg", "k2", 100),
        ("k2 100mcg", "k2", 100),
        ("K2 100 ug", "k2", 100),
        ("mk-7 100 mcg", "k2", 100),
        ("mk7 100", "k2", 100),
        ("MK 7 90 µg", "k2", 90),
        ("vitamin k2 120 mcg", "k2", 120),
        ("vit k2 200", "k2", 200),
        ("omega-3 500 mg", "omega3", 500),
        ("omega3 500mg", "omega3", 500),
        ("omega 3 0.5 g", "omega3", 500),
        ("Omega-3s 700 mg", "omega3", 700),
        ("epa/dha 600 mg", "omega3", 600),
        ("EPA+DHA 600mg", "omega3", 600),
        ("epa and dha 600 mg", "omega3", 600),
        ("fish oil 600 mg EPA+DHA", "omega3", 600),
        ("cod liver oil 450 mg epa/dha", "omega3", 450),
        ("vitamin d3 2000 IU", "vitamin_d", 2000),
        ("d3 1000iu", "vitamin_d", 1000),
    ],
)
def test_names_with_digits_and_aliases_are_read(text: str, key: str, amount: float) -> None:
    """Every nutrient name the bot shows, and its aliases with digits, can be typed."""
    parsed = _parse(text)
    assert (parsed.nutrient_key, parsed.amount, parsed.weekly) == (
        key,
        pytest.approx(amount),
        False,
    )


@pytest.mark.parametrize(
    "text", ["fish oil 3 g", "fish oil 1000 mg", "Fish-oil capsules 2", "krill oil 1 g", "fish oil"]
)
def test_capsule_weight_is_never_stored_as_epa_dha(text: str) -> None:
    """A fish-oil amount without "EPA+DHA" is refused: capsule weight is not omega-3."""
    with pytest.raises(InvalidAnswer) as caught:
        _parse(text)
    assert "isn't its omega-3" in str(caught.value)
    assert "EPA and DHA" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "amount", "entered"),
    [
        ("d3 50000 IU weekly", 7143, (50000, "IU/wk")),
        ("d3 50,000 iu a week", 7143, (50000, "IU/wk")),
        ("vitamin d 25000 IU per week", 3571, (25000, "IU/wk")),
        ("d3 1250 µg/week", 7143, (1250, "µg/wk")),
        ("calcium 7000 mg weekly", 1000, (7000, "mg/wk")),
    ],
)
def test_weekly_amount_is_logged_as_its_daily_average(
    text: str, amount: float, entered: tuple[float, str]
) -> None:
    """A weekly dose is divided by 7 (rounded) and remembered as typed."""
    parsed = _parse(text)
    assert parsed.weekly
    assert parsed.amount == amount
    assert (parsed.entered_value, parsed.entered_unit) == entered


def test_weekly_amount_is_still_checked_as_a_daily_average() -> None:
    """An implausible weekly dose is refused with its daily average spelled out."""
    with pytest.raises(InvalidAnswer) as caught:
        _parse("d3 200000 IU weekly")
    assert "200000 IU a week is 28571 a day" in str(caught.value)


def test_unknown_nutrient_message_lists_all_six() -> None:
    """The unknown-nutrient message names every nutrient the bot can log."""
    with pytest.raises(InvalidAnswer) as caught:
        _parse("iron 18 mg")
    assert all(name in str(caught.value) for name in SIX_NAMES)


@pytest.mark.parametrize(
    ("text", "weight_kg", "message"),
    [
        ("calcium 5000", None, "Calcium must be between 0 and 4000 mg a day."),
        (
            "calcium 1200 g",
            None,
            "Calcium must be between 0 and 4000 mg a day — did you mean 1200 mg?",
        ),
        ("mag 1600 mg", None, "Magnesium must be between 0 and 1500 mg a day."),
        (
            "k2 180 mg",
            None,
            "Vitamin K2 (MK-7) must be between 0 and 1000 µg a day — did you mean 180 µg?",
        ),
        (
            "d3 50000 IU",
            None,
            "Vitamin D3 must be between 0 and 10000 IU a day. If that is a weekly dose, add "
            '"weekly" (e.g. /log d3 50000 IU weekly) and I log the daily average.',
        ),
        ("d3 2000 µg", None, "between 0 and 10000 IU a day — did you mean 2000 IU?"),
        ("omega 3 6 g", None, "Omega-3 (EPA+DHA) must be between 0 and 5000 mg a day."),
        ("omega 3 6000", None, "between 0 and 5000 mg a day."),
        (
            "protein 400 g",
            82.0,
            "Protein must be between 25 and 287 g a day for your weight (0.3–3.5 g/kg).",
        ),
        (
            "protein 1.5",
            82.0,
            "Protein must be between 25 and 287 g a day for your weight (0.3–3.5 g/kg) — "
            "did you mean 1.5 g/kg?",
        ),
        (
            "protein 5",
            None,
            "Protein must be between 11 and 1050 g a day (0.3–3.5 g/kg of body weight).",
        ),
    ],
)
def test_implausible_amount_message_states_range_and_unit(
    text: str, weight_kg: float | None, message: str
) -> None:
    """Out-of-range amounts are refused with the range, the unit and a likely fix."""
    with pytest.raises(InvalidAnswer) as caught:
        _parse(text, weight_kg)
    assert message in str(caught.value)


def test_protein_without_weight_uses_loose_bounds() -> None:
    """Without a weight, protein is checked against 0.3 g/kg x 35 kg to 3.5 g/kg x 300 kg."""
    assert _parse("protein 400 g", None).amount == 400
    with pytest.raises(InvalidAnswer, match="I need your weight"):
        _parse("protein 1.5 g/kg", None)


@given(centi_micrograms=st.integers(min_value=0, max_value=25_000))
def test_vitamin_d_micrograms_and_iu_round_trip(centi_micrograms: int) -> None:
    """µg become IU at 40 IU per µg, and logging those IU gives the same amount back."""
    micrograms = centi_micrograms / 100
    from_micrograms = _parse(f"d3 {micrograms:.2f} µg")
    assert from_micrograms.amount == pytest.approx(micrograms * 40)
    from_iu = _parse(f"vitamin d {from_micrograms.amount:.1f} IU")
    assert from_iu.amount == pytest.approx(from_micrograms.amount)
    assert from_iu.amount / 40 == pytest.approx(micrograms)


@given(
    key=st.sampled_from(CATALOG.keys),
    value=st.integers(min_value=0, max_value=20_000),
    weight_kg=st.one_of(st.none(), st.floats(min_value=35, max_value=300)),
)
def test_accepted_amounts_are_always_plausible(
    key: str, value: int, weight_kg: float | None
) -> None:
    """Any bare number is either stored within the plausible range or refused with it."""
    nutrient = CATALOG.get(key)
    low, high = nutrient.plausible.low, nutrient.plausible.high
    if nutrient.per_kg:
        low, high = low * (weight_kg or 35), high * (weight_kg or 300)
    if low <= value <= high:
        assert parse_nutrient_entry(f"{key} {value}", CATALOG, weight_kg=weight_kg).amount == value
    else:
        with pytest.raises(InvalidAnswer, match=f"must be between .* {nutrient.unit} a day"):
            parse_nutrient_entry(f"{key} {value}", CATALOG, weight_kg=weight_kg)


def test_range_options_split_at_the_upper_limit() -> None:
    """Every nutrient offers its buttons in the canonical unit, split at a total upper limit."""
    expected = {
        "calcium": ["< 500 mg", "500–999 mg", "1000–2000 mg", "over 2000 mg"],
        "vitamin_d": ["None", "< 1000 IU", "1000–4000 IU", "over 4000 IU"],
        "k2": ["None", "< 100 µg", "≥ 100 µg"],
        "magnesium": ["< 200 mg", "200–419 mg", "420 mg or more"],
        "omega3": ["None", "< 250 mg", "≥ 250 mg"],
    }
    for key, labels in expected.items():
        options = range_options(CATALOG.get(key), weight_kg=82.0)
        assert [o.label for o in options] == labels
        assert all(o.unit == CATALOG.get(key).unit for o in options)


def test_protein_range_options_depend_on_weight() -> None:
    """Protein buttons show grams for his weight, and g/kg when the weight is unknown."""
    protein = CATALOG.get("protein")
    at_82 = range_options(protein, weight_kg=82.0)
    at_120 = range_options(protein, weight_kg=120.0)
    assert [o.label for o in at_82] == ["< 66 g", "66–98 g", "≥ 98 g"]
    assert [o.label for o in at_120] == ["< 96 g", "96–144 g", "≥ 144 g"]
    assert [o.amount for o in at_82] == [45, 82, 98]
    assert [o.amount for o in at_120] == [66, 120, 144]
    unknown = range_options(protein, weight_kg=None)
    assert [o.label for o in unknown] == ["< 0.8 g/kg", "0.8–1.2 g/kg", "≥ 1.2 g/kg"]
    assert {o.unit for o in unknown} == {"g/kg"}


@given(weight_kg=st.floats(min_value=35, max_value=300))
def test_protein_labels_fit_a_button_at_any_weight(weight_kg: float) -> None:
    """Protein button labels stay short and their amounts increase, whatever the weight."""
    options = range_options(CATALOG.get("protein"), weight_kg=weight_kg)
    assert all(len(o.label) <= MAX_LABEL for o in options)
    assert [o.amount for o in options] == sorted(o.amount for o in options)


@pytest.mark.parametrize(
    ("key", "range_key", "amount"),
    [
        ("calcium", "lo", 250),
        ("calcium", "hi", 1000),
        ("vitamin_d", "none", 0),
        ("vitamin_d", "lo", 500),
        ("k2", "hi", 100),
        ("magnesium", "mid", 300),
        ("protein", "mid", 82),
        ("omega3", "hi", 250),
    ],
)
def test_amount_for_range_stores_the_estimate(key: str, range_key: str, amount: float) -> None:
    """A tap stores the range's representative amount and remembers which range it was."""
    stored = amount_for_range(CATALOG.get(key), range_key, weight_kg=82.0)
    assert (stored.nutrient_key, stored.amount, stored.range_key) == (key, amount, range_key)
    assert stored.unit == CATALOG.get(key).unit


def test_amount_for_unknown_range_is_refused() -> None:
    """An unknown range key (stale button) and protein without weight raise InvalidAnswer."""
    with pytest.raises(InvalidAnswer, match="isn't one of the Calcium choices"):
        amount_for_range(CATALOG.get("calcium"), "none", weight_kg=82.0)
    with pytest.raises(InvalidAnswer, match="I need your weight"):
        amount_for_range(CATALOG.get("protein"), "mid", weight_kg=None)


@pytest.mark.parametrize(
    ("key", "band", "text"),
    [
        ("calcium", AgeBand.B60_69, "1000 mg a day"),
        ("calcium", AgeBand.B70_PLUS, "1200 mg a day"),
        ("calcium", None, "1000 mg a day"),
        ("vitamin_d", AgeBand.B40_49, "600 IU a day"),
        ("vitamin_d", AgeBand.B70_PLUS, "800 IU a day"),
        ("magnesium", AgeBand.UNDER_30, "400 mg a day"),
        ("magnesium", AgeBand.B30_39, "420 mg a day"),
        ("magnesium", None, "420 mg a day"),
        ("k2", AgeBand.B50_59, "120 µg a day"),
        ("omega3", AgeBand.B50_59, "250–500 mg a day"),
        ("protein", AgeBand.B50_59, "82–98 g a day (1.0–1.2 g/kg)"),
    ],
)
def test_targets_by_age_band(key: str, band: AgeBand | None, text: str) -> None:
    """Daily targets follow the age band (and weight for protein), with their source."""
    target = daily_target(CATALOG.get(key), age_band=band, weight_kg=82.0)
    assert target.text == text
    assert target.source


def test_protein_target_without_weight_stays_per_kg() -> None:
    """Without a weight the protein target is given in g/kg."""
    target = daily_target(CATALOG.get("protein"), age_band=None, weight_kg=None)
    assert (target.low, target.high, target.unit) == (1.0, 1.2, "g/kg")
    assert target.text == "1.0–1.2 g/kg a day"


def _statuses(
    totals: dict[str, float], band: AgeBand | None = AgeBand.B50_59, weight: float | None = 82.0
) -> dict[str, tuple[DayStatus, str]]:
    result = assess_day(totals, age_band=band, weight_kg=weight, catalog=CATALOG)
    assert [s.nutrient_key for s in result] == list(CATALOG.keys)
    return {s.nutrient_key: (s.status, s.note) for s in result}


def test_assess_day_statuses_and_notes() -> None:
    """Each nutrient is met, below, above a limit, logged for reference, or not logged."""
    day = _statuses({"calcium": 1200, "vitamin_d": 6000, "k2": 100, "protein": 60, "omega3": 300})
    assert day["calcium"] == (
        DayStatus.ABOVE_TARGET,
        "Calcium 1200 mg — above the target of 1000 mg a day, within the 2000 mg/day upper limit.",
    )
    assert day["vitamin_d"] == (
        DayStatus.ABOVE_LIMIT,
        "Vitamin D3 6000 IU — above the 4000 IU/day upper limit unless supervised; "
        "discuss with your prescriber.",
    )
    assert day["k2"][0] is DayStatus.LOGGED
    assert "for reference, the adequate intake for all vitamin K in men is 120 µg" in day["k2"][1]
    assert day["magnesium"] == (DayStatus.NOT_LOGGED, "Magnesium — not logged.")
    assert day["protein"][0] is DayStatus.BELOW
    assert "below the target for bone and muscle of 82–98 g a day" in day["protein"][1]
    assert day["omega3"][0] is DayStatus.MET


def test_assess_day_limits_depend_on_age() -> None:
    """Calcium 2200 mg is above the limit from 51 on, not at 40–49 (UL 2500 mg)."""
    assert _statuses({"calcium": 2200}, AgeBand.B40_49)["calcium"][0] is DayStatus.ABOVE_TARGET
    assert _statuses({"calcium": 2200}, AgeBand.B50_59)["calcium"][0] is DayStatus.ABOVE_LIMIT
    assert _statuses({"calcium": 2200}, None)["calcium"][0] is DayStatus.ABOVE_LIMIT
    assert _statuses({"calcium": 1100}, AgeBand.B70_PLUS)["calcium"][0] is DayStatus.BELOW


def test_assess_day_never_judges_supplement_only_limits_or_unknown_weight() -> None:
    """Magnesium totals ignore the supplement limit; protein without weight is only logged."""
    day = _statuses({"magnesium": 500, "protein": 140}, weight=None)
    assert day["magnesium"][0] is DayStatus.ABOVE_TARGET
    assert day["protein"] == (
        DayStatus.LOGGED,
        "Protein 140 g — logged; add your weight to compare it with 1.0–1.2 g/kg a day.",
    )


@given(
    totals=st.dictionaries(st.sampled_from(CATALOG.keys), st.floats(min_value=0, max_value=1e4)),
    band=st.one_of(st.none(), st.sampled_from(AgeBand)),
)
def test_assess_day_never_gives_dosing_advice(
    totals: dict[str, float], band: AgeBand | None
) -> None:
    """Day notes never tell the user to take, add or increase anything."""
    for status in assess_day(totals, age_band=band, weight_kg=82.0, catalog=CATALOG):
        assert not ADVICE.search(status.note), status.note
        if status.status is DayStatus.ABOVE_LIMIT:
            assert status.note.endswith("discuss with your prescriber.")


def test_assess_day_rejects_unknown_keys() -> None:
    """Totals keyed by something other than a catalog key are a programming error."""
    with pytest.raises(ValueError, match="unknown nutrient keys: d3"):
        assess_day({"d3": 1000}, age_band=None, weight_kg=None, catalog=CATALOG)


def _warnings(
    text: str, band: AgeBand | None = AgeBand.B40_49, warfarin: bool | None = False
) -> list[str]:
    amount = _parse(text)
    return warnings_for_entry(amount, catalog=CATALOG, age_band=band, on_warfarin=warfarin)


def test_entry_warnings_leave_limits_to_the_day_verdict() -> None:
    """Limits are judged once, on the day's total; an entry's own warnings are interactions."""
    assert _warnings("d3 5000 IU") == []
    assert _warnings("mag 400") == []
    assert _warnings("calcium 2200", AgeBand.B50_59) == []


def test_k2_with_warfarin_says_talk_to_prescriber_first() -> None:
    """K2 on warfarin warns; unknown warfarin use warns conditionally; none for 0 µg."""
    [on] = _warnings("k2 100 mcg", warfarin=True)
    assert on.startswith("You take warfarin:")
    assert on.endswith("Talk to your prescriber first.")
    [unknown] = _warnings("k2 100 mcg", warfarin=None)
    assert unknown.startswith("If you take warfarin:")
    assert _warnings("k2 100 mcg", warfarin=False) == []
    assert _warnings("k2 0", warfarin=True) == []


def test_warnings_for_other_nutrients_ignore_warfarin() -> None:
    """The warfarin caution belongs to K2 only."""
    assert _warnings("calcium 800", warfarin=True) == []
    assert _warnings("omega-3 1 g", warfarin=True) == []


def test_a_space_before_the_number_makes_it_an_amount() -> None:
    """'vitamin d 3' is 3 IU of vitamin D, while 'vitamin d3' alone asks how much (found by
    the property test above: a name ending in a digit swallowed the amount)."""
    assert parse_nutrient_entry("vitamin_d 3", CATALOG, weight_kg=None).amount == 3
    assert parse_nutrient_entry("vitamin d 3 IU", CATALOG, weight_kg=None).amount == 3
    with pytest.raises(InvalidAnswer, match="How much Vitamin D3"):
        parse_nutrient_entry("vitamin d3", CATALOG, weight_kg=None)


@pytest.mark.parametrize(
    ("totals", "key", "status", "fragment"),
    [
        (
            {"protein": 140},
            "protein",
            DayStatus.ABOVE_TARGET,
            "above the target for bone and muscle of 82–98 g a day (1.0–1.2 g/kg).",
        ),
        ({"protein": 90}, "protein", DayStatus.MET, "on target for bone and muscle: 82–98 g"),
        (
            {"omega3": 1500},
            "omega3",
            DayStatus.ABOVE_TARGET,
            "above the target of 250–500 mg a "
            "day, within the 5000 mg/day intake EFSA found raises no safety concern.",
        ),
        (
            {"vitamin_d": 4000},
            "vitamin_d",
            DayStatus.ABOVE_TARGET,
            "above the target of 600 IU a day, at the 4000 IU/day upper limit unless supervised.",
        ),
        (
            {"vitamin_d": 2000},
            "vitamin_d",
            DayStatus.ABOVE_TARGET,
            "within the 4000 IU/day upper limit",
        ),
        ({"vitamin_d": 600}, "vitamin_d", DayStatus.MET, "on target: 600 IU a day."),
        ({"vitamin_d": 400}, "vitamin_d", DayStatus.BELOW, "below the target of 600 IU a day."),
        (
            {"vitamin_d": 4001},
            "vitamin_d",
            DayStatus.ABOVE_LIMIT,
            "above the 4000 IU/day upper limit unless supervised; discuss with your prescriber.",
        ),
        (
            {"magnesium": 400},
            "magnesium",
            DayStatus.BELOW,
            "below the target of 420 mg a day. "
            "The 350 mg/day upper limit for magnesium from supplements is not a limit on your "
            "total",
        ),
        ({"magnesium": 300}, "magnesium", DayStatus.BELOW, "below the target of 420 mg a day."),
    ],
)
def test_one_rule_gives_one_verdict(
    totals: dict[str, float], key: str, status: DayStatus, fragment: str
) -> None:
    """Below / on target / above target within the limit / above the limit, said plainly."""
    got_status, note = _statuses(totals)[key]
    assert got_status is status
    assert fragment in note
    if status is not DayStatus.ABOVE_TARGET:
        assert "above the target" not in note
    if status is not DayStatus.MET:
        assert "on target" not in note


def test_magnesium_below_its_limit_has_no_supplement_note() -> None:
    """The supplement-only limit is mentioned only when the total passes it."""
    assert "supplements" not in _statuses({"magnesium": 300})["magnesium"][1]


@pytest.mark.parametrize("nutrient", CATALOG.nutrients, ids=lambda n: n.key)
def test_every_button_is_on_the_right_side_of_the_upper_limit(nutrient: Nutrient) -> None:
    """A band above the upper limit stores an amount judged above it; every other band does
    not; the top band of a goal reaches the target."""
    options = range_options(nutrient, weight_kg=82.0)
    for option in options:
        stored = _statuses({nutrient.key: option.amount}, band=None)[nutrient.key][0]
        if nutrient.limit and nutrient.limit.applies_to == "total":
            above = option.low >= nutrient.limit.amount
            assert (stored is DayStatus.ABOVE_LIMIT) is above, option.label
    if nutrient.target.kind == "goal":
        top = _statuses({nutrient.key: options[-1].amount}, band=None)[nutrient.key][0]
        assert top in {DayStatus.MET, DayStatus.ABOVE_TARGET, DayStatus.ABOVE_LIMIT}


def test_magnesium_top_button_reaches_the_target() -> None:
    """The top magnesium band stores the 420 mg target, so it is on target."""
    top = range_options(CATALOG.get("magnesium"), weight_kg=82.0)[-1]
    assert _statuses({"magnesium": top.amount})["magnesium"][0] is DayStatus.MET


def test_tapped_band_is_shown_by_its_label() -> None:
    """A day known only from a tapped open band shows the band, not its stored number."""
    [status] = [
        s
        for s in assess_day(
            {"vitamin_d": 4001},
            age_band=None,
            weight_kg=82.0,
            catalog=CATALOG,
            shown={"vitamin_d": "over 4000 IU"},
        )
        if s.nutrient_key == "vitamin_d"
    ]
    assert status.note.startswith("Vitamin D3 over 4000 IU — above the 4000 IU/day upper limit")
