"""Callback data: one small codec per button kind, built and read in one place.

Each codec is a frozen dataclass: `pack()` gives the bytes a button carries (checked against
Telegram's 64-byte limit), `unpack(data)` reads them back or returns None for anything
malformed or forged, and `pattern()` is the regex a CallbackQueryHandler routes on. The bytes
are exactly those the bot has always sent, so buttons on old messages keep working.
Anchor: aiogram's CallbackData.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass, fields
from datetime import date
from enum import Enum, StrEnum
from typing import Any, ClassVar, Self

from bot.domain.training import Effort

MAX_BYTES = 64  # Telegram refuses longer callback_data (engineering notes)


class CallbackData:
    """Base of the codecs: a prefix, then the fields in order, joined by the separator.

    Field types: int, str, date (ISO), a StrEnum, and `X | None` for trailing fields that may
    be left out. The last field takes the rest of the data, separators included.
    """

    PREFIX: ClassVar[str]
    SEPARATOR: ClassVar[str] = "|"
    EXACT: ClassVar[bool] = False  # route only well-formed data (otherwise: on the prefix)

    def pack(self) -> str:
        """The callback data for a button; ValueError past Telegram's 64 bytes."""
        parts = [self.PREFIX]
        for field in fields(self):  # type: ignore[arg-type]
            value = getattr(self, field.name)
            if value is None:
                break
            parts.append(_encode(value))
        data = self.SEPARATOR.join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def unpack(cls, data: str | None) -> Self | None:
        """The codec's values from a button's data; None when it is not well formed."""
        prefix = cls.PREFIX + cls.SEPARATOR
        if data is None or not data.startswith(prefix):
            return None
        specs = _specs(cls)
        raw = data[len(prefix) :].split(cls.SEPARATOR, len(specs) - 1) if specs else []
        if not specs and data[len(prefix) :]:
            return None
        required = sum(1 for _, _, optional in specs if not optional)
        if not required <= len(raw) <= len(specs):
            return None
        values: dict[str, Any] = {}
        for (name, kind, _), text in zip(specs, raw, strict=False):
            value = _decode(kind, text)
            if value is None:
                return None
            values[name] = value
        return cls(**values)

    @classmethod
    def pattern(cls) -> str:
        """The regex that routes this codec's buttons to its handler."""
        prefix = re.escape(cls.PREFIX + cls.SEPARATOR)
        if not cls.EXACT:
            return f"^{prefix}"
        parts = [_regex(kind) for _, kind, _ in _specs(cls)]
        return f"^{prefix}{re.escape(cls.SEPARATOR).join(parts)}$"


def any_of(*codecs: type[CallbackData]) -> str:
    """One pattern routing several codecs to one handler."""
    return "|".join(f"(?:{codec.pattern()})" for codec in codecs)


_SPECS: dict[type[CallbackData], tuple[tuple[str, Any, bool], ...]] = {}


def _specs(cls: type[CallbackData]) -> tuple[tuple[str, Any, bool], ...]:
    """(name, type, optional) of each field, from the dataclass's annotations (cached)."""
    if (known := _SPECS.get(cls)) is not None:
        return known
    hints = typing.get_type_hints(cls)
    specs = []
    for field in fields(cls):  # type: ignore[arg-type]
        kind = hints[field.name]
        args = typing.get_args(kind)
        optional = type(None) in args
        if optional:
            (kind,) = [a for a in args if a is not type(None)]
        specs.append((field.name, kind, optional))
    _SPECS[cls] = tuple(specs)
    return _SPECS[cls]


def _encode(value: object) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _decode(kind: Any, text: str) -> object | None:
    if kind is int:
        return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None
    if kind is str:
        return text if text else None
    if kind is date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        return kind._value2member_map_.get(text)
    raise TypeError(f"unsupported callback field type {kind!r}")


def _regex(kind: Any) -> str:
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        return "(?:" + "|".join(re.escape(str(m.value)) for m in kind) + ")"
    return r"\d+" if kind is int else ".+"


# --- onboarding, profile and settings -----------------------------------------------------


class ConsentAnswer(StrEnum):
    YES = "yes"
    NO = "no"


@dataclass(frozen=True)
class Consent(CallbackData):
    """'consent|yes' / 'consent|no' under the welcome."""

    PREFIX = "consent"
    EXACT = True
    answer: ConsentAnswer


@dataclass(frozen=True)
class QuestionAnswer(CallbackData):
    """'q|<question>|<payload>': a button answering a profile question."""

    PREFIX = "q"
    question: str
    payload: str


@dataclass(frozen=True)
class SettingsPick(CallbackData):
    """'s|<question>': /settings' button to change one answer."""

    PREFIX = "s"
    question: str


class ClearedChoice(StrEnum):
    ASK = "ask"  # the button under the cleared path's note
    YES = "yes"
    NOT_YET = "no"


@dataclass(frozen=True)
class ClearedStep(CallbackData):
    """'clr|<ask|yes|no>': a clinician has cleared him (asked, then confirmed)."""

    PREFIX = "clr"
    EXACT = True
    choice: ClearedChoice


class ScreenTapAction(StrEnum):
    NONE = "none"  # none of these, in one tap
    PICK = "pick"  # one or more apply: ask the screen with its ticks


@dataclass(frozen=True)
class ScreenTap(CallbackData):
    """'scr|<delivery>|<none|pick>': the safety screen's answers on a training prompt."""

    PREFIX = "scr"
    EXACT = True
    delivery_id: int
    action: ScreenTapAction


class CheckAnswerChoice(StrEnum):
    BETTER = "better"
    CHECKED = "checked"
    STILL_BAD = "still_bad"


@dataclass(frozen=True)
class RedFlagCheckTap(CallbackData):
    """'rfc|<delivery>|<better|checked|still_bad>': how he is after a red flag."""

    PREFIX = "rfc"
    EXACT = True
    delivery_id: int
    answer: CheckAnswerChoice


# --- the daily loop ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingOutcome(CallbackData):
    """'tr|<delivery>|<done|partly|skipped>' under a training prompt or its follow-up."""

    PREFIX = "tr"
    delivery_id: int
    outcome: str


@dataclass(frozen=True)
class TrainingEffort(CallbackData):
    """'te|<delivery>|<easy|right|hard>': how the session felt (sets the next loads)."""

    PREFIX = "te"
    EXACT = True
    delivery_id: int
    effort: Effort


@dataclass(frozen=True)
class LogAsPrescribed(CallbackData):
    """'tl|<delivery>|<lift>': log that lift exactly as prescribed."""

    PREFIX = "tl"
    delivery_id: int
    lift: str


@dataclass(frozen=True)
class GuidedLog(CallbackData):
    """'lg|<delivery>|<lift>[|<sets>x<reps>[|<load tenths>]]': a step of guided logging."""

    PREFIX = "lg"
    delivery_id: int
    lift: str
    prescription: str | None = None
    tenths: int | None = None


@dataclass(frozen=True)
class GuidedLogConfirm(CallbackData):
    """'lk|<delivery>|<lift>|<sets>x<reps>|<load tenths>': ✅ store the guided log."""

    PREFIX = "lk"
    delivery_id: int
    lift: str
    prescription: str
    tenths: int


@dataclass(frozen=True)
class GuidedSets(CallbackData):
    """'gs|<delivery>|<lift>|<state>': a step of set-by-set logging; state is 'new' (start
    from the plan) or the stepper's text (bot.domain.training.guided.SetStepper)."""

    PREFIX = "gs"
    delivery_id: int
    lift: str
    state: str


@dataclass(frozen=True)
class GuidedSetsSave(CallbackData):
    """'gv|<delivery>|<lift>|<state>': ✅ store the sets of a set-by-set log once."""

    PREFIX = "gv"
    delivery_id: int
    lift: str
    state: str


@dataclass(frozen=True)
class CheckinTap(CallbackData):
    """'nc|<delivery>|<step>|<option>': one tap of the evening check-in."""

    PREFIX = "nc"
    delivery_id: int
    step: int
    option: str


class Shortcut(StrEnum):
    USUAL = "usual"  # ✅ Took my usual
    SAME = "same"  # Same as yesterday
    SAVE = "save"  # Save as my usual (under the summary)


@dataclass(frozen=True)
class CheckinShortcut(CallbackData):
    """'ns|<delivery>|<usual|same|save>': a one-tap shortcut on the evening check-in."""

    PREFIX = "ns"
    delivery_id: int
    choice: Shortcut


class MergeChoice(StrEnum):
    REPLACE = "r"  # the typed amount replaces today's tapped bands for that nutrient
    ADD = "a"  # the typed amount is added to them


@dataclass(frozen=True)
class LogMerge(CallbackData):
    """'lm|<message>|<nutrient>|<tenths>|<r|a>': replace or add a typed amount after taps
    (the amount in tenths of the canonical unit; the message id keeps it stored once)."""

    PREFIX = "lm"
    message_id: int
    nutrient: str
    tenths: int
    choice: MergeChoice


@dataclass(frozen=True)
class WeekChart(CallbackData):
    """'wk:<summary day>': draw that week's chart."""

    PREFIX = "wk"
    SEPARATOR = ":"
    day: date


# --- labs ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabAction(CallbackData):
    """'lb|<lab>|<action>': Booked / a week / Already done / Not for me."""

    PREFIX = "lb"
    lab: str
    action: str


@dataclass(frozen=True)
class LabBookedIn(CallbackData):
    """'lbd|<lab>|<days>': the booking is in that many days."""

    PREFIX = "lbd"
    lab: str
    days: int


@dataclass(frozen=True)
class LabSources(CallbackData):
    """'lbs|<lab>|<day>': the sources behind the reading of his result of that day."""

    PREFIX = "lbs"
    lab: str
    day: date


# --- lessons ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Why(CallbackData):
    """'why|<lesson>': the bite behind a prompt."""

    PREFIX = "why"
    lesson: str


@dataclass(frozen=True)
class TellMeMore(CallbackData):
    """'more|<lesson>': the next level on the topic."""

    PREFIX = "more"
    lesson: str


@dataclass(frozen=True)
class QuizMe(CallbackData):
    """'qz|<lesson>': ask the lesson's question."""

    PREFIX = "qz"
    lesson: str


@dataclass(frozen=True)
class LessonTopic(CallbackData):
    """'lt|<topic>': a topic from the /learn menu."""

    PREFIX = "lt"
    topic: str


@dataclass(frozen=True)
class QuizAnswer(CallbackData):
    """'qa|<lesson>|<option>': his answer to a quiz question."""

    PREFIX = "qa"
    lesson: str
    option: int


# --- privacy and operators --------------------------------------------------------------------


class DeleteStep(StrEnum):
    ASK = "ask"


@dataclass(frozen=True)
class DeleteData(CallbackData):
    """'del|ask': the first of the two steps of /delete."""

    PREFIX = "del"
    EXACT = True
    step: DeleteStep = DeleteStep.ASK


@dataclass(frozen=True)
class BroadcastChoice(CallbackData):
    """'bcast|<broadcast>|<go|no>': an operator confirms or cancels a broadcast."""

    PREFIX = "bcast"
    broadcast_id: int
    choice: str


ALL_CODECS: tuple[type[CallbackData], ...] = (
    Consent,
    QuestionAnswer,
    SettingsPick,
    ClearedStep,
    ScreenTap,
    RedFlagCheckTap,
    TrainingOutcome,
    LogAsPrescribed,
    GuidedLog,
    GuidedLogConfirm,
    GuidedSets,
    GuidedSetsSave,
    CheckinTap,
    WeekChart,
    LabAction,
    LabBookedIn,
    Why,
    TellMeMore,
    QuizMe,
    LessonTopic,
    QuizAnswer,
    DeleteData,
    BroadcastChoice,
)
