"""Safety: the screen, the clinician-cleared path, and what follows a red flag.

Who trains on the cleared path is decided by `clearance_needed` (bot/domain/training/
clearance.py) from the facts gathered here: his screen answer and clearance (user columns),
his DXA T-scores (lab results) and his red-flag days (red_flag_event: the day and the flag's
catalogue key, never his words). After a red flag, the next training prompts ask how he is
until he says he is better or got checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.db.delivery_queries import mark_sessions_planned
from bot.db.models import RedFlagEvent
from bot.db.safety_queries import (
    red_flag_days_of,
    red_flag_events_of,
    t_scores_of,
    unresolved_red_flags,
)
from bot.domain.training import (
    ClearanceReason,
    ClearanceRules,
    SafetyFacts,
    ScreenFinding,
    clearance_needed,
    is_training_day,
)
from bot.services.accounts import Account, account_of, findings_text, row_of
from bot.services.deliveries import DeliveryView
from bot.services.unit_of_work import UnitOfWork


class CheckAnswer(StrEnum):
    """His answer to "How are you after yesterday?"."""

    BETTER = "better"
    CHECKED = "checked"
    STILL_BAD = "still_bad"


@dataclass(frozen=True)
class RedFlagCheck:
    """An open check after a red flag: training stays held until he is better or checked."""

    day: date  # the day of the (latest) red flag
    kind: str  # its catalogue key


@dataclass(frozen=True)
class RedFlagEventView:
    """A red flag he reported, for /report: the day and which flag, never his words."""

    day: date
    kind: str
    resolution: str | None


def _facts(
    account: Account, t_scores: Sequence[tuple[date, float]], red_flag_days: Sequence[date]
) -> SafetyFacts:
    return SafetyFacts(
        screened_on=account.screened_on,
        findings=account.screen_findings,
        cleared_on=account.cleared_on,
        t_scores=tuple(t_scores),
        red_flag_days=tuple(red_flag_days),
    )


async def safety_facts(uow: UnitOfWork, *, account: Account) -> SafetyFacts:
    """What the cleared path is decided from: screen, clearance, T-scores, red-flag days."""
    return (await batch_safety_facts(uow, accounts=[account]))[account.id]


async def batch_safety_facts(
    uow: UnitOfWork, *, accounts: Sequence[Account]
) -> dict[int, SafetyFacts]:
    """safety_facts for several users in two queries (the dispatcher's batch)."""
    ids = sorted({a.id for a in accounts})
    if not ids:
        return {}
    scores = await t_scores_of(uow.session, user_ids=ids)
    flags = await red_flag_days_of(uow.session, user_ids=ids)
    return {a.id: _facts(a, scores.get(a.id, []), flags.get(a.id, [])) for a in accounts}


async def clearance(
    uow: UnitOfWork, *, account: Account, today: date, rules: ClearanceRules
) -> ClearanceReason | None:
    """Why he trains on the cleared path today, or None for the full plan."""
    facts = await safety_facts(uow, account=account)
    return clearance_needed(facts, today=today, rules=rules)


async def record_screen(
    uow: UnitOfWork, *, account: Account, findings: frozenset[ScreenFinding], now: datetime
) -> Account:
    """Store his screen answer (an empty set: none of these) as of his today."""
    user = await row_of(uow, account)
    user.screened_on = account.today(now)
    user.screen_findings = findings_text(findings)
    user.updated_at = now
    uow.session.add(user)
    await uow.commit()
    return account_of(user)


async def mark_screen_asked(uow: UnitOfWork, *, account: Account, today: date) -> None:
    """Remember that a training prompt put the screen to him (it is asked there once)."""
    user = await row_of(uow, account)
    user.screen_asked_on = today
    uow.session.add(user)
    await uow.commit()


def should_ask_screen(account: Account) -> bool:
    """A set-up user who has never answered the screen and was not asked at a prompt yet."""
    return account.is_set_up and account.screened_on is None and account.screen_asked_on is None


async def record_cleared(uow: UnitOfWork, *, account: Account, now: datetime) -> Account:
    """He says a clinician cleared him for heavy lifting and jumps: as of his today, the
    triggers before it no longer put him on the cleared path (a later one does again)."""
    user = await row_of(uow, account)
    user.cleared_on = account.today(now)
    user.updated_at = now
    uow.session.add(user)
    await uow.commit()
    return account_of(user)


async def record_red_flag(
    uow: UnitOfWork, *, account: Account, kind: str, today: date, now: datetime
) -> None:
    """Store that he reported this red flag today (the flag's key; once per day and kind)."""
    events = await red_flag_events_of(uow.session, user_id=account.id)
    if any(e.local_day == today and e.kind == kind for e in events):
        return
    uow.session.add(RedFlagEvent(user_id=account.id, local_day=today, kind=kind, created_at=now))
    await uow.commit()


async def open_red_flag_check(
    uow: UnitOfWork, *, account: Account, today: date
) -> RedFlagCheck | None:
    """The red flag from before today he has not said he is better after, if any."""
    checks = await batch_open_checks(uow, days={account.id: today})
    return checks.get(account.id)


async def training_hold(uow: UnitOfWork, *, account: Account, today: date) -> RedFlagCheck | None:
    """The red flag training is held after, today's included (the day he reported it), if he
    has not said he is better or got checked since."""
    return await open_red_flag_check(uow, account=account, today=today + timedelta(days=1))


async def batch_open_checks(uow: UnitOfWork, *, days: dict[int, date]) -> dict[int, RedFlagCheck]:
    """open_red_flag_check for several users (user id → his day) in one query."""
    if not days:
        return {}
    found = await unresolved_red_flags(
        uow.session, user_ids=sorted(days), before=max(days.values())
    )
    checks = {}
    for user_id, events in found.items():
        earlier = [e for e in events if e.local_day < days[user_id]]
        if earlier:
            checks[user_id] = RedFlagCheck(earlier[-1].local_day, earlier[-1].kind)
    return checks


async def answer_red_flag_check(
    uow: UnitOfWork,
    *,
    account: Account,
    answer: CheckAnswer,
    today: date,
    delivery: DeliveryView | None = None,
) -> RedFlagCheck | None:
    """Better or got checked closes the open check (training resumes: the check-in prompt
    `delivery` now carries the day's session, so it counts as planned on a training day);
    still bad keeps it. The check that was open, or None when there was none."""
    found = await unresolved_red_flags(uow.session, user_ids=[account.id], before=today)
    events = found.get(account.id, [])
    if not events:
        return None
    if answer is not CheckAnswer.STILL_BAD:
        for event in events:
            event.resolved_on, event.resolution = today, answer.value
            uow.session.add(event)
        if delivery is not None and is_training_day(delivery.local_day, account.training_days):
            await mark_sessions_planned(uow.session, [delivery.id])
        await uow.commit()
    return RedFlagCheck(events[-1].local_day, events[-1].kind)


async def red_flag_events(uow: UnitOfWork, *, account: Account) -> list[RedFlagEventView]:
    """His red-flag events, oldest first: the day, which flag, and how he said he was after."""
    rows = await red_flag_events_of(uow.session, user_id=account.id)
    return [RedFlagEventView(r.local_day, r.kind, r.resolution) for r in rows]
