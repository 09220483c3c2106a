"""Concept hits in one message, minus the negated, hypothetical and information-question ones."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.domain.red_flags.model import Compiled, CompiledConcept
from bot.domain.red_flags.text import Message, Pattern, find_all

Span = tuple[int, int]  # word indexes [start, end)
FRAME_SCOPE = 1000  # a "what if" frame reaches to the end of its clause


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    sentence: int


def active_hits(message: Message, compiled: Compiled) -> dict[str, list[Hit]]:
    """Each concept's hits that report something (concept name -> hits in text order)."""
    return concept_hits(message, compiled)[0]


def concept_hits(
    message: Message, compiled: Compiled
) -> tuple[dict[str, list[Hit]], frozenset[str]]:
    """active_hits, and the names of the concepts found only in cancelled hits."""
    raw = {name: spans(message, c.patterns, c.excepts) for name, c in compiled.concepts.items()}
    context = _Context(message, compiled, [span for found in raw.values() for span in found])
    active: dict[str, list[Hit]] = {}
    for name, found in raw.items():
        concept = compiled.concepts[name]
        hits = [
            Hit(start, end, message.sentence_of[start])
            for start, end in found
            if not (concept.negatable and context.cancelled((start, end), concept.vetoes_only))
        ]
        if hits:
            active[name] = hits
    cancelled = frozenset(name for name, found in raw.items() if found and name not in active)
    return active, cancelled


def stated_age(message: Message, age: CompiledConcept) -> int | None:
    """The age the user states ("I'm 62", "58 years old"), if any."""
    for start, end in spans(message, age.patterns, age.excepts):
        for word in message.words[start:end]:
            if word.replace(".", "", 1).isdigit():
                return int(float(word))
    return None


def spans(
    message: Message, patterns: Iterable[Pattern], excepts: Sequence[Pattern] = ()
) -> list[Span]:
    """Where any pattern matches, dropping matches that overlap an `excepts` match."""
    found = {span for pattern in patterns for span in find_all(pattern, message)}
    vetoes = [span for pattern in excepts for span in find_all(pattern, message)]
    return _without(sorted(found), vetoes)


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _without(found: list[Span], vetoes: list[Span]) -> list[Span]:
    return [s for s in found if not any(_overlap(s, v) for v in vetoes)]


class _Context:
    """Negations, hypothetical frames and information questions found in one message."""

    def __init__(self, message: Message, compiled: Compiled, concept_spans: list[Span]) -> None:
        self.message, self.compiled, self.concept_spans = message, compiled, concept_spans
        neg_pseudo = spans(message, compiled.negation_pseudo)
        negations = spans(message, compiled.negation_before)
        unresolved = spans(message, compiled.unresolved)
        self.before = _without(negations, neg_pseudo)
        self.after = _without(spans(message, compiled.negation_after), neg_pseudo)
        hyp_pseudo = spans(message, compiled.hypothetical_pseudo)
        self.frames = _without(spans(message, compiled.hypothetical), hyp_pseudo)
        self.info_questions = self._information_questions()
        self.denied = self._denied_questions()
        self.others = self._about_others()
        self.resolved = [
            r
            for r in spans(message, compiled.resolved)
            if not self._undone(r, unresolved) and not any(t[1] == r[0] for t in negations)
        ]

    def cancelled(self, hit: Span, cause: bool = False) -> bool:
        """The hit is negated, hypothetical, denied, over, someone else's, or inside a question
        asking for information. A `cause` (a veto concept) is never "over"."""
        sentence = self.message.sentence_of[hit[0]]
        if sentence in self.info_questions or sentence in self.denied:
            return True
        clause = self.message.clause_of[hit[0]]
        if any(c == clause and start < hit[0] for c, start in self.others):
            return True
        of = self.message.sentence_of
        if not cause and any(r[0] >= hit[1] and of[r[0]] == sentence for r in self.resolved):
            return True
        before, after = self.compiled.negation_scope
        if any(hit[0] < t[0] and t[1] < hit[1] for t in self.before):  # "face isn't droopy"
            return True
        return (
            any(self._reaches(t, hit, before, trigger_first=True) for t in self.before)
            or (
                not cause
                and any(self._reaches(t, hit, after, trigger_first=False) for t in self.after)
            )
            or any(self._reaches(t, hit, FRAME_SCOPE, trigger_first=True) for t in self.frames)
        )

    def _undone(self, span: Span, unresolved: list[Span]) -> bool:
        """ "stopped, still there", "stopped working": an unresolving phrase overlaps the
        resolution or follows it in its sentence."""
        of = self.message.sentence_of
        return any(
            _overlap(u, span) or (u[0] >= span[1] and of[u[0]] == of[span[0]]) for u in unresolved
        )

    def _reaches(self, trigger: Span, hit: Span, scope: int, *, trigger_first: bool) -> bool:
        """Same clause, at most `scope` words apart, and the trigger is not another phrase's word
        ("no" in "for no reason" negates nothing)."""
        first, second = (trigger, hit) if trigger_first else (hit, trigger)
        of = self.message.sentence_of
        if first[1] > second[0] or second[0] - first[1] > scope or of[first[0]] != of[second[0]]:
            return False
        if any(w in self.compiled.terminators for w in self.message.words[first[1] : second[0]]):
            return False
        return not any(
            c[0] <= trigger[0] and trigger[1] <= c[1] and not _overlap(c, hit)
            for c in self.concept_spans
        )

    def _denied_questions(self) -> set[int]:
        """Questions the next sentence answers with "no" ("chest pain? nope, just sore pecs")."""
        replies = {
            start
            for start, end in spans(self.message, self.compiled.negation_replies)
            if not any(c[0] <= start and end <= c[1] for c in self.concept_spans)
        }
        sentences = self.message.sentences
        return {
            index
            for index, sentence in enumerate(sentences[:-1])
            if sentence.asked and sentences[index + 1].start in replies
        }

    def _about_others(self) -> list[tuple[int, int]]:
        """Clauses about another person that say nothing of the user's own, each with where its
        person is first named ("my mate broke his hip, what can I do?": the first clause is
        the mate's). A clause is someone else's only from its person on: "tripped on the step
        out of his office" is still his own fall."""
        message, compiled = self.message, self.compiled
        if not compiled.others_people or spans(message, compiled.others_proxy):
            return []
        of = message.clause_of
        people = spans(message, compiled.others_people)
        own = spans(message, compiled.others_own, compiled.others_own_except)
        now = spans(message, compiled.others_current)
        theirs = {of[s] for s, _ in people} - {of[s] for s, _ in own} - {of[s] for s, _ in now}
        firsts: dict[int, int] = {}
        for start, _ in people:
            firsts.setdefault(of[start], start)
        return [(clause, firsts[clause]) for clause in sorted(theirs)]

    def _information_questions(self) -> set[int]:
        """Sentences that start with a question word, end with "?" and never mention the user."""
        markers = spans(self.message, self.compiled.self_markers)
        answers = {s for s, _ in spans(self.message, self.compiled.own_answers)}
        asked = set()
        for index, sentence in enumerate(self.message.sentences):
            opening = self.message.words[sentence.start]
            about_user = any(sentence.start <= m[0] < sentence.end for m in markers)
            sentences = self.message.sentences
            answered = index + 1 < len(sentences) and sentences[index + 1].start in answers
            if (
                sentence.asked
                and opening in self.compiled.question_starters
                and not about_user
                and not answered
            ):
                asked.add(index)
        return asked
