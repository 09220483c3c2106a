"""The installed wheel is the product: built from the checkout, installed outside it, run from
an empty folder with the same pip commands the Dockerfile runs."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
PIP_TIMEOUT = 900  # a fresh machine downloads the locked requirements once


def dockerfile_pip_commands() -> tuple[str, str]:
    """The Dockerfile's two pip steps: build the wheel, then install it with the lock."""
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    runs = [m.group(1).split("&&")[0].strip() for m in re.finditer(r"^RUN (.*)$", text, re.M)]
    build = next(r for r in runs if r.startswith("pip wheel "))
    install = next(r for r in runs if r.startswith("pip install "))
    return build, install


@dataclass(frozen=True)
class Installed:
    """A virtual environment outside the checkout holding the installed wheel."""

    venv: Path
    wheel: Path
    empty: Path  # an empty working folder, far from the checkout

    def run(
        self, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run the installed `bonecoach` with a clean environment in the empty folder."""
        keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
        clean = {k: v for k, v in os.environ.items() if k in keep}
        clean.update({"NO_PROXY": "127.0.0.1,localhost", **(env or {})})
        return subprocess.run(  # noqa: S603
            [str(self.venv / "bin" / "bonecoach"), *args],
            capture_output=True,
            text=True,
            env=clean,
            cwd=cwd or self.empty,
            timeout=180,
            check=False,
        )


def _sh(command: str, cwd: Path) -> None:
    result = subprocess.run(  # noqa: S602 (the Dockerfile's own command line, with its glob)
        command, shell=True, cwd=cwd, capture_output=True, text=True, timeout=PIP_TIMEOUT
    )
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the wheel as the Dockerfile does, install it into a new venv in a temp folder."""
    base = tmp_path_factory.mktemp("wheel")
    assert not base.is_relative_to(ROOT)
    wheels, venv, empty = base / "wheels", base / "venv", base / "empty"
    empty.mkdir()
    build, install = dockerfile_pip_commands()
    pip = f"{shlex.quote(sys.executable)} -m pip"
    _sh(build.replace("pip ", f"{pip} ", 1).replace("/wheels", str(wheels)), cwd=ROOT)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)  # noqa: S603
    venv_pip = shlex.quote(str(venv / "bin" / "pip"))
    install = install.replace("pip ", f"{venv_pip} ", 1).replace("/wheels", str(wheels))
    _sh(install, cwd=ROOT)  # where requirements.lock is, as in the image's /install
    (wheel,) = wheels.glob("bonecoach-*.whl")
    return Installed(venv=venv, wheel=wheel, empty=empty)


def test_wheel_holds_the_checkout(installed: Installed) -> None:
    """Every module of bot/ and handlers/, and content/ as bot/content/data, is in the wheel."""
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    code = {
        p.relative_to(ROOT).as_posix()
        for folder in ("bot", "handlers")
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and p.suffix in {".py", ".mako"} and "__pycache__" not in p.parts
    }
    content = {
        "bot/content/data/" + p.relative_to(ROOT / "content").as_posix()
        for p in (ROOT / "content").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert code - names == set()
    assert content - names == set()
    assert any(n.startswith("bot/content/data/lessons/") and n.endswith(".md") for n in names)


def test_the_installed_package_is_used_not_the_checkout(installed: Installed) -> None:
    """From the empty folder, `bot` and its content come from the venv's site-packages."""
    result = subprocess.run(  # noqa: S603
        [
            str(installed.venv / "bin" / "python"),
            "-c",
            "import bot, bot.content as c; print(bot.__file__); print(c.PACKAGED)",
        ],
        capture_output=True,
        text=True,
        cwd=installed.empty,
        env={"PATH": os.environ.get("PATH", "")},
        check=True,
    )
    for line in result.stdout.splitlines():
        assert Path(line).is_relative_to(installed.venv), line


def test_the_installed_red_flags_have_their_second_opinion(installed: Installed) -> None:
    """The packaged content loads the red-flag model, and it catches a report the rules miss."""
    script = (
        "from bot.content import load_content; from bot.domain.red_flags import detect; "
        "flags = load_content().red_flags; assert flags.second_opinion is not None; "
        "print(detect('been dizzy on and off for days, almost lost balance at the gym', flags))"
    )
    result = subprocess.run(  # noqa: S603
        [str(installed.venv / "bin" / "python"), "-c", script],
        capture_output=True,
        text=True,
        cwd=installed.empty,
        env={"PATH": os.environ.get("PATH", "")},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "prescriber_symptoms" in result.stdout


def test_content_check_passes_from_an_empty_folder(installed: Installed) -> None:
    """`bonecoach content check` finds and validates the packaged content anywhere."""
    result = installed.run("content", "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "content: OK"


def test_migrate_creates_a_sqlite_database(installed: Installed, tmp_path: Path) -> None:
    """`bonecoach migrate` applies the packaged migrations to a new SQLite file."""
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'db' / 'bonecoach.db'}"}
    first = installed.run("migrate", env=env)
    assert first.returncode == 0, first.stderr
    assert re.fullmatch(r"applied [1-9]\d* migration\(s\)", first.stdout.strip())
    assert installed.run("migrate", env=env).stdout.strip() == "database is up to date"


def test_migrate_creates_a_postgres_database(installed: Installed, fresh_postgres_url: str) -> None:
    """`bonecoach migrate` applies the packaged migrations to a new PostgreSQL database."""
    first = installed.run("migrate", env={"DATABASE_URL": fresh_postgres_url})
    assert first.returncode == 0, first.stderr
    assert re.fullmatch(r"applied [1-9]\d* migration\(s\)", first.stdout.strip())


def test_a_scripted_sandbox_session_welcomes_him(installed: Installed, tmp_path: Path) -> None:
    """`bonecoach sandbox --script` from an empty folder: /start, consent, one answer, quit."""
    folder = tmp_path / "chat"
    folder.mkdir()
    script = folder / "lines.txt"
    script.write_text("/start\n:1\n:1\n:quit\n", encoding="utf-8")
    result = installed.run("sandbox", "--script", str(script), cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "Welcome to BoneCoach" in result.stdout
    assert "You agreed on" in result.stdout
    assert "Time zone: Europe/London" in result.stdout
    assert "Step 2 of 9" in result.stdout
    log = (folder / "data" / "sandbox.log").read_text(encoding="utf-8")
    for output in (result.stdout, result.stderr, log):
        assert "Traceback" not in output
        assert "ERROR" not in output


def _operator_content(tmp_path: Path, installed: Installed) -> Path:
    """A copy of the packaged content in an operator's own folder."""
    python = str(installed.venv / "bin" / "python")
    source = subprocess.run(  # noqa: S603
        [python, "-c", "import bot.content as c; print(c.PACKAGED)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=installed.empty,
    ).stdout.strip()
    target = tmp_path / "my-content"
    subprocess.run(["cp", "-r", source, str(target)], check=True)  # noqa: S603, S607
    return target


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        ("missing", r"red_flags\.yaml: no such file"),
        ("not yaml", r"labs\.yaml is not valid YAML"),
        ("wrong field", r"nutrients\.yaml is invalid: nutrient 'calcium', field 'unit'"),
    ],
)
def test_a_broken_content_dir_stops_the_start_naming_the_file(
    installed: Installed, tmp_path: Path, breakage: str, expected: str
) -> None:
    """A missing or broken file in CONTENT_DIR stops `run` with one line naming file and problem."""
    folder = _operator_content(tmp_path, installed)
    if breakage == "missing":
        (folder / "red_flags.yaml").unlink()
    elif breakage == "not yaml":
        (folder / "labs.yaml").write_text("labs: [unclosed\n", encoding="utf-8")
    else:
        text = (folder / "nutrients.yaml").read_text(encoding="utf-8")
        (folder / "nutrients.yaml").write_text(text.replace("unit: mg", "unit: 7", 1))
    env = {
        "CONTENT_DIR": str(folder),
        "TELEGRAM_BOT_TOKEN": "123:not-a-real-token",
        "TELEGRAM_API_URL": "http://127.0.0.1:9",  # never reached: the start stops first
    }
    result = installed.run("run", env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert re.search(expected, lines[0]), lines[0]
    assert str(folder) in lines[0]


def test_an_operator_content_dir_is_used(installed: Installed, tmp_path: Path) -> None:
    """`content check` reads CONTENT_DIR when set, and says which problem a lesson has."""
    folder = _operator_content(tmp_path, installed)
    (folder / "lessons" / "extra.md").write_text("no front matter\n", encoding="utf-8")
    result = installed.run("content", "check", env={"CONTENT_DIR": str(folder)})
    assert result.returncode == 1
    assert "lessons/extra.md: must start with front matter" in result.stderr


def test_a_content_dir_that_is_not_a_folder_is_refused(installed: Installed) -> None:
    """CONTENT_DIR naming no folder is a bad setting, named as such."""
    result = installed.run("content", "check", env={"CONTENT_DIR": "/nowhere/at/all"})
    assert result.returncode == 2
    assert "Invalid setting CONTENT_DIR" in result.stderr
