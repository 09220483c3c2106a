"""The red-flag second opinion: what it was trained on, when it may speak, and its file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from phrase_files import PHRASES, lines

from bot.content.catalog_file import ContentError
from bot.content.catalogs import load_red_flags
from bot.content.location import DEFAULT_RED_FLAG_MODEL_PATH
from bot.content.red_flag_model import fingerprint, load_red_flag_model, red_flag_model_in
from bot.content.red_flag_training import THRESHOLD, phrase_files
from bot.domain.red_flags import RedFlagCatalog, detect
from bot.domain.red_flags.heights import height_drop_cm
from bot.domain.red_flags.second_opinion import NONE, SecondOpinion, parse_model

ROOT = Path(__file__).resolve().parents[2]
CATALOG_PATH = ROOT / "content" / "red_flags.yaml"
MODEL_PATH = ROOT / "content" / "red_flags_model.json"


@pytest.fixture(scope="module")
def rules() -> RedFlagCatalog:
    return load_red_flags(CATALOG_PATH, model=None)


@pytest.fixture(scope="module")
def both() -> RedFlagCatalog:
    return load_red_flags(CATALOG_PATH)


def _forced(rules: RedFlagCatalog, key: str) -> RedFlagCatalog:
    """The rules plus a model that names `key` for every message."""
    model = SecondOpinion((key, NONE), (9.0, 0.0), {}, 0.5, "test")
    return rules.with_second_opinion(model)


def test_the_shipped_model_was_trained_on_todays_catalogue_and_phrases() -> None:
    """Its fingerprint matches the catalogue and phrase files; if not, `make red-flag-model`."""
    shipped = load_red_flag_model(MODEL_PATH)
    assert shipped.fingerprint == fingerprint(CATALOG_PATH, phrase_files(PHRASES)), (
        "content/red_flags.yaml or a phrase set changed: run `make red-flag-model`"
    )
    assert shipped.threshold == THRESHOLD
    assert DEFAULT_RED_FLAG_MODEL_PATH == MODEL_PATH


def test_the_model_speaks_only_when_the_rules_are_silent(
    rules: RedFlagCatalog, both: RedFlagCatalog
) -> None:
    """Every message the rules flag keeps the rules' flag; every message they pass over is
    either passed over or flagged by the model."""
    for path in sorted(PHRASES.glob("*.txt")):
        for text in lines(path.name):
            by_rules, by_both = detect(text, rules), detect(text, both)
            if by_rules is not None:
                assert by_both == by_rules, text


def test_the_model_catches_what_the_rules_miss(rules: RedFlagCatalog, both: RedFlagCatalog) -> None:
    """A report phrased in a way no rule was written for is still sent to care."""
    text = "I've lost over an inch of height"
    assert detect(text, rules) is None
    match = detect(text, both)
    assert match is not None and match.key == "height_loss"


def test_an_age_gated_flag_needs_the_age(rules: RedFlagCatalog) -> None:
    """The model never names the over-50 fragility flag unless the user is known to be 50+."""
    forced = _forced(rules, "fragility_fracture")
    assert detect("hello there coach", forced) is None
    assert detect("hello there coach", forced, age=49) is None
    match = detect("hello there coach", forced, age=50)
    assert match is not None and match.key == "fragility_fracture"
    stated = detect("I'm 71, hello there coach", forced)
    assert stated is not None and stated.key == "fragility_fracture"


def test_the_model_names_the_flag_with_its_message_and_severity(rules: RedFlagCatalog) -> None:
    """A flag from the model carries the catalogue's own message and severity."""
    match = detect("hello there coach", _forced(rules, "stroke_signs"))
    flag = next(f for f in rules.flags if f.key == "stroke_signs")
    assert match is not None
    assert (match.key, match.severity, match.message) == ("stroke_signs", "emergency", flag.message)


def test_chances_sum_to_one_and_the_threshold_decides() -> None:
    """Chances are a softmax; the flags' total must reach the threshold to speak."""
    model = SecondOpinion(("a", "b", NONE), (0.0, 0.0, 0.0), {"w:x": (3.0, 0.0, 0.0)}, 0.6, "t")
    assert sum(model.chances({"w:x"}).values()) == pytest.approx(1.0)
    assert model.verdict(set(), lambda _: True) == "a"  # 2/3 on flags, "a" first of equals
    assert model.verdict({"w:x"}, lambda _: True) == "a"
    assert model.verdict({"w:x"}, lambda key: key != "a") is None  # b alone is under 0.6


def test_a_model_naming_unknown_flags_is_refused(tmp_path: Path) -> None:
    """A model file that names a flag the catalogue lacks stops the load, naming both files."""
    data = json.loads(MODEL_PATH.read_text())
    data["classes"][0] = "made_up_flag"
    broken = tmp_path / "red_flags_model.json"
    broken.write_text(json.dumps(data))
    with pytest.raises(ContentError, match="made_up_flag"):
        load_red_flags(CATALOG_PATH, model=broken)


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda d: d.pop("bias"), "missing 'bias'"),
        (lambda d: d.update(bias=[0.0]), "one number per class"),
        (lambda d: d.update(threshold=1.5), "between 0 and 1"),
        (lambda d: d.update(threshold="0.6"), "expected a number"),
        (lambda d: d.update(feature_version=0), "features v0"),
        (lambda d: d.update(classes=["a", "b"]), "include 'none'"),
        (lambda d: d.update(weights=[]), "map features"),
    ],
)
def test_a_broken_model_file_says_what_is_wrong(edit: object, problem: str) -> None:
    """parse_model names the broken part of a model file."""
    data = json.loads(MODEL_PATH.read_text())
    edit(data)  # type: ignore[operator]
    with pytest.raises(ValueError, match=problem):
        parse_model(data)


def test_a_folder_without_a_model_runs_on_the_rules(tmp_path: Path) -> None:
    """An operator's content folder without red_flags_model.json has no second opinion."""
    assert red_flag_model_in(tmp_path) is None
    (tmp_path / "red_flags_model.json").write_text(MODEL_PATH.read_text())
    assert red_flag_model_in(tmp_path) == tmp_path / "red_flags_model.json"


@pytest.mark.parametrize(
    ("text", "drop"),
    [
        ("I used to be 6 foot and now I'm 5 ft 10", 5.08),
        ("height check today 5'9\", I was 5'11\" at my last physical", 5.08),
        ("was 175 cm all my life, today measured 171", 4.0),
        ("was 180 cm, now 178 cm", 2.0),
        ("my son is 6'2 and I'm 5'9", None),
        ("I was 80 kg, now 78 kg, and I'm 180 cm", None),
    ],
)
def test_two_stated_heights_give_the_drop(text: str, drop: float | None) -> None:
    """A height then and now, in feet and inches or cm, gives the loss; one height or no
    then-and-now gives none."""
    found = height_drop_cm(text)
    assert found == (None if drop is None else pytest.approx(drop))


def test_a_drop_of_more_than_3_cm_between_stated_heights_is_height_loss(
    rules: RedFlagCatalog,
) -> None:
    """Two heights more than 3 cm apart raise the height-loss flag; 2 cm does not."""
    match = detect("I used to be 6 foot, now the nurse says 5'10", rules)
    assert match is not None and match.key == "height_loss"
    assert detect("was 180 cm, now 178 cm", rules) is None


def test_one_or_two_words_are_left_to_the_rules(rules: RedFlagCatalog) -> None:
    """The model never reads a message of one or two words, however sure it would be."""
    forced = _forced(rules, "stroke_signs")
    assert detect("every day", forced) is None
    assert detect("mon wed fri", forced) is not None
