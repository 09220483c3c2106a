"""/undo: remove his most recent entry (a lift log line, a nutrient, or a session answer)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.log_queries import latest_nutrition, latest_set, sets_with_source
from bot.db.models import TrainingSession
from bot.services.accounts import Account
from bot.services.once import first_time
from bot.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Undone:
    """What was removed, in words the handler can show."""

    kind: str  # "lift", "nutrient" or "session"
    key: str  # lift key, nutrient key or the session outcome
    day: date
    detail: str


async def _latest_session(session: AsyncSession, user_id: int) -> TrainingSession | None:
    """His most recently given or changed training answer."""
    query = (
        select(TrainingSession)
        .where(TrainingSession.user_id == user_id)
        .order_by(col(TrainingSession.updated_at).desc())
        .limit(1)
    )
    return (await session.exec(query)).first()


async def undo_last(
    uow: UnitOfWork, *, account: Account, message_id: int, now: datetime
) -> Undone | None:
    """Delete the newest of his entries, once per /undo message; None when nothing to undo."""
    session, user_id = uow.session, account.id
    if not await first_time(session, user_id=user_id, message_id=message_id, now=now):
        await uow.commit()  # nothing changed; ends the transaction
        return None
    candidates: list[tuple[datetime, str]] = []
    lift = await latest_set(session, user_id=user_id)
    food = await latest_nutrition(session, user_id=user_id)
    answer = await _latest_session(session, user_id)
    if lift:
        candidates.append((lift.created_at, "lift"))
    if food:
        candidates.append((food.created_at, "nutrient"))
    if answer:
        candidates.append((answer.updated_at, "session"))
    if not candidates:
        await uow.commit()  # keeps the record that this /undo was handled
        return None
    newest = max(candidates)[1]
    if newest == "lift" and lift is not None:
        rows = await sets_with_source(session, user_id=user_id, source_key=lift.source_key)
        for row in rows:
            await session.delete(row)
        sets = "1 set" if len(rows) == 1 else f"{len(rows)} sets"
        undone = Undone("lift", lift.lift_key, lift.local_day, sets)
    elif newest == "nutrient" and food is not None:
        await session.delete(food)
        undone = Undone("nutrient", food.nutrient, food.local_day, f"{food.amount:g} {food.unit}")
    else:
        assert answer is not None
        await session.delete(answer)
        undone = Undone("session", answer.outcome, answer.local_day, answer.outcome)
    await uow.commit()
    return undone
