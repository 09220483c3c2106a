"""Finding the lesson that answers a free-text question: BM25 (bm25s) over stemmed lesson text.

Two bm25s indexes: a lesson's subject (its title, its topics spelled out in the words people
use for them, and its front-matter keywords: the keyword boost) and its text (body and source
section). A hit's score is its subject score plus its text score squashed below BODY_CAP, so
words that only turn up in passing in a body can rank lessons but never make a confident
answer: that needs the question to name what a lesson is about. The sum is then scaled by the
square root of the share of the question's words that occur anywhere in the library, so a
question mostly about something else ("does TRT cause hair loss") scores lower.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import bm25s  # type: ignore[import-untyped]
import Stemmer  # type: ignore[import-not-found]

from bot.domain.lessons.model import Lesson, LessonLibrary
from bot.domain.text import html_to_text, normalize, word_set

# Scores are in units of the rarest word's idf (see _Field). Tuned on the real lessons (55-58) with
# tests/content/ask_questions.yaml and off_topic_questions.yaml: the weakest expected answer
# scored 0.90 and the best off-topic match 0.28; adjacent questions ("best protein powder
# brand", "how do I improve my bench press", "does TRT cause hair loss") scored 0.55-0.67.
BODY_CAP = 0.4
MIN_CONFIDENT_SCORE = 0.7

TOPIC_TERMS: dict[str, str] = {
    "estrogen": "estrogen estradiol hormone",
    "aromatase": "aromatase inhibitor anastrozole",
    "remodeling": "remodeling turnover osteoclast osteoblast resorption formation",
    "loading": "loading exercise training workout force strain",
    "resistance": "resistance strength lifting weights squat deadlift",
    "impact": "impact jumping plyometrics landing",
    "calcium-vitamin-d": "calcium vitamind sunlight dairy",
    "k2": "vitamink2 osteocalcin",
    "magnesium": "magnesium",
    "protein": "protein collagen",
    "omega-3": "omega3 inflammation",
    "rankl-opg": "rankl opg osteoprotegerin osteoclast",
    "sclerostin-wnt": "sclerostin wnt osteocyte",
    "mechanostat": "mechanostat threshold strain",
    "monitoring": "monitoring test lab blood scan markers",
    "safety": "safety injury risk pain",
}

# Spellings folded into one token before tokenizing (lowercased text, applied in order).
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), token)
    for pattern, token in (
        (r"\b25\s*\(?\s*oh\s*\)?\s*d\d?\b", " vitamind blood test "),
        (r"\bvit(?:amin|\.)?\s*k\s*2?\b|\bk2\b|\bmk\s*-?\s*[47]\b|\bmenaquinone\S*", " vitamink2 "),
        (r"\bvit(?:amin|\.)?\s*d\s*3?\b|\bd3\b|\bcholecalciferol\b", " vitamind "),
        (r"\bomega\s*-?\s*3s?\b|\bfish\s*oils?\b|\bepa\b|\bdha\b", " omega3 "),
        (r"\baromatase\s+inhibitors?\b|\bais?\b", " aromatase inhibitor "),
        (r"\bdexa\b|\bdxa\b", " dxa scan "),
    )
)
_TOKEN_SYNONYMS = {
    "arimidex": "anastrozole",
    "oestrogen": "estrogen",
    "oestrogens": "estrogen",
    "e2": "estradiol",
    "oestradiol": "estradiol",
    "trt": "testosterone",
    "weightlifting": "lifting",
    "osteoporotic": "osteoporosis",
}
_STOPWORDS = word_set(
    """a about after again all also am an and any are as at be because been before being but
    by can could did do does doing don done during each even for from get gets getting go going
    good got had has have having he her here him his how i if im in into is it its just know
    like make many may me might more most much my need no not now of off ok okay on once only
    or other our out over own please really right same say see she should so some still such
    tell than thank thanks that the their them then there these they thing things think this
    those through to too up us very want was way we well were what when where which while who
    why will with would yes yet you your yours dont doesnt isnt cant ive whats hows thats
    theres explain"""
)
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Hit:
    """A lesson matching a query; score is BM25 in units of the rarest word's idf (higher wins)."""

    lesson_id: str
    score: float


class _Tokenizer:
    def __init__(self) -> None:
        self._stemmer = Stemmer.Stemmer("english")

    def __call__(self, text: str) -> list[str]:
        lowered = normalize(text).replace("'", "")
        for pattern, token in _PHRASES:
            lowered = pattern.sub(token, lowered)
        words = [_TOKEN_SYNONYMS.get(w, w) for w in _WORD.findall(lowered)]
        kept = [w for w in words if w not in _STOPWORDS]
        return [str(stem) for stem in self._stemmer.stemWords(kept)]


def subject_document(lesson: Lesson) -> str:
    """What a lesson is about, as indexed: title, topics and their terms, keywords twice."""
    topics = " ".join(f"{t.replace('-', ' ')} {TOPIC_TERMS[t]}" for t in lesson.topics)
    keywords = " ".join(lesson.keywords)
    return "\n".join((html_to_text(lesson.title), topics, keywords, keywords))


def text_document(lesson: Lesson) -> str:
    """A lesson's text, as indexed: its body and the source section it explains."""
    return "\n".join((html_to_text(lesson.body), lesson.section))


class _Field:
    """One bm25s index over one text per lesson, scores in units of the rarest word's idf.

    bm25s's default (Lucene) idf is ln(1 + (N - df + 0.5) / (df + 0.5)); dividing by its value
    for df = 1 makes one once-used word matched once in a lesson of average length score about
    1, whatever the number of lessons, so the thresholds keep their meaning as the library grows.
    """

    def __init__(self, documents: list[list[str]]) -> None:
        self._size = len(documents)
        self._unit = math.log(1 + (self._size - 0.5) / 1.5) if documents else 1.0
        self._bm25 = bm25s.BM25()
        if documents:
            self._bm25.index(documents, show_progress=False)

    def knows(self, token: str) -> bool:
        return bool(self._size) and token in self._bm25.vocab_dict

    def scores(self, tokens: list[str]) -> list[float]:
        known = [t for t in tokens if self.knows(t)]
        if not known:
            return [0.0] * self._size
        return [float(score) / self._unit for score in self._bm25.get_scores(known)]


class LessonIndex:
    """A BM25 index of a lesson library; build once at start, then `search` per question."""

    def __init__(self, lessons: Sequence[Lesson]) -> None:
        self._ids = tuple(lesson.id for lesson in lessons)
        self._tokenize = _Tokenizer()
        self._subject = _Field([self._tokenize(subject_document(x)) for x in lessons])
        self._text = _Field([self._tokenize(text_document(x)) for x in lessons])

    @classmethod
    def build(cls, library: LessonLibrary) -> LessonIndex:
        """Index every lesson of the library."""
        return cls(library.all)

    def search(self, query: str, k: int = 3) -> list[Hit]:
        """The k best lessons for the query, best first; lessons sharing no word are left out.

        score = (subject BM25 + BODY_CAP x (1 - exp(-text BM25 / BODY_CAP))) x sqrt(known share)
        """
        tokens = list(dict.fromkeys(self._tokenize(query)))  # each query word counts once
        if not tokens:
            return []
        known = sum(self._subject.knows(t) or self._text.knows(t) for t in tokens) / len(tokens)
        subject, text = self._subject.scores(tokens), self._text.scores(tokens)
        scores = [
            (s + BODY_CAP * -math.expm1(-t / BODY_CAP)) * math.sqrt(known)
            for s, t in zip(subject, text, strict=True)
        ]
        ranked = sorted(range(len(self._ids)), key=lambda i: (-scores[i], i))
        return [
            Hit(self._ids[i], round(scores[i], 4)) for i in ranked[: max(k, 0)] if scores[i] > 0
        ]


def is_confident(hits: Sequence[Hit]) -> bool:
    """True when the best hit is good enough to answer with; False means "no good match"."""
    return bool(hits) and hits[0].score >= MIN_CONFIDENT_SCORE
