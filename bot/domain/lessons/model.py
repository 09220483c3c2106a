"""Lessons: strict frozen models for content/lessons/*.md and the library that orders them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Annotated, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)

from bot.domain.text import html_problems

MAX_BODY = 600  # characters of the body as written (tags and references included)

Topic = Literal[
    "estrogen",
    "aromatase",
    "remodeling",
    "loading",
    "resistance",
    "impact",
    "calcium-vitamin-d",
    "k2",
    "magnesium",
    "protein",
    "omega-3",
    "rankl-opg",
    "sclerostin-wnt",
    "mechanostat",
    "monitoring",
    "safety",
]
TOPICS: tuple[str, ...] = get_args(Topic)


class Level(StrEnum):
    """How deep a lesson goes; compares by depth, not alphabetically."""

    FUNDAMENTALS = "fundamentals"
    INTERMEDIATE = "intermediate"
    ACADEMIC = "academic"

    @property
    def rank(self) -> int:
        """0 for fundamentals, 1 for intermediate, 2 for academic."""
        return list(Level).index(self)

    def __lt__(self, other: str) -> bool:
        return self.rank < Level(other).rank

    def __le__(self, other: str) -> bool:
        return self.rank <= Level(other).rank

    def __gt__(self, other: str) -> bool:
        return self.rank > Level(other).rank

    def __ge__(self, other: str) -> bool:
        return self.rank >= Level(other).rank


def _telegram_html(text: str) -> str:
    problems = html_problems(text)
    if problems:
        raise ValueError("invalid Telegram HTML: " + "; ".join(problems))
    return text


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
HtmlText = Annotated[Text, AfterValidator(_telegram_html)]
Keyword = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9 '-]{0,39}$")]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LessonQuestion(_Model):
    """A quick check after a lesson: options are numbered from 0 and `answer` is the right one."""

    prompt: HtmlText
    options: tuple[HtmlText, ...] = Field(min_length=2, max_length=4)
    answer: StrictInt = Field(ge=0)
    explain: HtmlText

    @model_validator(mode="after")
    def _answer_in_range(self) -> LessonQuestion:
        if self.answer >= len(self.options):
            raise ValueError(
                f"answer {self.answer} is out of range: options are numbered 0 to "
                f"{len(self.options) - 1}"
            )
        if len(set(self.options)) != len(self.options):
            raise ValueError("options must differ from each other")
        return self


class Lesson(_Model):
    """One short lesson; `body` is Telegram HTML, the rest comes from the file's front matter."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]
    title: HtmlText
    level: Level
    topics: tuple[Topic, ...] = Field(min_length=1, max_length=3)
    section: Text
    references: tuple[Text, ...] = Field(min_length=1)
    question: LessonQuestion | None = None
    keywords: tuple[Keyword, ...] = Field(default=(), max_length=12)  # extra search terms
    body: HtmlText

    @field_validator("topics")
    @classmethod
    def _distinct_topics(cls, topics: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(topics)) != len(topics):
            raise ValueError("topics must not repeat")
        return topics

    @field_validator("body")
    @classmethod
    def _short_body(cls, body: str) -> str:
        if len(body) > MAX_BODY:
            raise ValueError(f"body is {len(body)} characters; at most {MAX_BODY} allowed")
        return body


def _order(lesson: Lesson) -> tuple[int, str]:
    return lesson.level.rank, lesson.id


class LessonLibrary:
    """Every lesson, fundamentals first, then intermediate, then academic (by id within one)."""

    __slots__ = ("_all", "_by_id")

    def __init__(self, lessons: Iterable[Lesson]) -> None:
        self._all = tuple(sorted(lessons, key=_order))
        self._by_id = {lesson.id: lesson for lesson in self._all}
        if len(self._by_id) != len(self._all):
            twice = sorted(i for i, n in Counter(x.id for x in self._all).items() if n > 1)
            raise ValueError(f"lesson ids must be unique: {', '.join(twice)}")

    @property
    def all(self) -> tuple[Lesson, ...]:
        """Every lesson, fundamentals → intermediate → academic, by id within a level."""
        return self._all

    def __len__(self) -> int:
        return len(self._all)

    def __iter__(self) -> Iterator[Lesson]:
        return iter(self._all)

    def __contains__(self, lesson_id: object) -> bool:
        return lesson_id in self._by_id

    def get(self, lesson_id: str) -> Lesson | None:
        """The lesson with this id, or None."""
        return self._by_id.get(lesson_id)

    def by_topic(self, topic: str) -> list[Lesson]:
        """Lessons on a topic, by level then id; ValueError for a topic not in TOPICS."""
        if topic not in TOPICS:
            raise ValueError(f"unknown topic {topic!r}; known: {', '.join(TOPICS)}")
        return [lesson for lesson in self._all if topic in lesson.topics]

    def next_deeper(self, lesson: Lesson) -> Lesson | None:
        """A lesson of the next deeper level that shares a topic with `lesson`, or None.

        The nearest deeper level wins; within it, the most shared topics, then the lesson
        sharing `lesson`'s earliest-listed topic, then the smallest id.
        """

        def preference(other: Lesson) -> tuple[int, int, int, str]:
            shared = [t for t in lesson.topics if t in other.topics]
            return other.level.rank, -len(shared), lesson.topics.index(shared[0]), other.id

        deeper = [
            other
            for other in self._all
            if other.level > lesson.level and set(other.topics) & set(lesson.topics)
        ]
        return min(deeper, key=preference, default=None)
