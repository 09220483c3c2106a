"""An Account for tests that need one without a database: a new, consented user with nothing
set, changed where a test says."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from bot.domain.profile import Weekday
from bot.services.accounts import Account, AccountStatus

_BLANK = Account(
    id=1,
    telegram_id=1,
    chat_id=1,
    status=AccountStatus.ACTIVE,
    pending=None,
    zone="UTC",
    training_time=None,
    checkin_time=None,
    training_days=None,
    weight=None,
    age_band=None,
    anastrozole=None,
    anastrozole_since=None,
    anastrozole_changed_on=None,
    lab_units=None,
    quiet=None,
    summary_weekday=Weekday.SUN,
    program_start=None,
    paused_until=None,
    consented_at=datetime(2026, 3, 1, tzinfo=UTC),
)


def plain_account(**changes: Any) -> Account:
    """The blank account with `changes` applied."""
    return replace(_BLANK, **changes)
