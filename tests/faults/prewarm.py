"""`python -m prewarm run [--webhook]`: the real bot, with its imports done before it is needed.

Importing the bot takes over a second of each start (1.2 s here, 2.5 s before matplotlib
was loaded lazily), twenty times in the SIGKILL test. That test starts the next process while
the current one still runs; this module imports everything, waits until the file named by
FAULT_GO_FILE appears (and removes it), then runs `bonecoach` unchanged.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import bot.app  # noqa: F401 - the slow imports, done while waiting
from bot.cli import main


def wait_for_go() -> None:
    """Block until the test says go."""
    go = Path(os.environ["FAULT_GO_FILE"])
    while not go.exists():
        time.sleep(0.005)
    go.unlink()


if __name__ == "__main__":
    wait_for_go()
    raise SystemExit(main(sys.argv[1:]))
