"""Loading and checking lessons: front matter, known sections, copying from the source, coverage."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.domain.lessons_model import Lesson, LessonLibrary
from bot.domain.source_sections import (
    CONTENT_DIR,
    DEFAULT_SECTIONS_PATH,
    DEFAULT_SOURCE_PATH,
    SOURCE_NAME,
    SourceSections,
    heading_lines,
    load_source_sections,
    source_problems,
)
from bot.domain.telegram_html import html_to_text

__all__ = [
    "DEFAULT_LESSONS_DIR",
    "DEFAULT_SECTIONS_PATH",
    "DEFAULT_SOURCE_PATH",
    "SOURCE_NAME",
    "LessonsError",
    "SourceSections",
    "copy_overlaps",
    "coverage",
    "heading_lines",
    "lesson_texts",
    "load_lessons",
    "load_source_sections",
    "source_problems",
]

DEFAULT_LESSONS_DIR = CONTENT_DIR / "lessons"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*$\n?(.*)\Z", re.DOTALL | re.MULTILINE)
_NOT_WORD = re.compile(r"[\W_]+")


class LessonsError(ValueError):
    """Lessons that failed to load; `problems` has one line per problem, naming the file."""

    def __init__(self, folder: Path, problems: list[str]) -> None:
        super().__init__(
            f"{len(problems)} problem(s) in {folder}:\n" + "\n".join(f"- {p}" for p in problems)
        )
        self.problems = problems


def _error_lines(name: str, exc: ValidationError) -> list[str]:
    lines = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"]) or "lesson"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "literal_error":
            message += f" (got {error['input']!r})"
        lines.append(f"{name}: {where}: {message}")
    return lines


def _parse_file(path: Path) -> tuple[dict[str, Any] | None, str, list[str]]:
    """(front matter, body, problems) of one lesson file."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError) as exc:
        return None, "", [f"{name}: can't read: {exc}"]
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None, "", [f"{name}: must start with front matter between two '---' lines"]
    try:
        front = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        return None, "", [f"{name}: front matter is not valid YAML: {exc}"]
    if not isinstance(front, dict):
        return None, "", [f"{name}: front matter must be a mapping of fields"]
    if "body" in front:
        return None, "", [f"{name}: body: the body goes after the front matter, not in it"]
    return front, match.group(2).strip(), []


def _load_file(path: Path, sections: Collection[str]) -> tuple[Lesson | None, list[str]]:
    front, body, problems = _parse_file(path)
    if front is None:
        return None, problems
    try:
        lesson = Lesson.model_validate({**front, "body": body})
    except ValidationError as exc:
        return None, _error_lines(path.name, exc)
    if lesson.id != path.stem:
        problems.append(f"{path.name}: id: {lesson.id!r} must equal the file name {path.stem!r}")
    if lesson.section not in sections:
        problems.append(
            f"{path.name}: section: {lesson.section!r} is not a heading or table of the source "
            f"document; known: {'; '.join(sections)}"
        )
    return lesson, problems


def load_lessons(folder: Path, *, sections: Collection[str] | None = None) -> LessonLibrary:
    """Load every `*.md` lesson in folder; LessonsError (a ValueError) lists every problem.

    `sections` are the names a lesson may cite (default: content/source_sections.yaml's names).
    """
    if sections is None:
        sections = load_source_sections().names
    paths = sorted(folder.glob("*.md")) if folder.is_dir() else []
    if not paths:
        raise LessonsError(folder, [f"{folder}: no lesson files (*.md)"])
    lessons: list[Lesson] = []
    problems: list[str] = []
    first_file: dict[str, str] = {}
    for path in paths:
        lesson, file_problems = _load_file(path, sections)
        problems += file_problems
        if lesson is None:
            continue
        if lesson.id in first_file:
            problems.append(
                f"{path.name}: id: {lesson.id!r} is also used by {first_file[lesson.id]}"
            )
            continue
        first_file[lesson.id] = path.name
        lessons.append(lesson)
    if problems:
        raise LessonsError(folder, problems)
    return LessonLibrary(lessons)


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
