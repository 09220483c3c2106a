"""Tests for lab due dates: baseline, recheck after a start or dose change, intervals."""

import datetime as dt

import pytest

from bot.content.catalogs import load_lab_catalog
from bot.content.location import DEFAULT_LABS_PATH
from bot.domain.labs import DueInfo, Lab, next_due

CATALOG = load_lab_catalog(DEFAULT_LABS_PATH)
TODAY = dt.date(2026, 3, 1)
D = dt.date


def _due(
    key: str | Lab,
    history: list[dt.date],
    *,
    start: dt.date | None = None,
    changed: dt.date | None = None,
    custom: int | None = None,
    today: dt.date = TODAY,
    low: bool = False,
    flagged: bool = False,
    trt: dt.date | None = None,
    since: dt.date | None = None,
) -> DueInfo:
    lab = CATALOG.get(key) if isinstance(key, str) else key
    return next_due(
        lab,
        history=history,
        anastrozole_since=start,
        changed_on=changed,
        custom_interval_days=custom,
        today=today,
        last_result_low=low,
        last_result_flagged=flagged,
        trt_changed_on=trt,
        since=since,
    )


@pytest.mark.parametrize("key", CATALOG.keys)
def test_no_history_means_a_baseline_today(key: str) -> None:
    """Without any result every lab is due today as a baseline (AI started in the past)."""
    due = _due(key, [], start=D(2025, 6, 1))
    assert (due.due_on, due.reason, due.interval_days) == (TODAY, "baseline", 0)
    assert due.source


@pytest.mark.parametrize(
    ("key", "due_on"),
    [
        ("vitd", D(2026, 4, 15)),
        ("ctx", D(2026, 4, 15)),
        ("p1np", D(2026, 4, 15)),
        ("dxa_spine", D(2026, 4, 15)),
        ("dxa_hip", D(2026, 4, 15)),
        ("e2", TODAY),  # before the AI starts
        ("hct", TODAY),
        ("tt", TODAY),
    ],
)
def test_baseline_waits_for_a_future_anastrozole_start(key: str, due_on: dt.date) -> None:
    """Labs whose baseline is at the AI start wait for it; E2 is due before it starts."""
    due = _due(key, [], start=D(2026, 4, 15))
    assert (due.due_on, due.reason) == (due_on, "baseline")


@pytest.mark.parametrize(
    ("key", "days"), [("e2", 56), ("ctx", 91), ("p1np", 91), ("vitd", None), ("dxa_spine", None)]
)
def test_recheck_after_an_anastrozole_start(key: str, days: int | None) -> None:
    """An AI start after the last result brings a recheck at start + the catalog's days."""
    due = _due(key, [D(2026, 1, 5)], start=D(2026, 2, 1))
    recheck = CATALOG.get(key).schedule.recheck
    assert (recheck.days if recheck else None) == days
    if days is None:
        assert due.reason == "interval"
    else:
        assert due == DueInfo(
            D(2026, 2, 1) + dt.timedelta(days=days),
            "recheck after change",
            days,
            recheck.source,  # type: ignore[union-attr]
            recheck.status == "U",  # type: ignore[union-attr]
        )


@pytest.mark.parametrize(("key", "days"), [("e2", 56), ("ctx", 91), ("p1np", 91)])
def test_recheck_after_a_dose_change(key: str, days: int) -> None:
    """An anastrozole dose change after the last result brings a recheck at change + days."""
    due = _due(key, [D(2025, 12, 1)], changed=D(2026, 1, 10))
    assert (due.due_on, due.reason, due.interval_days) == (
        D(2026, 1, 10) + dt.timedelta(days=days),
        "recheck after change",
        days,
    )


@pytest.mark.parametrize(("key", "days"), [("hct", 91), ("tt", 70)])
def test_recheck_after_a_trt_start_or_change(key: str, days: int) -> None:
    """A testosterone start or dose change brings the hematocrit and testosterone rechecks;
    an anastrozole change does not."""
    due = _due(key, [D(2025, 12, 1)], trt=D(2026, 1, 10))
    assert (due.due_on, due.reason, due.interval_days) == (
        D(2026, 1, 10) + dt.timedelta(days=days),
        "recheck after change",
        days,
    )
    assert _due(key, [D(2025, 12, 1)], changed=D(2026, 1, 10)).reason == "interval"
    assert _due("e2", [D(2025, 12, 1)], trt=D(2026, 1, 10)).reason == "interval"


def test_baseline_is_overdue_from_the_day_he_joined() -> None:
    """A baseline never moves with today: it is due from the day he joined."""
    due = _due("e2", [], since=D(2026, 2, 1))
    assert (due.due_on, due.reason) == (D(2026, 2, 1), "baseline")


def test_testosterone_and_hematocrit_ignore_the_ai_start() -> None:
    """TT and hematocrit rechecks follow TRT dose changes, not the anastrozole start."""
    for key in ("tt", "hct"):
        assert _due(key, [D(2026, 1, 5)], start=D(2026, 2, 1)).reason == "interval"


def test_a_result_on_the_day_of_the_change_counts_as_before_it() -> None:
    """A result logged on the change day is the pre-change value; the recheck still comes."""
    due = _due("e2", [D(2026, 1, 10)], changed=D(2026, 1, 10))
    assert (due.due_on, due.reason) == (D(2026, 3, 7), "recheck after change")


def test_a_change_before_the_last_result_is_already_rechecked() -> None:
    """Once a result follows the change, the default interval applies again."""
    due = _due("e2", [D(2026, 1, 10), D(2026, 3, 7)], changed=D(2026, 1, 10))
    assert (due.due_on, due.reason, due.interval_days) == (D(2026, 9, 5), "interval", 182)
    assert due.is_default  # U: every 6 months is a default his prescriber may change


def test_the_latest_change_sets_the_recheck() -> None:
    """With both an AI start and a later dose change after the last result, the later wins."""
    due = _due("ctx", [D(2025, 11, 1)], start=D(2025, 12, 1), changed=D(2026, 1, 15))
    assert due.due_on == D(2026, 1, 15) + dt.timedelta(days=91)


@pytest.mark.parametrize(
    ("key", "low", "flagged", "days"),
    [
        ("vitd", False, False, 365),
        ("vitd", True, True, 91),
        ("vitd", False, True, 91),  # above 50 ng/mL: flagged, not low
        ("dxa_spine", False, False, 730),
        ("dxa_hip", True, True, 365),
        ("hct", False, False, 365),
        ("hct", False, True, 91),
        ("e2", True, True, 91),  # no if_low interval: the recheck after a flag
        ("tt", True, True, 91),
    ],
)
def test_default_interval_after_the_last_result(
    key: str, low: bool, flagged: bool, days: int
) -> None:
    """Without a change the next is due last + interval, or the catalogue's shorter recheck
    after a flagged (or low) result."""
    history = [D(2025, 1, 1), D(2025, 7, 1), D(2025, 4, 1)]
    due = _due(key, history, low=low, flagged=flagged)
    reason = "recheck after a flag" if flagged else "interval"
    assert (due.due_on, due.reason, due.interval_days) == (
        D(2025, 7, 1) + dt.timedelta(days=days),
        reason,
        days,
    )


def test_custom_interval_overrides_the_default_not_the_recheck() -> None:
    """A custom interval replaces the default and if_low intervals, but not a recheck."""
    due = _due("dxa_spine", [D(2025, 7, 1)], custom=540, low=True)
    assert (due.due_on, due.reason, due.interval_days) == (
        D(2025, 7, 1) + dt.timedelta(days=540),
        "custom interval",
        540,
    )
    assert not due.is_default
    recheck = _due("e2", [D(2025, 7, 1)], changed=D(2025, 8, 1), custom=30)
    assert recheck.reason == "recheck after change"
    with pytest.raises(ValueError, match="at least 1"):
        _due("e2", [D(2025, 7, 1)], custom=0)


def test_figures_come_from_the_catalog() -> None:
    """Changing the catalog's days changes the due dates: nothing is hard-coded."""
    lab = CATALOG.get("e2")
    schedule = lab.schedule
    recheck = schedule.recheck.model_copy(update={"days": 70})  # type: ignore[union-attr]
    interval = schedule.interval.model_copy(update={"days": 120})
    changed = lab.model_copy(
        update={"schedule": schedule.model_copy(update={"recheck": recheck, "interval": interval})}
    )
    assert _due(changed, [D(2026, 1, 1)], changed=D(2026, 1, 2)).due_on == D(2026, 3, 13)
    assert _due(changed, [D(2026, 1, 1)]).due_on == D(2026, 5, 1)


def _simulate(
    key: str,
    start: dt.date,
    changes: list[dt.date],
    days: int,
    custom: int | None = None,
) -> list[tuple[dt.date, str]]:
    """Walk day by day from 20 days before a planned AI start; he has labs on each due day."""
    history: list[dt.date] = []
    taken: list[tuple[dt.date, str]] = []
    first = start - dt.timedelta(days=20)
    for offset in range(days):
        today = first + dt.timedelta(days=offset)
        changed = max((c for c in changes if c <= today), default=None)
        due = _due(key, history, start=start, changed=changed, custom=custom, today=today)
        if due.due_on <= today:
            history.append(today)
            taken.append((today, due.reason))
    return taken


def test_simulated_months_of_estradiol() -> None:
    """E2 over 14 months: baseline, recheck after the start, 6-monthly, recheck after a change."""
    start, change = D(2026, 1, 1), D(2026, 9, 1)
    taken = _simulate("e2", start, [change], days=430)
    assert taken == [
        (D(2025, 12, 12), "baseline"),
        (D(2026, 2, 26), "recheck after change"),  # 1 Jan + 8 weeks
        (D(2026, 8, 27), "interval"),  # + 182 days
        (D(2026, 10, 27), "recheck after change"),  # 1 Sep + 8 weeks
    ]


def test_simulated_years_of_dxa_and_ctx() -> None:
    """DXA: baseline at the AI start then every 2 years; CTX: baseline, recheck, yearly."""
    start = D(2026, 1, 1)
    dxa = _simulate("dxa_hip", start, [], days=1600)
    assert dxa == [
        (start, "baseline"),
        (D(2028, 1, 1), "interval"),
        (D(2029, 12, 31), "interval"),  # 730 days, across the 2028 leap day
    ]
    ctx = _simulate("ctx", start, [], days=500)
    assert ctx == [
        (start, "baseline"),  # the result on the start day counts as before it
        (D(2026, 4, 2), "recheck after change"),
        (D(2027, 4, 2), "interval"),
    ]


def test_simulated_custom_interval_for_hematocrit() -> None:
    """With a 120-day custom interval, hematocrit comes every 120 days after the baseline."""
    taken = _simulate("hct", D(2026, 1, 1), [], days=400, custom=120)
    assert [reason for _, reason in taken] == ["baseline", *["custom interval"] * 3]
    days = [day for day, _ in taken]
    assert days == [D(2025, 12, 12), D(2026, 4, 11), D(2026, 8, 9), D(2026, 12, 7)]
