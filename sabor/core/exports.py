"""Exports: one class per table that yields rows; the base writes CSV or XLSX.

Text cells that a spreadsheet would read as a formula (=, +, -, @) are prefixed
with an apostrophe so a downloaded file can never run anything. Control characters
(an escape or a NUL pasted into a name) are dropped first: XML 1.0, and so XLSX and
DOCX, cannot hold them, and in a CSV they would reach a terminal as commands."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Exporter:
    filename = "export"
    sheet_title = "Sabor"

    def headers(self) -> list[str]:
        raise NotImplementedError

    def rows(self) -> Iterable[list]:
        raise NotImplementedError


def printable(text: str) -> str:
    """`text` without the control characters XML 1.0 forbids (tab and line breaks stay)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _safe(value):
    if isinstance(value, str):
        value = printable(value)  # before the formula check: "\x01=cmd" must not become "=cmd"
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def _csv(exporter: Exporter) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_safe(header) for header in exporter.headers()])
    for row in exporter.rows():
        writer.writerow(["" if value is None else _safe(value) for value in row])
    # The byte-order mark lets spreadsheet programs recognise UTF-8 (Cyrillic).
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(exporter: Exporter) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(printable(exporter.sheet_title)[:31])
    sheet.append([_safe(header) for header in exporter.headers()])
    for row in exporter.rows():
        sheet.append([float(value) if isinstance(value, Decimal) else _safe(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(exporter: Exporter, fmt: str) -> HttpResponse:
    content = _csv(exporter) if fmt == "csv" else _xlsx(exporter)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exporter.filename}.{fmt}"'
    return response
