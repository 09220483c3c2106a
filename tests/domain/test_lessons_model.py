"""Tests for the lesson models (Lesson, LessonQuestion, Level) and LessonLibrary."""

from __future__ import annotations

from typing import Any

import pydantic
import pytest

from bot.domain.lessons import TOPICS, Lesson, LessonLibrary, Level


def _data(lesson_id: str = "estrogen-brake", **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": lesson_id,
        "title": "Estrogen is bone's brake",
        "level": "fundamentals",
        "topics": ["estrogen", "remodeling"],
        "section": "Fundamentals",
        "references": ["Finkelstein et al., J Clin Invest 2016"],
        "body": "Estradiol keeps <b>osteoclasts</b> in check &amp; bone in balance.",
    }
    data.update(changes)
    return data


def _lesson(lesson_id: str, level: str, topics: list[str]) -> Lesson:
    return Lesson.model_validate(_data(lesson_id, level=level, topics=topics))


def _question(**changes: Any) -> dict[str, Any]:
    question: dict[str, Any] = {
        "prompt": "What does estradiol do to <i>osteoclasts</i>?",
        "options": ["Slows them", "Speeds them up", "Nothing"],
        "answer": 0,
        "explain": "It restrains them, so resorption stays in check.",
    }
    question.update(changes)
    return question


def _errors(data: dict[str, Any]) -> str:
    with pytest.raises(pydantic.ValidationError) as caught:
        Lesson.model_validate(data)
    return str(caught.value)


def test_topics_are_the_sixteen_known_ones() -> None:
    """TOPICS lists the sixteen topics of the lesson format, without repeats."""
    assert len(TOPICS) == len(set(TOPICS)) == 16
    assert TOPICS[0] == "estrogen"
    assert "calcium-vitamin-d" in TOPICS
    assert "safety" in TOPICS


def test_levels_order_by_depth_not_alphabet() -> None:
    """Levels compare fundamentals < intermediate < academic and expose that as rank."""
    assert [level.rank for level in Level] == [0, 1, 2]
    assert Level.FUNDAMENTALS < Level.INTERMEDIATE < Level.ACADEMIC
    assert Level.ACADEMIC > Level.FUNDAMENTALS
    assert Level.INTERMEDIATE >= Level.INTERMEDIATE
    assert Level.INTERMEDIATE <= Level.ACADEMIC
    assert sorted([Level.ACADEMIC, Level.FUNDAMENTALS, Level.INTERMEDIATE]) == list(Level)
    assert Level("academic") is Level.ACADEMIC


def test_valid_lesson_is_parsed_and_frozen() -> None:
    """A complete lesson parses into tuples and a Level, and cannot be changed afterwards."""
    lesson = Lesson.model_validate(_data(question=_question()))
    assert lesson.level is Level.FUNDAMENTALS
    assert lesson.topics == ("estrogen", "remodeling")
    assert lesson.question is not None
    assert lesson.question.answer == 0
    assert lesson.keywords == ()
    with pytest.raises(pydantic.ValidationError):
        lesson.id = "other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"id": "Estrogen_Brake"}, "id"),
        ({"level": "expert"}, "level"),
        ({"topics": []}, "topics"),
        ({"topics": ["estrogen", "k2", "protein", "safety"]}, "topics"),
        ({"topics": ["estrogen", "vitamin-c"]}, "topics.1"),
        ({"topics": ["k2", "k2"]}, "topics must not repeat"),
        ({"references": []}, "references"),
        ({"section": "  "}, "section"),
        ({"body": "x" * 601}, "body is 601 characters; at most 600"),
        ({"title": ""}, "title"),
        ({"colour": "red"}, "colour"),
        ({"keywords": ["Fish Oil!"]}, "keywords.0"),
    ],
)
def test_schema_problems_are_rejected(changes: dict[str, Any], expected: str) -> None:
    """Each schema rule (id pattern, level, 1-3 known topics, references, length) is enforced."""
    assert expected in _errors(_data(**changes))


def test_body_of_exactly_600_characters_is_accepted() -> None:
    """The body limit is inclusive: 600 characters are fine."""
    assert len(Lesson.model_validate(_data(body="y" * 600)).body) == 600


def test_missing_required_fields_are_each_reported() -> None:
    """Every missing required field is named."""
    message = _errors({"id": "x"})
    for field in ("title", "level", "topics", "section", "references", "body"):
        assert field in message


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"answer": 3}, "answer 3 is out of range"),
        ({"answer": -1}, "greater than or equal to 0"),
        ({"answer": True}, "valid integer"),
        ({"options": ["Only one"]}, "at least 2"),
        ({"options": ["a", "b", "c", "d", "e"]}, "at most 4"),
        ({"options": ["Same", "Same"]}, "options must differ"),
        ({"explain": ""}, "explain"),
    ],
)
def test_question_problems_are_rejected(changes: dict[str, Any], expected: str) -> None:
    """The question needs 2-4 distinct options and an integer answer index within them."""
    assert expected in _errors(_data(question=_question(**changes)))


@pytest.mark.parametrize(
    "changes",
    [
        {"body": "Use <a href='x'>links</a>"},
        {"body": "<b>bold <i>and</b> italic</i>"},
        {"body": "<b>never closed"},
        {"body": "Ca &nbsp; D"},
        {"body": "calcium & vitamin D"},
        {"title": "K2 < D3"},
        {"question": _question(prompt="<u>Which?")},
        {"question": _question(options=["<b>A</b>", "B &c"])},
        {"question": _question(explain="<code><b>x</b></code>")},
    ],
)
def test_invalid_telegram_html_is_rejected_in_every_text(changes: dict[str, Any]) -> None:
    """Body, title and the question's texts must all be valid Telegram HTML."""
    assert "invalid Telegram HTML" in _errors(_data(**changes))


def _library() -> LessonLibrary:
    return LessonLibrary(
        [
            _lesson("wnt-deep", "academic", ["sclerostin-wnt", "loading"]),
            _lesson("load-basics", "fundamentals", ["loading", "impact"]),
            _lesson("estrogen-brake", "fundamentals", ["estrogen"]),
            _lesson("jumping", "intermediate", ["impact"]),
            _lesson("lifting", "intermediate", ["loading", "resistance"]),
            _lesson("load-and-jump", "intermediate", ["impact", "loading"]),
            _lesson("estrogen-molecular", "academic", ["estrogen", "aromatase"]),
        ]
    )


def test_library_orders_all_by_level_then_id() -> None:
    """`all` runs fundamentals, intermediate, academic, by id within a level."""
    assert [x.id for x in _library().all] == [
        "estrogen-brake",
        "load-basics",
        "jumping",
        "lifting",
        "load-and-jump",
        "estrogen-molecular",
        "wnt-deep",
    ]


def test_library_get_len_iter_and_contains() -> None:
    """get() finds a lesson by id (None if absent); len, iteration and `in` work on ids."""
    library = _library()
    lesson = library.get("jumping")
    assert lesson is not None
    assert lesson.level is Level.INTERMEDIATE
    assert library.get("nope") is None
    assert len(library) == 7
    assert list(library) == list(library.all)
    assert "lifting" in library
    assert "nope" not in library


def test_by_topic_orders_by_level_then_id() -> None:
    """by_topic lists a topic's lessons from fundamentals up, by id within a level."""
    assert [x.id for x in _library().by_topic("loading")] == [
        "load-basics",
        "lifting",
        "load-and-jump",
        "wnt-deep",
    ]
    assert _library().by_topic("protein") == []


def test_by_topic_rejects_an_unknown_topic() -> None:
    """An unknown topic is a ValueError, not an empty list."""
    with pytest.raises(ValueError, match="unknown topic 'bones'"):
        _library().by_topic("bones")


def test_next_deeper_prefers_nearest_level_then_most_shared_topics() -> None:
    """The next deeper lesson is one level up if possible, sharing the most topics."""
    library = _library()
    basics = library.get("load-basics")
    assert basics is not None
    deeper = library.next_deeper(basics)
    assert deeper is not None
    assert deeper.id == "load-and-jump"  # shares both topics; lifting and jumping share one
    assert deeper.level is Level.INTERMEDIATE


def test_next_deeper_skips_a_level_when_needed_and_ends_with_none() -> None:
    """With nothing one level up on its topics, go two levels up; the deepest leads to None."""
    library = _library()
    brake = library.get("estrogen-brake")
    assert brake is not None
    molecular = library.next_deeper(brake)
    assert molecular is not None
    assert molecular.id == "estrogen-molecular"
    assert library.next_deeper(molecular) is None


def test_next_deeper_ties_go_to_the_earliest_listed_topic() -> None:
    """Between equally good candidates, the one sharing the lesson's first topic wins."""
    library = LessonLibrary(
        [
            _lesson("start", "fundamentals", ["protein", "magnesium"]),
            _lesson("a-magnesium", "intermediate", ["magnesium"]),
            _lesson("b-protein", "intermediate", ["protein"]),
        ]
    )
    start = library.get("start")
    assert start is not None
    deeper = library.next_deeper(start)
    assert deeper is not None
    assert deeper.id == "b-protein"


def test_library_rejects_duplicate_ids() -> None:
    """Two lessons with one id make the library fail, naming the id."""
    with pytest.raises(ValueError, match="unique: twin"):
        LessonLibrary(
            [_lesson("twin", "fundamentals", ["k2"]), _lesson("twin", "academic", ["protein"])]
        )
