"""The clinician PDF's text sections: lab table, training, top loads, nutrition, disclaimer."""

from __future__ import annotations

from collections.abc import Sequence

from fpdf.enums import MethodReturnValue, XPos, YPos
from fpdf.fonts import FontFace

from bot.reports.charts import MAX_WEEKS, display_load, lift_series, short_date
from bot.reports.pdf_document import FLAG, FONT, GREY, ROW_MM, RULE, ReportPDF
from bot.reports.progress_data import (
    LabRow,
    LiftPoint,
    NutrientSeries,
    NutritionWeek,
    WeekTraining,
)


def lab_table(pdf: ReportPDF, rows: Sequence[LabRow], limit: int) -> None:
    """The newest ``limit`` lab results as a table, flags in bold red."""
    if not rows:
        pdf.paragraph("No lab results entered yet.", grey=True)
        return
    newest_first = sorted(rows, key=lambda r: (r.day, r.name), reverse=True)
    shown = newest_first[:limit]
    pdf.set_font(FONT, "", 9.5)
    pdf.set_text_color(0, 0, 0)
    heading_style = FontFace(emphasis="BOLD", fill_color=(236, 239, 243))
    flag_style = FontFace(emphasis="BOLD", color=FLAG)
    with pdf.table(
        col_widths=(26, 64, 50, 40),
        line_height=ROW_MM - 1,
        text_align="LEFT",
        headings_style=heading_style,
        borders_layout="HORIZONTAL_LINES",
        padding=(0.8, 1.5),
    ) as table:
        table.row(["Date", "Test", "Value", "Flag"])
        for lab in shown:
            row = table.row()
            row.cell(lab.day.isoformat())
            row.cell(pdf.safe(lab.name))
            row.cell(pdf.safe(lab.value_text))
            row.cell(pdf.safe(lab.flag), style=flag_style if lab.flag else None)
    if len(rows) > limit:
        pdf.paragraph(f"Showing the {limit} most recent of {len(rows)} results.", grey=True)


def training_summary(weeks: Sequence[WeekTraining]) -> str | None:
    """Planned sessions and his answers over the recent weeks, or None if none were planned.

    A planned session is a training-day prompt that went out; the counts are the weekly
    adherence counts added up, so they equal the weeks /progress draws."""
    recent = sorted(weeks, key=lambda w: w.week_start)[-MAX_WEEKS:]
    first = next((i for i, w in enumerate(recent) if w.planned or w.done or w.partly), None)
    recent = recent[first:] if first is not None else []  # from his first planned week on
    planned = sum(w.planned for w in recent)
    if not planned:
        return None
    done = sum(w.done for w in recent)
    partly = sum(w.partly for w in recent)
    skipped = sum(w.skipped for w in recent)
    unanswered = sum(w.unanswered for w in recent)
    span = "week" if len(recent) == 1 else f"{len(recent)} weeks"
    parts = [f"{done} done ({round(100 * done / planned)}%)"]
    parts += [f"{partly} partly done"] if partly else []
    parts += [f"{skipped} skipped"] if skipped else []
    parts += [f"{unanswered} not answered"] if unanswered else []
    return f"Last {span}, {planned} planned sessions: " + ", ".join(parts) + "."


def top_loads(pdf: ReportPDF, lifts: Sequence[LiftPoint], weight_unit: str) -> None:
    """First, latest and best top set of each main lift, in the user's unit."""
    series = lift_series(lifts)
    if not series:
        pdf.paragraph("No top sets logged yet.", grey=True)
        return
    pdf.ln(1)
    pdf.set_font(FONT, "", 9.5)
    pdf.set_text_color(0, 0, 0)

    def load(point: LiftPoint) -> str:  # whole pounds: no "132.3 lb" on a plate-loaded bar
        amount = display_load(point.top_kg, weight_unit)
        shown = str(round(amount)) if weight_unit == "lb" else _number(amount)
        return f"{shown} {weight_unit}"

    with pdf.table(
        col_widths=(50, 43, 43, 44),
        line_height=ROW_MM - 1,
        text_align="LEFT",
        headings_style=FontFace(emphasis="BOLD", fill_color=(236, 239, 243)),
        borders_layout="HORIZONTAL_LINES",
        padding=(0.8, 1.5),
    ) as table:
        table.row(["Top set", "First logged", "Latest", "Best"])
        for name, points in series.items():
            first, latest = points[0], points[-1]
            best = max(points, key=lambda p: p.top_kg)
            table.row(
                [
                    pdf.safe(name),
                    f"{load(first)} ({short_date(first.day)})",
                    f"{load(latest)} ({short_date(latest.day)})",
                    f"{load(best)} ({short_date(best.day)})",
                ]
            )


def nutrition_summary(weeks: Sequence[NutritionWeek]) -> list[str]:
    """How many daily check-ins he answered over the recent weeks (none: no line)."""
    recent = sorted(weeks, key=lambda w: w.week_start)[-MAX_WEEKS:]
    checkins = sum(w.checkins for w in recent)
    if not checkins:
        return []
    span = "week" if len(recent) == 1 else f"{len(recent)} weeks"
    days = "check-in" if checkins == 1 else "check-ins"
    return [f"{checkins} daily {days} over the last {span}."]


def nutrient_lines(nutrients: Sequence[NutrientSeries]) -> list[str]:
    """Per nutrient he logged: its target and upper limit, the days logged, the bot's verdicts
    (met / below / above the limit) and the median daily total."""
    lines = []
    for series in nutrients:
        if not series.days:
            continue
        logged = len(series.days)
        amounts = sorted(d.amount for d in series.days)
        median = amounts[len(amounts) // 2]
        if len(amounts) % 2 == 0:
            median = (amounts[len(amounts) // 2 - 1] + median) / 2
        figures = series.target_text + (f"; {series.limit_text}" if series.limit_text else "")
        days = "day" if logged == 1 else "days"
        parts = [f"{series.name} ({figures}): logged on {logged} {days}"]
        if series.judged:
            above = series.count("above_target")
            reached = series.count("met") + above
            within = f" ({above} of them above it, within the limit)" if above else ""
            parts.append(f"target reached on {reached}{within}, below on {series.count('below')}")
        if series.limit is not None:
            parts.append(f"above the limit on {series.count('above_limit')}")
        parts.append(f"median {_number(median)} {series.unit} a day")
        lines.append("; ".join(parts) + ".")
    return lines


def disclaimer_height(pdf: ReportPDF, text: str) -> float:
    """Height in mm the disclaimer will take, rule and spacing included."""
    pdf.set_font(FONT, "I", 8.5)
    lines = pdf.multi_cell(0, 4.2, pdf.safe(text), dry_run=True, output=MethodReturnValue.LINES)
    count = len(lines) if isinstance(lines, list) else 1
    return 4.2 * count + 3.0


def disclaimer(pdf: ReportPDF, text: str, height: float) -> None:
    """The disclaimer, pinned to the bottom of the last page when there is room."""
    bottom = pdf.page_break_trigger - height
    if pdf.get_y() < bottom:
        pdf.set_y(bottom)
    pdf.set_draw_color(*RULE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)
    pdf.set_font(FONT, "I", 8.5)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(0, 4.2, pdf.safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")
