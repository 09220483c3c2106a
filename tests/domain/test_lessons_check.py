"""Tests for loading and checking lessons: files, HTML, source sections, copying, coverage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bot.content.catalogs import load_source_sections
from bot.content.check import check_content
from bot.content.lessons import LessonsError, load_lessons
from bot.content.location import (
    DEFAULT_SECTIONS_PATH,
    DEFAULT_SOURCE_PATH,
    EXERCISES,
    LABS,
    NUTRIENTS,
    PACKAGED,
    RED_FLAGS,
    SOURCE_NAME,
)
from bot.domain.lessons import SourceSections, copy_overlaps, coverage, source_problems
from bot.domain.lessons.source_sections import heading_lines
from bot.domain.text import html_problems, html_to_text
from bot.sandbox.emulator.html import parse_html

SECTIONS = ("Fundamentals", "Why Estrogen Matters", "Exercise table")
SOURCE = """

Fundamentals
Bones are living tissue that is rebuilt all the time by two kinds of cells working together.

Why Estrogen Matters
In men most estradiol comes from testosterone through the aromatase enzyme in many tissues.
Exercise Modality | Primary Mechanism |
---|---|
Squats | Axial load |
References
- Somebody et al. A paper about bones. Journal 2001.
"""
SECTIONS_YAML: dict[str, list[dict[str, Any]]] = {
    "headings": [
        {"heading": "Fundamentals", "level": 1},
        {"heading": "Why Estrogen Matters", "level": 2},
        {"heading": "References", "level": 1, "teach": False},
    ],
    "tables": [{"name": "Exercise table", "header": "Exercise Modality |"}],
}


def write_lesson(
    folder: Path, name: str, body: str = "Bones <b>remodel</b>.", **front: Any
) -> Path:
    """Write content/lessons/<name>.md with valid defaults, overridden by `front`."""
    data: dict[str, Any] = {
        "id": name,
        "title": f"Lesson {name}",
        "level": "fundamentals",
        "topics": ["remodeling"],
        "section": "Fundamentals",
        "references": ["Somebody et al. 2001"],
        **front,
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    path.write_text(f"---\n{yaml.safe_dump(data, sort_keys=False)}---\n{body}\n", encoding="utf-8")
    return path


def _problems(folder: Path) -> list[str]:
    with pytest.raises(LessonsError) as caught:
        load_lessons(folder, sections=SECTIONS)
    assert isinstance(caught.value, ValueError)
    assert str(folder) in str(caught.value)
    return caught.value.problems


def test_load_lessons_reads_every_markdown_file(tmp_path: Path) -> None:
    """Every *.md file becomes a lesson, body after the front matter; other files are ignored."""
    write_lesson(tmp_path, "b-second", level="academic", section="Exercise table")
    write_lesson(tmp_path, "a-first", body="\n  Estradiol &amp; bone.  \n")
    (tmp_path / "notes.txt").write_text("not a lesson", encoding="utf-8")
    library = load_lessons(tmp_path, sections=SECTIONS)
    assert [x.id for x in library.all] == ["a-first", "b-second"]
    first = library.get("a-first")
    assert first is not None
    assert first.body == "Estradiol &amp; bone."


def test_load_lessons_accepts_bom_and_windows_line_ends(tmp_path: Path) -> None:
    """A byte-order mark and CRLF line ends don't break the front matter."""
    path = write_lesson(tmp_path, "crlf")
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(("\ufeff" + text).encode("utf-8"))
    lesson = load_lessons(tmp_path, sections=SECTIONS).get("crlf")
    assert lesson is not None
    assert lesson.body == "Bones <b>remodel</b>."


def test_every_problem_is_listed_with_its_file(tmp_path: Path) -> None:
    """One error lists the problems of every broken file, each prefixed by the file name."""
    write_lesson(tmp_path, "good")
    write_lesson(tmp_path, "bad-topic", topics=["remodeling", "vitamin-c"])
    write_lesson(tmp_path, "bad-html", body="Calcium & D <br>")
    write_lesson(tmp_path, "bad-section", section="Chapter 9")
    write_lesson(tmp_path, "wrong-name", id="other-name")
    write_lesson(
        tmp_path,
        "bad-answer",
        question={"prompt": "?", "options": ["a", "b"], "answer": 2, "explain": "."},
    )
    (tmp_path / "no-front.md").write_text("Just a body.", encoding="utf-8")
    (tmp_path / "bad-yaml.md").write_text("---\nid: [unclosed\n---\nBody", encoding="utf-8")
    (tmp_path / "list-front.md").write_text("---\n- a\n---\nBody", encoding="utf-8")
    (tmp_path / "body-front.md").write_text("---\nbody: x\n---\nBody", encoding="utf-8")
    problems = _problems(tmp_path)
    joined = "\n".join(problems)
    assert "bad-topic.md: topics.1: Input should be 'estrogen'" in joined
    assert "(got 'vitamin-c')" in joined
    assert 'bad-html.md: body: invalid Telegram HTML: unsupported "&"' in joined
    assert "tag <br> at character 12 is not allowed" in joined
    assert "bad-section.md: section: 'Chapter 9' is not a heading or table" in joined
    assert "wrong-name.md: id: 'other-name' must equal the file name 'wrong-name'" in joined
    assert "bad-answer.md: question: answer 2 is out of range" in joined
    assert "no-front.md: must start with front matter" in joined
    assert "bad-yaml.md: front matter is not valid YAML" in joined
    assert "list-front.md: front matter must be a mapping" in joined
    assert "body-front.md: body: the body goes after the front matter" in joined
    assert not any(p.startswith("good.md") for p in problems)
    assert len(problems) == 9


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    """Two files claiming one id are both named."""
    write_lesson(tmp_path, "twin")
    write_lesson(tmp_path, "copy", id="twin")
    problems = _problems(tmp_path)
    assert "copy.md: id: 'twin' must equal the file name 'copy'" in problems
    assert "twin.md: id: 'twin' is also used by copy.md" in problems


def test_missing_or_empty_folder_is_an_error(tmp_path: Path) -> None:
    """A folder without lesson files is an error, not an empty library."""
    assert _problems(tmp_path) == [f"{tmp_path}: no lesson files (*.md)"]
    assert _problems(tmp_path / "absent") == [f"{tmp_path / 'absent'}: no lesson files (*.md)"]


def test_default_sections_come_from_source_sections_yaml(tmp_path: Path) -> None:
    """By default, lessons may cite the headings and tables in content/source_sections.yaml."""
    write_lesson(tmp_path, "table", section="Nutrient table")
    write_lesson(tmp_path, "heading", section="Mechanical Loading the Primary Language of Bone")
    assert len(load_lessons(tmp_path)) == 2
    write_lesson(tmp_path, "bad", section="Why Estrogen Matters")
    with pytest.raises(LessonsError, match=r"bad\.md: section"):
        load_lessons(tmp_path)


_ENTITY_HINT = 'only &amp; &lt; &gt; &quot; and &#N; (escape a literal "&" as "&amp;")'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a <b>b</b> <i>i</i> <u>u</u> <s>s</s> <code>x &lt; 1</code>", []),
        ("&amp; &lt; &gt; &quot; &#8805; &#x2265; > \" '", []),
        ("<b><i>nested</i></b>", []),
        ("x < y", ['stray "<" at character 2: write "&lt;" for a literal "<"']),
        (
            '<b class="x">y</b>',
            ["tag <b> at character 0 has attributes; lesson tags take none"],
        ),
        (
            "<strong>x</strong>",
            ["tag <strong> at character 0 is not allowed (only b, i, u, s, code)"],
        ),
        ("<b>x</i>", ["</i> at character 4 closes <b>: tags must nest", "<b> is never closed"]),
        ("x</b>", ["</b> at character 1 closes nothing"]),
        (
            "<code><i>x</i></code>",
            ["<i> at character 6 is inside <code>, which can't hold formatting"],
        ),
        ("&nbsp;", [f'unsupported "&nbsp;" at character 0: {_ENTITY_HINT}']),
        ("&#0;", [f'unsupported "&#0;" at character 0: {_ENTITY_HINT}']),
        ("a & b", [f'unsupported "&" at character 2: {_ENTITY_HINT}']),
        ("<i><b>x", ["<b> is never closed", "<i> is never closed"]),
    ],
)
def test_html_problems(text: str, expected: list[str]) -> None:
    """The HTML check accepts the lesson subset and explains each violation with its position."""
    assert html_problems(text) == expected


def test_html_to_text_drops_tags_and_decodes_references() -> None:
    """Visible text has no tags and real characters for references."""
    assert html_to_text("<b>Ca</b> &amp; D &#8805; 30 &lt;ng&gt;") == "Ca & D ≥ 30 <ng>"


_PLAIN = st.text(alphabet=st.sampled_from("ab ≥\n'\">"), max_size=4) | st.sampled_from(
    ["&amp;", "&lt;", "&gt;", "&quot;", "&#955;", "&#x1F9B4;"]
)
_VALID = st.recursive(
    _PLAIN,
    lambda inner: (
        st.tuples(st.sampled_from(["b", "i", "u", "s"]), inner).map(
            lambda pair: f"<{pair[0]}>{pair[1]}</{pair[0]}>"
        )
        | st.lists(inner, max_size=3).map("".join)
    ),
    max_leaves=8,
)


@given(_VALID)
def test_generated_valid_html_passes_both_checkers(text: str) -> None:
    """Properly nested subset HTML passes this checker and the sandbox's strict Telegram parser."""
    assert html_problems(text) == []
    parse_html(text)


_PIECES = ["<b>", "</b>", "<i>", "</i>", "<code>", "</code>", "<", ">", "&", "amp;", "#9;", "x"]


@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_whatever_the_checker_accepts_telegram_accepts(text: str) -> None:
    """No text passes the lesson HTML check that Telegram's parser (the sandbox's port) rejects."""
    if not html_problems(text):
        parse_html(text)


def test_copy_overlaps_normalizes_case_and_punctuation() -> None:
    """Shingles ignore case, punctuation and tags, and come back once each in lesson order."""
    source = "Bone is a living tissue; it is rebuilt all the time, by two kinds of cells."
    lesson = "<b>BONE</b> is a living-tissue: it is rebuilt all the time! Bone is a living tissue."
    assert copy_overlaps(lesson, source, n=4) == [
        "bone is a living",
        "is a living tissue",
        "a living tissue it",
        "living tissue it is",
        "tissue it is rebuilt",
        "it is rebuilt all",
        "is rebuilt all the",
        "rebuilt all the time",
    ]


def test_copy_overlaps_default_is_twelve_words() -> None:
    """With the default n, eleven shared words in a row are fine and twelve are reported."""
    source = "one two three four five six seven eight nine ten eleven twelve thirteen"
    assert (
        copy_overlaps("zero one two three four five six seven eight nine ten eleven", source) == []
    )
    assert copy_overlaps(
        "one two three four five six seven eight nine ten eleven twelve", source
    ) == ["one two three four five six seven eight nine ten eleven twelve"]
    assert copy_overlaps("short", source) == []


def test_coverage_lists_sections_no_lesson_explains(tmp_path: Path) -> None:
    """Coverage names, in order, the sections no lesson cites; `teach: false` ones are exempt."""
    write_lesson(tmp_path, "one", section="Why Estrogen Matters")
    library = load_lessons(tmp_path, sections=SECTIONS)
    sections = SourceSections.model_validate(SECTIONS_YAML)
    assert coverage(library, sections) == ["Fundamentals", "Exercise table"]
    assert coverage(library, ["Why Estrogen Matters", "Reflection"]) == ["Reflection"]
    assert sections.names == (
        "Fundamentals",
        "Why Estrogen Matters",
        "References",
        "Exercise table",
    )


def test_heading_lines_finds_short_title_like_lines() -> None:
    """Headings are short lines without a final period, neither list items nor table rows."""
    assert heading_lines(SOURCE) == ["Fundamentals", "Why Estrogen Matters", "References"]


def test_source_problems_spot_a_drifted_section_list() -> None:
    """Missing, unlisted and reordered headings, and a table without its header, are reported."""
    sections = SourceSections.model_validate(SECTIONS_YAML)
    assert source_problems(sections, SOURCE) == []
    drifted = SOURCE.replace("Why Estrogen Matters", "Why Estradiol Matters").replace(
        "Exercise Modality", "Modality"
    )
    assert source_problems(sections, drifted) == [
        "heading 'Why Estrogen Matters' is not a line of the document",
        "the document's heading 'Why Estradiol Matters' is not listed",
        "table 'Exercise table': no line of the document starts with 'Exercise Modality |'",
    ]
    swapped = SourceSections.model_validate({"headings": list(reversed(SECTIONS_YAML["headings"]))})
    assert source_problems(swapped, SOURCE) == [
        "headings are listed out of order; the document has: "
        "['Fundamentals', 'Why Estrogen Matters', 'References']"
    ]


def test_repository_section_list_matches_the_vendored_document() -> None:
    """content/source_sections.yaml lists exactly the headings and tables of the vendored source."""
    sections = load_source_sections(DEFAULT_SECTIONS_PATH)
    assert source_problems(sections, DEFAULT_SOURCE_PATH.read_text(encoding="utf-8")) == []
    assert len(sections.headings) == 12
    assert [t.name for t in sections.tables] == ["Exercise table", "Nutrient table"]


def test_malformed_section_list_names_its_file(tmp_path: Path) -> None:
    """A broken source_sections.yaml is a ValueError naming the file."""
    path = tmp_path / "source_sections.yaml"
    path.write_text("headings: [{heading: X, level: 3}]", encoding="utf-8")
    with pytest.raises(ValueError, match=r"source_sections\.yaml"):
        load_source_sections(path)


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    content = root / "content"
    (content / "source").mkdir(parents=True)
    (content / "source" / SOURCE_NAME).write_text(SOURCE, encoding="utf-8")
    (content / "source_sections.yaml").write_text(yaml.safe_dump(SECTIONS_YAML), encoding="utf-8")
    write_lesson(content / "lessons", "living", body="Bone is <i>alive</i>.")
    write_lesson(content / "lessons", "aromatase", section="Why Estrogen Matters")
    write_lesson(content / "lessons", "squats", section="Exercise table")
    for catalogue in (EXERCISES, NUTRIENTS, LABS, RED_FLAGS):  # the check reads them too
        (content / catalogue).write_bytes((PACKAGED / catalogue).read_bytes())
    return root


def test_check_content_passes_a_clean_tree(tmp_path: Path) -> None:
    """A consistent tree (lessons, section list, source copy) has no problems."""
    assert check_content(_repo(tmp_path) / "content") == []


def test_check_content_reports_copying_coverage_and_a_stale_source(tmp_path: Path) -> None:
    """Copied runs, unexplained sections and a stale vendored source copy are reported."""
    root = _repo(tmp_path)
    (root / "content" / "lessons" / "squats.md").unlink()
    write_lesson(
        root / "content" / "lessons",
        "living",
        body="In men, most estradiol comes from testosterone through the aromatase enzyme in "
        "many tissues!",
    )
    shared = tmp_path / "shared" / "source"
    shared.mkdir(parents=True)
    (shared / SOURCE_NAME).write_text(SOURCE + "\nNew paragraph.\n", encoding="utf-8")
    problems = check_content(root / "content", shared_source=shared / SOURCE_NAME)
    assert problems == [
        f"{root / 'content' / 'source' / SOURCE_NAME} differs from {shared / SOURCE_NAME}: "
        "copy the shared file over it",
        "lessons/living.md: 3 run(s) of 12+ words copied from the source document, first: "
        '"in men most estradiol comes from testosterone through the aromatase enzyme in"',
        "no lesson explains the source section 'Exercise table'",
    ]


def test_check_content_lists_lesson_and_section_file_problems(tmp_path: Path) -> None:
    """Broken lessons are listed under lessons/; a broken section list stops the lesson check."""
    root = _repo(tmp_path)
    write_lesson(root / "content" / "lessons", "broken", level="expert")
    assert check_content(root / "content") == [
        "lessons/broken.md: level: Input should be 'fundamentals', 'intermediate' or 'academic'"
    ]
    (root / "content" / "source_sections.yaml").write_text("headings: []", encoding="utf-8")
    problems = check_content(root / "content")
    assert problems[-1] == "lessons not checked: fix content/source_sections.yaml first"
    assert "source_sections.yaml" in problems[0]
