"""`bonecoach content check`: every problem with the content under a repository root."""

from __future__ import annotations

from pathlib import Path

from bot.content import load_content
from bot.domain.lessons_check import (
    SOURCE_NAME,
    LessonsError,
    SourceSections,
    copy_overlaps,
    coverage,
    lesson_texts,
    load_lessons,
    load_source_sections,
    source_problems,
)

COPY_RUN = 12  # words in a row shared with the source document that count as copying


def _source(root: Path) -> tuple[str | None, list[str]]:
    """The vendored source document, checked against ../shared/source/ when that exists."""
    vendored = root / "content" / "source" / SOURCE_NAME
    shared = root.parent / "shared" / "source" / SOURCE_NAME
    try:
        text = vendored.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [f"{vendored}: can't read the source document: {exc}"]
    if shared.is_file() and shared.read_bytes() != vendored.read_bytes():
        return text, [f"{vendored} differs from {shared}: copy the shared file over it"]
    return text, []


def _catalog_problems() -> list[str]:
    load_content.cache_clear()  # read the files as they are now
    try:
        load_content()
    except LessonsError:
        return []  # check_content lists lesson problems file by file itself
    except (OSError, ValueError) as exc:
        return [f"catalogs: {exc}"]
    return []


def check_content(root: Path) -> list[str]:
    """Every content problem under root (a repository checkout); [] when all is well.

    Lessons (schema, Telegram HTML, sections), the source document and its section list,
    copying from the source, sections no lesson explains, and the other catalogs (those are
    read by bot.content.load_content from this package's own content folder).
    """
    content = root / "content"
    problems = _catalog_problems()
    source_text, source_issues = _source(root)
    problems += source_issues
    sections: SourceSections | None = None
    try:
        sections = load_source_sections(content / "source_sections.yaml")
    except ValueError as exc:
        problems.append(str(exc))
    if sections is None:
        return [*problems, "lessons not checked: fix content/source_sections.yaml first"]
    if source_text is not None:
        problems += [f"source_sections.yaml: {p}" for p in source_problems(sections, source_text)]
    try:
        library = load_lessons(content / "lessons", sections=sections.names)
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
