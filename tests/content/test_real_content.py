"""Tests for the real lessons in content/lessons/: they load, cover the source, answer well."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content.catalogs import load_red_flags, load_source_sections
from bot.content.check import check_content
from bot.content.lessons import load_lessons
from bot.content.location import DEFAULT_LESSONS_DIR, DEFAULT_SOURCE_PATH, PACKAGED, SOURCE_NAME
from bot.domain.lessons import (
    LessonIndex,
    LessonLibrary,
    copy_overlaps,
    coverage,
    is_confident,
    is_dose_question,
    lesson_texts,
)
from bot.domain.medication import is_medication_question
from bot.domain.red_flags import detect
from bot.domain.text import html_to_text

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SHARED_SOURCE = ROOT.parent / "shared" / "source" / SOURCE_NAME
MIN_LESSONS = 30


def _yaml_list(name: str) -> list[Any] | None:
    path = HERE / name
    if not path.is_file():
        return None
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, list), f"{path} must hold a YAML list"
    return loaded


ASK = _yaml_list("ask_questions.yaml")
OFF_TOPIC = _yaml_list("off_topic_questions.yaml")
NO_ASK = "tests/content/ask_questions.yaml is missing (it is written with the lessons)"
NO_OFF_TOPIC = "tests/content/off_topic_questions.yaml is missing (it is written with the lessons)"


@pytest.fixture(scope="module")
def library() -> LessonLibrary:
    return load_lessons(DEFAULT_LESSONS_DIR)


@pytest.fixture(scope="module")
def index(library: LessonLibrary) -> LessonIndex:
    return LessonIndex.build(library)


def test_content_check_finds_no_problem() -> None:
    """The packaged content has no problem: lessons, sections, copying, coverage, catalogues."""
    shared = SHARED_SOURCE if SHARED_SOURCE.is_file() else None
    assert check_content(PACKAGED, shared_source=shared) == []


def test_there_are_enough_lessons(library: LessonLibrary) -> None:
    """The library has at least 30 lessons, at every level."""
    assert len(library) >= MIN_LESSONS
    assert {lesson.level for lesson in library} == {"fundamentals", "intermediate", "academic"}


def test_every_source_section_is_explained(library: LessonLibrary) -> None:
    """Every section of the source document, and both tables, has a lesson explaining it."""
    assert coverage(library, load_source_sections()) == []


def test_no_lesson_copies_the_source(library: LessonLibrary) -> None:
    """No lesson text shares a run of 12 words with the source document."""
    source = DEFAULT_SOURCE_PATH.read_text(encoding="utf-8")
    copied = {
        lesson.id: overlaps
        for lesson in library
        if (overlaps := [s for t in lesson_texts(lesson) for s in copy_overlaps(t, source)])
    }
    assert copied == {}


@pytest.mark.skipif(not SHARED_SOURCE.is_file(), reason=f"{SHARED_SOURCE} is not on this machine")
def test_vendored_source_is_an_exact_copy_of_the_shared_one() -> None:
    """content/source/ holds a byte-for-byte copy of shared/source/ (where shared/ exists)."""
    assert DEFAULT_SOURCE_PATH.read_bytes() == SHARED_SOURCE.read_bytes()


@pytest.mark.skipif(ASK is None, reason=NO_ASK)
@pytest.mark.parametrize("entry", ASK or [], ids=lambda entry: str(entry["question"])[:40])
def test_asked_question_finds_an_expected_lesson(index: LessonIndex, entry: dict[str, Any]) -> None:
    """One of the expected lessons is in the top 3, and the answer is confident."""
    hits = index.search(entry["question"], k=3)
    found = [hit.lesson_id for hit in hits]
    assert set(found) & set(entry["expected"]), f"top 3 {hits}, expected one of {entry['expected']}"
    assert is_confident(hits), f"not confident: {hits}"


@pytest.mark.skipif(ASK is None, reason=NO_ASK)
def test_expected_lessons_exist_and_questions_are_not_dose_questions(
    library: LessonLibrary,
) -> None:
    """Every expected id is a real lesson, and no asked question would be sent to the prescriber."""
    assert ASK is not None
    missing = {i for entry in ASK for i in entry["expected"] if i not in library}
    assert missing == set()
    assert [e["question"] for e in ASK if is_dose_question(e["question"])] == []


@pytest.mark.skipif(OFF_TOPIC is None, reason=NO_OFF_TOPIC)
@pytest.mark.parametrize("question", OFF_TOPIC or [], ids=lambda question: str(question)[:40])
def test_off_topic_question_is_not_confident(index: LessonIndex, question: str) -> None:
    """An off-topic question gets no confident lesson."""
    hits = index.search(question, k=3)
    assert not is_confident(hits), f"confident for an off-topic question: {hits}"


# "Why does anastrozole hurt bone?" and its close variants: the estrogen-brake bite answers.
WHY_AI_HURTS_BONE = [
    "why does anastrozole hurt bone?",
    "why does anastrozole hurt my bones",
    "how does the AI affect my bones",
    "how does an AI hurt bone",
    "can the ai harm my bones",
    "how does anastrozole affect my bones?",
    "how does arimidex affect bone",
    "does anastrozole weaken bones",
    "does anastrozole damage bone",
    "why does anastrozole cause bone loss",
    "why is low estradiol bad for bone",
    "why is low e2 bad for my bones",
    "why does low estrogen cause bone loss",
    "how does low estradiol affect bone",
]


@pytest.mark.parametrize("question", WHY_AI_HURTS_BONE)
def test_why_the_ai_hurts_bone_finds_the_estrogen_brake_first(
    index: LessonIndex, question: str
) -> None:
    """Asking why anastrozole or low estradiol hurts bone gets the estrogen-brake bite first."""
    hits = index.search(question, k=3)
    assert hits[0].lesson_id == "estrogen-brake", hits
    assert is_confident(hits), hits


@pytest.mark.parametrize("question", WHY_AI_HURTS_BONE)
def test_why_the_ai_hurts_bone_is_a_learning_question(question: str) -> None:
    """Those questions pass the safety gate's checks: no red flag, not a medication question."""
    assert detect(question, load_red_flags()) is None
    assert not is_medication_question(question)
    assert not is_dose_question(question)


# Overstatements the lessons once made (issue 14, item 8): the source document calls
# mechanical loading the primary non-drug measure, nothing more; lessons never promise.
OVERSTATEMENTS = [
    "keep the upside of trt",
    "without paying for it in bone",
    "main counter-move",
    "main counter-signal",
    "counter-move",
    "the answer is to",
    "without compromising",
    "guarantee",
    "reverses bone loss",
    "prevents bone loss",
    "stops bone loss",
]


def test_no_lesson_overstates_what_lifestyle_can_do(library: LessonLibrary) -> None:
    """No lesson text (title, body, quiz) contains a known overstatement again."""
    found = [
        (lesson.id, phrase)
        for lesson in library
        for text in lesson_texts(lesson)
        for phrase in OVERSTATEMENTS
        if phrase in " ".join(html_to_text(text).lower().split())
    ]
    assert found == []
