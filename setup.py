"""Packages of the wheel: our code as found, plus the top-level content/ as bot.content.data.

pyproject.toml holds everything else. Mapping a folder to a package inside another package
needs the package list spelled out; finding it here keeps a new package or content folder from
being forgotten. Data folders (content's subfolders, the migration versions) are listed as
packages too, which is how setuptools wants data that lives in folders.
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent


def data_packages(package: str, folder: str) -> list[str]:
    """`package` and one package per subfolder of `folder` (caches left out)."""
    subfolders = (p for p in sorted((HERE / folder).rglob("*")) if p.is_dir())
    return [
        package,
        *(
            ".".join([package, *p.relative_to(HERE / folder).parts])
            for p in subfolders
            if "__pycache__" not in p.parts
        ),
    ]


setup(
    packages=[
        *find_packages(include=["bot", "bot.*", "handlers", "handlers.*"]),
        "bot.db.migrations.versions",
        *data_packages("bot.content.data", "content"),
    ],
    package_dir={"bot.content.data": "content"},
)
