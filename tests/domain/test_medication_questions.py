"""Medication questions (bot/domain/medication): every change or dose question goes to the
prescriber; ordinary and learning questions stay with the coach (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.domain.medication import is_dose_question, is_medication_question

PHRASES = Path(__file__).resolve().parent / "phrases"
ASK = Path(__file__).resolve().parents[1] / "content" / "ask_questions.yaml"


def lines(name: str) -> list[str]:
    """The phrases of one file: one a line, without comments and blank lines."""
    text = (PHRASES / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


# The first sets were written with the detector; the *_blind ones after it, run once blind
# (35 of 40 routed, 0 of 40 ordinary; README "Safety routing: measured"), then its misses fixed.
MEDICATION = lines("medication_questions.txt") + lines("medication_questions_blind.txt")
ORDINARY = lines("medication_ordinary.txt") + lines("medication_ordinary_blind.txt")


def test_the_question_sets_are_big_and_distinct() -> None:
    """At least 60 medication questions and 60 ordinary ones, none twice, none in both."""
    assert len(lines("medication_questions.txt")) >= 60
    assert len(lines("medication_ordinary.txt")) >= 60
    assert len(set(MEDICATION)) == len(MEDICATION) >= 60
    assert len(set(ORDINARY)) == len(ORDINARY) >= 60
    assert not set(MEDICATION) & set(ORDINARY)


@pytest.mark.parametrize("text", MEDICATION)
def test_every_medication_question_goes_to_the_prescriber(text: str) -> None:
    """Stop, pause, switch, skip, come off, go without, drop, replace, every other day, less or
    more, a new bone drug, "is this dose ok": each one is a medication question."""
    assert is_medication_question(text)


def test_at_most_three_percent_of_ordinary_questions_go_to_the_prescriber() -> None:
    """Training, food, lab and learning questions stay with the coach (at most 3 %)."""
    sent = [text for text in ORDINARY if is_medication_question(text)]
    assert len(sent) / len(ORDINARY) <= 0.03, sent


@pytest.mark.parametrize(
    "text",
    [
        "why does anastrozole hurt bone?",
        "what does estradiol do?",
        "how does fosamax work?",
        "does lifting raise testosterone?",
        "should I skip squats today?",
        "switch my training days to mon wed fri",
        "do i need a dexa scan while on an AI",
    ],
)
def test_learning_and_training_questions_are_not_medication_questions(text: str) -> None:
    """What a medicine does, and changes to training, are not questions for the prescriber."""
    assert not is_medication_question(text)


def test_dose_questions_are_medication_questions() -> None:
    """Every dose question (how much, mg of, should I up my dose) is a medication question."""
    for text in ("how much anastrozole should I take", "mg of arimidex", "Should I up my dose?"):
        assert is_dose_question(text) and is_medication_question(text)


def test_questions_that_expect_a_lesson_are_not_medication_questions() -> None:
    """None of the questions that must find a lesson (tests/content) goes to the prescriber."""
    asked = [entry["question"] for entry in yaml.safe_load(ASK.read_text(encoding="utf-8"))]
    assert [text for text in asked if is_medication_question(text)] == []
