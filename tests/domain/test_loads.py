"""The next load for a lift: twenty simulated weeks and each rule on its own."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from bot.domain.profile import WeightUnit
from bot.domain.training.loads import (
    Effort,
    LiftSession,
    LoadReason,
    LoadRules,
    epley_1rm,
    estimated_1rm,
    next_load,
)
from bot.domain.training.values import SetEntry

LOWER = LoadRules(
    increment_kg=2.5,
    increment_lb=5.0,
    deload_fraction=0.10,
    misses_before_deload=2,
    rise_every_days=7,
    technique_reps=15,
)
PRESS = LoadRules(
    increment_kg=1.25,
    increment_lb=2.5,
    deload_fraction=0.10,
    misses_before_deload=2,
    rise_every_days=7,
    technique_reps=15,
)
START = date(2026, 1, 5)  # a Monday
TECHNIQUE_WEEKS = 4


def _session(
    day: date, load_kg: float, *, sets: int = 5, reps: int = 5, done: int | None = None
) -> LiftSession:
    """A session of `sets`×`reps` prescribed, with every set at `load_kg` and `done` reps."""
    performed = tuple(
        SetEntry(reps=done if done is not None else reps, load_kg=load_kg) for _ in range(sets)
    )
    return LiftSession(day=day, planned_sets=sets, planned_reps=reps, sets=performed)


def _simulate(
    weeks: int,
    *,
    effort: Callable[[int], Effort | None],
    completes: Callable[[int], bool] = lambda _: True,
    first_load_kg: float = 40.0,
    rules: LoadRules = LOWER,
    unit: WeightUnit = WeightUnit.KG,
) -> list[tuple[date, float, LoadReason]]:
    """Two sessions a week (Mon, Thu) at the suggested load; returns (day, load, reason)."""
    history: list[LiftSession] = []
    shown: list[tuple[date, float, LoadReason]] = []
    count = 0
    for week in range(weeks):
        for offset in (0, 3):
            day = START + timedelta(weeks=week, days=offset)
            technique = week < TECHNIQUE_WEEKS
            suggestion = next_load(history, day=day, rules=rules, unit=unit, technique=technique)
            load = suggestion.load_kg if suggestion.load_kg is not None else first_load_kg
            shown.append((day, load, suggestion.reason))
            sets, reps = (3, 8) if technique else (5, 5)
            done = reps if completes(count) else reps - 2
            session = _session(day, load, sets=sets, reps=reps, done=done)
            history.append(LiftSession(**{**session.__dict__, "effort": effort(count)}))
            count += 1
    return shown


def test_twenty_weeks_of_good_sessions_rise_slowly_and_never_in_technique_weeks() -> None:
    """Done and 'about right' every time: flat for 4 weeks, then ≤ +2.5 kg a week, ≤ +40 kg."""
    shown = _simulate(20, effort=lambda _: Effort.ABOUT_RIGHT)
    technique = [load for day, load, _ in shown if day < START + timedelta(weeks=4)]
    assert set(technique) == {40.0}
    for (_day, load, _), (later, later_load, _) in itertools.pairwise(shown):
        assert later_load - load <= 2.5 + 1e-9
        if later_load > load:
            previous_rise = [d for d, _, r in shown if r is LoadReason.RISE and d < later]
            assert not previous_rise or (later - previous_rise[-1]).days >= 7
    assert shown[-1][1] - shown[0][1] <= 40.0
    assert shown[-1][1] == pytest.approx(40.0 + 16 * 2.5)


def test_a_suggestion_is_never_more_than_one_step_above_the_last_completed_load() -> None:
    """Each suggestion is at most one increment above what he last completed in full."""
    shown = _simulate(20, effort=lambda _: None)
    for (_, load, _), (_, following, _) in itertools.pairwise(shown):
        assert following <= load + 2.5 + 1e-9


def test_hard_every_time_never_rises() -> None:
    """Sessions rated hard hold the load; after two in a row it steps back, never up."""
    shown = _simulate(20, effort=lambda _: Effort.HARD)
    loads = [load for _, load, _ in shown]
    assert all(b <= a for a, b in itertools.pairwise(loads))
    assert max(loads) == 40.0


def test_two_misses_in_a_row_step_back_ten_percent() -> None:
    """Two incomplete sessions in a row: 10 % lighter, rounded down to the plates."""
    history = [
        _session(START, 100.0),
        _session(START + timedelta(days=3), 100.0, done=3),
        _session(START + timedelta(days=7), 100.0, done=4),
    ]
    suggestion = next_load(
        history, day=START + timedelta(days=10), rules=LOWER, unit=WeightUnit.KG, technique=False
    )
    assert suggestion.reason is LoadReason.STEP_BACK
    assert suggestion.load_kg == 90.0


def test_one_miss_holds_and_one_hard_session_holds() -> None:
    """One incomplete or one hard session keeps the same load next time."""
    missed = [_session(START, 60.0), _session(START + timedelta(days=7), 62.5, done=4)]
    hard = [LiftSession(**{**_session(START, 60.0).__dict__, "effort": Effort.HARD})]
    day = START + timedelta(days=14)
    for history, reason, load in (
        (missed, LoadReason.HOLD_INCOMPLETE, 62.5),
        (hard, LoadReason.HOLD_HARD, 60.0),
    ):
        suggestion = next_load(history, day=day, rules=LOWER, unit=WeightUnit.KG, technique=False)
        assert (suggestion.reason, suggestion.load_kg) == (reason, load)


def test_a_heavy_failed_attempt_does_not_raise_the_next_suggestion() -> None:
    """After completing 60 kg and failing at 100 kg, the next load is at most 62.5 kg."""
    history = [_session(START, 60.0), _session(START + timedelta(days=7), 100.0, done=2)]
    suggestion = next_load(
        history, day=START + timedelta(days=14), rules=LOWER, unit=WeightUnit.KG, technique=False
    )
    assert suggestion.load_kg == 62.5


def test_no_history_starts_light_without_a_number() -> None:
    """With nothing logged the load is left to him (a light one), in any phase."""
    for technique in (True, False):
        suggestion = next_load([], day=START, rules=LOWER, unit=WeightUnit.KG, technique=technique)
        assert (suggestion.load_kg, suggestion.reason) == (None, LoadReason.START)


def test_pounds_step_by_five_for_legs_and_two_and_a_half_for_the_press() -> None:
    """An lb lifter's loads stay on his plates: 135 → 140 lb squat, 95 → 97.5 lb press."""
    kg = 135 * 0.45359237
    day = START + timedelta(days=7)
    squat = next_load(
        [_session(START, kg)], day=day, rules=LOWER, unit=WeightUnit.LB, technique=False
    )
    assert squat.load_kg is not None and round(squat.load_kg / 0.45359237, 6) == 140.0
    press_kg = 95 * 0.45359237
    press = next_load(
        [_session(START, press_kg)], day=day, rules=PRESS, unit=WeightUnit.LB, technique=False
    )
    assert press.load_kg is not None and round(press.load_kg / 0.45359237, 6) == 97.5


def test_the_estimated_1rm_uses_sets_of_ten_or_fewer() -> None:
    """Epley from sets of at most 10 reps; the suggestion reports its share of it."""
    assert epley_1rm(100.0, 5) == pytest.approx(116.6667, rel=1e-4)
    assert epley_1rm(100.0, 1) == 100.0
    assert epley_1rm(50.0, 15) is None
    sessions = [_session(START, 60.0, sets=3, reps=10)]
    assert estimated_1rm(sessions) == pytest.approx(80.0)
    suggestion = next_load(
        sessions, day=START + timedelta(days=7), rules=LOWER, unit=WeightUnit.KG, technique=False
    )
    assert suggestion.load_kg == 62.5
    assert suggestion.percent_of_1rm == 78


def test_every_rule_sentence_is_built_from_the_rule_numbers() -> None:
    """Change a number in LoadRules and the sentence that states the rule changes with it."""
    from bot.domain.training.load_notes import load_note, start_load_text
    from bot.domain.training.loads import NextLoad

    odd = LoadRules(
        increment_kg=2.0,
        increment_lb=4.0,
        deload_fraction=0.2,
        misses_before_deload=3,
        rise_every_days=10,
        technique_reps=12,
    )

    def note(reason: LoadReason, unit: WeightUnit = WeightUnit.KG) -> str:
        return load_note(NextLoad(50.0, reason, None), rules=odd, unit=unit, technique_weeks=3)

    assert start_load_text(odd) == "a light load you could lift about 12 times"
    assert note(LoadReason.RISE) == "+2 kg: every set done and it didn't feel hard."
    assert note(LoadReason.RISE, WeightUnit.LB) == "+4 lb: every set done and it didn't feel hard."
    assert "once every 10 days" in note(LoadReason.HOLD_WEEKLY)
    assert note(LoadReason.STEP_BACK).startswith("20 % lighter after 3 tough sessions in a row")
    assert "until week 3; from week 4 it rises by 2 kg" in note(LoadReason.TECHNIQUE)
    assert "about 12 reps' worth" in note(LoadReason.START)
