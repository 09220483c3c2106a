"""Reading a Bot API request: form, multipart or JSON fields, and typed access to them."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.sandbox.emulator.models import ApiError, bad_request

# Fields that are plain strings: never JSON-decoded ("123" stays the text "123").
RAW_STRING_FIELDS = frozenset(
    {
        *("text", "caption", "parse_mode", "callback_query_id", "url", "secret_token"),
        *("action", "language_code", "photo", "document", "file_id", "inline_message_id"),
        *("business_connection_id", "message_effect_id", "ip_address", "emoji", "title"),
        *("description", "short_description", "name", "query", "certificate", "thumbnail"),
    }
)


@dataclass
class UploadedFile:
    """A file part of a multipart request."""

    file_name: str | None
    content: bytes
    content_type: str | None


@dataclass
class ApiCall:
    """One Bot API request: the method as called, decoded parameters, uploaded files."""

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile] = field(default_factory=dict)
    client_gone: Callable[[], bool] = lambda: False


def decode_field(name: str, value: str) -> Any:
    """A form field: JSON text unless it is one of the plain string fields."""
    if name in RAW_STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


async def read_call(request: web.Request, method: str) -> ApiCall:
    """Parse query string and body the way the Bot API accepts them."""
    params: dict[str, Any] = {k: decode_field(k, v) for k, v in request.query.items()}
    files: dict[str, UploadedFile] = {}
    if request.content_type == "application/json" and request.can_read_body:
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("can't parse JSON object") from None
        if not isinstance(body, dict):
            raise bad_request("can't parse JSON object")
        params.update(body)
    elif request.can_read_body:
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                content = value.file.read()
                files[name] = UploadedFile(value.filename, content, value.content_type)
            elif isinstance(value, str):
                params[name] = decode_field(name, value)
            else:
                params[name] = decode_field(name, bytes(value).decode("utf-8", "replace"))

    def client_gone() -> bool:
        transport = request.transport
        return transport is None or transport.is_closing()

    return ApiCall(method, params, files, client_gone)


def opt_int(call: ApiCall, name: str) -> int | None:
    """An optional integer parameter; 400 when it is not an integer."""
    value = call.params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise bad_request(f'parameter "{name}" must be an integer')
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            pass
    raise bad_request(f'parameter "{name}" must be an integer')


def req_int(call: ApiCall, name: str, missing: str) -> int:
    """A required integer parameter; 400 with the text missing when absent."""
    value = opt_int(call, name)
    if value is None:
        raise bad_request(missing)
    return value


def opt_float(call: ApiCall, name: str) -> float | None:
    """An optional number parameter."""
    value = call.params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        raise bad_request(f'parameter "{name}" must be a number') from None


def opt_str(call: ApiCall, name: str) -> str | None:
    """An optional string parameter (numbers sent as JSON are turned back into text)."""
    value = call.params.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    raise bad_request(f'parameter "{name}" must be a string')


def opt_bool(call: ApiCall, name: str) -> bool:
    """An optional boolean parameter (absent means False)."""
    value = call.params.get(name)
    if isinstance(value, str):
        return value.lower() in {"true", "1"}
    return bool(value)


def chat_id_param(call: ApiCall) -> int:
    """The chat_id parameter: an integer, or "chat not found" for anything else."""
    value = call.params.get("chat_id")
    if value is None or value == "":
        raise bad_request("chat_id is empty")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            pass
    raise ApiError(400, "Bad Request: chat not found")
