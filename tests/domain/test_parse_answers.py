"""Tests for yes/no, anastrozole use, lab units and age parsers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.profile import (
    AgeBand,
    AnastrozoleUse,
    LabUnits,
    parse_age,
    parse_anastrozole_use,
    parse_answers,
    parse_lab_units,
    parse_yes_no,
)
from bot.domain.text import InvalidAnswer

YES_FORMS = ["yes", "Y", "Yeah!", "yep", "yup", "Sure", "ok", "OK.", "true", "1", "yes please"]
NO_FORMS = ["no", "N", "nope", "nah", "false", "0", "No thanks", "not really", "NO!"]


@pytest.mark.parametrize("text", [*YES_FORMS, "👍", "  yes  ", "yes, I do"])
def test_yes_no_accepts_yes_forms(text: str) -> None:
    """Common ways of saying yes give True."""
    assert parse_yes_no(text) is True


@pytest.mark.parametrize("text", [*NO_FORMS, "👎", "no, never"])
def test_yes_no_accepts_no_forms(text: str) -> None:
    """Common ways of saying no give False."""
    assert parse_yes_no(text) is False


@pytest.mark.parametrize("text", ["", "maybe", "idk", "2", "yesno", "okay no"])
def test_yes_no_rejects_other_answers(text: str) -> None:
    """Anything that is not clearly yes or no asks again with an example."""
    with pytest.raises(InvalidAnswer, match=r"yes or no \(e\.g\. yes\)"):
        parse_yes_no(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", AnastrozoleUse.YES),
        ("Yep", AnastrozoleUse.YES),
        ("I take it", AnastrozoleUse.YES),
        ("yes, 0.5 mg twice a week", AnastrozoleUse.YES),
        ("currently on it", AnastrozoleUse.YES),
        ("no", AnastrozoleUse.NO),
        ("Nope", AnastrozoleUse.NO),
        ("I don't take it", AnastrozoleUse.NO),
        ("not taking it", AnastrozoleUse.NO),
        ("not currently", AnastrozoleUse.NO),
        ("no plans to", AnastrozoleUse.NO),
        ("not planning to take it", AnastrozoleUse.NO),
        ("no, not yet", AnastrozoleUse.PLANNED),
        ("not yet", AnastrozoleUse.PLANNED),
        ("Not yet!", AnastrozoleUse.PLANNED),
        ("soon", AnastrozoleUse.PLANNED),
        ("planned", AnastrozoleUse.PLANNED),
        ("starting", AnastrozoleUse.PLANNED),
        ("starting next week", AnastrozoleUse.PLANNED),
        ("about to start", AnastrozoleUse.PLANNED),
        ("I'm planning to", AnastrozoleUse.PLANNED),
        ("haven't started yet", AnastrozoleUse.PLANNED),
        ("doctor prescribed it, will start monday", AnastrozoleUse.PLANNED),
    ],
)
def test_anastrozole_use_accepts_common_forms(text: str, expected: AnastrozoleUse) -> None:
    """Yes, no and 'about to start' answers map to YES, NO and PLANNED."""
    assert parse_anastrozole_use(text) == expected


@pytest.mark.parametrize("text", ["", "maybe", "what is that?", "letrozole"])
def test_anastrozole_use_rejects_unclear_answers(text: str) -> None:
    """Unclear answers ask again, offering the three accepted replies."""
    with pytest.raises(InvalidAnswer, match="yes, no, or not yet"):
        parse_anastrozole_use(text)


@pytest.mark.parametrize(
    "text", ["conventional", "Conventional units", "US", "ng/mL", "ng", "ng/dL", "pg/mL", "conv"]
)
def test_lab_units_accepts_conventional_forms(text: str) -> None:
    """Conventional unit names and US-style units give CONVENTIONAL."""
    assert parse_lab_units(text) == LabUnits.CONVENTIONAL


@pytest.mark.parametrize(
    "text", ["SI", "s.i.", "SI units", "nmol", "nmol/L", "pmol/l", "nmol / L", "metric", "UK"]
)
def test_lab_units_accepts_si_forms(text: str) -> None:
    """SI unit names (and 'metric') give SI."""
    assert parse_lab_units(text) == LabUnits.SI


@pytest.mark.parametrize("text", ["", "mg", "both ng and nmol", "whatever my lab uses", "?"])
def test_lab_units_rejects_unclear_answers(text: str) -> None:
    """Unknown or mixed answers ask again, naming both systems with an example."""
    with pytest.raises(InvalidAnswer) as excinfo:
        parse_lab_units(text)
    message = str(excinfo.value)
    assert "ng/mL" in message and "nmol/L" in message and "e.g." in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18", AgeBand.UNDER_30),
        ("29", AgeBand.UNDER_30),
        ("30", AgeBand.B30_39),
        ("45", AgeBand.B40_49),
        ("52", AgeBand.B50_59),
        ("I'm 52", AgeBand.B50_59),
        ("52 years old", AgeBand.B50_59),
        ("52yo", AgeBand.B50_59),
        ("69", AgeBand.B60_69),
        ("70", AgeBand.B70_PLUS),
        ("110", AgeBand.B70_PLUS),
        ("50s", AgeBand.B50_59),
        ("50's", AgeBand.B50_59),
        ("late 50s", AgeBand.B50_59),
        ("50-59", AgeBand.B50_59),
        ("50–59", AgeBand.B50_59),
        ("50 to 59", AgeBand.B50_59),
        ("52-58", AgeBand.B50_59),
        ("fifties", AgeBand.B50_59),
        ("Early forties", AgeBand.B40_49),
        ("20s", AgeBand.UNDER_30),
        ("under 30", AgeBand.UNDER_30),
        ("Under-30", AgeBand.UNDER_30),
        ("<30", AgeBand.UNDER_30),
        ("70+", AgeBand.B70_PLUS),
        ("70 or older", AgeBand.B70_PLUS),
        ("over 75", AgeBand.B70_PLUS),
        ("80s", AgeBand.B70_PLUS),
        ("30–39", AgeBand.B30_39),
    ],
)
def test_age_accepts_numbers_and_bands(text: str, expected: AgeBand) -> None:
    """Ages and band-style answers map to the right band."""
    assert parse_age(text) == expected


@pytest.mark.parametrize("label_band", list(AgeBand))
def test_age_accepts_its_own_labels_and_values(label_band: AgeBand) -> None:
    """Each band's label and stored value parse back to that band."""
    assert parse_age(label_band.label) == label_band
    assert parse_age(label_band.value) == label_band


@pytest.mark.parametrize("text", ["17", "12", "0", "teens", "10s"])
def test_age_rejects_minors(text: str) -> None:
    """Under-18 answers get the adults-only message."""
    with pytest.raises(InvalidAnswer, match=r"for adults \(18\+\)"):
        parse_age(text)


@pytest.mark.parametrize("text", ["111", "150", "1970", "abc", "", "fifty-ish", "55-65", "60+"])
def test_age_rejects_other_answers_with_example(text: str) -> None:
    """Implausible or unreadable ages ask again with an example."""
    with pytest.raises(InvalidAnswer, match=r"e\.g\. (52|50-59)"):
        parse_age(text)


@given(st.integers(18, 110))
def test_age_number_maps_to_band_containing_it(years: int) -> None:
    """Any adult age in range lands in the band that contains it."""
    band = parse_age(str(years))
    if band is AgeBand.UNDER_30:
        assert years < 30
    elif band is AgeBand.B70_PLUS:
        assert years >= 70
    else:
        low, high = (int(part) for part in band.value.split("-"))
        assert low <= years <= high


def test_parse_answers_reexports_every_parser() -> None:
    """The parse_answers module is the one import point for every answer parser."""
    for name in [
        "parse_clock_time",
        "parse_weekdays",
        "parse_weight",
        "parse_age",
        "parse_yes_no",
        "parse_anastrozole_use",
        "parse_start_month",
        "parse_lab_units",
        "parse_duration",
    ]:
        assert callable(getattr(parse_answers, name))
