"""Red-flag recall and false alarms on the phrase sets in tests/domain/phrases/ (issue 14).

Each held-out set was written before it was ever run; its first (blind) run is reported in the
README ("Safety routing: measured"). After that run its misses were studied and the catalogue
extended, so the thresholds asserted here hold on every set as it stands now.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from phrase_files import lines

from bot.content.catalogs import load_red_flags
from bot.domain.red_flags import RedFlagCatalog, detect

CATALOG_PATH = Path(__file__).resolve().parents[2] / "content" / "red_flags.yaml"
MIN_RECALL = 0.97
MAX_FALSE_ALARMS = 0.03
# (reports file, ordinary file): the dev set (the issue's own misses), then the held-out
# sets in the order they were written; red_flags_new.txt is the first held-out set.
SETS = [
    ("red_flags_dev.txt", "ordinary_dev.txt"),
    ("red_flags_new.txt", "ordinary_new.txt"),
    ("red_flags_fresh.txt", "ordinary_fresh.txt"),
    ("red_flags_final.txt", "ordinary_final.txt"),
    ("red_flags_blind.txt", "ordinary_blind.txt"),
    ("red_flags_heldout.txt", "ordinary_heldout.txt"),
    ("red_flags_last.txt", "ordinary_last.txt"),
    ("red_flags_gate1.txt", "ordinary_gate1.txt"),
    ("red_flags_gate2.txt", "ordinary_gate2.txt"),
    ("red_flags_gate3.txt", "ordinary_gate3.txt"),
    ("red_flags_gate4.txt", "ordinary_gate4.txt"),
    ("red_flags_gate5.txt", "ordinary_gate5.txt"),
    ("red_flags_gate6.txt", "ordinary_gate6.txt"),
    ("red_flags_gate7.txt", "ordinary_gate7.txt"),
]


@pytest.fixture(scope="module")
def catalog() -> RedFlagCatalog:
    return load_red_flags(CATALOG_PATH)


def test_the_new_held_out_sets_are_big_and_distinct() -> None:
    """No phrase is in two sets or twice in one; the first and the last held-out sets hold
    150+ reports and 150+ ordinary messages each, the others 90+."""
    seen: set[str] = set()
    for reports, ordinary in SETS:
        fired, quiet = lines(reports), lines(ordinary)
        assert len(set(fired)) == len(fired) and len(set(quiet)) == len(quiet)
        assert not (set(fired) | set(quiet)) & seen, (reports, (set(fired) | set(quiet)) & seen)
        seen |= set(fired) | set(quiet)
        if reports != "red_flags_dev.txt":
            assert len(fired) >= 90 and len(quiet) >= 90
    for reports, ordinary in (SETS[1], SETS[-1]):
        assert len(lines(reports)) >= 150 and len(lines(ordinary)) >= 150


@pytest.mark.parametrize(("reports", "ordinary"), SETS, ids=[r for r, _ in SETS])
def test_recall_and_false_alarms_meet_the_thresholds(
    reports: str, ordinary: str, catalog: RedFlagCatalog
) -> None:
    """At least 97 % of the reports raise a red flag and at most 3 % of the ordinary ones do."""
    fired = lines(reports)
    missed = [text for text in fired if detect(text, catalog) is None]
    alarms = [text for text in lines(ordinary) if detect(text, catalog) is not None]
    recall = 1 - len(missed) / len(fired)
    false_alarms = len(alarms) / len(lines(ordinary))
    assert recall >= MIN_RECALL, f"recall {recall:.3f}, missed {missed}"
    assert false_alarms <= MAX_FALSE_ALARMS, f"false alarms {false_alarms:.3f}: {alarms}"


def test_nothing_he_types_in_answer_to_the_bot_raises_a_red_flag(catalog: RedFlagCatalog) -> None:
    """Answers the bot asks for ("every day", "07:30", "vitd 32 ng/mL") never raise a flag."""
    alarms = [text for text in lines("ordinary_bot_inputs.txt") if detect(text, catalog)]
    assert alarms == []
