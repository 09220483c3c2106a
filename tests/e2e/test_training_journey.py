"""Three weeks of training lived as he lives it, through the sandbox clock: every count of
sessions he is shown — the answer under a tap, /today, each weekly summary and its chart,
/progress and the clinician PDF — equals what he tapped."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from harness import Chat, Harness
from onboarded import onboard, stored_user
from pypdf import PdfReader

from bot.services.accounts import account_of
from bot.services.progress_report import progress_data
from bot.services.unit_of_work import UnitOfWork
from bot.services.week_review import review_week

# Monday 2 March 2026, 11:00 in Berlin: he signs up after that day's 07:30 prompt time, so
# no prompt goes out that day and it is no planned session.
SIGN_UP = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
FIRST_DAY = date(2026, 3, 3)
LAST_DAY = date(2026, 3, 23)  # a Monday: the third summary arrives, today's session pending
TRAINING_DAYS = {0, 2, 4}  # mon wed fri, as typed at onboarding

# What he does with each morning prompt (days not listed: no answer).
SCRIPT: dict[date, str] = {
    date(2026, 3, 3): "done",  # Tuesday: a rest-day walk, not a session
    date(2026, 3, 4): "done",
    date(2026, 3, 5): "skipped",  # Thursday rest-day dose skipped: not a session either
    date(2026, 3, 6): "partly",
    date(2026, 3, 9): "skipped",
    date(2026, 3, 11): "done",
    # Friday 13 March: no answer at all
    date(2026, 3, 16): "done",
    date(2026, 3, 18): "partly",
    date(2026, 3, 20): "done",
}
LABELS = {"done": "Done", "partly": "Partly", "skipped": "Skipped"}


@dataclass
class Tally:
    """The test's own count of planned sessions and his answers in a span of days."""

    planned: int = 0
    done: int = 0
    partly: int = 0
    skipped: int = 0
    unanswered: int = 0

    @classmethod
    def of(cls, first: date, last: date, today: date) -> Tally:
        """Count the training days prompted from first to last as the script answered them."""
        tally = cls()
        day = max(first, FIRST_DAY)
        while day <= min(last, LAST_DAY):
            if day.weekday() in TRAINING_DAYS:
                tally.planned += 1
                outcome = SCRIPT.get(day)
                if outcome is not None:
                    setattr(tally, outcome, getattr(tally, outcome) + 1)
                elif day < today:
                    tally.unanswered += 1
            day += timedelta(days=1)
        return tally

    def text(self) -> str:
        """The wording the bot uses, built here independently of it."""
        parts = [f"{self.done} done"]
        parts += [f"{self.partly} partly"] if self.partly else []
        parts += [f"{self.skipped} skipped"] if self.skipped else []
        return ", ".join(parts) + f" of {self.planned} planned"


def morning(day: date) -> datetime:
    """07:30 in Berlin on `day` (UTC+1 in March before the clocks change)."""
    return datetime(day.year, day.month, day.day, 6, 30, tzinfo=UTC)


async def answer(chat: Chat, outcome: str) -> str:
    """Tap his answer on the newest prompt; the prompt's text as it reads afterwards."""
    prompt = next(m for m in reversed(chat.bot_messages()) if m.inline_keyboard)
    await chat.tap(LABELS[outcome], expect=0)
    return chat.message(prompt.message_id).plain_text or ""


async def live_three_weeks(harness: Harness, chat: Chat) -> dict[date, str]:
    """Onboard late on a Monday, then every morning read the prompt and tap as scripted;
    returns the weekly summaries' texts by the day they arrived."""
    harness.clock.set(SIGN_UP)
    await onboard(chat)
    await chat.send("/summary monday")
    summaries: dict[date, str] = {}
    day = FIRST_DAY
    while day <= LAST_DAY:
        await harness.tick_at(morning(day))
        new = await chat.settle(2 if day.weekday() == 0 else 1)
        texts = [m.plain_text or "" for m in new]
        weekly = [t for t in texts if "Your week" in t]
        if weekly:
            summaries[day] = weekly[0]
        assert any(day.strftime("%a %d %b") in t for t in texts), (day, texts)
        outcome = SCRIPT.get(day)
        if outcome is not None:
            after = await answer(chat, outcome)
            if outcome == "skipped":
                assert "in a row" not in after, (day, after)  # a skip never grows a streak
        if day == date(2026, 3, 4):
            await chat.tap("About right", expect=0)
        day += timedelta(days=1)
    return summaries


async def test_every_count_he_is_shown_equals_what_he_tapped(harness: Harness) -> None:
    """Rest days, the sign-up day and unanswered days are counted as they are; /today, the
    three weekly summaries and their charts' numbers, /progress and the PDF agree with taps."""
    chat = harness.chat()
    summaries = await live_three_weeks(harness, chat)

    # Each Monday's summary covers the seven days before it, text and chart alike.
    assert sorted(summaries) == [date(2026, 3, 9), date(2026, 3, 16), date(2026, 3, 23)]
    assert harness.app is not None
    resources = harness.app.bot_data.resources
    account = account_of(await stored_user(harness))
    for summary_day, text in summaries.items():
        first, last = summary_day - timedelta(days=7), summary_day - timedelta(days=1)
        expected = Tally.of(first, last, summary_day)
        assert f"Training: {expected.text()}" in text, (summary_day, text)
        async with UnitOfWork(resources.sessions) as uow:
            week = await review_week(uow, account=account, summary_day=summary_day)
        assert (week.start, week.end) == (first, last)
        drawn = (week.planned_sessions, week.done, week.partly, week.skipped)
        assert drawn == (expected.planned, expected.done, expected.partly, expected.skipped)
    assert "Training: 1 done, 1 partly of 2 planned" in summaries[date(2026, 3, 9)]

    # The chart button under the last summary draws a picture of that week.
    photo = (await chat.tap("This week's chart"))[0]
    assert photo.kind == "photo"

    # /today on the last Monday: this week so far, and the run of trained sessions.
    await chat.send("/today")
    today = chat.last_text()
    assert "This week: 0 done of 1 planned" in today
    assert "Streaks: 3 sessions" in today  # Mon 16, Wed 18, Fri 20; Fri 13 went unanswered

    # /week, asked now: the seven days up to today, today's pending session not unanswered.
    await chat.send("/week")
    now = Tally.of(LAST_DAY - timedelta(days=6), LAST_DAY, LAST_DAY)
    assert f"Training: {now.text()}" in chat.last_text()
    assert "Your week, 17 Mar–23 Mar" in chat.last_text()
    photo = (await chat.tap("This week's chart"))[0]  # the chart of exactly that week
    assert photo.kind == "photo"

    # /progress: one bar per calendar week, from the same planned sessions.
    async with UnitOfWork(resources.sessions) as uow:
        data = await progress_data(uow, account=account, content=resources.content, today=LAST_DAY)
    drawn_weeks = {
        w.week_start: (w.planned, w.done, w.partly, w.skipped, w.unanswered)
        for w in data.weeks
        if w.planned
    }
    expected_weeks = {}
    for monday in (date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16), date(2026, 3, 23)):
        t = Tally.of(monday, monday + timedelta(days=6), LAST_DAY)
        expected_weeks[monday] = (t.planned, t.done, t.partly, t.skipped, t.unanswered)
    assert drawn_weeks == expected_weeks
    assert (await chat.send("/progress"))[0].kind == "photo"

    # The clinician PDF: the same totals in one sentence.
    total = Tally.of(FIRST_DAY, LAST_DAY, LAST_DAY)
    assert Counter({"planned": 9, "done": 4, "partly": 2, "skipped": 1}) == Counter(
        {k: getattr(total, k) for k in ("planned", "done", "partly", "skipped")}
    )
    document = (await chat.send("/report"))[0]
    assert document.file_path is not None
    reader = PdfReader(str(document.file_path))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert (
        f"Last 4 weeks, {total.planned} planned sessions: {total.done} done "
        f"({round(100 * total.done / total.planned)}%), {total.partly} partly done, "
        f"{total.skipped} skipped, {total.unanswered} not answered." in text
    ), text


async def test_the_sign_up_day_is_not_a_planned_session(harness: Harness) -> None:
    """Signed up after Monday's prompt time: /today counts no session for the week yet, and
    the next prompt is the first planned one."""
    chat = harness.chat()
    harness.clock.set(SIGN_UP)
    await onboard(chat)
    await chat.send("/today")
    assert "This week: no sessions planned yet" in chat.last_text()
    assert "Streaks: 0 sessions" in chat.last_text()
