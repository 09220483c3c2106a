"""What the dispatcher sends for a due delivery: plain prompt data, or None when it is no
longer needed. How a prompt looks is the handlers' business (handlers/prompts/)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.content import Content
from bot.db.delivery_queries import delivery_for, mark_sessions_planned
from bot.db.models import DeliveryKind
from bot.domain.lessons import NUTRIENT_TOPIC
from bot.domain.training import DayPlan, SafetyFacts, clearance_needed, is_training_day
from bot.services.accounts import Account
from bot.services.broadcasts import broadcast_of, text_of
from bot.services.deliveries import DELIVERED, DeliveryView
from bot.services.lab_nudges import LabMessage, todays_lab_message
from bot.services.nutrition import had_entries
from bot.services.safety import (
    RedFlagCheck,
    batch_open_checks,
    batch_safety_facts,
    mark_screen_asked,
    open_red_flag_check,
    should_ask_screen,
)
from bot.services.streaks import Streaks, streaks_for
from bot.services.training import (
    HISTORY_FOR_LOADS,
    TrainingHistory,
    histories_of,
    plan_from_history,
)
from bot.services.unit_of_work import UnitOfWork
from bot.services.usual import usual_of
from bot.services.week_review import WeekReview, review_week


@dataclass(frozen=True)
class TrainingPrompt:
    """The morning prompt: the day's plan, answered through this delivery's buttons."""

    delivery_id: int
    plan: DayPlan
    why: str | None  # the lesson behind its "Why?" button
    ask_screen: bool = False  # he never answered the safety screen: it comes with this prompt


@dataclass(frozen=True)
class RedFlagCheckIn:
    """After a red flag: "How are you after yesterday?" instead of the session, until he says
    he is better or got checked (its buttons carry this training delivery)."""

    delivery_id: int
    day: date  # the prompt's day
    check: RedFlagCheck


@dataclass(frozen=True)
class CheckinStart:
    """The evening check-in's first step."""

    delivery_id: int
    day: date
    weight_kg: float | None  # protein's options are in grams for his weight
    why: str | None  # the lesson behind the first nutrient
    has_usual: bool = False  # "✅ Took my usual" is offered
    had_yesterday: bool = False  # "Same as yesterday" is offered


@dataclass(frozen=True)
class TrainingFollowUp:
    """One gentle nudge; its buttons answer the morning prompt (training delivery N)."""

    training_delivery_id: int


@dataclass(frozen=True)
class WeeklySummary:
    """The numbers of his week, sent on his summary day."""

    summary_day: date
    week: WeekReview
    streaks: Streaks


@dataclass(frozen=True)
class BroadcastText:
    """An operator's broadcast, as he wrote it."""

    text: str


Prompt = (
    TrainingPrompt
    | RedFlagCheckIn
    | CheckinStart
    | TrainingFollowUp
    | WeeklySummary
    | BroadcastText
    | LabMessage
)


def _first_lesson(content: Content, topic: str | None) -> str | None:
    """The first lesson on a topic, for a prompt's "Why?" button."""
    lessons = content.lessons.by_topic(topic) if topic else []
    return lessons[0].id if lessons else None


class BatchPrompts:
    """What to send for the deliveries of one claimed batch."""

    def __init__(
        self,
        content: Content,
        histories: dict[int, TrainingHistory],
        safety: dict[int, SafetyFacts] | None = None,
        checks: dict[int, RedFlagCheck] | None = None,
    ) -> None:
        """Prompts from this content; the batch's training history, safety facts and open
        red-flag checks by user."""
        self._content = content
        self._histories = histories
        self._safety = safety or {}
        self._checks = checks or {}

    async def what_to_send(
        self, uow: UnitOfWork, *, account: Account, delivery: DeliveryView, now: datetime
    ) -> Prompt | None:
        """The prompt for this delivery, or None if it is no longer needed."""
        kind = delivery.kind
        if kind == DeliveryKind.TRAINING:
            check = self._checks.get(account.id)
            if check is not None:
                return RedFlagCheckIn(delivery.id, delivery.local_day, check)
            prompt = self._training(account, delivery)
            if should_ask_screen(account):
                await mark_screen_asked(uow, account=account, today=delivery.local_day)
                prompt = TrainingPrompt(prompt.delivery_id, prompt.plan, prompt.why, True)
            return prompt
        if kind == DeliveryKind.NUTRITION:
            first = self._content.nutrients.nutrients[0].key
            why = _first_lesson(self._content, NUTRIENT_TOPIC.get(first))
            evening = delivery.local_day
            usual = await usual_of(uow, account=account, catalog=self._content.nutrients)
            yesterday = await had_entries(uow, account=account, day=evening - timedelta(days=1))
            weight = account.weight_kg
            return CheckinStart(delivery.id, evening, weight, why, bool(usual), yesterday)
        if kind == DeliveryKind.FOLLOWUP:
            return await _followup(uow, account, delivery)
        if kind == DeliveryKind.WEEKLY:
            return await _weekly(uow, account, delivery)
        if kind == DeliveryKind.LABS:
            catalog, day = self._content.labs, delivery.local_day
            message = await todays_lab_message(
                uow, account=account, catalog=catalog, today=day, now=now
            )
            if message is not None:
                await uow.commit()  # the nudge is remembered as given, sent or not
            return message
        broadcast = broadcast_of(kind)
        if broadcast is not None:
            text = await text_of(uow, broadcast_id=broadcast)
            return BroadcastText(text) if text is not None else None
        return None

    def _training(self, account: Account, delivery: DeliveryView) -> TrainingPrompt:
        """The day's plan, with loads from the history loaded for the batch."""
        history = self._histories.get(account.id, TrainingHistory())
        catalog = self._content.exercises
        facts = self._safety.get(account.id, SafetyFacts(account.screened_on))
        cleared = clearance_needed(facts, today=delivery.local_day, rules=catalog.clearance_rules)
        plan = plan_from_history(
            account=account,
            day=delivery.local_day,
            catalog=catalog,
            history=history,
            cleared_path=cleared,
        )
        why = _first_lesson(self._content, "loading" if plan.is_training_day else "impact")
        return TrainingPrompt(delivery.id, plan, why)


async def prepare_batch(
    uow: UnitOfWork, *, batch: Sequence[tuple[DeliveryView, Account]], content: Content
) -> BatchPrompts:
    """Prompts for one claimed batch, with the training history of its training prompts
    loaded in one query instead of one per prompt."""
    training = [(d, a) for d, a in batch if d.kind == DeliveryKind.TRAINING]
    histories: dict[int, TrainingHistory] = {}
    safety: dict[int, SafetyFacts] = {}
    checks: dict[int, RedFlagCheck] = {}
    if training:
        since = min(d.local_day for d, _ in training) - HISTORY_FOR_LOADS
        user_ids = sorted({a.id for _, a in training})
        # Plain values, not rows: the batch's session is closed before the prompts are sent.
        histories = await histories_of(uow, user_ids=user_ids, since=since)
        safety = await batch_safety_facts(uow, accounts=[a for _, a in training])
        checks = await batch_open_checks(uow, days={a.id: d.local_day for d, a in training})
    # A training-day prompt carries a session unless training is held after a red flag.
    sessions = [
        d.id
        for d, a in training
        if is_training_day(d.local_day, a.training_days) and a.id not in checks
    ]
    if sessions:
        # Remembered before sending: only prompts that end up sent count as planned sessions.
        await mark_sessions_planned(uow.session, sessions)
        await uow.commit()
    return BatchPrompts(content, histories, safety, checks)


async def _followup(
    uow: UnitOfWork, account: Account, delivery: DeliveryView
) -> TrainingFollowUp | None:
    """Only on his training days, when the morning prompt went out and is still unanswered."""
    if not is_training_day(delivery.local_day, account.training_days):
        return None
    training = await delivery_for(
        uow.session, user_id=account.id, kind=DeliveryKind.TRAINING, local_day=delivery.local_day
    )
    if training is None or training.id is None or training.status not in DELIVERED:
        return None
    if training.answered_at is not None:
        return None
    if await open_red_flag_check(uow, account=account, today=delivery.local_day) is not None:
        return None  # training is held until he says he is better or got checked
    return TrainingFollowUp(training.id)


async def _weekly(
    uow: UnitOfWork, account: Account, delivery: DeliveryView
) -> WeeklySummary | None:
    """The week in numbers, from his first full week on."""
    week = await review_week(uow, account=account, summary_day=delivery.local_day)
    if account.program_start is None or account.program_start > week.start:
        return None
    streaks = await streaks_for(uow, account=account, today=delivery.local_day)
    return WeeklySummary(delivery.local_day, week, streaks)
