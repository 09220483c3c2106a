"""Checking lessons against the source: copying from it, and sections no lesson explains."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from bot.domain.lessons.model import Lesson
from bot.domain.lessons.source_sections import SourceSections
from bot.domain.text import html_to_text

_NOT_WORD = re.compile(r"[\W_]+")


def _words(text: str) -> list[str]:
    return _NOT_WORD.sub(" ", html_to_text(text).lower()).split()


def _shingles(words: list[str], n: int) -> list[str]:
    return [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]


@lru_cache(maxsize=4)
def _source_shingles(source_text: str, n: int) -> frozenset[str]:
    return frozenset(_shingles(_words(source_text), n))


def copy_overlaps(lesson_text: str, source_text: str, n: int = 12) -> list[str]:
    """The n-word runs of lesson_text (HTML allowed) also in source_text, in order, once each.

    Both are normalized first: lowercased, every non-alphanumeric character made a space.
    """
    source = _source_shingles(source_text, n)
    return list(dict.fromkeys(s for s in _shingles(_words(lesson_text), n) if s in source))


def lesson_texts(lesson: Lesson) -> list[str]:
    """Every text of a lesson a reader sees: title, body and the question's texts."""
    texts = [lesson.title, lesson.body]
    if lesson.question is not None:
        q = lesson.question
        texts += [q.prompt, *q.options, q.explain]
    return texts


def coverage(library: Iterable[Lesson], sections: SourceSections | Iterable[str]) -> list[str]:
    """The sections (in the order given) that no lesson names as its `section`.

    A SourceSections stands for its `to_teach` names: headings to teach and the two tables.
    """
    names = sections.to_teach if isinstance(sections, SourceSections) else sections
    explained = {lesson.section for lesson in library}
    return [name for name in names if name not in explained]
