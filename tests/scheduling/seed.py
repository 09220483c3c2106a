"""Seeding onboarded users straight into the database, for the scheduling tests."""

from __future__ import annotations

from datetime import datetime, time

from bot.db.engine import SessionFactory
from bot.db.models import User, UserStatus
from bot.sandbox.emulator import BotApiEmulator
from bot.services.schedules import refresh_schedule


async def add_user(
    sessions: SessionFactory,
    emulator: BotApiEmulator,
    *,
    telegram_id: int,
    zone: str = "Europe/Berlin",
    training: time = time(7, 30),
    nutrition: time = time(20, 0),
    days_mask: int = 0b0010101,
    now: datetime,
    quiet: tuple[time, time] | None = None,
    known_chat: bool = True,
) -> User:
    """An onboarded, active user with his schedule, as onboarding would leave him."""
    if known_chat:
        emulator.add_chat(telegram_id)
    async with sessions() as session:
        user = User(
            telegram_id=telegram_id,
            chat_id=telegram_id,
            status=UserStatus.ACTIVE,
            consented_at=now,
            created_at=now,
            updated_at=now,
            timezone=zone,
            training_time=training,
            nutrition_time=nutrition,
            training_days_mask=days_mask,
            weight_kg=82,
            weight_unit="kg",
            age_band="50-59",
            anastrozole_use="no",
            lab_units="si",
            program_start=now.date(),
            quiet_start=quiet[0] if quiet else None,
            quiet_end=quiet[1] if quiet else None,
        )
        session.add(user)
        await session.commit()
        await refresh_schedule(session, user=user, now=now)
        await session.commit()
        await session.refresh(user)
        return user
