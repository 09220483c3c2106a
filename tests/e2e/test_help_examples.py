"""Every command example in /help works when he types it: none is refused."""

from __future__ import annotations

import re

from harness import Harness
from onboarded import onboard

from handlers.views.texts import HELP

# "/time evening <i>20:00</i>": the command, an optional plain word, the example argument
_EXAMPLE = re.compile(r"(?P<command>/\w+)(?P<word>(?: [a-z]+)?) <i>(?P<arg>[^<]+)</i>")
REFUSALS = (
    "Nothing was changed",
    "Nothing was stored",
    "Nothing was saved",
    "I don't know that one",
    "I couldn't read",
    "isn't one I know",
)


def help_examples() -> list[str]:
    """The typed command examples /help shows."""
    return [f"{m['command']}{m['word']} {m['arg']}" for m in _EXAMPLE.finditer(HELP)]


def test_help_has_the_examples() -> None:
    """The harvest finds the settings, log, usual and lab examples."""
    examples = help_examples()
    for expected in ("/time evening 20:00", "/usual d3 2000 IU, k2 100 µg", "/timezone Berlin"):
        assert expected in examples
    assert len(examples) >= 15


async def test_every_help_example_is_accepted(harness: Harness) -> None:
    """Each example from /help, typed as shown, gets an answer that is not a refusal."""
    chat = harness.chat()
    await onboard(chat)
    for example in help_examples():
        if example.startswith("/pause"):
            continue  # pausing would silence the rest; /pause has its own tests
        replies = await chat.send(example)
        text = " ".join(r.plain_text or "" for r in replies)
        assert not any(refusal in text for refusal in REFUSALS), (example, text)
