"""Callback-data codecs: the bytes buttons carry, read back, and refused when malformed."""

from __future__ import annotations

import re
from datetime import date

import pytest

from handlers.callbacks import (
    ALL_CODECS,
    BroadcastChoice,
    CallbackData,
    CheckAnswerChoice,
    CheckinTap,
    ClearedChoice,
    ClearedStep,
    Consent,
    ConsentAnswer,
    DeleteData,
    GuidedLog,
    GuidedLogConfirm,
    GuidedSets,
    GuidedSetsSave,
    LabAction,
    LabBookedIn,
    LessonTopic,
    LogAsPrescribed,
    QuestionAnswer,
    QuizAnswer,
    QuizMe,
    RedFlagCheckTap,
    ScreenTap,
    ScreenTapAction,
    SettingsPick,
    TellMeMore,
    TrainingOutcome,
    WeekChart,
    Why,
    any_of,
)

# The exact bytes earlier versions of the bot put on buttons: old messages must keep working.
KNOWN: list[tuple[CallbackData, str]] = [
    (Consent(ConsentAnswer.YES), "consent|yes"),
    (Consent(ConsentAnswer.NO), "consent|no"),
    (QuestionAnswer("days", "t21.3"), "q|days|t21.3"),
    (QuestionAnswer("tz", "Europe/Berlin"), "q|tz|Europe/Berlin"),
    (SettingsPick("weight"), "s|weight"),
    (TrainingOutcome(12, "done"), "tr|12|done"),
    (LogAsPrescribed(12, "squat"), "tl|12|squat"),
    (GuidedLog(7, "deadlift"), "lg|7|deadlift"),
    (GuidedLog(7, "deadlift", "5x5"), "lg|7|deadlift|5x5"),
    (GuidedLog(7, "deadlift", "5x5", 1000), "lg|7|deadlift|5x5|1000"),
    (GuidedLogConfirm(7, "squat", "3x8", 625), "lk|7|squat|3x8|625"),
    (GuidedSets(7, "squat", "new"), "gs|7|squat|new"),
    (GuidedSets(7, "squat", "k185185"), "gs|7|squat|k185185"),
    (GuidedSetsSave(7, "jumping_chin_up", "k005005"), "gv|7|jumping_chin_up|k005005"),
    (CheckinTap(40, 2, "hi"), "nc|40|2|hi"),
    (WeekChart(date(2026, 12, 6)), "wk:2026-12-06"),
    (LabAction("vitd", "booked"), "lb|vitd|booked"),
    (LabBookedIn("ctx", 14), "lbd|ctx|14"),
    (Why("bone-is-alive"), "why|bone-is-alive"),
    (TellMeMore("rankl-opg"), "more|rankl-opg"),
    (QuizMe("rankl-opg"), "qz|rankl-opg"),
    (LessonTopic("loading"), "lt|loading"),
    (QuizAnswer("rankl-opg", 2), "qa|rankl-opg|2"),
    (DeleteData(), "del|ask"),
    (BroadcastChoice(3, "go"), "bcast|3|go"),
    (ClearedStep(ClearedChoice.ASK), "clr|ask"),
    (ClearedStep(ClearedChoice.YES), "clr|yes"),
    (ClearedStep(ClearedChoice.NOT_YET), "clr|no"),
    (ScreenTap(31, ScreenTapAction.NONE), "scr|31|none"),
    (ScreenTap(31, ScreenTapAction.PICK), "scr|31|pick"),
    (RedFlagCheckTap(8, CheckAnswerChoice.STILL_BAD), "rfc|8|still_bad"),
    (QuestionAnswer("screen", "t5.1"), "q|screen|t5.1"),
]


@pytest.mark.parametrize(("codec", "data"), KNOWN, ids=[d for _, d in KNOWN])
def test_codecs_pack_the_bytes_buttons_always_carried(codec: CallbackData, data: str) -> None:
    """pack() gives the historical bytes, unpack() reads them back to equal values."""
    assert codec.pack() == data
    assert type(codec).unpack(data) == codec
    assert re.match(type(codec).pattern(), data)


def test_every_codec_is_covered_by_a_known_example() -> None:
    """Each codec has at least one byte-exact example above."""
    assert {type(codec) for codec, _ in KNOWN} == set(ALL_CODECS)


def test_prefixes_do_not_route_to_each_other() -> None:
    """No codec's pattern matches another codec's data (e.g. 'lb|' and 'lbd|')."""
    for codec, data in KNOWN:
        for other in ALL_CODECS:
            if other is not type(codec):
                assert not re.match(other.pattern(), data), (other.__name__, data)


@pytest.mark.parametrize(
    ("codec", "data"),
    [
        (TrainingOutcome, "tr|x|done"),
        (TrainingOutcome, "tr|12"),
        (TrainingOutcome, "tr|²|done"),
        (TrainingOutcome, "tr||done"),
        (CheckinTap, "nc|40|2"),
        (CheckinTap, "nc|40|-1|hi"),
        (GuidedLog, "lg|7"),
        (GuidedLog, "lg|7|squat|5x5|lots"),
        (GuidedLogConfirm, "lk|7|squat|5x5"),
        (WeekChart, "wk:2026-13-40"),
        (WeekChart, "wk|2026-12-06"),
        (Consent, "consent|maybe"),
        (DeleteData, "del|ask|now"),
        (QuizAnswer, "qa|lesson|one"),
        (LessonTopic, "lt|"),
        (ClearedStep, "clr|maybe"),
        (ScreenTap, "scr|31|all"),
        (RedFlagCheckTap, "rfc|x|better"),
        (BroadcastChoice, "bcast|3"),
        (Why, "tr|12|done"),
        (Why, None),
    ],
)
def test_malformed_or_foreign_data_unpacks_to_none(
    codec: type[CallbackData], data: str | None
) -> None:
    """Forged, truncated or foreign data is None: the handler then says the button is stale."""
    assert codec.unpack(data) is None


def test_exact_codecs_route_only_well_formed_data() -> None:
    """Consent and delete route only their exact data, as their handlers always did."""
    assert re.match(Consent.pattern(), "consent|yes")
    assert not re.match(Consent.pattern(), "consent|maybe")
    assert not re.match(DeleteData.pattern(), "del|ask|x")


def test_prefix_codecs_route_malformed_data_to_their_handler() -> None:
    """A malformed 'tr|…' still reaches the training handler, which answers it as stale."""
    assert re.match(TrainingOutcome.pattern(), "tr|x|done")


def test_data_over_64_bytes_is_refused_when_packed() -> None:
    """Telegram refuses callback_data over 64 bytes: packing such data raises first."""
    with pytest.raises(ValueError, match="64 bytes"):
        QuestionAnswer("tz", "America/Argentina/ComodRivadavia/" + "x" * 40).pack()


def test_the_last_field_keeps_separators() -> None:
    """A payload may itself contain the separator: it stays whole."""
    assert QuestionAnswer.unpack("q|tz|a|b") == QuestionAnswer("tz", "a|b")


def test_any_of_routes_each_of_its_codecs() -> None:
    """One handler for several codecs matches each of their data."""
    pattern = any_of(Why, TellMeMore, QuizMe, LessonTopic)
    for data in ("why|x", "more|x", "qz|x", "lt|loading"):
        assert re.match(pattern, data)
    assert not re.match(pattern, "qa|x|1")
