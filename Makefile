# BoneCoach: `make run` starts the bot, `make test` runs the tests. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run sandbox migrate test lint check bench clean red-flag-model

$(STAMP): pyproject.toml setup.py requirements.lock requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)  ## start the bot on Telegram (needs TELEGRAM_BOT_TOKEN)
	$(BIN)/bonecoach run

sandbox: $(STAMP)  ## chat with the bot offline, in this terminal
	$(BIN)/bonecoach sandbox

migrate: $(STAMP)  ## apply database migrations
	$(BIN)/bonecoach migrate

lint: $(STAMP)  ## ruff, mypy --strict and the import contracts (lint-imports)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict bot handlers
	$(BIN)/lint-imports

test: $(STAMP)  ## the whole test suite (PostgreSQL tests skip locally if no server)
	$(BIN)/pytest

check: lint test

red-flag-model: $(STAMP)  ## retrain the red-flag second opinion from tests/domain/phrases
	$(BIN)/python -m bot.content.red_flag_training tests/domain/phrases content/red_flags.yaml content/red_flags_model.json

bench: $(STAMP)  ## the four benchmarks (PostgreSQL on 127.0.0.1); results in bench/RESULTS.md
	$(BIN)/python bench/checkin_throughput.py
	$(BIN)/python bench/fanout.py
	$(BIN)/python bench/tick_scale.py --users 100000 1000000
	$(BIN)/python bench/memory.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
