"""Tests for red-flag detection in free text (bot/domain/red_flags*.py, content/red_flags.yaml)."""

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from phrase_files import keyed_lines, lines

from bot.content.catalogs import load_red_flags
from bot.content.location import DEFAULT_RED_FLAGS_PATH
from bot.domain.red_flags import RedFlagCatalog, RedFlagMatch, detect
from bot.domain.red_flags.text import clean_tokens, split_message

CATALOG_PATH = Path(__file__).resolve().parents[2] / "content" / "red_flags.yaml"
Edit = Callable[[dict[str, Any]], None]
EMERGENCY_NUMBERS = "112 / 911 / 999"


@pytest.fixture(scope="module")
def catalog() -> RedFlagCatalog:
    return load_red_flags(CATALOG_PATH)


def _key(text: str, catalog: RedFlagCatalog, age: int | None = None) -> str | None:
    match = detect(text, catalog, age=age)
    return None if match is None else match.key


# Realistic reports, each with the flag it must raise (the most severe one in the text), and
# training talk, negations, questions and ordinary causes that must raise nothing.
MUST_FIRE: list[tuple[str, str]] = keyed_lines("red_flags_unit.txt")
MUST_NOT_FIRE: list[str] = lines("ordinary_unit.txt")


@pytest.mark.parametrize(("key", "text"), MUST_FIRE)
def test_reports_raise_their_red_flag(key: str, text: str, catalog: RedFlagCatalog) -> None:
    """A message that reports a red flag is detected as exactly that flag."""
    assert _key(text, catalog) == key


@pytest.mark.parametrize("text", MUST_NOT_FIRE)
def test_ordinary_messages_raise_nothing(text: str, catalog: RedFlagCatalog) -> None:
    """Training talk, negations, questions and ordinary causes raise no red flag."""
    assert detect(text, catalog) is None


def test_phrase_lists_are_big_and_distinct() -> None:
    """Both phrase lists hold at least 45 distinct phrases and cover every flag."""
    assert len({text for _, text in MUST_FIRE}) == len(MUST_FIRE) >= 45
    assert len(set(MUST_NOT_FIRE)) == len(MUST_NOT_FIRE) >= 45
    assert not {text for _, text in MUST_FIRE} & set(MUST_NOT_FIRE)
    catalog = load_red_flags(CATALOG_PATH)
    assert {key for key, _ in MUST_FIRE} == set(catalog.keys)


# ---- the match itself ----


def test_match_carries_the_catalog_message(catalog: RedFlagCatalog) -> None:
    """detect returns the flag's key, severity and the message written in the catalog."""
    match = detect("coughed up some blood", catalog)
    flag = next(f for f in catalog.flags if f.key == "lung_clot_signs")
    assert match == RedFlagMatch("lung_clot_signs", "emergency", flag.message)


def test_most_severe_flag_wins(catalog: RedFlagCatalog) -> None:
    """A prompt-level symptom plus an emergency in one message gives the emergency."""
    text = "pounding headache since my injection and now my calf is swollen and red"
    assert _key("pounding headache since my injection", catalog) == "prescriber_symptoms"
    assert _key(text, catalog) == "leg_clot_signs"


def test_empty_or_wordless_text_is_nothing(catalog: RedFlagCatalog) -> None:
    """Empty text, whitespace and emoji-only messages raise nothing."""
    for text in ("", "   ", "👍🔥", "?!"):
        assert detect(text, catalog) is None


# ---- negation ----


@pytest.mark.parametrize(
    ("negated", "reported"),
    [
        ("no chest pain, just tired", "chest pain, just tired"),
        ("not dizzy and no blurry vision", "dizzy and blurry vision"),
        ("my calf has no swelling, redness or warmth", "my calf has swelling, redness and warmth"),
        ("didn't fall, I can't walk far after leg day", "did fall, I can't walk"),
        ("I don't have any ringing in my ears", "I have ringing in my ears"),
        ("calf swelling is gone now", "calf swelling is bad now"),
        ("back pain free, legs numb from sitting on the bike", "back pain, legs numb"),
    ],
)
def test_negation_cancels_only_the_negated_symptom(
    negated: str, reported: str, catalog: RedFlagCatalog
) -> None:
    """A negated symptom raises nothing; the same words without the negation do."""
    assert detect(negated, catalog) is None
    assert detect(reported, catalog) is not None


def test_negation_stops_at_a_clause_break(catalog: RedFlagCatalog) -> None:
    """ "but"/"now" end a negation's reach: what follows is still reported."""
    assert _key("no pain at first but now my calf is swollen", catalog) == "leg_clot_signs"
    assert _key("I didn't fall, now my calf is red and swollen", catalog) == "leg_clot_signs"


def test_negation_reaches_only_a_few_words(catalog: RedFlagCatalog) -> None:
    """A "no" far before the symptom does not cancel it."""
    text = "no clue about my plan this week, coughing up blood"
    assert _key(text, catalog) == "lung_clot_signs"
    text = "didn't sleep well at all last night and woke up coughing blood"
    assert _key(text, catalog) == "lung_clot_signs"


def test_negation_words_inside_other_phrases_negate_nothing(catalog: RedFlagCatalog) -> None:
    """ "no" in "for no reason" or "no idea" is not a negation of the symptom after it."""
    assert _key("no idea why but my calf is swollen", catalog) == "leg_clot_signs"
    assert _key("for no reason my calf is swollen and hot", catalog) == "leg_clot_signs"
    assert _key("not gonna lie, my calf is swollen and red", catalog) == "leg_clot_signs"


def test_never_like_this_is_a_report(catalog: RedFlagCatalog) -> None:
    """ "Never had X like this" reports X instead of denying it."""
    assert _key("never had chest pain like this before", catalog) == "lung_clot_signs"


# ---- questions and hypotheticals ----


def test_questions_asking_for_information_are_not_reports(catalog: RedFlagCatalog) -> None:
    """A question word first, "?" last and no "I/my": asking about a topic, not reporting."""
    assert detect("what are the signs of a blood clot?", catalog) is None
    assert detect("can a swollen calf be a clot?", catalog) is None
    assert detect("is coughing blood dangerous?", catalog) is None


def test_questions_about_the_users_own_body_are_reports(catalog: RedFlagCatalog) -> None:
    """ "Is it bad that my calf is swollen and hot?" is a report despite the question mark."""
    assert _key("is it bad that my calf is swollen and hot?", catalog) == "leg_clot_signs"
    assert _key("why am I coughing blood?", catalog) == "lung_clot_signs"
    assert _key("Calf swollen and red - is that a clot?", catalog) == "leg_clot_signs"


def test_hypothetical_frames_cover_the_rest_of_the_clause(catalog: RedFlagCatalog) -> None:
    """ "What if"/"signs of"/"can X cause" frames cancel what follows, not what precedes."""
    assert detect("what if I ever get chest pain during squats", catalog) is None
    assert detect("TRT can cause dizziness and headaches they say", catalog) is None
    text = "got blurry vision and a headache, is that a side effect of anastrozole"
    assert _key(text, catalog) == "prescriber_symptoms"


def test_a_real_report_after_a_question_still_counts(catalog: RedFlagCatalog) -> None:
    """An information question in one sentence does not hide a report in the next."""
    text = "What are the signs of a blood clot? My calf has been swollen and red since Monday."
    assert _key(text, catalog) == "leg_clot_signs"


# ---- training context ----


def test_breathlessness_counts_at_rest_not_after_sprints(catalog: RedFlagCatalog) -> None:
    """Out of breath after sprints is normal; out of breath on the couch is a red flag."""
    assert detect("out of breath after sprints, as usual", catalog) is None
    assert _key("out of breath on the couch doing nothing", catalog) == "lung_clot_signs"
    text = "Out of breath after sprints yesterday. Today I'm short of breath lying in bed."
    assert _key(text, catalog) == "lung_clot_signs"


def test_a_dropped_bar_needs_severe_pain_or_no_weight_bearing(catalog: RedFlagCatalog) -> None:
    """A dropped bar alone is nothing; with severe pain or no weight bearing it is a flag."""
    assert detect("dropped the bar on my foot", catalog) is None
    assert _key("dropped the bar on my foot and can't walk", catalog) == "fall_injury"
    assert _key("dropped the bar on my foot, super painful", catalog) == "fall_injury"


def test_back_pain_with_a_training_cause_is_not_sudden(catalog: RedFlagCatalog) -> None:
    """ "Pulled my back a bit" is not a flag; severe back pain out of nowhere is."""
    assert detect("pulled my back a bit on deadlifts", catalog) is None
    assert detect("severe back pain after heavy deadlifts", catalog) is None
    assert _key("sudden severe back pain", catalog) == "sudden_back_pain"


def test_single_everyday_headache_is_not_a_flag(catalog: RedFlagCatalog) -> None:
    """One plain headache is nothing; severe, persistent or dose-linked ones are."""
    assert detect("got a headache", catalog) is None
    assert detect("had a headache from the sun?", catalog) is None
    assert _key("headache every day this week", catalog) == "prescriber_symptoms"
    assert _key("headache since my last shot", catalog) == "prescriber_symptoms"


# ---- age for the fragility flag ----


def test_fragility_fracture_needs_an_age_of_fifty(catalog: RedFlagCatalog) -> None:
    """A fracture from a minor fall is the fragility flag from age 50, stated or passed in."""
    text = "broke my wrist tripping on the curb"
    assert _key(text, catalog) is None
    assert _key(text, catalog, age=62) == "fragility_fracture"
    assert _key(text, catalog, age=45) is None
    assert _key(text + ", I'm 62", catalog, age=45) == "fragility_fracture"
    assert _key(text + ", I'm 45", catalog, age=62) is None


def test_weights_are_not_ages(catalog: RedFlagCatalog) -> None:
    """ "I'm 90 kg" is a body weight, not an age."""
    assert _key("broke my wrist tripping on the curb, I'm 90 kg", catalog) is None


def test_fall_with_severe_symptoms_outranks_fragility(catalog: RedFlagCatalog) -> None:
    """A fall with a deformed, painful limb is urgent care, even when a fracture is known."""
    text = "tripped on the curb and broke my wrist, it's bent and super painful, I'm 62"
    assert _key(text, catalog) == "fall_injury"


# ---- text clean-up ----


def test_text_is_cleaned_like_the_patterns() -> None:
    """Case, curly apostrophes, accents, "'s" endings and decimal commas are normalised."""
    assert clean_tokens("Can’t CATCH my breath") == ["cant", "catch", "my", "breath"]
    assert clean_tokens("naïve calf's 3,5cm") == ["naive", "calf", "3.5", "cm"]


def test_messages_split_into_sentences_and_questions() -> None:
    """Sentences end at . ! ? ; and new lines (not at decimal points); "?" marks a question."""
    message = split_message("Lost 3.5 cm. Is that bad?\nok", {})
    assert message.words == ("lost", "3.5", "cm", "is", "that", "bad", "ok")
    assert [(s.start, s.end, s.asked) for s in message.sentences] == [
        (0, 3, False),
        (3, 6, True),
        (6, 7, False),
    ]


def test_typos_and_variants_are_respelled(catalog: RedFlagCatalog) -> None:
    """Common misspellings ("brethless", "swolen", "cannot") match like the right spelling."""
    assert _key("suddenly brethless on the sofa", catalog) == "lung_clot_signs"
    assert _key("calf swolen and hot", catalog) == "leg_clot_signs"
    assert _key("I cannot breathe", catalog) == "lung_clot_signs"


# ---- the catalog and its loader ----


def test_default_path_points_at_the_content_file() -> None:
    """DEFAULT_RED_FLAGS_PATH is the content/red_flags.yaml the tests load."""
    assert DEFAULT_RED_FLAGS_PATH == CATALOG_PATH
    assert CATALOG_PATH.is_file()


def test_real_catalog_lists_the_nine_flags(catalog: RedFlagCatalog) -> None:
    """The shipped catalog validates and holds the nine free-text flags with their severity."""
    assert {f.key: f.severity for f in catalog.flags} == {
        "fall_injury": "urgent",
        "back_pain_nerve_signs": "emergency",
        "sudden_back_pain": "urgent",
        "leg_clot_signs": "emergency",
        "lung_clot_signs": "emergency",
        "stroke_signs": "emergency",
        "prescriber_symptoms": "prompt",
        "height_loss": "prompt",
        "fragility_fracture": "prompt",
    }


def test_messages_say_what_to_do_now(catalog: RedFlagCatalog) -> None:
    """Emergency messages give the emergency numbers; every message disclaims assessment."""
    for flag in catalog.flags:
        assert "BoneCoach can't assess" in flag.message
        assert (EMERGENCY_NUMBERS in flag.message) == (flag.severity == "emergency") or (
            flag.key == "sudden_back_pain"
        )
        assert flag.source.startswith("clinical-defaults.md §6")


@functools.cache
def _raw_text() -> str:
    return CATALOG_PATH.read_text(encoding="utf-8")


def _broken_copy(tmp_path: Path, edit: Edit) -> Path:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    raw = yaml.load(_raw_text(), Loader=loader)  # noqa: S506
    edit(raw)
    path = tmp_path / "red_flags.yaml"
    path.write_text(yaml.dump(raw, Dumper=dumper, allow_unicode=True), encoding="utf-8")
    return path


def _flag(raw: dict[str, Any], key: str) -> dict[str, Any]:
    found: dict[str, Any] = next(f for f in raw["flags"] if f["key"] == key)
    return found


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda raw: _flag(raw, "stroke_signs").update(severity="critical"),
            "flag 'stroke_signs', field 'severity'",
        ),
        (
            lambda raw: _flag(raw, "height_loss").update(status="X"),
            "flag 'height_loss', field 'status'",
        ),
        (
            lambda raw: _flag(raw, "height_loss").pop("message"),
            "flag 'height_loss', field 'message': Field required",
        ),
        (
            lambda raw: _flag(raw, "height_loss").update(colour="red"),
            "flag 'height_loss', field 'colour': Extra inputs are not permitted",
        ),
        (
            lambda raw: _flag(raw, "height_loss")["rules"][0].update(all=["height_loss | shrunk"]),
            "flag 'height_loss' rule 1: unknown concept 'shrunk'",
        ),
        (
            lambda raw: raw["flags"].append(dict(_flag(raw, "height_loss"))),
            "flag key 'height_loss' is used twice",
        ),
        (
            lambda raw: raw["concepts"].update(spare={"phrases": ["spare"]}),
            "concept 'spare' is not used by any rule",
        ),
        (
            lambda raw: raw["concepts"]["clot"]["phrases"].append("clot ..."),
            "concept 'clot' phrase 'clot ...': '...' must sit between two words",
        ),
        (
            lambda raw: raw["concepts"]["clot"]["phrases"].append("@organs clot"),
            "unknown word list '@organs'",
        ),
        (
            lambda raw: raw["concepts"]["height_loss"]["phrases"].append("lost <9-3> cm"),
            "number range '<9-3>' runs backwards",
        ),
        (
            lambda raw: raw["concepts"]["clot"]["phrases"].append("clot/blood-clot"),
            "'blood-clot' in 'clot/blood-clot' must be exactly one word",
        ),
        (
            lambda raw: raw["concepts"]["clot"]["phrases"].append("c* in my leg"),
            "'c*' needs a one-word stem of 3+ letters",
        ),
        (
            lambda raw: raw["age"]["phrases"].append("my age"),
            "age: every phrase needs exactly one number range",
        ),
        (
            lambda raw: _flag(raw, "prescriber_symptoms")["rules"][1].update(at_least=9),
            "`at_least` must be 1 to 5 when `of` is given",
        ),
        (
            lambda raw: _flag(raw, "height_loss")["rules"][0].update(all=[]),
            "a rule needs `all` or `of`",
        ),
        (lambda raw: raw.update(version=2), "field 'version'"),
    ],
)
def test_loader_names_the_problem(tmp_path: Path, edit: Edit, expected: str) -> None:
    """A broken catalog fails to load with a ValueError naming the flag or concept at fault."""
    with pytest.raises(ValueError, match=r"red_flags\.yaml is invalid") as caught:
        load_red_flags(_broken_copy(tmp_path, edit))
    assert expected in str(caught.value)


def test_loader_rejects_broken_yaml(tmp_path: Path) -> None:
    """A file that is not YAML at all is reported as such."""
    path = tmp_path / "red_flags.yaml"
    path.write_text("flags: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"red_flags\.yaml is not valid YAML"):
        load_red_flags(path)


def test_loader_rejects_a_non_mapping(tmp_path: Path) -> None:
    """A YAML list instead of a catalog mapping is invalid, not a crash."""
    path = tmp_path / "red_flags.yaml"
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"red_flags\.yaml is invalid"):
        load_red_flags(path)
