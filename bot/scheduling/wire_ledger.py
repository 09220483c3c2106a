"""What one dispatcher run put on the wire, recorded with one transaction per message.

At most once on the wire: a delivery is committed as "sending" before its request leaves,
and a crash from then on leaves it "unconfirmed", never resent. Only one message is
between that commit and Telegram's answer at a time (the `wire` lock), so a crash can
lose at most the one message whose request had not left yet. The "sent" results of the
messages before it ride in the same commit as the next "sending" mark, so recording costs
no extra round trip; `flush()` writes what is left at the end of a batch.

Each run claims with its own token: a run that lost the dispatch lock (its claims were
taken over by the replica that now dispatches) finds its mark refused and sends nothing.
"""

from __future__ import annotations

import asyncio

from bot.db.delivery_queries import SentRecord, mark_sending, mark_sent
from bot.db.engine import SessionFactory


class ClaimLostError(Exception):
    """The delivery is no longer claimed by this run: another dispatcher has it."""


class WireLedger:
    """The "sending" and "sent" bookkeeping of one dispatcher run."""

    def __init__(self, sessions: SessionFactory, token: str) -> None:
        self._sessions = sessions
        self.token = token
        self.wire = asyncio.Lock()  # held from the "sending" commit to Telegram's answer
        self._sent: list[SentRecord] = []

    async def going(self, delivery_id: int) -> None:
        """Commit "sending" for this delivery (and "sent" for the ones before it); raise
        ClaimLostError when its claim is not this run's any more."""
        sent, self._sent = self._sent, []
        async with self._sessions() as session:
            if sent:
                await mark_sent(session, sent)
            ours = await mark_sending(session, delivery_id, token=self.token)
            await session.commit()
        if not ours:
            raise ClaimLostError(delivery_id)

    def sent(self, record: SentRecord) -> None:
        """Telegram accepted it: written with the next mark or the next flush."""
        self._sent.append(record)

    async def flush(self) -> int:
        """Write the "sent" results not yet written; returns how many."""
        sent, self._sent = self._sent, []
        if sent:
            async with self._sessions() as session:
                await mark_sent(session, sent)
                await session.commit()
        return len(sent)
