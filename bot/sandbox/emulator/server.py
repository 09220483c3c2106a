"""The HTTP side: /bot<token>/<method> and /file/bot<token>/<path> on aiohttp."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from bot.sandbox.emulator import methods_bot, methods_edit, methods_send
from bot.sandbox.emulator.core import Core, Handler
from bot.sandbox.emulator.models import ApiError, RejectedCall
from bot.sandbox.emulator.params import ApiCall, read_call

_log = logging.getLogger(__name__)
MAX_REQUEST_BYTES = 60 * 1024 * 1024
METHODS: dict[str, Handler] = {
    **methods_bot.METHODS,
    **methods_send.METHODS,
    **methods_edit.METHODS,
}
_BY_LOWER_NAME: dict[str, tuple[str, Handler]] = {
    name.lower(): (name, handler) for name, handler in METHODS.items()
}
_CORE_KEY = web.AppKey("core", Core)


def _error(
    core: Core, method: str, exc: ApiError, params: dict[str, Any] | None = None
) -> web.Response:
    """An error answer, recorded in core.state.rejected."""
    core.state.reject(RejectedCall(method, exc.error_code, exc.description, dict(params or {})))
    body: dict[str, Any] = {
        "ok": False,
        "error_code": exc.error_code,
        "description": exc.description,
    }
    if exc.retry_after is not None:
        body["parameters"] = {"retry_after": exc.retry_after}
    return web.json_response(body, status=exc.error_code)


async def _api(request: web.Request) -> web.StreamResponse:
    core = request.app[_CORE_KEY]
    token, method = request.match_info["token"], request.match_info["method"]
    if token != core.state.token:
        return _error(core, method, ApiError(401, "Unauthorized"))
    entry = _BY_LOWER_NAME.get(method.lower())
    if entry is None:
        core.state.call_counts[method] += 1
        return _error(core, method, ApiError(404, "Not Found"))
    name, handler = entry
    core.state.call_counts[name] += 1
    call = ApiCall(name, {})
    try:
        call = await read_call(request, name)
        result = await handler(core, call)
    except ApiError as exc:
        return _error(core, name, exc, call.params)
    except Exception as exc:  # a bug in the emulator: answer like a server error, loudly
        _log.exception("emulator failed on %s", name)
        return _error(core, name, ApiError(500, f"Internal Server Error: {exc!r}"), call.params)
    return web.json_response({"ok": True, "result": result})


async def _file(request: web.Request) -> web.StreamResponse:
    core = request.app[_CORE_KEY]
    if request.match_info["token"] != core.state.token:
        return web.json_response(
            {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
        )
    path = request.match_info["path"]
    for stored in core.state.files.values():
        if stored.file_path == path and stored.content is not None:
            return web.Response(body=stored.content)
    return web.json_response(
        {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
    )


async def _not_found(request: web.Request) -> web.StreamResponse:
    return web.json_response(
        {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
    )


def build_app(core: Core) -> web.Application:
    """The aiohttp application serving the Bot API for core."""
    app = web.Application(client_max_size=MAX_REQUEST_BYTES)
    app[_CORE_KEY] = core
    app.router.add_route("*", "/bot{token}/{method}", _api)
    app.router.add_get("/file/bot{token}/{path:.+}", _file)
    app.router.add_route("*", "/{tail:.*}", _not_found)
    return app
