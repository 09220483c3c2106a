"""Tests for lesson search (bm25s), the confidence rule and dose-question detection."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.lessons import (
    MIN_CONFIDENT_SCORE,
    TOPICS,
    Hit,
    Lesson,
    LessonIndex,
    LessonLibrary,
    is_confident,
    is_dose_question,
)
from bot.domain.lessons.ranking import BODY_CAP, TOPIC_TERMS, subject_document


def _lesson(lesson_id: str, title: str, topics: list[str], body: str, **extra: Any) -> Lesson:
    return Lesson.model_validate(
        {
            "id": lesson_id,
            "title": title,
            "level": extra.pop("level", "fundamentals"),
            "topics": topics,
            "section": "Fundamentals",
            "references": ["Somebody 2001"],
            "body": body,
            **extra,
        }
    )


LESSONS = [
    _lesson(
        "estrogen-brake",
        "Estrogen is bone's brake",
        ["estrogen", "aromatase"],
        "In men estradiol comes from testosterone. It keeps bone-eating cells in check, so "
        "when anastrozole lowers it, bone is broken down faster than it is rebuilt.",
    ),
    _lesson(
        "box-jumps",
        "Box jumps for stronger hips",
        ["impact", "loading"],
        "Landing from a jump loads the hip and spine with a quick, high strain that bone "
        "responds to. Start low, land softly, and build up over weeks.",
    ),
    _lesson(
        "heavy-lifting",
        "Deadlifts and squats, safely",
        ["resistance", "loading"],
        "Squats and deadlifts load the spine and hips. Progress slowly with good technique; "
        "the LIFTMOR trial used supervised heavy lifting in people with low bone mass.",
    ),
    _lesson(
        "k2-traffic",
        "Vitamin K2 directs calcium",
        ["k2", "calcium-vitamin-d"],
        "K2 switches on osteocalcin, which binds calcium into bone. People on warfarin must "
        "talk to their prescriber before taking it.",
        level="intermediate",
    ),
    _lesson(
        "omega-3-basics",
        "Omega-3 and inflammation",
        ["omega-3"],
        "EPA and DHA from oily fish calm inflammation, which otherwise speeds up bone loss.",
    ),
    _lesson(
        "dxa-scans",
        "What a DXA scan tells you",
        ["monitoring"],
        "A DXA scan measures bone mineral density at the hip and spine; the T-score compares "
        "you with a young adult.",
        keywords=["t-score", "z-score", "bone density scan"],
    ),
]


@pytest.fixture(scope="module")
def index() -> LessonIndex:
    return LessonIndex.build(LessonLibrary(LESSONS))


def _ids(hits: list[Hit]) -> list[str]:
    return [hit.lesson_id for hit in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Why does anastrozole weaken my bones?", "estrogen-brake"),
        ("what does estradiol do in men", "estrogen-brake"),
        ("are box jumps worth it", "box-jumps"),
        ("is deadlifting good for my spine", "heavy-lifting"),
        ("what does vitamin K2 do", "k2-traffic"),
        ("im on warfarin, can i take mk-7?", "k2-traffic"),
        ("does fish oil help my bones", "omega-3-basics"),
        ("do I need a DEXA?", "dxa-scans"),
        ("what does my t score mean", "dxa-scans"),
    ],
)
def test_search_finds_the_lesson_that_answers(
    index: LessonIndex, query: str, expected: str
) -> None:
    """An on-topic question, in everyday words or synonyms, finds its lesson first, confidently."""
    hits = index.search(query)
    assert hits[0].lesson_id == expected
    assert is_confident(hits)


def test_search_understands_brand_names_and_spellings(index: LessonIndex) -> None:
    """Arimidex, oestrogen and "E2" reach the same lesson as anastrozole, estrogen and estradiol."""
    for query in ("what does arimidex do to bone", "oestrogen and bone", "my E2 is low"):
        assert index.search(query)[0].lesson_id == "estrogen-brake"


@pytest.mark.parametrize(
    "query",
    [
        "what's the weather tomorrow",
        "recommend a good movie",
        "how do I reset my router",
        "translate good morning into spanish",
        "best pizza in town",
    ],
)
def test_off_topic_questions_are_not_confident(index: LessonIndex, query: str) -> None:
    """Questions about other things find nothing confident (usually nothing at all)."""
    assert not is_confident(index.search(query))


def test_search_orders_hits_and_honours_k(index: LessonIndex) -> None:
    """Hits come best first, at most k of them, only lessons sharing a word with the query."""
    hits = index.search("bone spine hip calcium inflammation", k=4)
    assert len(hits) == 4
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len(index.search("bone spine hip calcium inflammation", k=10)) == 6
    assert index.search("bone", k=0) == []
    assert _ids(index.search("warfarin")) == ["k2-traffic"]  # the only lesson with the word


def test_empty_and_stopword_queries_find_nothing(index: LessonIndex) -> None:
    """A query without searchable words returns no hits."""
    assert index.search("") == []
    assert index.search("what is it? how do I do that?") == []


def test_an_empty_library_finds_nothing() -> None:
    """An index over no lessons answers every query with no hits."""
    assert LessonIndex.build(LessonLibrary([])).search("estrogen") == []


def test_keywords_boost_a_lesson() -> None:
    """A front-matter keyword lifts its lesson above one that only mentions the word in its body."""
    plain = _lesson("a-plain", "Scans", ["monitoring"], "Some people call it a bone density scan.")
    boosted = _lesson(
        "b-boosted", "Scans too", ["monitoring"], "A scan of the hip.", keywords=["density"]
    )
    hits = LessonIndex.build(LessonLibrary([plain, boosted])).search("density")
    assert _ids(hits) == ["b-boosted", "a-plain"]


def test_a_word_only_in_a_body_never_makes_a_confident_match() -> None:
    """Body-only matches are squashed below BODY_CAP, itself below the confidence threshold."""
    assert BODY_CAP < MIN_CONFIDENT_SCORE
    lesson = _lesson("x", "Estrogen basics", ["estrogen"], "Pizza pizza pizza, bitcoin and tyres.")
    hits = LessonIndex.build(LessonLibrary([lesson, *LESSONS])).search("pizza bitcoin tyres")
    assert _ids(hits) == ["x"]
    assert 0 < hits[0].score < BODY_CAP
    assert not is_confident(hits)


def test_unknown_words_lower_the_score(index: LessonIndex) -> None:
    """The same match scores lower when the question is mostly about something the library lacks."""
    alone = index.search("warfarin")[0].score
    diluted = index.search("warfarin horoscope crossword")[0].score
    assert diluted == pytest.approx(alone * (1 / 3) ** 0.5, rel=1e-3)


def test_is_confident_uses_the_best_hit_against_the_threshold() -> None:
    """Confidence means at least one hit and the best one at or above MIN_CONFIDENT_SCORE."""
    assert not is_confident([])
    assert is_confident([Hit("a", MIN_CONFIDENT_SCORE)])
    assert not is_confident([Hit("a", MIN_CONFIDENT_SCORE - 0.01), Hit("b", 0.5)])


def test_every_topic_has_search_terms() -> None:
    """Every topic is spelled out for the subject index, which also carries title and keywords."""
    assert set(TOPIC_TERMS) == set(TOPICS)
    subject = subject_document(LESSONS[5])
    assert subject.startswith("What a DXA scan tells you\nmonitoring ")
    assert subject.count("t-score z-score bone density scan") == 2


@pytest.mark.parametrize(
    "text",
    [
        "how much anastrozole should I take",
        "Should I up my dose?",
        "what dose of d3",
        "mg of arimidex",
        "How many mg of Arimidex per week?",
        "Can I lower my anastrozole to 0.25?",
        "should i stop taking arimidex",
        "how often should I take my arimidex",
        "Is 5000 IU of D3 too much?",
        "how much vitamin D a day",
        "how much calcium should I take",
        "should I take more vitamin d?",
        "What dosage of magnesium?",
        "what's the right amount of anastrozole",
        "is half a pill enough",
        "Should I increase my TRT?",
        "how much should I take?",
        "I want to double my K2",
    ],
)
def test_dose_questions_are_detected(text: str) -> None:
    """Questions about how much of a medicine or supplement to take, or changing it, are doses."""
    assert is_dose_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "does anastrozole cause bone loss",
        "what does arimidex do",
        "how much does anastrozole lower estrogen",
        "how much protein do I need",
        "how much calcium do i need a day",
        "how much should I squat",
        "how often should I jump",
        "how often should I take a rest day",
        "Is the benefit of running dose-dependent?",
        "Does lifting raise testosterone?",
        "im on warfarin, can i take k2?",
        "why do people take vitamin d with calcium",
        "should I take more rest days?",
    ],
)
def test_other_questions_are_not_dose_questions(text: str) -> None:
    """Questions about effects, food needs or training amounts are not dose questions."""
    assert not is_dose_question(text)
