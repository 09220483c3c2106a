"""Questions about medicines, which the bot never answers: they go to the prescriber.

questions.py (changing, pausing, stopping, switching or starting a medicine, or whether a
dose is right), doses.py (how much of a medicine or supplement to take).
"""

from bot.domain.medication.doses import is_dose_question
from bot.domain.medication.questions import is_medication_question

__all__ = ["is_dose_question", "is_medication_question"]
