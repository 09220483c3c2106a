"""Turns a due delivery into its message (the dispatcher's Renderer)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.content import Content
from bot.db.delivery_queries import delivery_for
from bot.db.log_queries import sets_of_users
from bot.db.models import (
    Broadcast,
    Delivery,
    DeliveryKind,
    DeliveryStatus,
    TrainingSet,
    User,
)
from bot.domain.profile import Weekday, from_mask
from bot.scheduling.rendering import Outgoing
from bot.services.accounts import account_of
from bot.services.broadcasts import KIND_PREFIX
from bot.services.lab_nudges import todays_lab_message
from bot.services.streaks import streaks_for
from bot.services.training import HISTORY_FOR_LOADS, plan_from_sets
from bot.services.unit_of_work import UnitOfWork
from bot.services.week_review import review_week
from handlers.common import plural
from handlers.lab_views import lab_message_text
from handlers.progress import week_chart_button
from handlers.prompts.checkin_prompt import step_keyboard, step_text, why_for_nutrient
from handlers.prompts.training_prompt import outcome_keyboard, plan_text

DELIVERED = (DeliveryStatus.SENT, DeliveryStatus.UNCONFIRMED)


class BatchRenderer:
    """Renders the deliveries of one batch from what PromptRenderer.for_batch loaded."""

    def __init__(self, renderer: PromptRenderer, sets: dict[int, list[TrainingSet]]) -> None:
        self._renderer = renderer
        self._sets = sets

    async def __call__(
        self, session: AsyncSession, user: User, delivery: Delivery, now: datetime
    ) -> Outgoing | None:
        """The message for this delivery, or None if it is no longer needed."""
        loaded = self._sets.get(user.id, []) if user.id is not None else []
        return await self._renderer.render(session, user, delivery, now, loaded)


class PromptRenderer:
    """Renders training prompts, follow-ups, check-ins and weekly summaries."""

    def __init__(self, content: Content) -> None:
        self._content = content

    async def for_batch(
        self, session: AsyncSession, batch: Sequence[tuple[Delivery, User]]
    ) -> BatchRenderer:
        """A renderer for one claimed batch, with the training history of its training
        prompts loaded in one query instead of one per prompt."""
        training = [(d, u) for d, u in batch if d.kind == DeliveryKind.TRAINING]
        sets: dict[int, list[TrainingSet]] = {}
        if training:
            since = min(d.local_day for d, _ in training) - HISTORY_FOR_LOADS
            user_ids = sorted({u.id for _, u in training if u.id is not None})
            sets = await sets_of_users(session, user_ids=user_ids, since=since)
        return BatchRenderer(self, sets)

    async def render(
        self,
        session: AsyncSession,
        user: User,
        delivery: Delivery,
        now: datetime,
        loaded_sets: Sequence[TrainingSet],
    ) -> Outgoing | None:
        """The message for this delivery; a training prompt's history comes loaded (his sets
        of the last HISTORY_FOR_LOADS, or more)."""
        assert delivery.id is not None
        if delivery.kind == DeliveryKind.TRAINING:
            exercises = self._content.exercises
            since = delivery.local_day - HISTORY_FOR_LOADS
            recent = [s for s in loaded_sets if s.local_day >= since]
            plan = plan_from_sets(
                user=user, day=delivery.local_day, catalog=exercises, recent=recent
            )
            topic = "loading" if plan.is_training_day else "impact"
            lessons = self._content.lessons.by_topic(topic)
            why = lessons[0].id if lessons else None
            markup = outcome_keyboard(delivery.id, training_day=plan.is_training_day, why=why)
            return Outgoing(plan_text(plan), markup)
        if delivery.kind == DeliveryKind.NUTRITION:
            day = delivery.local_day.strftime("%a %d %b")
            catalog = self._content.nutrients
            why = why_for_nutrient(self._content.lessons, catalog.nutrients[0].key)
            markup = step_keyboard(catalog, delivery.id, 0, weight_kg=user.weight_kg, why=why)
            return Outgoing(step_text(catalog, 0, day), markup)
        if delivery.kind == DeliveryKind.FOLLOWUP:
            return await self._followup(session, user, delivery)
        if delivery.kind == DeliveryKind.WEEKLY:
            return await self._weekly(session, user, delivery)
        if delivery.kind.startswith(KIND_PREFIX):
            broadcast = await session.get(Broadcast, int(delivery.kind[len(KIND_PREFIX) :]))
            return Outgoing(escape(broadcast.text)) if broadcast else None
        if delivery.kind == DeliveryKind.LABS:
            message = await todays_lab_message(
                UnitOfWork.joining(session),
                account=account_of(user),
                catalog=self._content.labs,
                today=delivery.local_day,
                now=now,
            )
            return Outgoing(*lab_message_text(message)) if message else None
        return None

    async def _followup(
        self, session: AsyncSession, user: User, delivery: Delivery
    ) -> Outgoing | None:
        """One gentle nudge when today's session prompt went out and is still unanswered."""
        assert user.id is not None
        if Weekday(delivery.local_day.weekday()) not in from_mask(user.training_days_mask or 0):
            return None
        training = await delivery_for(
            session, user_id=user.id, kind=DeliveryKind.TRAINING, local_day=delivery.local_day
        )
        if training is None or training.id is None or training.status not in DELIVERED:
            return None
        if training.answered_at is not None:
            return None
        text = "How did today's session go? One tap keeps your log honest — no pressure."
        return Outgoing(text, outcome_keyboard(training.id, training_day=True))

    async def _weekly(
        self, session: AsyncSession, user: User, delivery: Delivery
    ) -> Outgoing | None:
        """The week in three lines (from his first full week on)."""
        week = await review_week(session, user=user, summary_day=delivery.local_day)
        if user.program_start is None or user.program_start > week.start:
            return None
        streaks = await streaks_for(session, user=user, today=delivery.local_day)
        span = f"{week.start:%d %b}–{week.end:%d %b}"
        sessions = f"{week.done} done"
        if week.partly:
            sessions += f", {week.partly} partly"
        lines = [
            f"📅 <b>Your week, {escape(span)}</b>",
            f"🏋️ Training: {sessions} of {week.planned_sessions} planned"
            + (f" · {week.lift_sets} sets logged" if week.lift_sets else ""),
            f"🥗 Check-ins: {week.checkin_days} of 7 days",
            f"🔥 Streaks: {plural(streaks.training, 'session')} · "
            f"{plural(streaks.checkins, 'check-in')}",
        ]
        # The chart is drawn when he taps for it: drawing one for every user would slow the
        # Sunday fan-out threefold and load matplotlib into every process (bench/RESULTS.md).
        return Outgoing("\n".join(lines), week_chart_button(delivery.local_day))
