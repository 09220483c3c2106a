"""`bonecoach content check`: every problem with a content folder, one line each."""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path

from bot.content.catalog_file import ContentError, read_text
from bot.content.catalogs import (
    load_catalog,
    load_exercise_catalog,
    load_lab_catalog,
    load_red_flags,
    load_source_sections,
)
from bot.content.lessons import LessonsError, load_lessons
from bot.content.location import (
    EXERCISES,
    LABS,
    LESSONS,
    NUTRIENTS,
    RED_FLAGS,
    SECTIONS,
    source_document,
)
from bot.content.red_flag_model import red_flag_model_in
from bot.domain.lessons import (
    SourceSections,
    copy_overlaps,
    coverage,
    lesson_texts,
    source_problems,
)

COPY_RUN = 12  # words in a row shared with the source document that count as copying


def _source(root: Traversable, shared: Path | None) -> tuple[str | None, list[str]]:
    """The vendored source document, checked against the shared original when given."""
    vendored = source_document(root)
    try:
        text = read_text(vendored)
    except ContentError as exc:
        return None, [f"can't read the source document: {exc}"]
    if shared is not None and shared.is_file() and shared.read_bytes() != vendored.read_bytes():
        return text, [f"{vendored} differs from {shared}: copy the shared file over it"]
    return text, []


def _catalog_problems(root: Traversable) -> list[str]:
    """One line per broken catalogue (each is read on its own, so all are reported)."""
    problems = []
    for file, load in (
        (EXERCISES, load_exercise_catalog),
        (NUTRIENTS, load_catalog),
        (LABS, load_lab_catalog),
        (RED_FLAGS, lambda file: load_red_flags(file, model=red_flag_model_in(root))),
    ):
        try:
            load(root / file)
        except ContentError as exc:
            problems.append(str(exc))
    return problems


def check_content(root: Traversable, *, shared_source: Path | None = None) -> list[str]:
    """Every content problem in a content folder; [] when all is well.

    Lessons (schema, Telegram HTML, sections), the source document and its section list,
    copying from the source, sections no lesson explains, and the four catalogues. With
    `shared_source`, the vendored source document must equal it byte for byte.
    """
    problems = _catalog_problems(root)
    source_text, source_issues = _source(root, shared_source)
    problems += source_issues
    sections: SourceSections | None = None
    try:
        sections = load_source_sections(root / SECTIONS)
    except ContentError as exc:
        problems.append(str(exc))
    if sections is None:
        return [*problems, f"lessons not checked: fix content/{SECTIONS} first"]
    if source_text is not None:
        problems += [f"{SECTIONS}: {p}" for p in source_problems(sections, source_text)]
    try:
        library = load_lessons(root / LESSONS, sections=sections.names)
    except LessonsError as exc:
        return [*problems, *(f"lessons/{p}" for p in exc.problems)]
    if source_text is not None:
        for lesson in library:
            copied = [
                s for t in lesson_texts(lesson) for s in copy_overlaps(t, source_text, COPY_RUN)
            ]
            if copied:
                problems.append(
                    f"lessons/{lesson.id}.md: {len(copied)} run(s) of {COPY_RUN}+ words copied "
                    f'from the source document, first: "{copied[0]}"'
                )
    problems += [
        f"no lesson explains the source section {name!r}" for name in coverage(library, sections)
    ]
    return problems
