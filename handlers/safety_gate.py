"""One safety gate for every text he sends: red flags first, then questions about medicines.

Plain text, `/ask <question>`, photo and document captions and typed answers to questions
all pass `safety_gate` before anything else reads them. A red flag gets the urgent
medical-contact message (handlers/red_flags.py, `answer_red_flag`, the one entry point for
red flags); a question about changing, pausing, stopping, switching or starting a medicine,
or whether a dose is right, goes to his prescriber, naming his most recent urgent lab result
when there is one. Nothing here logs what he wrote.
"""

from __future__ import annotations

from html import escape

from bot.domain.medication import is_medication_question
from bot.services.urgent_labs import UrgentResult, latest_urgent_result
from handlers.kit import Turn
from handlers.red_flags import answer_red_flag

PRESCRIBER_REPLY = (
    "Stopping, pausing, skipping, switching or starting a medicine, or whether a dose is "
    "right, is a question for your prescriber — I never suggest doses or changes. Please "
    "don't change anything on your own; write the question down for your next visit or "
    "message the clinic. /learn explains the why behind your plan."
)
PRESCRIBER_REPLY_URGENT = (
    "Stopping, pausing, skipping, switching or starting a medicine, or whether a dose is "
    "right, is a question for your prescriber — I never suggest doses or changes."
)


def urgent_lab_line(result: UrgentResult) -> str:
    """ "Your latest estradiol (9 pg/mL on 3 Mar) was flagged urgent — contact ..." """
    day = f"{result.taken_on.day} {result.taken_on:%b}"
    return (
        f"Your latest {escape(result.lab_name)} ({escape(result.value)} on {day}) was flagged "
        "urgent — contact your prescriber about it promptly; never change your dose on your own."
    )


async def answer_medication_question(turn: Turn) -> None:
    """Send him to his prescriber, with his most recent urgent lab result if there is one."""
    me = turn.maybe_me
    urgent = None
    if me is not None:
        urgent = await latest_urgent_result(turn.uow, account=me, catalog=turn.content.labs)
    if urgent is None:
        await turn.reply(PRESCRIBER_REPLY)
    else:
        await turn.reply(f"{PRESCRIBER_REPLY_URGENT}\n\n⚠️ <b>{urgent_lab_line(urgent)}</b>")


async def safety_gate(turn: Turn, text: str, *, medication: bool = True) -> bool:
    """Answer a red flag, then (unless `medication` is False) a medication question; True when
    the text was answered here and nothing else should read it."""
    if not text.strip():
        return False
    if await answer_red_flag(turn, text):
        return True
    if medication and is_medication_question(text):
        await answer_medication_question(turn)
        return True
    return False
