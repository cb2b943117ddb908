"""The annual implementation report: its content from Sabor's data, rendered as
DOCX (python-docx) and PDF (WeasyPrint), generated in the background."""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from docx import Document
from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.shared import Cm, Pt

from sabor.core import system_libraries
from sabor.core.charts import Series, chart_image, line_chart
from sabor.core.exports import printable
from sabor.core.markdown import render_markdown
from sabor.core.numbers import percent
from sabor.core.pdf import WRITE_OPTIONS
from sabor.core.templatetags.sabor import num
from sabor.monitoring.models import AnnualReport, Evaluation, Recommendation
from sabor.monitoring.selectors import IndicatorReport, NodeReport, plan_report, plan_summary
from sabor.monitoring.services import methodology as methodologies
from sabor.monitoring.templatetags.monitoring import status_label
from sabor.planning.models import Project
from sabor.planning.selectors import with_budget

logger = logging.getLogger(__name__)


@dataclass(eq=False)
class Figure:
    """An indicator's chart, drawn once and embedded in both documents."""

    report: IndicatorReport
    image: bytes  # JPEG

    @property
    def url(self) -> str:
        return f"chart:{self.report.indicator.pk}"

    @property
    def caption(self) -> str:
        indicator = self.report.indicator
        return (f"{indicator.code} {indicator.name} ({indicator.unit}): очакван път (пунктир), "
                f"целеви стойности (квадрати), постигнато (линия).")


@dataclass(eq=False)
class Section:
    """A goal, priority or measure of section 2: its table of indicators, then their charts."""

    node: NodeReport
    figures: list[Figure] = field(default_factory=list)


def indicator_chart(report: IndicatorReport) -> dict:
    labels = [str(row.period) for row in report.years]
    return line_chart(labels, [
        Series(_("Target path"), [row.expected for row in report.years], "expected", "none"),
        Series(_("Targets"), [row.target for row in report.years], "target", "square"),
        Series(_("Actual so far"), [row.so_far if row.measured is not None else None for row in report.years],
               "actual", "circle")])


def figure(report: IndicatorReport) -> Figure | None:
    chart = indicator_chart(report)
    return None if chart["empty"] else Figure(report, chart_image(chart))


def _walk(nodes: list[NodeReport]):
    for node in nodes:
        yield node
        yield from _walk(node.children)


def build_context(report: AnnualReport) -> dict:
    plan, year = report.plan, report.year
    methodology = methodologies.in_force(report.municipality)
    bands = methodologies.bands(methodology)
    roots = plan_report(plan, year, bands, detail=True)
    progress, status = plan_summary(roots, bands)
    sections = [Section(node, [f for f in map(figure, node.indicators) if f]) for node in _walk(roots)]
    # The report is published once the council has approved it: only what is public goes in
    # (the plan's own visibility aside — a report of an internal plan is never published).
    projects = with_budget(Project.objects.filter(measure__plan=plan, is_public=True)) \
        .order_by("measure__path", "title")
    public_evaluations = Evaluation.objects.filter(plan=plan).public_within_plan()
    evaluations = public_evaluations.filter(year=year).prefetch_related("scores", "recommendations")
    open_recommendations = Recommendation.objects.filter(evaluation__in=public_evaluations) \
        .exclude(status__in=["done", "rejected"]).select_related("evaluation")
    return {
        "report": report, "plan": plan, "year": year, "municipality": report.municipality,
        "sections": sections, "progress": progress, "status": status, "projects": projects,
        "evaluations": evaluations, "open_recommendations": open_recommendations, "methodology": methodology,
        "due": methodologies.report_due(methodology, year), "narrative": {
            "general_conditions": render_markdown(report.general_conditions),
            "actions_taken": render_markdown(report.actions_taken),
            "monitoring_arrangements": render_markdown(report.monitoring_arrangements),
            "conclusions": render_markdown(report.conclusions)},
    }


def render_pdf(context: dict) -> bytes:
    return _lay_out_pdf(render_to_string("monitoring/report/annual.html", context), _images(context))


def _images(context: dict) -> dict[str, bytes]:
    return {figure.url: figure.image for section in context["sections"] for figure in section.figures}


def _lay_out_pdf(html: str, images: dict[str, bytes]) -> bytes:
    """WeasyPrint's part: needs the page and the charts, nothing from the database."""
    weasyprint = system_libraries.weasyprint()

    class Charts(weasyprint.urls.URLFetcher):
        """Serves the charts, drawn already, to WeasyPrint by their `chart:` addresses, and
        nothing else: a picture linked from the narrative is left out, never fetched."""

        def fetch(self, url, headers=None):
            if url in images:
                return weasyprint.urls.URLFetcherResponse(url, images[url], {"Content-Type": "image/jpeg"})
            raise ValueError(f"The report fetches nothing from outside: {url}")

    return weasyprint.HTML(string=html, url_fetcher=Charts()).write_pdf(**WRITE_OPTIONS)


def render_documents(context: dict) -> tuple[bytes, bytes]:
    """(PDF, DOCX), side by side: WeasyPrint lays the PDF out in a forked process while
    this one writes the DOCX, so the two cores share the work. The child touches no
    database and leaves with os._exit, so it never closes the connections it inherited."""
    if not hasattr(os, "fork"):
        return render_pdf(context), render_docx(context)
    system_libraries.weasyprint()  # here, so that a missing Pango is reported as such, not as the child's failure
    html = render_to_string("monitoring/report/annual.html", context)
    images = _images(context)
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)

    def lay_out() -> None:
        try:
            sender.send(("pdf", _lay_out_pdf(html, images)))
        except BaseException as error:  # noqa: BLE001 - the parent reports it
            sender.send(("error", f"{type(error).__name__}: {error}"))
        finally:
            os._exit(0)

    child = ctx.Process(target=lay_out, daemon=True)
    child.start()
    sender.close()
    try:
        docx = render_docx(context)
        try:
            kind, payload = receiver.recv()
        except EOFError:
            raise RuntimeError("The PDF could not be laid out (the process ended without a result).") from None
    finally:
        receiver.close()
        child.join()
    if kind == "error":
        raise RuntimeError(f"The PDF could not be laid out: {payload}")
    return payload, docx


def _percent(value) -> str:
    return "—" if value is None else f"{percent(value)}%"


def _table(document, headers: list[str], rows: list[list[str]], widths: list[float] | None = None):
    """A grid table; `widths` in cm, so that the text column is wide and the number columns narrow."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = widths is None
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = printable(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = printable(str(text))
    if widths:
        # Word reads the cell widths, LibreOffice the column grid: set both.
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
    return table


def _markdown_paragraphs(document, text: str) -> None:
    for block in (text or "").split("\n\n"):
        block = block.strip().lstrip("#").strip()
        if block:
            document.add_paragraph(printable(block))


class _Pictures:
    """Adds pictures to a DOCX in time linear in their number. python-docx's own
    `add_picture` hashes every image already in the document, to reuse a duplicate,
    and scans the whole document for the next shape id, for each picture: with
    hundreds of charts that took most of the DOCX's time. Every chart is a different
    image, so each gets its own part, and shape ids are counted on from the first."""

    def __init__(self, document):
        self.document = document
        self.count = 0
        self.next_id: int | None = None

    def add(self, image: bytes, width) -> None:
        part = self.document.part
        if self.next_id is None:
            self.next_id = part.next_id
        self.count += 1
        picture = DocxImage.from_blob(image)
        rel_id = part.relate_to(ImagePart.from_image(picture, PackURI(f"/word/media/chart{self.count}.{picture.ext}")),
                                RELATIONSHIP_TYPE.IMAGE)
        width, height = picture.scaled_dimensions(width, None)
        run = self.document.add_paragraph().add_run()
        inline = CT_Inline.new_pic_inline(self.next_id, rel_id, picture.filename, width, height)
        run._r.add_drawing(inline)  # noqa: SLF001 - as python-docx's Run.add_picture does
        self.next_id += 1


def render_docx(context: dict) -> bytes:
    report, plan, year = context["report"], context["plan"], context["year"]
    document = Document()
    for section in document.sections:  # A4 with 2 cm margins: 17 cm of text width
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    style = document.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(10)
    document.add_heading(printable(report.municipality.name), level=0)
    document.add_heading(printable(f"Годишен доклад за изпълнението на {plan.short_name} през {year} г."), level=1)
    document.add_paragraph(printable(plan.title))
    if report.is_approved:
        document.add_paragraph(printable(f"Приет с решение № {report.council_decision_number} от "
                                         f"{report.council_decision_date:%d.%m.%Y} г. на общинския съвет."))
    else:
        document.add_paragraph(f"Внася се в общинския съвет до {context['due']:%d.%m.%Y} г.")

    document.add_heading("1. Общи условия", level=1)
    _markdown_paragraphs(document, report.general_conditions)
    document.add_heading("2. Напредък по цели и приоритети", level=1)
    document.add_paragraph(f"Напредък на плана като цяло: {_percent(context['progress'])} "
                           f"({status_label(context['status'])}).")
    pictures = _Pictures(document)
    for section in context["sections"]:
        node = section.node
        document.add_heading(printable(f"{node.node.code} {node.node.title} — {_percent(node.progress)} "
                                       f"({status_label(node.status)})"), level=2 if node.node.depth == 0 else 3)
        if node.indicators:
            _table(document, ["Код", "Индикатор", "Мярка", "Базова", "Цел", f"Стойност {year}", "Напредък",
                              "Статус"],
                   [[r.indicator.code, r.indicator.name, r.indicator.unit, num(r.indicator.baseline_value),
                     num(r.final_target), num(r.value), _percent(r.progress), status_label(r.status)]
                    for r in node.indicators], widths=[1.1, 5.0, 1.5, 1.7, 1.5, 2.0, 1.9, 2.3])
        for figure in section.figures:
            pictures.add(figure.image, Cm(14))
            document.add_paragraph(printable(f"Фигура: {figure.caption}"))
    document.add_heading("3. Проекти", level=1)
    _table(document, ["Проект", "Мярка", "Статус", "Бюджет, лв.", "Изразходвани, лв.", "Финансиране"],
           [[p.title, p.measure.code if p.measure else "", p.get_status_display(), num(p.budget), num(p.spent),
             "; ".join(f"{line.get_source_display()} {line.programme}".strip() for line in p.funding.all())]
            for p in context["projects"]], widths=[5.0, 1.3, 2.0, 2.3, 2.3, 4.1])
    document.add_heading("4. Предприети действия", level=1)
    _markdown_paragraphs(document, report.actions_taken)
    document.add_heading("5. Мониторинг и оценка", level=1)
    _markdown_paragraphs(document, report.monitoring_arrangements)
    for evaluation in context["evaluations"]:
        document.add_heading(printable(evaluation.title), level=2)
        _markdown_paragraphs(document, evaluation.findings)
        _table(document, ["Критерий", "Оценка (1–5)"],
               [[score.get_criterion_display(), score.score] for score in evaluation.scores.all()], widths=[6, 3])
    if context["open_recommendations"]:
        document.add_heading("Препоръки в процес на изпълнение", level=2)
        _table(document, ["Препоръка", "Отговорник", "Срок", "Статус"],
               [[r.text, r.owner, f"{r.deadline:%d.%m.%Y}", r.get_status_display()]
                for r in context["open_recommendations"]], widths=[7.5, 4.5, 2.2, 2.8])
    document.add_heading("6. Заключения", level=1)
    _markdown_paragraphs(document, report.conclusions)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set(report_id: int, **fields) -> None:
    AnnualReport.objects.filter(pk=report_id).update(**fields)


@task()
def generate_annual_report(report_id: int) -> None:
    """Builds both documents; progress is written as it goes so the page can show it."""
    report = AnnualReport.objects.select_related("plan", "municipality").get(pk=report_id)
    _set(report_id, status=AnnualReport.Status.GENERATING, progress=5, error="")
    try:
        # Official documents are in Bulgarian whatever language the requester used.
        with translation.override("bg"):
            context = build_context(report)
            _set(report_id, progress=30)
            pdf, docx = render_documents(context)
        stem = f"{report.plan.slug}-{report.year}-report"
        with transaction.atomic():
            report.refresh_from_db()
            report.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
            report.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
            report.status = AnnualReport.Status.READY
            report.progress = 100
            report.generated_at = timezone.now()
            report.save(update_fields=["pdf", "docx", "status", "progress", "generated_at"])
    except Exception as error:  # noqa: BLE001 - any failure must reach the page, not vanish in a worker log
        logger.exception("Annual report %s failed", report_id)
        _set(report_id, status=AnnualReport.Status.FAILED, error=str(error)[:1000])
        raise
