"""Bot-level methods: getMe, getUpdates, webhooks, commands, getFile."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

from bot.sandbox.emulator.core import Core, Handler
from bot.sandbox.emulator.models import ApiError, bad_request
from bot.sandbox.emulator.params import ApiCall, opt_bool, opt_float, opt_int, opt_str
from bot.sandbox.emulator.validation import validate_commands

MAX_POLL_TIMEOUT = 50.0
SUPERSEDED_GRACE = 0.05  # lets a cancelled client's disconnect arrive before we answer it
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


async def get_me(core: Core, call: ApiCall) -> Any:
    """getMe: the bot's User."""
    return core.state.bot_user


async def log_out(core: Core, call: ApiCall) -> Any:
    """logOut and close: accepted, nothing to do."""
    return True


def _allowed_updates(core: Core, call: ApiCall) -> None:
    value = call.params.get("allowed_updates")
    if value is None:
        return
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = None
    if not isinstance(value, list) or not all(isinstance(kind, str) for kind in value):
        raise bad_request("can't parse allowed updates JSON array")
    core.state.allowed_updates = list(value)


async def get_updates(core: Core, call: ApiCall) -> Any:
    """getUpdates with offset, limit, long-poll timeout and allowed_updates."""
    state = core.state
    if core.webhook.url:
        raise ApiError(409, WEBHOOK_CONFLICT)
    offset = opt_int(call, "offset") or 0
    limit = min(max(opt_int(call, "limit") or 100, 1), 100)
    timeout = min(max(opt_float(call, "timeout") or 0.0, 0.0), MAX_POLL_TIMEOUT)
    _allowed_updates(core, call)
    state.apply_offset(offset)
    state.poll_generation += 1
    generation = state.poll_generation
    state.touch()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        if state.updates:
            return state.updates[:limit]
        if state.closed:
            return []
        if generation != state.poll_generation:
            await asyncio.sleep(SUPERSEDED_GRACE)
            if call.client_gone() or state.closed:
                return []
            raise ApiError(409, POLL_CONFLICT)
        remaining = deadline - loop.time()
        if remaining <= 0:
            return []
        await state.changes.wait(remaining)


async def set_webhook(core: Core, call: ApiCall) -> Any:
    """setWebhook: an empty url removes the webhook. http:// is allowed for local tests."""
    url = opt_str(call, "url") or ""
    secret = opt_str(call, "secret_token")
    if secret is not None and not _SECRET_RE.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    if url and not url.startswith(("https://", "http://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    _allowed_updates(core, call)
    if opt_bool(call, "drop_pending_updates"):
        core.state.updates.clear()
    if url:
        await core.webhook.set(url, secret, opt_int(call, "max_connections") or 40)
    else:
        await core.webhook.delete()
    return True


async def delete_webhook(core: Core, call: ApiCall) -> Any:
    """deleteWebhook, optionally dropping pending updates."""
    if opt_bool(call, "drop_pending_updates"):
        core.state.updates.clear()
    await core.webhook.delete()
    return True


async def get_webhook_info(core: Core, call: ApiCall) -> Any:
    """getWebhookInfo."""
    return core.webhook.info()


def _commands_key(call: ApiCall) -> str:
    scope = call.params.get("scope")
    if isinstance(scope, str):
        try:
            scope = json.loads(scope)
        except ValueError:
            raise bad_request("can't parse BotCommandScope JSON object") from None
    if scope is not None and (not isinstance(scope, dict) or "type" not in scope):
        raise bad_request("can't parse BotCommandScope JSON object")
    language = opt_str(call, "language_code") or ""
    return json.dumps(scope or {"type": "default"}, sort_keys=True) + "|" + language


async def set_my_commands(core: Core, call: ApiCall) -> Any:
    """setMyCommands: validated, stored per scope and language."""
    commands = validate_commands(call.params.get("commands"))
    core.state.commands[_commands_key(call)] = commands
    core.state.last_commands = commands
    core.state.touch()
    return True


async def get_my_commands(core: Core, call: ApiCall) -> Any:
    """getMyCommands for a scope and language."""
    return core.state.commands.get(_commands_key(call), [])


async def delete_my_commands(core: Core, call: ApiCall) -> Any:
    """deleteMyCommands for a scope and language."""
    removed = core.state.commands.pop(_commands_key(call), None)
    if removed is not None and removed is core.state.last_commands:
        core.state.last_commands = []
    return True


async def get_file(core: Core, call: ApiCall) -> Any:
    """getFile: a file the bot sent, downloadable under /file/bot<token>/<file_path>."""
    stored = core.state.files.get(opt_str(call, "file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    info: dict[str, Any] = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
    if stored.content is not None:
        info["file_size"] = len(stored.content)
        info["file_path"] = stored.file_path
    return info


METHODS: dict[str, Handler] = {
    "getMe": get_me,
    "logOut": log_out,
    "close": log_out,
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "getFile": get_file,
}
