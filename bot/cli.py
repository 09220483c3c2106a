"""`bonecoach run | sandbox | migrate`: the operator's entry points."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from telegram import Update

from bot.settings import Settings, SettingsError, load_settings

MISSING_CREDENTIALS_HELP = (
    "TELEGRAM_BOT_TOKEN is not set: put it in .env or the environment (get one from "
    "@BotFather), or try BoneCoach offline first with `make sandbox` (`bonecoach sandbox`)."
)


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(2) from None


def _check_content(settings: Settings) -> None:
    """Load the content the bot will run on; a broken file stops here with one line each."""
    from bot.content import ContentError, content_root, load_content

    try:
        load_content(content_root(settings.content_dir))
    except ContentError as exc:
        for problem in exc.problems:
            print(f"Content error: {problem}", file=sys.stderr)
        raise SystemExit(2) from None


def cmd_run(args: argparse.Namespace) -> int:
    """Run the bot on Telegram (long polling, or --webhook); migrations are applied at start."""
    settings = _settings()
    if settings.telegram_bot_token is None:
        print(MISSING_CREDENTIALS_HELP, file=sys.stderr)
        return 2
    _check_content(settings)
    from bot.app import build_app
    from bot.logging_setup import configure_logging

    secrets = [settings.telegram_bot_token.get_secret_value()]
    if settings.webhook_secret is not None:
        secrets.append(settings.webhook_secret.get_secret_value())
    configure_logging(settings.log_level, secrets)
    if args.webhook:
        from bot.web.run_webhook import serve_webhook

        if settings.webhook_secret is None:
            print("WEBHOOK_SECRET must be set for --webhook.", file=sys.stderr)
            return 2
        asyncio.run(serve_webhook(settings))
        return 0
    build_app(settings).run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


def cmd_migrate(_: argparse.Namespace) -> int:
    """Apply pending database migrations and say which."""
    settings = _settings()
    from bot.db.engine import create_engine
    from bot.db.migrate import upgrade

    async def migrate() -> list[str]:
        engine = create_engine(settings.database_url)
        try:
            return await upgrade(engine)
        finally:
            await engine.dispose()

    applied = asyncio.run(migrate())
    print(f"applied {len(applied)} migration(s)" if applied else "database is up to date")
    return 0


def cmd_sandbox(args: argparse.Namespace) -> int:
    """Chat with the real bot in the terminal, against the local Bot API emulator."""
    settings = _settings()
    _check_content(settings)
    from bot.sandbox.terminal import run_sandbox

    return asyncio.run(
        run_sandbox(settings, database_path=args.database, fresh=args.fresh, script=args.script)
    )


def cmd_content_check(args: argparse.Namespace) -> int:
    """Validate every content file: schema, ids, lengths, HTML, topics, sections, copying."""
    from bot.content import content_root
    from bot.content.check import check_content

    root = content_root(_settings().content_dir)
    problems = check_content(root, shared_source=args.shared_source)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"content: {len(problems)} problem(s)" if problems else "content: OK")
    return 1 if problems else 0


def parser() -> argparse.ArgumentParser:
    """The command line."""
    root = argparse.ArgumentParser(prog="bonecoach", description="BoneCoach Telegram bot")
    commands = root.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the bot on Telegram")
    run.add_argument("--webhook", action="store_true", help="serve a webhook instead of polling")
    run.set_defaults(func=cmd_run)
    commands.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    content = commands.add_parser("content", help="content tools")
    content_commands = content.add_subparsers(dest="content_command", required=True)
    check = content_commands.add_parser("check", help="validate lessons and catalogs")
    check.add_argument(
        "--shared-source",
        type=Path,
        default=None,
        help="the original source document; the vendored copy must equal it",
    )
    check.set_defaults(func=cmd_content_check)
    sandbox = commands.add_parser("sandbox", help="try the bot offline in this terminal")
    sandbox.add_argument("--database", default="data/sandbox.db", help="SQLite file to use")
    sandbox.add_argument("--fresh", action="store_true", help="start with an empty database")
    sandbox.add_argument(
        "--script",
        type=argparse.FileType("r", encoding="utf-8"),
        default=None,
        help="read the typed lines from this file instead of the terminal",
    )
    sandbox.set_defaults(func=cmd_sandbox)
    return root


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `bonecoach` command."""
    args = parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
