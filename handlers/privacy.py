"""/export (all his rows as a zip) and /delete (asked twice, then everything goes)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.services.erase import erase
from bot.services.export import export_zip
from bot.services.profile import PendingAction, set_pending
from handlers.callbacks import DeleteData
from handlers.kit import Turn, Who, handler
from handlers.views import texts

PRIVATE = filters.ChatType.PRIVATE
DELETE_WORD = "DELETE"
FILES_STAY = (
    "Messages and files I already sent you (reports, charts, exports) stay in this chat: "
    "Telegram keeps them on your phone, not BoneCoach. To remove them, delete them in "
    "Telegram (press and hold a message → Delete, or delete the whole chat)."
)


@handler(Who.MEMBER, stranger="I hold no data about you.")
async def export(turn: Turn) -> None:
    """/export: a zip of spreadsheets per topic, their README, and data.json (every row)."""
    archive = await export_zip(turn.uow, account=turn.me, content=turn.content, today=turn.today)
    await turn.release()
    await turn.bot.send_document(
        turn.chat_id,
        archive,
        filename=f"bonecoach-export-{turn.today.isoformat()}.zip",
        caption=(
            "All your BoneCoach data: spreadsheets (CSV) per topic with a README of every "
            "column and unit, and data.json with every row."
        ),
    )


@handler(Who.MEMBER, stranger="I hold no data about you — nothing to delete.")
async def delete_start(turn: Turn) -> None:
    """/delete: first a button, so nothing goes by accident."""
    await turn.reply(
        "This erases <b>everything</b> BoneCoach stores about you: profile, logs, lab results, "
        "lessons read. It cannot be undone. /export first if you want a copy.\n\n"
        f"{FILES_STAY}",
        InlineKeyboardMarkup(
            [[InlineKeyboardButton("Delete all my data", callback_data=DeleteData().pack())]]
        ),
    )


@handler(Who.MEMBER, stranger=texts.STALE_BUTTON)
async def delete_button(turn: Turn) -> None:
    """The second step: ask him to type DELETE."""
    turn.became(
        await set_pending(
            turn.uow, account=turn.me, pending=PendingAction.CONFIRM_DELETE, now=turn.now
        )
    )
    await turn.answer()
    await turn.edit(f"To confirm, type <b>{DELETE_WORD}</b> (capitals). Anything else cancels.")


async def delete_confirm(turn: Turn, text: str) -> None:
    """The typed answer to the DELETE question: erase everything, or cancel."""
    if text.strip() != DELETE_WORD:
        turn.became(await set_pending(turn.uow, account=turn.me, pending=None, now=turn.now))
        await turn.reply("Cancelled — nothing was deleted.")
        return
    await erase(turn.uow, account=turn.me)
    await turn.reply(
        "Done. Every row about you is deleted. If you ever want to start again, send /start."
        f"\n\n{FILES_STAY}"
    )


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("export", export, filters=PRIVATE),
    CommandHandler("delete", delete_start, filters=PRIVATE),
    CallbackQueryHandler(delete_button, pattern=DeleteData.pattern()),
]
