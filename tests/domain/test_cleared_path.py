"""The clinician-cleared path in the plan: safer swaps, its note, cues and safety notes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.content.catalogs import load_exercise_catalog
from bot.content.location import DEFAULT_EXERCISES_PATH
from bot.domain.profile import ScreenAnswer, ScreenFinding, Weekday, WeightUnit, parse_screen
from bot.domain.text import InvalidAnswer
from bot.domain.training import (
    ClearanceReason,
    DayPlan,
    ExerciseCatalog,
    ItemKind,
    session_for_day,
)
from bot.domain.training.catalog_parts import NoteScope

CATALOG = load_exercise_catalog(DEFAULT_EXERCISES_PATH)
START = date(2026, 1, 5)  # a Monday
EVERY_DAY = frozenset(Weekday)
NO_DAYS: frozenset[Weekday] = frozenset()


def plan(
    day: date, reason: ClearanceReason | None, days: frozenset[Weekday] = EVERY_DAY
) -> DayPlan:
    """The plan for a day, on the cleared path when `reason` is given."""
    return session_for_day(
        day,
        training_days=days,
        program_start=START,
        catalog=CATALOG,
        loads={},
        unit=WeightUnit.KG,
        cleared_path=reason,
    )


@pytest.mark.parametrize("reason", list(ClearanceReason))
@pytest.mark.parametrize("weeks", [0, 5, 12])
def test_cleared_path_has_no_jumps_and_no_floor_deadlift(
    reason: ClearanceReason, weeks: int
) -> None:
    """For every reason and phase: the deadlift and the jumps are swapped for the catalogue's
    safer work, and the plan carries the supervised-coaching note."""
    day_plan = plan(START + timedelta(weeks=weeks), reason)
    keys = [item.key for item in day_plan.items]
    path = CATALOG.cleared_path
    assert "deadlift" not in keys and CATALOG.impact.key not in keys
    assert path.lift_alternatives[0].key in keys and path.impact_alternative.key in keys
    assert all(item.kind is not ItemKind.IMPACT for item in day_plan.items)
    assert day_plan.cleared_path is reason
    assert day_plan.cleared_note == path.note
    low = next(i for i in day_plan.items if i.key == path.impact_alternative.key)
    assert (low.sets, low.reps) == (path.impact_alternative.sets, path.impact_alternative.reps)
    impact_notes = [n.text for n in CATALOG.safety_notes if n.applies_to is NoteScope.IMPACT]
    assert not set(impact_notes) & set(day_plan.notes)


def test_full_plan_is_unchanged_and_shows_every_safety_note() -> None:
    """Without a reason: the LIFTMOR session as before, its focus and all safety notes."""
    day_plan = plan(START, None)
    assert day_plan.title == "Technique day: squat, deadlift, press + jumps"
    assert [i.key for i in day_plan.items] == [
        *(lift.key for lift in CATALOG.lifts),
        CATALOG.impact.key,
    ]
    assert day_plan.notes[0] == CATALOG.phases[0].focus
    assert day_plan.notes[1:] == [note.text for note in CATALOG.safety_notes]
    assert day_plan.cleared_path is None and day_plan.cleared_note is None


def test_every_lift_line_carries_its_cue() -> None:
    """Each lift's note is its one-line cue from the catalogue."""
    day_plan = plan(START, None)
    for lift in CATALOG.lifts:
        assert next(i for i in day_plan.items if i.key == lift.key).note == lift.cue


def test_an_off_day_with_jumps_is_swapped_and_keeps_its_landing_note_otherwise() -> None:
    """Off days: a dose with jumps shows the landing note, and on the cleared path becomes
    the catalogue's low-impact dose with the note; other doses are left alone."""
    jumps_days = [
        START + timedelta(days=n)
        for n in range(8)
        if "{jumps}" in CATALOG.off_day_doses[(START + timedelta(days=n)).toordinal() % 4].text
    ]
    day = jumps_days[0]
    full = plan(day, None, NO_DAYS)
    landing = [n.text for n in CATALOG.safety_notes if n.applies_to is NoteScope.IMPACT]
    assert full.notes == landing and "jumps" in (full.dose or "")
    safer = plan(day, ClearanceReason.RED_FLAG, NO_DAYS)
    assert safer.dose == CATALOG.cleared_path.off_day_dose.text
    assert safer.cleared_note == CATALOG.cleared_path.note and safer.notes == []
    other = day + timedelta(days=1)  # the doses rotate daily; only one has jumps
    calm = plan(other, ClearanceReason.RED_FLAG, NO_DAYS)
    assert calm.cleared_note is None and "jumps" not in (calm.dose or "")


def test_clearance_numbers_come_from_the_catalogue() -> None:
    """The T-score line and the red-flag window are the catalogue's, with a source."""
    rules = CATALOG.clearance_rules
    assert (rules.t_score_at_or_below, rules.red_flag_weeks) == (-2.5, 6)
    assert CATALOG.cleared_path.rules.source and CATALOG.cleared_path.rules.status in "CSU"


def test_an_alternative_for_an_unknown_lift_is_refused() -> None:
    """A cleared-path swap must replace one of the catalogue's lifts."""
    data = CATALOG.model_dump()
    data["cleared_path"]["lift_alternatives"][0]["replaces"] = "bench"
    with pytest.raises(ValueError, match="replaces unknown lift 'bench'"):
        ExerciseCatalog.model_validate(data)


@pytest.mark.parametrize(
    ("text", "findings"),
    [
        ("none", set()),
        ("None of these", set()),
        ("nothing stops me", set()),
        ("I have osteoporosis", {ScreenFinding.OSTEOPOROSIS}),
        ("spine fracture", {ScreenFinding.SPINE_FRACTURE}),
        ("broke my wrist in a fall", {ScreenFinding.FALL_FRACTURE}),
        ("osteoporosis and I can't lift", {ScreenFinding.OSTEOPOROSIS, ScreenFinding.CANNOT_LIFT}),
    ],
)
def test_typed_screen_answers(text: str, findings: set[ScreenFinding]) -> None:
    """'none' or the findings a typed answer names."""
    assert parse_screen(text) == ScreenAnswer(frozenset(findings))


def test_an_unreadable_screen_answer_says_what_is_accepted() -> None:
    """Nonsense gets a retry message naming the accepted answers."""
    with pytest.raises(InvalidAnswer, match="type none"):
        parse_screen("maybe")
