"""Two replicas on one PostgreSQL database: the one that dispatches dies, the other takes over.

Both replicas run as webhook replicas (`bonecoach run --webhook`, own WEBHOOK_PORT, the same
WEBHOOK_SECRET, no WEBHOOK_URL so neither calls setWebhook). That is the only realistic way to
run two processes on one token: Telegram refuses getUpdates while a webhook is set and ends
one of two concurrent getUpdates polls with 409 Conflict (the emulator does the same), so
replicas sit behind a load balancer that Telegram's webhook posts to. Here the test plays the
load balancer and posts updates to each replica's /telegram itself.

Updates are answered by both replicas; scheduled prompts are sent by exactly one, the holder
of the PostgreSQL advisory lock (bot/scheduling/leader.py). When it dies its connection
closes, the lock is freed, and the other replica takes it on its next tick.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from fleet import (
    LEADER_LINE,
    advisory_lock_holders,
    bot_process,
    check_one_prompt_each,
    fast_commits,
    log_text,
    messages_per_chat,
    non_429,
    processes,
    seed_due_users,
    total_bot_messages,
    wait_all_final,
    wait_healthy,
    wait_until,
)
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.sandbox.bot_process import BotProcess
from bot.sandbox.emulator import BotApiEmulator, ChatEvent
from bot.scheduling.leader import LOCK_KEY
from bot.web.server import HEADER_NAME

TICK = 1.0
USERS = 1000
SECRET = "failover-Secret_1"
KILL_AFTER = 150  # prompts on the wire before the leader is killed

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Pair:
    """The emulator and two webhook replicas on one database."""

    emulator: BotApiEmulator
    replicas: dict[str, BotProcess]
    ports: dict[str, int]
    arrivals: list[float] = field(default_factory=list)  # epoch s of each bot message

    async def post_update(self, name: str, chat_id: int, text: str) -> None:
        """The user writes; the load balancer (this test) hands the update to one replica."""
        self.emulator.user_sends(chat_id, text)
        update = self.emulator.state.updates[-1]
        self.emulator.state.remove_update(update["update_id"])
        async with httpx.AsyncClient(trust_env=False, timeout=10) as client:
            response = await client.post(
                f"http://127.0.0.1:{self.ports[name]}/telegram",
                json=update,
                headers={HEADER_NAME: SECRET},
            )
        assert response.status_code == 200, response.text

    def leaders(self) -> list[str]:
        """Replicas whose log says they took the dispatch lock."""
        return [name for name, bot in self.replicas.items() if leader_since(bot) is not None]


def leader_since(bot: BotProcess) -> float | None:
    """When (epoch seconds, from its log) this replica last took the dispatch lock."""
    lines = [line for line in log_text(bot).splitlines() if LEADER_LINE in line]
    if not lines:
        return None
    stamp, millis = lines[-1][:23].split(",")
    return time.mktime(time.strptime(stamp, "%Y-%m-%d %H:%M:%S")) + int(millis) / 1000


@pytest.fixture
def send_rate() -> str:
    """The replicas' SEND_RATE_PER_SECOND (a test may parametrize it)."""
    return "500"


@pytest.fixture
async def pair(
    database_url: str, engine: AsyncEngine, tmp_path: Path, send_rate: str
) -> AsyncIterator[Pair]:
    """Two healthy webhook replicas ticking every second; SIGKILLed at the end."""
    async with fast_commits(engine), BotApiEmulator(global_rate=1000) as emulator:
        ports = {"a": free_port(), "b": free_port()}
        replicas = {
            name: bot_process(
                emulator,
                database_url,
                tmp_path / f"replica-{name}.log",
                webhook=True,
                WEBHOOK_PORT=str(port),
                WEBHOOK_SECRET=SECRET,
                WEBHOOK_LISTEN="127.0.0.1",
                SEND_RATE_PER_SECOND=send_rate,
            )
            for name, port in ports.items()
        }
        pair = Pair(emulator, replicas, ports)

        def on_event(event: ChatEvent) -> None:
            if event.kind == "bot_message":
                pair.arrivals.append(time.time())

        emulator.subscribe(on_event)
        async with processes(*replicas.values()):
            await asyncio.gather(*(bot.start() for bot in replicas.values()))
            await asyncio.gather(*(wait_healthy(replicas[n], ports[n]) for n in replicas))
            yield pair


async def test_killing_the_dispatching_replica_hands_over_within_two_ticks(
    pair: Pair, engine: AsyncEngine
) -> None:
    """SIGKILL the lock holder mid-fan-out: the other sends on within two ticks, once each."""
    emulator, replicas = pair.emulator, pair.replicas
    for number, name in enumerate(replicas):  # both answer updates while both run
        await pair.post_update(name, 90_000 + number, "/start")
    for number in range(len(replicas)):
        replies = await emulator.wait_for_bot_messages(90_000 + number, 1, timeout=15)
        assert "Welcome to BoneCoach" in (replies[0].plain_text or "")

    chats = await seed_due_users(engine, emulator, range(20_000, 20_000 + USERS))
    await emulator.wait_for(lambda: total_bot_messages(emulator) >= KILL_AFTER, timeout=30)
    assert len(pair.leaders()) == 1, f"dispatching replicas: {pair.leaders()}"
    assert await advisory_lock_holders(engine, LOCK_KEY) == 1
    leader = pair.leaders()[0]
    survivor = next(name for name in replicas if name != leader)

    killed_at = time.time()
    await replicas[leader].kill()
    sent_at_kill = total_bot_messages(emulator)
    assert sent_at_kill < USERS, "the fan-out was over before the kill"
    await wait_until(
        lambda: leader_since(replicas[survivor]) is not None,
        within=10 * TICK,
        message=lambda: f"{survivor} never took over:\n{replicas[survivor].log_tail()}",
    )
    took_lock_at = leader_since(replicas[survivor])
    assert took_lock_at is not None
    await emulator.wait_for(lambda: any(t >= took_lock_at for t in pair.arrivals), timeout=10)
    takeover = min(t for t in pair.arrivals if t >= took_lock_at) - killed_at
    # Requests the dead leader had on the wire may still land; nothing else may come.
    stragglers = [t for t in pair.arrivals if killed_at <= t < took_lock_at]
    print(
        f"killed {leader} after {sent_at_kill} prompts; {survivor} took the lock after "
        f"{took_lock_at - killed_at:.3f}s, first prompt after {takeover:.3f}s; "
        f"{len(stragglers)} of the dead one's requests landed after the kill"
    )
    assert takeover <= 2 * TICK, f"takeover took {takeover:.2f}s (tick {TICK}s)"
    late = [round(t - killed_at, 3) for t in stragglers if t - killed_at > 0.5]
    assert late == [], f"prompts long after the kill, before the takeover (s): {late}"

    await pair.post_update(survivor, 90_010, "/start")  # the survivor still answers
    await emulator.wait_for_bot_messages(90_010, 1, timeout=15)

    statuses = await wait_all_final(engine, replicas[survivor], USERS, within=60)
    assert await advisory_lock_holders(engine, LOCK_KEY) == 1
    assert await replicas[survivor].stop() == 0, replicas[survivor].log_tail()
    counts = messages_per_chat(emulator, chats)
    context = f"statuses {Counter(statuses.values())}, killed after {sent_at_kill}"
    lost, unconfirmed_delivered = check_one_prompt_each(counts, statuses, context)
    print(f"lost {len(lost)}, delivered but unconfirmed {len(unconfirmed_delivered)}")
    assert non_429(emulator) == [], f"Telegram would have rejected: {non_429(emulator)}"
    for name, bot in replicas.items():
        assert "Traceback" not in log_text(bot), f"{name}:\n{bot.log_tail(80)}"


@pytest.mark.parametrize("send_rate", ["100"])  # a run outlasts the takeover: 2 s per batch
async def test_lock_connection_lost_mid_fan_out_sends_nothing_twice(
    pair: Pair, engine: AsyncEngine
) -> None:
    """The dispatcher's lock connection dies mid-fan-out, its process lives: nobody gets two."""
    emulator, replicas = pair.emulator, pair.replicas
    users = 600
    chats = await seed_due_users(engine, emulator, range(21_000, 21_000 + users))
    await emulator.wait_for(lambda: total_bot_messages(emulator) >= 40, timeout=30)
    async with engine.begin() as connection:  # a network blip, a timeout, an operator...
        terminated = await connection.scalar(
            text(
                "SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l "
                "JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' "
                "AND l.granted AND d.datname = current_database() "
                "AND ((l.classid::bigint << 32) | l.objid::bigint) = :key"
            ),
            {"key": LOCK_KEY},
        )
    assert terminated == 1
    statuses = await wait_all_final(engine, replicas["a"], users, within=60)
    assert all(bot.running for bot in replicas.values())
    counts = messages_per_chat(emulator, chats)
    doubled = sum(n > 1 for n in counts.values())
    check_one_prompt_each(
        counts, statuses, f"{doubled} of {users} doubled; leaders: {pair.leaders()}"
    )
