"""The words beside a suggested load, built from the same numbers the rule uses.

Every sentence that states a progression rule takes its numbers from LoadRules (and so from
content/exercises.yaml): change a number there and the rule and its wording move together.
"""

from __future__ import annotations

from bot.domain.profile import WeightUnit
from bot.domain.training.catalog_parts import Phase
from bot.domain.training.loads import LoadReason, LoadRules, NextLoad
from bot.domain.training.values import format_amount, format_load


def start_load_text(rules: LoadRules) -> str:
    """What to lift when there is no number yet: a light technique load."""
    return f"a light load you could lift about {rules.technique_reps} times"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def load_note(
    load: NextLoad, *, rules: LoadRules, unit: WeightUnit, technique_weeks: int | None
) -> str:
    """Why the load is what it is, in one sentence; `technique_weeks` is how long the
    technique weeks last when the day falls in them (None after them)."""
    step = f"{format_amount(rules.step(unit))} {unit.value}"
    light = f"light — about {rules.technique_reps} reps' worth"
    match load.reason:
        case LoadReason.START if technique_weeks:
            return (
                f"Weeks 1–{technique_weeks} are for technique: keep it {light}; "
                "log it and we build from there."
            )
        case LoadReason.START:
            return f"No log of this lift yet: start {light}, log it and we build from there."
        case LoadReason.TECHNIQUE if technique_weeks:
            return (
                f"Technique weeks: the same light load until week {technique_weeks}; "
                f"from week {technique_weeks + 1} it rises by {step} when every set is done."
            )
        case LoadReason.RISE:
            return f"+{step}: every set done and it didn't feel hard."
        case LoadReason.HOLD_WEEKLY:
            every = _plural(rules.rise_every_days, "day")
            return f"Same load: it rises at most once every {every}."
        case LoadReason.HOLD_HARD:
            return "Same load: last time felt hard. It rises after a session that feels right."
        case LoadReason.HOLD_INCOMPLETE:
            return "Same load: finish every set and rep before it rises."
        case LoadReason.STEP_BACK:
            percent = round(rules.deload_fraction * 100)
            tough = _plural(rules.misses_before_deload, "tough session")
            return f"{percent} % lighter after {tough} in a row; build back up with clean reps."
        case LoadReason.TECHNIQUE:
            return "Technique phase: the same light load until every rep looks the same."
    raise AssertionError(load.reason)  # pragma: no cover - every reason is matched above


def one_rm_note(load: NextLoad, *, phase: Phase, unit: WeightUnit) -> str | None:
    """'≈ 62 % of your estimated 1RM (105 kg); this phase aims at 70–80 %', when known."""
    percent = load.percent_of_1rm
    if percent is None or load.estimated_1rm_kg is None:
        return None
    aim = phase.lifts
    estimate = format_load(load.estimated_1rm_kg, unit)
    return (
        f"≈ {percent} % of your estimated 1RM ({estimate}); "
        f"{phase.name} aims at {format_amount(aim.pct_1rm_low)}–{format_amount(aim.pct_1rm_high)} %"
    )
