"""His profile as a short HTML list."""

from __future__ import annotations

from html import escape

from bot.db.models import User, UserStatus
from bot.domain.profile import AgeBand, LabUnits, Weekday, Weight, WeightUnit, describe
from handlers.common import local_now

_UNITS = {LabUnits.CONVENTIONAL: "ng/mL · pg/mL (US)", LabUnits.SI: "nmol/L · pmol/L (SI)"}
_ANASTROZOLE = {"yes": "yes", "planned": "starting soon", "no": "no"}
_STATUS = {
    UserStatus.ONBOARDING: "setting up",
    UserStatus.ACTIVE: "active",
    UserStatus.PAUSED: "paused",
    UserStatus.STOPPED: "stopped",
    UserStatus.BLOCKED: "stopped",
}
NOT_SET = "not set"


def _anastrozole(user: User) -> str:
    if user.anastrozole_use is None:
        return NOT_SET
    text = _ANASTROZOLE.get(user.anastrozole_use, user.anastrozole_use)
    if user.anastrozole_since is not None:
        since = user.anastrozole_since.strftime("%B %Y")
        text += f", since {'about ' if user.anastrozole_since_approx else ''}{since}"
    return text


def profile_lines(user: User) -> str:
    """One line per setting, values escaped."""
    weight = (
        Weight(kg=user.weight_kg, unit=WeightUnit(user.weight_unit or "kg")).display
        if user.weight_kg is not None
        else NOT_SET
    )
    rows = [
        ("Time zone", user.timezone or NOT_SET),
        (
            "Training prompt",
            user.training_time.strftime("%H:%M") if user.training_time else NOT_SET,
        ),
        (
            "Nutrition check-in",
            user.nutrition_time.strftime("%H:%M") if user.nutrition_time else NOT_SET,
        ),
        (
            "Training days",
            describe(user.training_days_mask) if user.training_days_mask is not None else NOT_SET,
        ),
        ("Weight", weight),
        ("Age", AgeBand(user.age_band).label if user.age_band else NOT_SET),
        ("Anastrozole", _anastrozole(user)),
        ("Lab units", _UNITS.get(LabUnits(user.lab_units)) if user.lab_units else NOT_SET),
        ("Quiet hours", _quiet(user)),
        ("Weekly summary", Weekday(user.summary_weekday).name.title()),
        ("Status", _status(user)),
    ]
    return "\n".join(f"• {name}: <b>{escape(str(value))}</b>" for name, value in rows)


def _quiet(user: User) -> str:
    if user.quiet_start is None or user.quiet_end is None:
        return "off"
    return f"{user.quiet_start:%H:%M}–{user.quiet_end:%H:%M}"


def _status(user: User) -> str:
    status = _STATUS.get(user.status, user.status)
    if user.status == UserStatus.PAUSED and user.paused_until is not None:
        until = local_now(user, user.paused_until)
        return f"paused until {until.strftime('%a %d %b, %H:%M')}"
    return status
