"""The source document's sections: content/source_sections.yaml and checks against the text."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MAX_HEADING = 80  # a heading is a short line; the document's shortest paragraph is longer

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SourceHeading(_Model):
    heading: Text
    level: Literal[1, 2]
    teach: bool = True  # False: no lesson has to explain it (the bibliography)


class SourceTable(_Model):
    name: Text
    header: Text  # the start of the table's header row in the document


class SourceSections(_Model):
    """content/source_sections.yaml: the document's headings in order, and its tables."""

    headings: tuple[SourceHeading, ...] = Field(min_length=1)
    tables: tuple[SourceTable, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a lesson's `section:` may use: the headings, then the tables."""
        return *(h.heading for h in self.headings), *(t.name for t in self.tables)

    @property
    def to_teach(self) -> tuple[str, ...]:
        """The sections some lesson must explain: headings not marked `teach: false`, tables."""
        return *(h.heading for h in self.headings if h.teach), *(t.name for t in self.tables)


def heading_lines(source_text: str) -> list[str]:
    """Lines that look like headings: short, not a list item or table row, no final period."""
    lines = (line.strip() for line in source_text.splitlines())
    return [
        line
        for line in lines
        if line
        and len(line) <= MAX_HEADING
        and "|" not in line
        and not line.startswith("-")
        and not line.endswith((".", ",", ":", ";"))
    ]


def source_problems(sections: SourceSections, source_text: str) -> list[str]:
    """Where the section list and the document disagree; [] when they match."""
    listed = [h.heading for h in sections.headings]
    found = heading_lines(source_text)
    problems = [f"heading {h!r} is not a line of the document" for h in listed if h not in found]
    problems += [f"the document's heading {h!r} is not listed" for h in found if h not in listed]
    if not problems and found != listed:
        problems.append(f"headings are listed out of order; the document has: {found}")
    lines = [line.strip() for line in source_text.splitlines()]
    problems += [
        f"table {t.name!r}: no line of the document starts with {t.header!r}"
        for t in sections.tables
        if not any(line.startswith(t.header) for line in lines)
    ]
    return problems
