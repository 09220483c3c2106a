"""How a bite looks: its text, its source line and its buttons."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.lessons import Lesson, LessonLibrary
from handlers.callbacks import LessonTopic, QuizAnswer, QuizMe, TellMeMore, Why

LEVEL_NAMES = {"fundamentals": "Basics", "intermediate": "Deeper", "academic": "Science"}
LEVEL_BADGE = {
    "fundamentals": f"🟢 {LEVEL_NAMES['fundamentals']}",
    "intermediate": f"🟡 {LEVEL_NAMES['intermediate']}",
    "academic": f"🔵 {LEVEL_NAMES['academic']}",
}
TOPIC_LABELS = {
    "estrogen": "Estrogen",
    "aromatase": "Anastrozole & aromatase",
    "remodeling": "Bone remodeling",
    "loading": "Loading",
    "resistance": "Strength training",
    "impact": "Impact & jumps",
    "calcium-vitamin-d": "Calcium & vitamin D",
    "k2": "Vitamin K2",
    "magnesium": "Magnesium",
    "protein": "Protein",
    "omega-3": "Omega-3",
    "rankl-opg": "RANKL & OPG",
    "sclerostin-wnt": "Sclerostin & Wnt",
    "mechanostat": "Mechanostat",
    "monitoring": "Labs & scans",
    "safety": "Safety",
}


def bite_text(lesson: Lesson, *, lead: str = "") -> str:
    """Title, body and where it comes from."""
    badge = LEVEL_BADGE.get(lesson.level.value, "")
    source = f"From “{escape(lesson.section)}” · {escape('; '.join(lesson.references))}"
    head = f"{lead}\n" if lead else ""
    return f"{head}📘 <b>{lesson.title}</b>  <i>{badge}</i>\n\n{lesson.body}\n\n<i>{source}</i>"


def bite_keyboard(lesson: Lesson, library: LessonLibrary) -> InlineKeyboardMarkup | None:
    """Tell me more (the next level on its topic) and its question, where it has them."""
    row = []
    deeper = library.next_deeper(lesson)
    if deeper is not None:
        row.append(InlineKeyboardButton("Tell me more", callback_data=TellMeMore(deeper.id).pack()))
    if lesson.question is not None:
        row.append(InlineKeyboardButton("Quiz me", callback_data=QuizMe(lesson.id).pack()))
    return InlineKeyboardMarkup([row]) if row else None


def question_text(lesson: Lesson, *, review: bool = False) -> str:
    """The question of a bite."""
    assert lesson.question is not None
    lead = "🔁 <b>Quick review</b>\n" if review else ""
    return f"{lead}❓ {lesson.question.prompt}"


def question_keyboard(lesson: Lesson) -> InlineKeyboardMarkup:
    """One button per option."""
    assert lesson.question is not None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(option[:60], callback_data=QuizAnswer(lesson.id, index).pack())]
            for index, option in enumerate(lesson.question.options)
        ]
    )


def topics_keyboard(topics: list[str]) -> InlineKeyboardMarkup:
    """The /learn menu, two topics a row."""
    buttons = [
        InlineKeyboardButton(TOPIC_LABELS.get(t, t), callback_data=LessonTopic(t).pack())
        for t in topics
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def why_button(lesson_id: str) -> InlineKeyboardButton:
    """The "Why?" button a prompt carries."""
    return InlineKeyboardButton("Why?", callback_data=Why(lesson_id).pack())
