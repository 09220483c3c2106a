"""`bonecoach sandbox`: the real bot and the Bot API emulator, chatted with in the terminal."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from datetime import timedelta
from pathlib import Path
from typing import TextIO

from pydantic import SecretStr

from bot.app import BoneApp, build_app, start_polling, stop_polling
from bot.domain.profile import parse_duration
from bot.domain.text import InvalidAnswer
from bot.logging_setup import configure_logging
from bot.sandbox.emulator import BotApiEmulator, ChatEvent
from bot.sandbox.render import html_to_terminal, inline_buttons, render_buttons, reply_keyboard
from bot.scheduling.clock import ShiftedClock
from bot.settings import Settings

SANDBOX_CHAT_ID = 1001
BERLIN = (52.52, 13.405)
WAIT_STEP = timedelta(minutes=15)  # simulated time between ticks during :wait
BOT_EVENTS = frozenset({"bot_message", "bot_edit", "callback_answer"})
BANNER = """\
BoneCoach sandbox — the real bot, offline, against a local Telegram emulator.
Type as you would in Telegram (start with /start). Sandbox commands:
  :N              press button N of the last message with buttons
  :wait 1d        move the bot's clock forward (also 3h, 30m, 1w) and run the scheduler
  :location [lat lon]   share a location (default: Berlin)
  :clock          show the bot's clock      :help   this text      :quit   leave
"""


class TerminalChat:
    """Prints what the bot sends and turns typed lines into user actions."""

    def __init__(self, emulator: BotApiEmulator, app: BoneApp, clock: ShiftedClock) -> None:
        self._emulator = emulator
        self._app = app
        self._clock = clock
        self._buttons: list[tuple[int, list[tuple[str, str]]]] = []
        self._color = sys.stdout.isatty()
        self._activity = asyncio.Event()
        self._reacted = asyncio.Event()
        emulator.subscribe(self._show)

    def _show(self, event: ChatEvent) -> None:
        self._activity.set()
        if event.kind in BOT_EVENTS:
            self._reacted.set()
        message = event.message
        if event.kind == "callback_answer" and event.text:
            print(f"   (popup) {event.text}")
            return
        if message is None or event.kind not in ("bot_message", "bot_edit"):
            return
        label = "bot (edited)" if event.kind == "bot_edit" else "bot"
        body = message.text or message.caption or ""
        if message.file_path is not None:
            body += f"\n[{message.kind} saved to {message.file_path}]"
        print(f"\n{label}: {html_to_terminal(body, color=self._color)}")
        buttons = inline_buttons(message.reply_markup)
        if buttons:
            self._buttons = [(message.message_id, buttons)]
            print(render_buttons(buttons))
        elif self._buttons and self._buttons[0][0] == message.message_id:
            self._buttons = []  # its keyboard was taken away
        keyboard = reply_keyboard(message.reply_markup)
        if keyboard:
            print("   keyboard: " + " | ".join(keyboard) + "   (:location to share one)")

    async def _settle(self, *, expect_reply: bool = True) -> None:
        """Wait for the bot's first reaction, then until it has been quiet for a moment."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10
        if expect_reply:
            self._reacted.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._reacted.wait(), timeout=10)
        while loop.time() < deadline:
            self._activity.clear()
            try:
                await asyncio.wait_for(self._activity.wait(), timeout=0.4)
            except TimeoutError:
                return

    async def handle(self, line: str) -> bool:
        """Act on one typed line; False means quit."""
        line = line.strip()
        if not line:
            return True
        if line.startswith(":"):
            return await self._command(line[1:].strip())
        self._emulator.user_sends(SANDBOX_CHAT_ID, line)
        await self._settle()
        return True

    async def _command(self, command: str) -> bool:
        word, _, rest = command.partition(" ")
        if word in ("quit", "q", "exit"):
            return False
        acted = False
        if word.isdigit():
            acted = self._press(int(word))
        elif word == "wait":
            await self._wait(rest)
        elif word == "location":
            acted = self._location(rest)
        elif word == "clock":
            print(f"   bot clock: {self._clock.now():%Y-%m-%d %H:%M} UTC")
        else:
            print(BANNER)
        await self._settle(expect_reply=acted)
        return True

    def _press(self, number: int) -> bool:
        if not self._buttons:
            print("   No buttons to press.")
            return False
        message_id, buttons = self._buttons[0]
        if not 1 <= number <= len(buttons):
            print(f"   Pick a button from 1 to {len(buttons)}.")
            return False
        label, data = buttons[number - 1]
        print(f"you pressed: {label}")
        self._emulator.user_presses(SANDBOX_CHAT_ID, message_id, data)
        return True

    async def _wait(self, text: str) -> None:
        try:
            delta = parse_duration(text or "1d")
        except InvalidAnswer as exc:
            print(f"   {exc}")
            return
        # Tick along the way, as a running bot would: one jump over a day would find every
        # prompt hours late and skip it.
        while delta > timedelta(0):
            step = min(delta, WAIT_STEP)
            self._clock.advance(step)
            delta -= step
            await self._app.bot_data.ticker.tick()
        print(f"   bot clock is now {self._clock.now():%Y-%m-%d %H:%M} UTC")

    def _location(self, text: str) -> bool:
        try:
            lat, lon = (float(x) for x in text.replace(",", " ").split()) if text else BERLIN
        except ValueError:
            print("   Use :location 52.52 13.40 (latitude longitude).")
            return False
        print(f"you shared a location: {lat}, {lon}")
        self._emulator.user_shares_location(SANDBOX_CHAT_ID, lat, lon)
        return True


def _read_lines(
    source: TextIO, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[str | None]
) -> None:
    """Read lines in a daemon thread (input() would block the event loop and exit)."""
    for line in source:
        loop.call_soon_threadsafe(queue.put_nowait, line)
    loop.call_soon_threadsafe(queue.put_nowait, None)


def _prepare_database_file(path: Path, *, fresh: bool) -> Path:
    """Make the sandbox's folder; with `fresh`, delete its old SQLite files."""
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


async def run_sandbox(
    settings: Settings, *, database_path: str, fresh: bool, script: TextIO | None = None
) -> int:
    """Start the emulator and the bot, then chat until :quit or end of input.

    Lines come from `script` when given (a file of typed lines), else from standard input;
    when they do not come from a terminal, each is echoed after the prompt so the transcript
    reads like a chat.
    """
    source = script if script is not None else sys.stdin
    echo = not source.isatty()
    path = _prepare_database_file(Path(database_path), fresh=fresh)
    emulator = BotApiEmulator(files_dir=path.parent / "sandbox-files")
    await emulator.start()
    sandbox_settings = settings.model_copy(
        update={
            "telegram_bot_token": SecretStr(emulator.token),
            "telegram_api_url": emulator.base_url,
            "database_url": f"sqlite+aiosqlite:///{path}",
        }
    )
    log_file = (path.parent / "sandbox.log").open("a", encoding="utf-8")
    configure_logging("WARNING", [emulator.token], stream=log_file)
    clock = ShiftedClock(timedelta(0))
    app = build_app(sandbox_settings, clock=clock)
    await start_polling(app)
    print(BANNER)
    chat = TerminalChat(emulator, app, clock)
    queue: asyncio.Queue[str | None] = asyncio.Queue()
    threading.Thread(
        target=_read_lines, args=(source, asyncio.get_running_loop(), queue), daemon=True
    ).start()
    try:
        while True:
            print("> ", end="", flush=True)
            line = await queue.get()
            if echo and line is not None:
                print(line.rstrip("\n"))
            if line is None or not await chat.handle(line):
                break
    finally:
        await stop_polling(app)
        await emulator.stop()
        log_file.close()
    print("\nBye — your sandbox chat is kept in", path)
    return 0
