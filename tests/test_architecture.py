"""The house's import rules (pyproject.toml's import-linter contracts) cover the whole house."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]


def _contract(key: str) -> dict[str, object]:
    return next(c for c in CONFIG["importlinter"]["contracts"] if c["id"] == key)


def _modules(package: str) -> set[str]:
    """The modules and packages directly inside a package of ours."""
    folder = ROOT.joinpath(*package.split("."))
    return {
        f"{package}.{p.stem}" if p.is_file() else f"{package}.{p.name}"
        for p in folder.iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()
    }


def test_the_domain_contract_forbids_every_package_of_ours_outside_the_domain() -> None:
    """A new module under bot/ cannot slip past 'the domain imports nothing of ours'."""
    ours = _modules("bot")
    forbidden = set(_contract("domain-pure")["forbidden_modules"])  # type: ignore[arg-type]
    assert ours - {"bot.domain"} - forbidden == set()
    assert "handlers" in forbidden


def test_handlers_contract_forbids_the_database_layer() -> None:
    """Handlers may not import bot.db, sqlalchemy or sqlmodel."""
    contract = _contract("handlers-no-db")
    assert contract["source_modules"] == ["handlers"]
    assert set(contract["forbidden_modules"]) == {"bot.db", "sqlalchemy", "sqlmodel"}  # type: ignore[arg-type]


def test_the_emulator_contract_forbids_everything_of_the_bot_but_itself() -> None:
    """The emulator may import nothing of the bot: every other module of bot/ is forbidden."""
    forbidden = set(_contract("emulator-alone")["forbidden_modules"])  # type: ignore[arg-type]
    others = (_modules("bot") - {"bot.sandbox"}) | (
        _modules("bot.sandbox") - {"bot.sandbox.emulator"}
    )
    assert others - forbidden == set()
