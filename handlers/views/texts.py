"""The fixed texts users read. Telegram HTML; no user input is ever pasted in here."""

from __future__ import annotations

from html import escape

from bot.domain.training import LIFT_LOG_EXAMPLES

DISCLAIMER = (
    "<i>BoneCoach is a coach, not a doctor. It never gives dose advice: anything about "
    "your medication is for your prescriber. If you fall and have severe pain, cannot bear "
    "weight, have chest pain, sudden breathlessness, a swollen painful leg or signs of a "
    "stroke, call your local emergency number now.</i>"
)

WELCOME = (
    "<b>Welcome to BoneCoach.</b>\n\n"
    "Anastrozole lowers estradiol, and estradiol helps protect bone. I help you look after "
    "your skeleton every day:\n"
    "• a short <b>training prompt</b> on your training days (heavy lifting and impact work),\n"
    "• an evening <b>nutrition check-in</b> (calcium, vitamin D, K2, magnesium, protein, "
    "omega-3),\n"
    "• <b>bite-size lessons</b> on how bone works, and\n"
    "• <b>reminders for bone labs</b> to discuss with your prescriber.\n\n"
    f"{DISCLAIMER}\n\n"
    "<b>Your data.</b> To coach you I store your answers (time zone, times, training days, "
    "weight, age band, anastrozole use) and what you log. Nothing is stored until you "
    "agree. You can stop any time with /stop.\n\n"
    "Tap <b>I agree</b> below (or type <i>I agree</i>) to begin."
)

CONSENT_DECLINED = "No problem — nothing has been stored. If you change your mind, send /start."

ALREADY_SET_UP = "You're all set. Here is your profile:"

ONBOARDING_DONE = (
    "<b>You're all set!</b>\n\n"
    "Here is what happens next: on your training days a training prompt arrives at your "
    "training time, and every evening a short nutrition check-in. Answer with one tap.\n\n"
    "Change anything with /settings. /help lists everything I can do."
)

_LIFTS = LIFT_LOG_EXAMPLES
HELP = (
    "<b>What BoneCoach does</b>\n"
    "Daily training and nutrition prompts at your local time, bite-size bone lessons, and "
    "lab reminders.\n\n"
    "<b>Every day</b>\n"
    "/today — today's plan, what you logged, your streaks\n"
    f"/log <i>{_LIFTS[0]}</i>, /log <i>{_LIFTS[1]}</i> (a load × reps per set), "
    f"/log <i>{_LIFTS[2]}</i>, /log <i>{_LIFTS[3]}</i> — any exercise, "
    "or your own by name; /log <i>calcium 1200mg</i> — a nutrient\n"
    "/usual <i>d3 2000 IU, k2 100 µg</i> — your usual daily stack: the evening check-in then "
    "logs it in one tap (✅ Took my usual)\n"
    "/undo — remove your last entry\n"
    "/records — personal records per lift\n"
    "/progress — a chart of your weeks · /week — your last seven days now\n"
    "/report — a PDF for your clinician\n\n"
    "<b>Safety</b>\n"
    "/screen — the safety question (osteoporosis, a spine fracture, a bone broken in a minor "
    "fall, anything that stops you lifting)\n"
    "/cleared — a clinician has cleared you for heavy lifting and jumps: back to the full "
    "plan (after a yes to the screen, a low DXA T-score or a red flag)\n\n"
    "<b>Labs</b>\n"
    "/labs — your results, due dates and bookings\n"
    "/lab <i>vitd 32 ng/mL</i> — enter a result (any unit; add a date if not today)\n"
    "/lab <i>ctx 600 pg/mL ref 132-752</i> — with the range printed on your lab report\n"
    "/lab changed — you started or changed anastrozole\n"
    "/trt changed — you started testosterone or your dose changed\n\n"
    "<b>Learn</b>\n"
    "/learn — bite-size lessons by topic\n"
    "/ask <i>why lift heavy?</i> — or just type a question\n\n"
    "<b>Settings</b>\n"
    "/settings — see and change your profile\n"
    "/timezone <i>Berlin</i> — set your time zone\n"
    "/time <i>07:30</i> — training prompt time (/time evening <i>20:00</i> for the "
    "check-in)\n"
    "/days <i>mon wed fri</i> — training days\n"
    "/weight <i>82 kg</i> — body weight\n"
    "/age <i>52</i> — age band\n"
    "/anastrozole <i>yes</i> — whether you take it\n"
    "/units <i>si</i> — lab units\n"
    "/quiet <i>22:00-07:00</i> — quiet hours (or /quiet off)\n"
    "/summary <i>sunday</i> — the day your weekly summary arrives\n"
    "/pause <i>3 days</i> — pause prompts (/resume to restart)\n"
    "/stop — no more messages until you send /start\n"
    "/export — all your data as a zip · /delete — erase all of it\n"
    "/help — this message\n\n"
    f"{DISCLAIMER}"
)

SCREEN_CLEAR = "Thanks — you get the full plan, starting light."
SCREEN_FLAGGED = (
    "Thanks for telling me. Until a clinician clears you, your plan has no jumps or drop "
    "landings and no heavy deadlift from the floor, with safer swaps instead. When one has "
    "cleared you, send /cleared."
)

FINISH_ONBOARDING_FIRST = "Let's finish setting up first — one question to go at a time:"

START_FIRST = "Please send /start first so we can set you up."

STALE_BUTTON = "This question is no longer active."

FALLBACK_TEXT = (
    "I'm not sure what to do with that. Tap a button on my last message, or see /help for "
    "what I can do."
)

OUTAGE_REPLY = (
    "⏳ I can't reach my notebook for a moment, so I haven't saved that yet. I'm keeping "
    "your message and will answer as soon as I can — no need to send it again."
)
OUTAGE_GAVE_UP = (
    "Sorry — I still couldn't save your message after trying for several minutes. Please "
    "send it again a little later."
)
ERROR_REPLY = (
    "Sorry — something went wrong on my side and that didn't go through. Please try again "
    "in a moment."
)

FINISH_SETUP = "Let's finish setting up first — send /start to continue."


MAX_ERROR_TEXT = 800  # a retry message never grows past this, whatever he typed


def error_text(exc: Exception) -> str:
    """A refusal message made safe to send: capped, then HTML-escaped."""
    return escape(str(exc)[:MAX_ERROR_TEXT])


def plural(count: int, noun: str) -> str:
    """'1 session', '3 sessions'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
