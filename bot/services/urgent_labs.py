"""His most recent lab result that reads urgent, for messages that send him to the prescriber.

Urgency is not stored: each lab's latest result is read against the catalogue the same way
/lab reads it when he enters it (bot.domain.labs.read_result), so a later normal result of
the same lab clears an earlier urgent one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.db.lab_queries import results_of
from bot.db.models import LabResult
from bot.domain.labs import Lab, LabCatalog, read_result
from bot.services.accounts import Account
from bot.services.labs import value_of
from bot.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class UrgentResult:
    """One result flagged urgent: the lab, the value as he entered it, and the day taken."""

    lab_key: str
    lab_name: str  # "estradiol", "hematocrit": the catalogue name, ready for mid-sentence
    value: str  # "9 pg/mL", as he entered it
    taken_on: date


def _mid_sentence(name: str) -> str:
    """ "Estradiol (E2)" -> "estradiol"; acronyms such as "CTX" stay as they are."""
    short = name.split(" (")[0]
    return short[0].lower() + short[1:] if len(short) > 1 and short[1].islower() else short


def _entered(lab: Lab, row: LabResult) -> str:
    try:
        unit = lab.unit_named(row.unit_entered)
    except KeyError:
        return lab.canonical.show(row.value_canonical)
    return unit.show(row.value_entered, max(unit.decimals, 3))


async def latest_urgent_result(
    uow: UnitOfWork, *, account: Account, catalog: LabCatalog
) -> UrgentResult | None:
    """The most recent of his labs whose latest result reads urgent, or None."""
    latest: dict[str, LabResult] = {}
    for row in await results_of(uow.session, user_id=account.id):  # oldest first
        latest[row.lab_key] = row
    urgent = []
    for key, row in latest.items():
        try:
            lab = catalog.get(key)
        except KeyError:
            continue
        value = value_of(row)
        reading = read_result(
            lab, value.value, age_band=account.age_band, score_kind=value.score_kind
        )
        if reading.level == "urgent":
            urgent.append((row.taken_on, row.id or 0, lab, row))
    if not urgent:
        return None
    taken_on, _, lab, row = max(urgent, key=lambda item: (item[0], item[1]))
    return UrgentResult(lab.key, _mid_sentence(lab.name), _entered(lab, row), taken_on)
