"""Tests for how lab results read: thresholds, urgency, DXA by age, CTX rules, change text."""

import re

import pytest

from bot.content.catalogs import load_lab_catalog
from bot.content.location import DEFAULT_LABS_PATH
from bot.domain.labs import DISCUSS, U_NOTE, URGENT, Reading, ScoreKind, read_result
from bot.domain.profile import AgeBand, LabUnits

CATALOG = load_lab_catalog(DEFAULT_LABS_PATH)
STEP = 0.01
DIAGNOSIS = re.compile(r"\byou (have|are)\b|\bdiagnos|\b(dose|dosage|mg/day|take|increase)\b", re.I)


def _read(
    key: str,
    value: float,
    *,
    age_band: AgeBand | None = AgeBand.B50_59,
    score_kind: ScoreKind | None = None,
    previous: float | None = None,
    baseline: float | None = None,
    own_upper_limit: float | None = None,
    prefs: LabUnits = LabUnits.CONVENTIONAL,
) -> Reading:
    return read_result(
        CATALOG.get(key),
        value,
        age_band=age_band,
        previous=previous,
        baseline=baseline,
        score_kind=score_kind,
        own_upper_limit=own_upper_limit,
        prefs=prefs,
    )


def _levels(key: str, cut: float, kind: ScoreKind | None) -> tuple[str, str, str]:
    """The levels just below, at and just above a cut-off."""
    below, at, above = (_read(key, v, score_kind=kind) for v in (cut - STEP, cut, cut + STEP))
    return below.level, at.level, above.level


@pytest.mark.parametrize(
    ("key", "cut", "levels", "kind"),
    [
        ("vitd", 12, ("discuss", "discuss", "discuss"), None),
        ("vitd", 20, ("discuss", "discuss", "discuss"), None),
        ("vitd", 30, ("discuss", "ok", "ok"), None),
        ("vitd", 50, ("ok", "ok", "discuss"), None),
        ("e2", 10, ("urgent", "note", "note"), None),
        ("e2", 20, ("note", "note", "ok"), None),
        ("hct", 54, ("ok", "ok", "urgent"), None),
        ("dxa_spine", -2.5, ("discuss", "discuss", "discuss"), "T"),
        ("dxa_hip", -1, ("note", "ok", "ok"), "T"),
        ("dxa_spine", -2.0, ("discuss", "discuss", "ok"), "Z"),
    ],
)
def test_levels_around_each_cut_off(
    key: str, cut: float, levels: tuple[str, str, str], kind: ScoreKind | None
) -> None:
    """Each threshold holds just below, at and just above its cut-off as the reference says."""
    assert _levels(key, cut, kind) == levels


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        (11.99, "below 12 ng/mL"),
        (12, "between 12 and 20 ng/mL"),
        (19.99, "between 12 and 20 ng/mL"),
        (20, "below the 30 ng/mL"),
        (29.99, "below the 30 ng/mL"),
        (30, "within the range"),
        (50, "within the range"),
        (50.01, "above 50 ng/mL"),
    ],
)
def test_vitamin_d_bands_and_both_guidelines(value: float, phrase: str) -> None:
    """25(OH)D falls in the IOM/Endocrine Society bands; the IOM's > 50 concern is flagged."""
    reading = _read("vitd", value)
    assert phrase in reading.detail
    if value <= 50:
        assert "2024" in reading.detail and "no target" in reading.detail  # both views, rule 3
    assert reading.low == (value < 30)


def test_vitamin_d_below_target_reads_like_the_brief() -> None:
    """A 25(OH)D under 30 names the 30 ng/mL aim, its source and the 2024 no-target view."""
    reading = _read("vitd", 24)
    assert reading.detail.startswith("below the 30 ng/mL (75 nmol/L)")
    assert "Watts, JCEM 2012" in reading.detail
    assert "2024 guideline sets no target" in reading.detail
    assert reading.text.startswith("Your vitamin D is below the 30 ng/mL (75 nmol/L)")
    assert reading.text.endswith(DISCUSS)
    assert "Watts, JCEM 2012" in reading.source


def test_estradiol_below_10_is_urgent() -> None:
    """E2 < 10 pg/mL asks for prompt contact, with the Finkelstein threshold and U note."""
    reading = _read("e2", 9.9)
    assert (reading.level, reading.discuss, reading.low) == ("urgent", True, True)
    assert reading.text.endswith(URGENT)
    assert "Finkelstein, JCI 2016" in reading.detail and "36.7 pmol/L" in reading.text
    assert U_NOTE in reading.text


def test_estradiol_10_to_20_is_for_the_next_visit() -> None:
    """E2 10–20 pg/mL is a note to mention at the next visit, ending with discuss."""
    reading = _read("e2", 15)
    assert reading.level == "note"
    assert "next visit" in reading.text
    assert reading.text.endswith(f"{U_NOTE}. {DISCUSS}")


@pytest.mark.parametrize(
    ("value", "level"), [(20, "note"), (20.01, "ok"), (50, "ok"), (50.01, "note"), (150, "note")]
)
def test_estradiol_has_an_upper_note(value: float, level: str) -> None:
    """E2 above 50 pg/mL is a note to discuss (a U default), not "clear of the threshold"."""
    reading = _read("e2", value)
    assert reading.level == level
    if value > 50:
        assert "above 50 pg/mL" in reading.text and U_NOTE in reading.text
        assert "not a bone threshold" in reading.detail


@pytest.mark.parametrize(
    ("value", "level"), [(150, "discuss"), (199.99, "discuss"), (200, "ok"), (650, "ok")]
)
def test_testosterone_below_200_is_discussed(value: float, level: str) -> None:
    """Total testosterone under 200 ng/dL (6.9 nmol/L) reads discuss, a U bot threshold."""
    reading = _read("tt", value)
    assert reading.level == level
    if level == "discuss":
        assert "200 ng/dL (6.9 nmol/L)" in reading.text and U_NOTE in reading.text
        assert "Finkelstein, NEJM 2013" in reading.source


def test_hematocrit_above_54_is_urgent() -> None:
    """Hematocrit > 54 % asks for prompt contact; it is a C figure, so no U note."""
    reading = _read("hct", 54.5)
    assert (reading.level, reading.discuss, reading.low) == ("urgent", True, False)
    assert reading.text.endswith(URGENT)
    assert U_NOTE not in reading.text
    assert "Bhasin" in reading.source


def test_ok_readings_carry_no_prescriber_ending() -> None:
    """An ok reading is one neutral sentence without a discuss or urgent ending."""
    for key, value in [("vitd", 40), ("hct", 45), ("e2", 30), ("p1np", 45), ("tt", 650)]:
        reading = _read(key, value)
        assert (reading.level, reading.discuss) == ("ok", False)
        assert reading.text.endswith(".") and not reading.text.endswith(DISCUSS)
        assert URGENT not in reading.text


@pytest.mark.parametrize(
    ("age_band", "value", "phrase", "level"),
    [
        (AgeBand.B50_59, -2.6, "osteoporosis range", "discuss"),
        (AgeBand.B60_69, -2.5, "osteoporosis range", "discuss"),
        (AgeBand.B70_PLUS, -2.4, "low bone mass range", "discuss"),  # also AI context < -2.0
        (AgeBand.B50_59, -2.0, "low bone mass range", "note"),
        (AgeBand.B50_59, -1.01, "low bone mass range", "note"),
        (AgeBand.B50_59, -1.0, "normal range", "ok"),
        (None, -1.5, "low bone mass range", "note"),
        (AgeBand.B40_49, -1.5, "read by Z-score rather than T-score", "ok"),
        (AgeBand.UNDER_30, -3.0, "read by Z-score rather than T-score", "discuss"),
    ],
)
def test_dxa_t_scores_by_age_band(
    age_band: AgeBand | None, value: float, phrase: str, level: str
) -> None:
    """T-scores use the WHO bands from 50 (or unknown age); under 50 we ask for the Z-score."""
    reading = _read("dxa_spine", value, age_band=age_band, score_kind="T")
    assert phrase in reading.detail
    assert reading.level == level
    assert "you have osteoporosis" not in reading.text.lower()


@pytest.mark.parametrize("age_band", [AgeBand.B30_39, AgeBand.B60_69, None])
def test_dxa_z_scores_use_the_expected_range_for_age(age_band: AgeBand | None) -> None:
    """Z-scores read against "the expected range for age" whatever the age band."""
    below = _read("dxa_hip", -2.0, age_band=age_band, score_kind="Z")
    assert "below the expected range for your age" in below.text
    within = _read("dxa_hip", -1.9, age_band=age_band, score_kind="Z")
    assert "within the expected range for your age" in within.text and within.level == "ok"


def test_dxa_ai_context_below_minus_two() -> None:
    """A score below -2.0 adds the AI-context sentence; -2.0 itself does not."""
    assert "treatment is usually considered" in _read("dxa_spine", -2.01, score_kind="T").text
    assert "treatment is usually considered" not in _read("dxa_spine", -2.0, score_kind="T").text
    reading = _read("dxa_hip", -2.1, score_kind="T")
    assert reading.level == "discuss" and reading.low
    assert "MJA 2019" in reading.source and "WHO via ISCD" in reading.source


def test_a_dxa_score_without_a_kind_is_a_t_score() -> None:
    """score_kind None reads the value as a T-score."""
    assert _read("dxa_spine", -1.5).text == _read("dxa_spine", -1.5, score_kind="T").text


@pytest.mark.parametrize(
    ("value", "flagged"), [(389.99, False), (390, True), (390.01, True), (250, False)]
)
def test_ctx_rise_vs_own_baseline(value: float, flagged: bool) -> None:
    """CTX is flagged from a 30 % rise over his own baseline, a U default."""
    reading = _read("ctx", value, baseline=300)
    assert reading.discuss is flagged
    if flagged:
        assert "from your baseline of 300 pg/mL" in reading.detail and U_NOTE in reading.text
        assert "up 30 % from your first result (300 pg/mL)" in reading.text
        assert reading.text.endswith(DISCUSS)


def test_ctx_above_the_range_for_his_age_or_his_own_lab_is_discussed() -> None:
    """CTX above his age band's range is discussed; his own lab's range, when given, wins."""
    high = _read("ctx", 900, age_band=AgeBand.B50_59)
    assert high.level == "discuss"
    assert "above the usual range for men aged 50–59 (up to 737 pg/mL)" in high.text
    assert _read("ctx", 737, age_band=AgeBand.B50_59).level == "ok"
    flagged = _read("ctx", 900, own_upper_limit=950.5 - 100.5)
    assert flagged.level == "discuss"
    assert "above your lab's upper limit of 850 pg/mL" in flagged.text
    assert "printed on your own lab report" in flagged.detail
    within = _read("ctx", 800, own_upper_limit=850)
    assert within.level == "ok" and "within your lab's range (up to 850 pg/mL)" in within.text


@pytest.mark.parametrize(
    ("age_band", "span"),
    [
        (AgeBand.UNDER_30, "238–1019 pg/mL for men aged 18–29"),
        (AgeBand.B30_39, "225–936"),
        (AgeBand.B40_49, "182–801"),
        (AgeBand.B60_69, "132–752"),
        (AgeBand.B70_PLUS, "118–776 pg/mL for men aged 70 or older"),
        (None, "CTX ranges vary with age and between labs"),
    ],
)
def test_ctx_reference_range_by_age(age_band: AgeBand | None, span: str) -> None:
    """CTX readings quote the age-banded Roche-type range, or a general note without an age."""
    assert span in _read("ctx", 400, age_band=age_band).detail


def test_p1np_is_read_against_the_usual_range_or_his_own_lab() -> None:
    """P1NP up to 87 µg/L reads ok, above it discuss; his own lab's upper limit wins."""
    for value in (5, 22, 87):
        reading = _read("p1np", value)
        assert reading.level == "ok" and "22–87 µg/L" in reading.text
    assert _read("p1np", 120).level == "discuss"
    assert _read("p1np", 120, own_upper_limit=130).level == "ok"
    assert _read("p1np", 80, own_upper_limit=70).level == "discuss"


@pytest.mark.parametrize(
    ("key", "value", "previous", "prefs", "change"),
    [
        ("vitd", 32, 24, LabUnits.CONVENTIONAL, "up 8 ng/mL since last time (+33 %)"),
        ("vitd", 32, 24, LabUnits.SI, "up 20 nmol/L since last time (+33 %)"),
        ("e2", 12, 15, LabUnits.CONVENTIONAL, "down 3 pg/mL since last time (-20 %)"),
        ("hct", 52, 52.01, LabUnits.CONVENTIONAL, "unchanged since last time"),
        ("tt", 650, 700, LabUnits.SI, "down 1.7 nmol/L since last time (-7 %)"),
        ("dxa_spine", -2.1, -1.8, LabUnits.CONVENTIONAL, "down 0.3 since last time"),
        ("vitd", 32, None, LabUnits.CONVENTIONAL, None),
    ],
)
def test_change_since_last_time(
    key: str, value: float, previous: float | None, prefs: LabUnits, change: str | None
) -> None:
    """The change text gives direction, amount in his preferred unit, and percent (not DXA)."""
    assert _read(key, value, previous=previous, prefs=prefs).change == change


@pytest.mark.parametrize("key", CATALOG.keys)
def test_no_reading_diagnoses_or_doses(key: str) -> None:
    """Across each lab's range, no text diagnoses or mentions a dose; flags end correctly."""
    low, high = CATALOG.get(key).plausible.low, CATALOG.get(key).plausible.high
    kinds: tuple[ScoreKind, ...] = ("T", "Z")
    for step in range(41):
        value = low + (high - low) * step / 40
        for age_band in (AgeBand.B40_49, AgeBand.B60_69, None):
            for kind in kinds:
                reading = _read(key, value, age_band=age_band, score_kind=kind, baseline=low)
                assert not DIAGNOSIS.search(reading.text), reading.text
                assert reading.discuss == (reading.level != "ok")
                ending = {"ok": ".", "urgent": URGENT}.get(reading.level, DISCUSS)
                assert reading.text.endswith(ending)
                assert reading.source


STATUS_CODE = re.compile(
    r"\b(?:threshold|tier|interval|status)\s+[CSU]\b|\([CSU]\)|(?<![\w\-])[CSU](?![\w\-/])"
)


@pytest.mark.parametrize("key", CATALOG.keys)
def test_no_reading_shows_an_internal_status_code(key: str) -> None:
    """No reading text, detail or source he can see shows "(threshold C; tier U)"-style codes."""
    lab = CATALOG.get(key)
    low, high = lab.plausible.low, lab.plausible.high
    for step in range(81):
        value = low + (high - low) * step / 80
        for age_band in (*AgeBand, None):
            for kind in ("T", "Z"):
                for own in (None, (low + high) / 2):
                    reading = _read(
                        key,
                        value,
                        age_band=age_band,
                        score_kind=kind,
                        baseline=low,
                        previous=low,
                        own_upper_limit=own,
                    )
                    for text in (reading.text, reading.detail, reading.source, reading.change):
                        assert not STATUS_CODE.search(text or ""), text


@pytest.mark.parametrize("key", CATALOG.keys)
def test_readings_are_one_or_two_short_sentences(key: str) -> None:
    """What he reads first is at most two short sentences before the prescriber line."""
    lab = CATALOG.get(key)
    low, high = lab.plausible.low, lab.plausible.high
    for step in range(41):
        value = low + (high - low) * step / 40
        for age_band in (AgeBand.B40_49, AgeBand.B60_69, None):
            reading = _read(key, value, age_band=age_band, baseline=low)
            body = reading.text.removesuffix(DISCUSS).removesuffix(URGENT).strip()
            sentences = [s for s in re.split(r"(?<=\.)\s+(?=[A-Z])", body) if s]
            assert 1 <= len(sentences) <= 2, reading.text
            assert all(len(s) <= 170 for s in sentences), reading.text
            assert not reading.text.count(";") > 1, reading.text
