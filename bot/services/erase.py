"""/delete: every row of his, from every table, gone in one commit."""

from __future__ import annotations

from bot.db.user_data import delete_user_rows
from bot.services.accounts import Account
from bot.services.unit_of_work import UnitOfWork


async def erase(uow: UnitOfWork, *, account: Account) -> dict[str, int]:
    """Delete all his rows (his user row last) and commit; returns table name → rows deleted."""
    counts = await delete_user_rows(uow.session, user_id=account.id)
    await uow.commit()
    return counts
