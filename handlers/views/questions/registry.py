"""Every question's view, by question."""

from __future__ import annotations

from bot.domain.profile import Question
from handlers.views.questions.base import QuestionView
from handlers.views.questions.choice_views import AGE_VIEW, ANASTROZOLE_VIEW, LAB_UNITS_VIEW
from handlers.views.questions.days_view import TrainingDaysView
from handlers.views.questions.screen_view import ScreenView
from handlers.views.questions.since_view import AnastrozoleSinceView
from handlers.views.questions.time_views import NUTRITION_TIME_VIEW, TRAINING_TIME_VIEW
from handlers.views.questions.timezone_view import TimezoneView
from handlers.views.questions.weight_view import WeightView

VIEWS: dict[Question, QuestionView] = {
    Question.TIMEZONE: TimezoneView(),
    Question.TRAINING_TIME: TRAINING_TIME_VIEW,
    Question.NUTRITION_TIME: NUTRITION_TIME_VIEW,
    Question.TRAINING_DAYS: TrainingDaysView(),
    Question.WEIGHT: WeightView(),
    Question.AGE: AGE_VIEW,
    Question.ANASTROZOLE: ANASTROZOLE_VIEW,
    Question.ANASTROZOLE_SINCE: AnastrozoleSinceView(),
    Question.LAB_UNITS: LAB_UNITS_VIEW,
    Question.SCREEN: ScreenView(),
}


def view_for(question: Question) -> QuestionView:
    """The view of a question."""
    return VIEWS[question]
