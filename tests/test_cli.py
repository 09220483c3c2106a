"""The `bonecoach` command as an operator meets it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def bonecoach(*args: str, env: dict[str, str] | None = None, stdin: str = "", cwd: Path = ROOT):
    """Run the CLI in a subprocess with a clean environment; return the completed process."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    clean.update({"NO_PROXY": "127.0.0.1,localhost", **(env or {})})
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=clean,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_run_without_a_token_says_how_to_set_it_and_how_to_try_the_sandbox(tmp_path: Path) -> None:
    """`bonecoach run` with no token exits 2 with one line naming the variable and the sandbox."""
    result = bonecoach("run", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "TELEGRAM_BOT_TOKEN" in lines[0]
    assert "sandbox" in lines[0]


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SCHEDULER_TICK_SECONDS", "often"),
        ("ADMIN_IDS", "alice,bob"),
        ("LOG_LEVEL", "LOUD"),
        ("DATABASE_URL", "mysql://x"),
        ("TELEGRAM_API_URL", "ftp://x"),
    ],
)
def test_a_bad_setting_fails_at_start_naming_it(tmp_path: Path, variable: str, value: str) -> None:
    """A bad value stops the start with a message that names the setting."""
    result = bonecoach("run", cwd=tmp_path, env={"PYTHONPATH": str(ROOT), variable: value})
    assert result.returncode == 2
    assert f"Invalid setting {variable}" in result.stderr


def test_migrate_applies_then_reports_up_to_date(tmp_path: Path) -> None:
    """`bonecoach migrate` creates the SQLite file's schema once, then has nothing to do."""
    env = {"PYTHONPATH": str(ROOT), "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/x/b.db"}
    first = bonecoach("migrate", cwd=tmp_path, env=env)
    assert first.returncode == 0, first.stderr
    assert re.search(r"applied [1-9]\d* migration\(s\)", first.stdout)
    second = bonecoach("migrate", cwd=tmp_path, env=env)
    assert "up to date" in second.stdout


def test_env_file_is_read(tmp_path: Path) -> None:
    """Settings come from a .env file in the working directory too."""
    (tmp_path / ".env").write_text("SCHEDULER_TICK_SECONDS=nope\n")
    result = bonecoach("run", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    assert "Invalid setting SCHEDULER_TICK_SECONDS" in result.stderr


def test_sandbox_runs_a_whole_onboarding_offline(tmp_path: Path) -> None:
    """`bonecoach sandbox` chats in the terminal: type, press numbered buttons, move the clock."""
    script = "\n".join(
        [
            "/start",
            ":1",  # I agree
            "Berlin",
            ":2",  # 07:00
            "8pm",
            "mon thu",
            "82kg",
            "52",
            ":3",  # No
            ":2",  # SI
            ":1",  # None of these (the safety screen)
            "/pause 1 day",
            ":wait 25h",
            ":quit",
        ]
    )
    result = bonecoach(
        "sandbox",
        "--database",
        str(tmp_path / "sandbox.db"),
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT)},
        stdin=script + "\n",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[1] ✅ I agree" in out
    assert "you pressed: 07:00" in out
    assert "You're all set!" in out
    assert "Training days: Mon, Thu" in out
    assert "pause is over" in out
    assert (tmp_path / "sandbox.db").exists()


def test_sandbox_wait_brings_the_days_prompts_at_their_times(tmp_path: Path) -> None:
    """`:wait 1d` ticks along the day, so the prompts go out instead of being skipped late."""
    answers = ["/start", "I agree", "Berlin", "07:30", "20:00", "every day", "82 kg", "52"]
    script = "\n".join([*answers, "no", "SI", "none", ":wait 1d", ":quit"])
    result = bonecoach(
        "sandbox",
        "--database",
        str(tmp_path / "sandbox.db"),
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT)},
        stdin=script + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert "You're all set!" in result.stdout
    assert "Evening check-in" in result.stdout


async def test_run_serves_telegram_through_the_configured_api_url(tmp_path: Path) -> None:
    """`bonecoach run` against TELEGRAM_API_URL answers /start, and stops cleanly on SIGINT."""
    import asyncio
    import signal

    from bot.sandbox.emulator import BotApiEmulator

    async with BotApiEmulator() as emulator:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
        env.update(
            PYTHONPATH=str(ROOT),
            NO_PROXY="127.0.0.1,localhost",
            TELEGRAM_BOT_TOKEN=emulator.token,
            TELEGRAM_API_URL=emulator.base_url,
            DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/bot.db",
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await emulator.wait_for(lambda: bool(emulator.commands), timeout=30)
            emulator.user_sends(42, "/start")
            replies = await emulator.wait_for_bot_messages(42, 1, timeout=15)
            assert "Welcome to BoneCoach" in (replies[0].plain_text or "")
        finally:
            process.send_signal(signal.SIGINT)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
        assert process.returncode == 0, stderr.decode()
        assert emulator.token not in stderr.decode()
