"""Exports: one class per table that yields rows; the base writes CSV or XLSX.

Text cells that a spreadsheet would read as a formula (=, +, -, @) are prefixed
with an apostrophe so a downloaded file can never run anything."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook

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


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(exporter: Exporter) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(exporter.headers())
    for row in exporter.rows():
        writer.writerow(["" if value is None else _safe(value) for value in row])
    # The byte-order mark lets spreadsheet programs recognise UTF-8 (Cyrillic).
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(exporter: Exporter) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(exporter.sheet_title[:31])
    sheet.append(exporter.headers())
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
