"""Reading uploaded tables (CSV or XLSX) into rows of text cells, for every import."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook


def read_table(upload) -> list[list[str]]:
    """The file's rows as text cells; raises ValidationError for what cannot be read."""
    name = upload.name.lower()
    data = upload.read()
    if name.endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
            raise ValidationError(_("The file is not a readable XLSX workbook."), code="bad_xlsx") from None
        return [["" if cell is None else str(cell).strip() for cell in row]
                for row in sheet.iter_rows(values_only=True)]
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1251")  # what Bulgarian spreadsheets often save
            except UnicodeDecodeError:
                raise ValidationError(_("The CSV file is not in UTF-8 or Windows-1251."), code="bad_encoding") from None
        try:
            dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel  # one column, or nothing the sniffer recognises: the header check says what
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    raise ValidationError(_("Upload a CSV or XLSX file."), code="bad_type")
