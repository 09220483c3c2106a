"""Red flags in context (issue 14): typos mended, denied questions, events that are over, and
other people's events; the flags these must not hide still fire."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.catalogs import load_red_flags
from bot.domain.red_flags import RedFlagCatalog, detect
from bot.domain.red_flags.text import mend_typos

CATALOG_PATH = Path(__file__).resolve().parents[2] / "content" / "red_flags.yaml"


@pytest.fixture(scope="module")
def catalog() -> RedFlagCatalog:
    return load_red_flags(CATALOG_PATH)


def _key(text: str, catalog: RedFlagCatalog) -> str | None:
    match = detect(text, catalog)
    return None if match is None else match.key


def test_typos_are_mended_towards_symptom_words_only(catalog: RedFlagCatalog) -> None:
    """One missing, extra or swapped letter is mended; short, known and kept words are not."""
    compiled = catalog.compiled
    mended = mend_typos(
        ["brokn", "droopin", "wieght", "chestpain", "racing", "stopped", "bench", "bracng"],
        compiled.vocabulary,
        compiled.targets,
    )
    assert mended[:5] == ["broken", "drooping", "weight", "chest", "pain"]
    assert mended[5:] == ["racing", "stopped", "bench", "bracng"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("fell and think i brokn my ankle", "fall_injury"),
        ("chestpain while sitting still", "lung_clot_signs"),
        ("my face is droopin on one side", "stroke_signs"),
        ("bloody cough since yesterday", "lung_clot_signs"),
        ("a crack heard on landing and I can't put weight on it", "fall_injury"),
        ("my left leg is way bigger than the right and it hurts", "leg_clot_signs"),
        ("I have crushing chest pain, what should I do?", "lung_clot_signs"),
    ],
)
def test_the_issues_misses_are_found(text: str, key: str, catalog: RedFlagCatalog) -> None:
    """The reports issue 14 saw missed now raise their flag."""
    assert _key(text, catalog) == key


@pytest.mark.parametrize(
    ("quiet", "reported"),
    [
        ("chest pain? nope, just sore pecs from bench", "chest pain? yes, and it's getting worse"),
        (
            "had chest pain yesterday from coughing with a cold, gone now",
            "chest pain since yesterday, worse now",
        ),
        ("my friend had a fracture last year after a fall", "I had a fall and my wrist is bent"),
        ("my uncle's face drooped after his stroke", "my face drooped this morning"),
    ],
)
def test_denied_resolved_and_other_peoples_events_are_quiet(
    quiet: str, reported: str, catalog: RedFlagCatalog
) -> None:
    """A question answered "nope", an event that is over, and someone else's event raise
    nothing; the same symptom reported as his own, now, does."""
    assert detect(quiet, catalog) is None
    assert detect(reported, catalog) is not None


def test_someone_elses_emergency_happening_now_still_counts(catalog: RedFlagCatalog) -> None:
    """ "My husband's speech is suddenly slurred" is happening now: the stroke message."""
    assert _key("my husband's speech is suddenly slurred", catalog) == "stroke_signs"
    assert _key("Husband here, his mouth is drooping on one side", catalog) == "stroke_signs"
    assert detect("my dad had a stroke two years ago", catalog) is None


def test_an_event_that_is_over_does_not_hide_a_new_one(catalog: RedFlagCatalog) -> None:
    """ "Gone now" ends what came before it, not what he reports after it."""
    text = "my headache is gone now but my calf is swollen and hot"
    assert _key(text, catalog) == "leg_clot_signs"
