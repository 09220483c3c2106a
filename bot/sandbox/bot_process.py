"""The real bot in its own process, pointed at an emulator: for fault tests and benchmarks.

`BotProcess` starts `python -m bot.cli run [--webhook]` with the settings given as
environment variables, can SIGKILL it at any moment (no clean-up runs, like a crash) or stop
it politely, and keeps its log in a file so a failing test can show what the bot said.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Mapping
from pathlib import Path


class BotProcess:
    """One `bonecoach run` process; start() may be called again after it has ended."""

    def __init__(
        self,
        *,
        api_url: str,
        token: str,
        database_url: str,
        log_path: Path,
        webhook: bool = False,
        env: Mapping[str, str] | None = None,
        module: str = "bot.cli",
    ) -> None:
        self._args = [sys.executable, "-m", module, "run", *(["--webhook"] if webhook else [])]
        self._env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": token,
            "TELEGRAM_API_URL": api_url,
            "DATABASE_URL": database_url,
            "NO_PROXY": "127.0.0.1,localhost",
            "PTB_TIMEDELTA": "true",
            **(env or {}),
        }
        self.log_path = log_path
        self._process: asyncio.subprocess.Process | None = None
        self.starts = 0

    @property
    def pid(self) -> int | None:
        """The running process's id, or None."""
        return self._process.pid if self.running and self._process is not None else None

    @property
    def running(self) -> bool:
        """True while the process lives."""
        return self._process is not None and self._process.returncode is None

    async def start(self) -> None:
        """Start the bot (its output is appended to log_path)."""
        if self.running:
            raise RuntimeError("the bot process is already running")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self._process = await asyncio.create_subprocess_exec(
                *self._args,
                env=self._env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
            )
        self.starts += 1

    async def kill(self) -> None:
        """SIGKILL: the process dies at once, mid-whatever, as in a crash or an OOM kill."""
        await self._signal(signal.SIGKILL)

    async def stop(self, timeout: float = 15.0) -> int | None:  # noqa: ASYNC109
        """SIGTERM and wait for a clean exit (SIGKILL after timeout); returns the exit code."""
        await self._signal(signal.SIGTERM, timeout)
        return self._process.returncode if self._process is not None else None

    async def _signal(self, sig: signal.Signals, timeout: float = 15.0) -> None:  # noqa: ASYNC109
        process = self._process
        if process is None or process.returncode is not None:
            return
        process.send_signal(sig)
        try:
            await asyncio.wait_for(process.wait(), timeout)
        except TimeoutError:
            process.kill()
            await process.wait()

    def log_tail(self, lines: int = 40) -> str:
        """The last lines the bot wrote (for assertion messages)."""
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
