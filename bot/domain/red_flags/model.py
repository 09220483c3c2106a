"""The red-flag catalog (content/red_flags.yaml): strict pydantic models, checked and compiled."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, model_validator

from bot.domain.red_flags.second_opinion import NONE, SecondOpinion
from bot.domain.red_flags.text import Pattern, Spellings, clean_tokens, compile_phrase, respell

Severity = Literal["emergency", "urgent", "prompt"]
SEVERITY_RANK: Mapping[str, int] = {"emergency": 3, "urgent": 2, "prompt": 1}
Status = Literal["C", "S", "U"]
Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Phrases = list[Text]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, strict=True, extra="forbid")


class Concept(_Model):
    """Phrases for one idea ("a fall", "leg swelling"); `except` phrases cancel overlapping hits."""

    phrases: Phrases = Field(min_length=1)
    except_: Phrases = Field(default_factory=list, alias="except")
    negatable: bool = True  # false for plain places ("calf"): "no" never cancels them


class Rule(_Model):
    """Fires when every `all` entry ("a | b" = either concept) and `at_least` of `of` occur."""

    all: list[Text] = Field(default_factory=list)
    of: list[Name] = Field(default_factory=list)
    at_least: int = Field(default=0, ge=0)
    none: list[Name] = Field(default_factory=list)  # any of these in the same sentences vetoes
    window: int | None = Field(default=None, ge=1, le=60)  # words from first to last hit
    min_age: int | None = Field(default=None, ge=18, le=120)

    @model_validator(mode="after")
    def _shape(self) -> Self:
        if not self.all and not self.of:
            raise ValueError("a rule needs `all` or `of`")
        if self.of and not 1 <= self.at_least <= len(self.of):
            raise ValueError(f"`at_least` must be 1 to {len(self.of)} when `of` is given")
        if self.at_least and not self.of:
            raise ValueError("`at_least` needs `of`")
        return self

    def required(self) -> list[list[str]]:
        """`all` as lists of alternative concept names."""
        return [[name.strip() for name in entry.split("|")] for entry in self.all]


class Flag(_Model):
    key: Name
    severity: Severity
    message: Text
    source: Text
    status: Status
    rules: list[Rule] = Field(min_length=1)

    @property
    def min_age(self) -> int | None:
        """The youngest age at which any of its rules can fire (None: every age)."""
        ages = [rule.min_age for rule in self.rules]
        return None if None in ages else min(a for a in ages if a is not None)


class Negation(_Model):
    before: Phrases = Field(min_length=1)  # "no", "without" negate a hit up to `scope` words on
    after: Phrases = Field(default_factory=list)  # "pain free", "swelling is gone"
    pseudo: Phrases = Field(default_factory=list)  # "no idea", "not sure": not negations
    scope: int = Field(ge=1, le=10)
    after_scope: int = Field(default=2, ge=0, le=10)
    # "chest pain? nope": a sentence starting with one of these denies the question before it
    replies: Phrases = Field(default_factory=list)
    # "had chest pain yesterday ..., gone now": over, for every hit before it in the sentence
    resolved: Phrases = Field(default_factory=list)
    # "stopped, still there", "stopped working": a resolution followed or overlapped by one of
    # these is none
    unresolved: Phrases = Field(default_factory=list)


class Others(_Model):
    """Someone else's event ("my friend had a fracture"): a sentence naming another person and
    nothing of the user's own is not his report, unless he writes for someone ("wife here")."""

    people: Phrases = Field(min_length=1)  # "@person", "he", "she"
    own: Phrases = Field(min_length=1)  # "i", "me", "my"
    own_except: Phrases = Field(default_factory=list)  # "my friend", "a guy i know"
    proxy: Phrases = Field(default_factory=list)  # "husband here": he writes for the user
    current: Phrases = Field(default_factory=list)  # "suddenly", "right now": happening now


class Hypothetical(_Model):
    triggers: Phrases = Field(min_length=1)  # "what if", "signs of": the rest is not a report
    pseudo: Phrases = Field(default_factory=list)  # "not sure if", "even if"


class Questions(_Model):
    starters: list[Text] = Field(min_length=1)  # first words of a question asking for information
    self_markers: Phrases = Field(min_length=1)  # "i", "my": the question is about the user
    # "is a hot calf something to worry about? mine started yesterday": the next sentence
    # starting like this makes the question his own
    own_answers: Phrases = Field(default_factory=list)


class AgeSpec(_Model):
    phrases: Phrases = Field(min_length=1)  # each holds one number range: "i'm <18-120>"
    except_: Phrases = Field(default_factory=list, alias="except")


@dataclass(frozen=True)
class CompiledConcept:
    patterns: tuple[Pattern, ...]
    excepts: tuple[Pattern, ...]
    negatable: bool
    # Only ever vetoes a rule ("after squats"): "gone" or "stopped" after it speaks of a
    # symptom, never of the cause, so only a negation before it cancels it.
    vetoes_only: bool = False


@dataclass(frozen=True)
class Compiled:
    """The catalog's phrases parsed into patterns, ready for matching."""

    spellings: Spellings
    concepts: Mapping[str, CompiledConcept]
    negation_before: tuple[Pattern, ...]
    negation_after: tuple[Pattern, ...]
    negation_pseudo: tuple[Pattern, ...]
    hypothetical: tuple[Pattern, ...]
    hypothetical_pseudo: tuple[Pattern, ...]
    self_markers: tuple[Pattern, ...]
    question_starters: frozenset[str]
    terminators: frozenset[str]
    negation_scope: tuple[int, int]  # words before / after a hit a negation reaches
    age: CompiledConcept
    negation_replies: tuple[Pattern, ...] = ()
    resolved: tuple[Pattern, ...] = ()
    unresolved: tuple[Pattern, ...] = ()
    own_answers: tuple[Pattern, ...] = ()
    others_people: tuple[Pattern, ...] = ()
    others_own: tuple[Pattern, ...] = ()
    others_own_except: tuple[Pattern, ...] = ()
    others_proxy: tuple[Pattern, ...] = ()
    others_current: tuple[Pattern, ...] = ()
    vocabulary: frozenset[str] = frozenset()  # every word of every phrase
    targets: frozenset[str] = frozenset()  # words typos are mended to (text.mend_typos)


class RedFlagCatalog(_Model):
    version: Literal[1]
    window: int = Field(ge=1, le=60)
    terminators: list[Text] = Field(min_length=1)
    spellings: dict[Text, Text]
    words: dict[Name, list[Text]]
    negation: Negation
    hypothetical: Hypothetical
    questions: Questions
    age: AgeSpec
    keep: list[Text] = Field(default_factory=list)  # real words never mended into a symptom
    others: Others | None = None
    concepts: dict[Name, Concept]
    flags: list[Flag] = Field(min_length=1)
    _compiled: Compiled = PrivateAttr()
    _second_opinion: SecondOpinion | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _check_and_compile(self) -> Self:
        problems = _reference_problems(self)
        compiler = _Compiler(self.words, _spelling_map(self.spellings), problems)
        raising = _raising_concepts(self)
        concepts = {
            name: replace(
                compiler.concept(f"concept '{name}'", c.phrases, c.except_, c.negatable),
                vetoes_only=name not in raising,
            )
            for name, c in self.concepts.items()
        }
        neg, hyp = self.negation, self.hypothetical
        compiled = Compiled(
            spellings=compiler.spellings,
            concepts=concepts,
            negation_before=compiler.many("negation.before", neg.before),
            negation_after=compiler.many("negation.after", neg.after),
            negation_pseudo=compiler.many("negation.pseudo", neg.pseudo),
            hypothetical=compiler.many("hypothetical.triggers", hyp.triggers),
            hypothetical_pseudo=compiler.many("hypothetical.pseudo", hyp.pseudo),
            self_markers=compiler.many("questions.self_markers", self.questions.self_markers),
            question_starters=frozenset(
                compiler.words("questions.starters", self.questions.starters)
            ),
            terminators=frozenset(compiler.words("terminators", self.terminators)),
            negation_scope=(neg.scope, neg.after_scope),
            age=compiler.concept("age", self.age.phrases, self.age.except_, True),
            negation_replies=compiler.many("negation.replies", neg.replies),
            resolved=compiler.many("negation.resolved", neg.resolved),
            unresolved=compiler.many("negation.unresolved", neg.unresolved),
            own_answers=compiler.many("questions.own_answers", self.questions.own_answers),
        )
        if self.others is not None:
            others = self.others
            compiled = replace(
                compiled,
                others_people=compiler.many("others.people", others.people),
                others_own=compiler.many("others.own", others.own),
                others_own_except=compiler.many("others.own_except", others.own_except),
                others_proxy=compiler.many("others.proxy", others.proxy),
                others_current=compiler.many("others.current", others.current),
            )
        compiled = replace(
            compiled,
            vocabulary=_vocabulary(compiled, compiler.word_lists)
            | frozenset(w for word in self.keep for w in clean_tokens(word)),
            targets=_targets(compiled, raising),
        )
        problems += _age_problems(compiled.age)
        if problems:
            raise ValueError("; ".join(problems))
        self._compiled = compiled
        return self

    @property
    def compiled(self) -> Compiled:
        return self._compiled

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(flag.key for flag in self.flags)

    @property
    def second_opinion(self) -> SecondOpinion | None:
        return self._second_opinion

    def with_second_opinion(self, model: SecondOpinion) -> RedFlagCatalog:
        """This catalogue, asking `model` when its rules find nothing; the model may only
        name this catalogue's flags."""
        unknown = set(model.classes) - {*self.keys, NONE}
        if unknown:
            raise ValueError(f"the model names flags the catalogue lacks: {sorted(unknown)}")
        copy = self.model_copy()
        copy._compiled = self._compiled
        copy._second_opinion = model
        return copy


def _raising_concepts(catalog: RedFlagCatalog) -> set[str]:
    """Concepts that help a rule fire (in `all` or `of`), not only veto one."""
    rules = [rule for flag in catalog.flags for rule in flag.rules]
    return {n for rule in rules for n in [*(x for g in rule.required() for x in g), *rule.of]}


def _words(patterns: Sequence[Pattern]) -> set[str]:
    return {w for p in patterns for slot in p if slot is not None for w in slot.words}


def _targets(compiled: Compiled, raising: set[str]) -> frozenset[str]:
    """Words of 5+ letters of the concepts that raise flags, minus any veto concept's words."""
    concepts = compiled.concepts
    vetoes = _words([p for n, c in concepts.items() if n not in raising for p in c.patterns])
    words = _words([p for n, c in concepts.items() if n in raising for p in c.patterns])
    return frozenset(w for w in words - vetoes if w.isalpha() and len(w) >= 5)


def _vocabulary(compiled: Compiled, word_lists: Mapping[str, Sequence[str]]) -> frozenset[str]:
    """Every plain word the catalogue's phrases accept: these are never mended."""
    patterns = [p for c in compiled.concepts.values() for p in (*c.patterns, *c.excepts)]
    patterns += [*compiled.negation_before, *compiled.negation_after, *compiled.negation_pseudo]
    patterns += [*compiled.hypothetical, *compiled.hypothetical_pseudo, *compiled.resolved]
    patterns += [*compiled.unresolved, *compiled.own_answers]
    patterns += [*compiled.negation_replies, *compiled.self_markers, *compiled.age.patterns]
    patterns += [*compiled.age.excepts, *compiled.others_people, *compiled.others_own]
    patterns += [*compiled.others_own_except, *compiled.others_proxy, *compiled.others_current]
    words = _words(patterns)
    words |= {w for values in word_lists.values() for v in values for w in clean_tokens(v)}
    words |= set(compiled.question_starters) | set(compiled.terminators)
    return frozenset(w for w in words if w.isalpha())


def _spelling_map(spellings: Mapping[str, str]) -> dict[tuple[str, ...], tuple[str, ...]]:
    return {tuple(clean_tokens(k)): tuple(clean_tokens(v)) for k, v in spellings.items()}


def _reference_problems(catalog: RedFlagCatalog) -> list[str]:
    problems = []
    keys = [flag.key for flag in catalog.flags]
    problems += [
        f"flag key '{k}' is used twice" for k in sorted({k for k in keys if keys.count(k) > 1})
    ]
    used: set[str] = set()
    for flag in catalog.flags:
        for number, rule in enumerate(flag.rules, start=1):
            names = [n for group in rule.required() for n in group] + rule.of + rule.none
            used.update(names)
            problems += [
                f"flag '{flag.key}' rule {number}: unknown concept '{name}'"
                for name in names
                if name not in catalog.concepts
            ]
    unused = sorted(set(catalog.concepts) - used)
    problems += [f"concept '{name}' is not used by any rule" for name in unused]
    for key, value in catalog.spellings.items():
        if not clean_tokens(key) or not clean_tokens(value):
            problems.append(f"spellings: '{key}: {value}' needs words on both sides")
    return problems


def _age_problems(age: CompiledConcept) -> list[str]:
    return [
        "age: every phrase needs exactly one number range like <18-120>"
        for pattern in age.patterns
        if sum(1 for slot in pattern if slot is not None and slot.ranges) != 1
    ][:1]


class _Compiler:
    def __init__(
        self, words: Mapping[str, Sequence[str]], spellings: Spellings, problems: list[str]
    ) -> None:
        self.word_lists, self.spellings, self.problems = words, spellings, problems

    def many(self, where: str, phrases: Sequence[str]) -> tuple[Pattern, ...]:
        patterns = []
        for phrase in phrases:
            try:
                patterns.append(compile_phrase(phrase, self.word_lists, self.spellings))
            except ValueError as exc:
                self.problems.append(f"{where} phrase '{phrase}': {exc}")
        return tuple(patterns)

    def concept(
        self, where: str, phrases: Sequence[str], excepts: Sequence[str], negatable: bool
    ) -> CompiledConcept:
        return CompiledConcept(self.many(where, phrases), self.many(where, excepts), negatable)

    def words(self, where: str, raw: Sequence[str]) -> list[str]:
        cleaned = []
        for word in raw:
            tokens = respell(clean_tokens(word), self.spellings)
            if len(tokens) != 1:
                self.problems.append(f"{where}: '{word}' must be exactly one word")
            cleaned.extend(tokens[:1])
        return cleaned
