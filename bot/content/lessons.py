"""Reading the lessons folder: one Markdown file per lesson, front matter first."""

from __future__ import annotations

import re
from collections.abc import Collection
from importlib.resources.abc import Traversable
from typing import Any

from pydantic import ValidationError

from bot.content.catalog_file import ContentError, parse_yaml, read_text, validation_problems
from bot.content.location import DEFAULT_LESSONS_DIR
from bot.domain.lessons import Lesson, LessonLibrary

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*$\n?(.*)\Z", re.DOTALL | re.MULTILINE)


class LessonsError(ContentError):
    """Lessons that failed to load; `problems` has one line per problem, naming the file."""

    def __init__(self, folder: Traversable, problems: list[str]) -> None:
        super().__init__(
            f"{len(problems)} problem(s) in {folder}:\n" + "\n".join(f"- {p}" for p in problems),
            problems,
        )


def _parse_file(file: Traversable) -> tuple[dict[str, Any] | None, str, list[str]]:
    """(front matter, body, problems) of one lesson file."""
    name = file.name
    try:
        text = read_text(file).replace("\r\n", "\n")
        match = _FRONT_MATTER.match(text)
        if match is None:
            return None, "", [f"{name}: must start with front matter between two '---' lines"]
        front = parse_yaml(match.group(1), f"{name}: front matter")
    except ContentError as exc:
        return None, "", [str(exc).replace(str(file), name)]
    if not isinstance(front, dict):
        return None, "", [f"{name}: front matter must be a mapping of fields"]
    if "body" in front:
        return None, "", [f"{name}: body: the body goes after the front matter, not in it"]
    return front, match.group(2).strip(), []


def _load_file(file: Traversable, sections: Collection[str]) -> tuple[Lesson | None, list[str]]:
    front, body, problems = _parse_file(file)
    if front is None:
        return None, problems
    try:
        lesson = Lesson.model_validate({**front, "body": body})
    except ValidationError as exc:
        return None, [
            f"{file.name}: {field or 'lesson'}: {message}"
            for _, field, message in validation_problems(front, exc, {})
        ]
    stem = file.name.removesuffix(".md")
    if lesson.id != stem:
        problems.append(f"{file.name}: id: {lesson.id!r} must equal the file name {stem!r}")
    if lesson.section not in sections:
        problems.append(
            f"{file.name}: section: {lesson.section!r} is not a heading or table of the source "
            f"document; known: {'; '.join(sections)}"
        )
    return lesson, problems


def load_lessons(
    folder: Traversable = DEFAULT_LESSONS_DIR, *, sections: Collection[str] | None = None
) -> LessonLibrary:
    """Load every `*.md` lesson in folder; LessonsError (a ContentError) lists every problem.

    `sections` are the names a lesson may cite (default: the packaged section list's names).
    """
    if sections is None:
        from bot.content.catalogs import load_source_sections

        sections = load_source_sections().names
    files = (
        sorted((f for f in folder.iterdir() if f.name.endswith(".md")), key=lambda f: f.name)
        if folder.is_dir()
        else []
    )
    if not files:
        raise LessonsError(folder, [f"{folder}: no lesson files (*.md)"])
    lessons: list[Lesson] = []
    problems: list[str] = []
    first_file: dict[str, str] = {}
    for file in files:
        lesson, file_problems = _load_file(file, sections)
        problems += file_problems
        if lesson is None:
            continue
        if lesson.id in first_file:
            problems.append(
                f"{file.name}: id: {lesson.id!r} is also used by {first_file[lesson.id]}"
            )
            continue
        first_file[lesson.id] = file.name
        lessons.append(lesson)
    if problems:
        raise LessonsError(folder, problems)
    return LessonLibrary(lessons)
