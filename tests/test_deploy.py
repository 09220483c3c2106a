"""What can be checked of the deployment without a Docker engine."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_compose_parses_with_postgres_migration_and_two_replicas() -> None:
    """compose.yaml is valid YAML with PostgreSQL, a migration step and two bot replicas."""
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"postgres", "migrate", "bot"} <= set(services)
    assert services["migrate"]["command"] == ["bonecoach", "migrate"]
    assert services["bot"]["command"] == ["bonecoach", "run", "--webhook"]
    assert services["bot"]["deploy"]["replicas"] == 2
    assert services["bot"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_image_runs_as_non_root_with_documented_commands() -> None:
    """The Dockerfile drops root, and every bonecoach command it runs is in the README."""
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert re.search(r"^USER bonecoach$", dockerfile, re.MULTILINE)
    assert "python:3.11-slim" in dockerfile
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile, re.MULTILINE)
    assert cmd is not None
    command = " ".join(yaml.safe_load(cmd.group(1)))
    assert command in README
    for service in yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"].values():
        if "command" in service:
            assert " ".join(service["command"]) in README


def test_systemd_unit_runs_the_documented_command() -> None:
    """The systemd unit starts `bonecoach run` from the project's venv."""
    unit = (DEPLOY / "bonecoach.service").read_text()
    exec_start = re.search(r"^ExecStart=(.*)$", unit, re.MULTILINE)
    assert exec_start is not None
    assert shlex.split(exec_start.group(1))[1:] == ["run"]


def test_env_example_names_every_setting() -> None:
    """.env.example lists every setting the bot reads."""
    from bot.settings import Settings

    example = (DEPLOY / ".env.example").read_text()
    for name in Settings.model_fields:
        assert name.upper() in example, name
