"""His profile as a short HTML list."""

from __future__ import annotations

from datetime import time
from html import escape

from bot.domain.profile import LabUnits, describe, to_mask
from bot.services.accounts import Account, AccountStatus
from handlers.views.questions.screen_view import describe_findings

_UNITS = {LabUnits.CONVENTIONAL: "ng/mL · pg/mL (US)", LabUnits.SI: "nmol/L · pmol/L (SI)"}
_ANASTROZOLE = {"yes": "yes", "planned": "starting soon", "no": "no"}
_STATUS = {
    AccountStatus.ONBOARDING: "setting up",
    AccountStatus.ACTIVE: "active",
    AccountStatus.PAUSED: "paused",
    AccountStatus.STOPPED: "stopped",
    AccountStatus.BLOCKED: "stopped",
}
NOT_SET = "not set"


def _anastrozole(account: Account) -> str:
    """'yes, since about March 2025', or whether he takes it at all."""
    if account.anastrozole is None:
        return NOT_SET
    text = _ANASTROZOLE[account.anastrozole.value]
    since = account.anastrozole_since
    if since is not None:
        text += f", since {'about ' if since.approximate else ''}{since.day.strftime('%B %Y')}"
    return text


def profile_lines(account: Account) -> str:
    """One line per setting, values escaped."""
    days = account.training_days
    rows = [
        ("Time zone", account.zone or NOT_SET),
        ("Training prompt", _clock(account.training_time)),
        ("Nutrition check-in", _clock(account.checkin_time)),
        ("Training days", describe(to_mask(days)) if days is not None else NOT_SET),
        ("Weight", account.weight.display if account.weight is not None else NOT_SET),
        ("Age", account.age_band.label if account.age_band else NOT_SET),
        ("Anastrozole", _anastrozole(account)),
        ("Lab units", _UNITS[account.lab_units] if account.lab_units else NOT_SET),
        ("Quiet hours", _quiet(account)),
        ("Weekly summary", account.summary_weekday.name.title()),
        ("Safety screen", _screen(account)),
        ("Status", _status(account)),
    ]
    return "\n".join(f"• {name}: <b>{escape(str(value))}</b>" for name, value in rows)


def _screen(account: Account) -> str:
    """'none of these', what he said yes to, or not answered; and a clinician's clearance."""
    if account.screened_on is None:
        return "not answered yet (/screen)"
    text = describe_findings(account.screen_findings)
    if account.cleared_on is not None:
        text += f"; cleared by a clinician on {account.cleared_on:%d %b %Y}"
    return text


def _clock(value: time | None) -> str:
    """'07:30', or not set."""
    return value.strftime("%H:%M") if value is not None else NOT_SET


def _quiet(account: Account) -> str:
    """'22:00–07:00', or off."""
    if account.quiet is None:
        return "off"
    return f"{account.quiet.start:%H:%M}–{account.quiet.end:%H:%M}"


def _status(account: Account) -> str:
    """Where he stands in words, with a pause's end on his clock."""
    if account.status is AccountStatus.PAUSED and account.paused_until is not None:
        until = account.local_now(account.paused_until)
        return f"paused until {until.strftime('%a %d %b, %H:%M')}"
    return _STATUS[account.status]
