"""Runtime settings, read from the environment and an optional `.env` file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_API_URL = "https://api.telegram.org"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/bonecoach.db"

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class Settings(BaseSettings):
    """Everything an operator can configure; each field maps to one environment variable."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = DEFAULT_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    log_level: LogLevel = "INFO"
    scheduler_tick_seconds: float = Field(default=30.0, ge=1.0, le=3600.0)
    catch_up_minutes: int = Field(default=180, ge=0, le=24 * 60)
    # Telegram allows about 30 messages a second in all; stay a little under it.
    send_rate_per_second: float = Field(default=28.0, gt=0.0, le=10_000.0)
    webhook_url: str | None = None  # public https URL Telegram posts updates to
    webhook_secret: SecretStr | None = None  # 1-256 of A-Z a-z 0-9 _ -
    webhook_listen: str = "0.0.0.0"  # noqa: S104 (a server in a container listens on all)
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    content_dir: Path | None = None  # an operator's own content folder; default: the packaged one

    @field_validator("content_dir")
    @classmethod
    def _check_content_dir(cls, value: Path | None) -> Path | None:
        """An operator's content folder must exist (its files are checked at start)."""
        if value is not None and not value.is_dir():
            raise ValueError(f"{value} is not a folder")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _check_secret(cls, value: SecretStr | None) -> SecretStr | None:
        """Telegram accepts 1-256 characters of A-Z, a-z, 0-9, _ and -."""
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: object) -> object:
        """Treat an empty TELEGRAM_BOT_TOKEN as not set."""
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _check_api_url(cls, value: str) -> str:
        """Accept only an http(s) base URL, without a trailing slash."""
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        """Accept the two async drivers we support."""
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_admin_ids(cls, value: object) -> object:
        """Read ADMIN_IDS as a comma- or space-separated list of Telegram user ids."""
        if isinstance(value, str):
            parts = [p for p in value.replace(",", " ").split() if p]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError:
                raise ValueError("must be Telegram user ids separated by commas") from None
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        """Let operators write the level in any case."""
        return value.upper() if isinstance(value, str) else value


class SettingsError(Exception):
    """A setting has a bad value; the message names the environment variable."""


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning validation errors into one message per bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            name = str(error["loc"][0]).upper() if error["loc"] else "settings"
            lines.append(f"Invalid setting {name}: {error['msg']}")
        raise SettingsError("\n".join(lines)) from None
