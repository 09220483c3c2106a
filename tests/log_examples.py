"""Every `/log …` example the bot can show: harvested from its source, content and views.

Shared by tests/handlers/test_log_examples.py (parsers) and tests/e2e/test_log_examples.py
(the real bot). An example is `/log` followed by text with a digit in it ("/log adds exact
ones" is a mention, not an example); it ends at a sentence end, a comma, " or ", " — ",
" (", " after " or a line end.
"""

from __future__ import annotations

import ast
import html
import re
from collections.abc import Iterable
from pathlib import Path

from bot.content import Content
from bot.domain.nutrition import parse_nutrient_entry
from bot.domain.text import InvalidAnswer
from handlers.help_commands import COMMANDS
from handlers.log_command import USAGE
from handlers.training_answers import LOG_BELOW
from handlers.views.checkin_prompt import step_text
from handlers.views.texts import HELP

ROOT = Path(__file__).resolve().parents[1]
_TAG = re.compile(r"<[^>]+>")
_EXAMPLE = re.compile(
    r"/log\s+(?P<example>.+?)(?=\.(?:\s|$)|,\s|;|\)|\n|\s(?:or|and|after|—|-)\s|\s\(|\?|$)"
)


def examples_in(text: str) -> set[str]:
    """The `/log` examples in one message (HTML tags removed, entities decoded)."""
    plain = html.unescape(_TAG.sub("", text))
    found = {m["example"].strip() for m in _EXAMPLE.finditer(plain)}
    return {example for example in found if any(c.isdigit() for c in example)}


def _literals(path: Path) -> Iterable[str]:
    """String literals of a module that can end up in a message: no docstrings, and only the
    literal parts of f-strings (a placeholder right after "/log " is not an example)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            yield "\x00".join(
                v.value if isinstance(v, ast.Constant) else "\x00" for v in node.values
            ).replace("/log \x00", "")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.value


def source_examples() -> set[str]:
    """Examples written literally in the bot's modules and content files."""
    found: set[str] = set()
    for folder in ("bot", "handlers"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for literal in _literals(path):
                found |= examples_in(literal.replace("\x00", "\n"))
    for path in sorted((ROOT / "content").rglob("*")):
        if path.suffix in {".yaml", ".md"} and path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            found |= examples_in("\n".join(ln for ln in lines if not ln.lstrip().startswith("#")))
    return found


def refusal_texts(content: Content) -> list[str]:
    """The nutrient refusals /log can send (each names an example to follow)."""
    catalog, texts = content.nutrients, []
    for nutrient in catalog.nutrients:
        for entry in (
            nutrient.key,
            f"{nutrient.key} -5",
            f"{nutrient.key} 5 bananas",
            f"{nutrient.key} 99999999",
            *(nutrient.label_names.names if nutrient.label_names else ()),
        ):
            try:
                parse_nutrient_entry(entry, catalog, weight_kg=82.0)
            except InvalidAnswer as exc:
                texts.append(str(exc))
    for entry in ("zinc 15 mg", "lots of calcium", ""):
        try:
            parse_nutrient_entry(entry, catalog, weight_kg=82.0)
        except InvalidAnswer as exc:
            texts.append(str(exc))
    return texts


def view_texts(content: Content) -> list[str]:
    """Messages built at run time that carry /log examples: help, usage, prompts, steps."""
    catalog = content.nutrients
    steps = [step_text(catalog, i, "Mon 02 Mar") for i in range(len(catalog.nutrients))]
    commands = [command.description for command in COMMANDS]
    return [HELP, USAGE, LOG_BELOW, *commands, *steps, *refusal_texts(content)]


def all_examples(content: Content) -> set[str]:
    """Every `/log` example the bot can show."""
    found = source_examples()
    for text in view_texts(content):
        found |= examples_in(text)
    return found
