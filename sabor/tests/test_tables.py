"""Hostile spreadsheets: each is read within a modest amount of memory and answered
with a message naming the limit, by the reader and by both import pages."""

import io
import re
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core import tables
from sabor.core.tables import read_table
from sabor.participation.testing import make_meeting

MEMORY_LIMIT = 40 * 1024 * 1024  # bytes of Python memory at the peak of one read; the attacks reached gigabytes


def _workbook(rows=(("code", "year", "value"), ("П2", 2023, 10.4))) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, parts: dict) -> bytes:
    """The workbook `data` with some parts replaced by text or by a function of their text."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            text = source.read(name).decode()
            change = parts.pop(name, text)
            target.writestr(name, change(text) if callable(change) else change)
        for name, text in parts.items():
            target.writestr(name, text)
    return buffer.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
HEADER = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'


def _declared_everything() -> bytes:
    return _rewrite(_workbook(), {SHEET: lambda text: re.sub(r'<dimension ref="[^"]*"/>',
                                                             '<dimension ref="A1:XFD1048576"/>', text)})


def _cell_in_the_last_row() -> bytes:
    return _rewrite(_workbook(), {SHEET: lambda text: text.replace(
        "</sheetData>", '<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>')})


def _one_row_of_many_cells() -> bytes:
    return _rewrite(_workbook(), {SHEET: HEADER + '<row r="1">' + "<c/>" * 200_000 + "</row></sheetData></worksheet>"})


def _huge_shared_strings() -> bytes:
    strings = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               + "".join(f"<si><t>{n}</t></si>" for n in range(tables.MAX_SHARED_STRINGS + 1)) + "</sst>")
    return _rewrite(_workbook([("code",), ("П2",)]), {"xl/sharedStrings.xml": strings})


def _zip_bomb() -> bytes:
    """A sheet that unpacks to 200 MB from a few hundred kilobytes, written in pieces."""
    data = _workbook()
    buffer = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name != SHEET:
                target.writestr(name, source.read(name))
        with target.open(SHEET, "w", force_zip64=True) as sheet:
            sheet.write(HEADER.encode())
            for _ in range(200):
                sheet.write(b" " * (1024 * 1024))
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def _too_many_rows() -> bytes:
    return _workbook([("code", "year", "value")] + [("П2", 2023, n) for n in range(tables.MAX_ROWS)])


def _a_value_past_the_last_column() -> bytes:
    return _workbook([("code", "year", "value"), ("П2", 2023, 1) + ("",) * 200 + ("x",)])


def _million_columns_csv() -> bytes:
    return ("code,year,value" + "," * 1_000_000 + "\nП2,2023,1\n").encode()


def _many_rows_csv() -> bytes:
    return ("code;year;value\n" + "П2;2023;1\n" * 20_000).encode()


def _measured(data: bytes, name: str):
    """What reading the file gave (rows or the error) and the peak of Python memory it took."""
    upload = SimpleUploadedFile(name, data)
    tracemalloc.start()
    try:
        try:
            outcome = read_table(upload)
        except ValidationError as error:
            outcome = error
        return outcome, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


HOSTILE = {
    "a cell in the last row and column": (_cell_in_the_last_row, "values.xlsx", "more than 10,000 rows"),
    "a row of 200,000 empty cells": (_one_row_of_many_cells, "values.xlsx", "more than 100 columns"),
    "more shared strings than the limit": (_huge_shared_strings, "values.xlsx", "more text than an import"),
    "a zip bomb": (_zip_bomb, "values.xlsx", "more text than an import"),
    "more rows than the limit": (_too_many_rows, "values.xlsx", "more than 10,000 rows"),
    "a value past the last column": (_a_value_past_the_last_column, "values.xlsx", "more than 100 columns"),
    "a CSV with a million columns": (_million_columns_csv, "values.csv", "longer than 100,000 characters"),
    "a CSV with more rows than the limit": (_many_rows_csv, "values.csv", "more than 10,000 rows"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_file_is_refused_within_modest_memory_with_the_limit_named(case):
    make, name, message = HOSTILE[case]
    data = make()
    assert len(data) <= tables.MAX_BYTES, "the attack fits in an upload"
    with translation.override("en"):
        outcome, peak = _measured(data, name)
    assert isinstance(outcome, ValidationError), f"read {len(outcome)} rows"
    assert message in outcome.messages[0]
    assert peak < MEMORY_LIMIT, f"{peak / 1024 / 1024:.0f} MB"


def test_a_workbook_that_declares_the_largest_sheet_is_read_as_the_rows_it_has():
    data = _declared_everything()
    assert len(data) < 10 * 1024
    outcome, peak = _measured(data, "values.xlsx")
    assert outcome == [["code", "year", "value"], ["П2", "2023", "10.4"]]
    assert peak < MEMORY_LIMIT


def test_an_ordinary_workbook_and_csv_are_read_whole():
    rows = [("code", "year", "value")] + [("П2", 2023, n) for n in range(5000)]
    assert len(read_table(SimpleUploadedFile("values.xlsx", _workbook(rows)))) == 5001
    text = "код;година\n" + "П2;2023\n" * 5000
    assert read_table(SimpleUploadedFile("values.csv", text.encode("cp1251")))[-1] == ["П2", "2023"]


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read():
    upload = SimpleUploadedFile("values.csv", b"a" * (tables.MAX_BYTES + 1))
    with pytest.raises(ValidationError, match="at most 5 MB") as refused, translation.override("en"):
        read_table(upload)
    assert refused.value.code == "too_large"


@pytest.mark.django_db
def test_both_import_pages_answer_a_hostile_file_with_the_message(client_for, municipality):
    clerk = testing.make_member(municipality, Role.STAFF)
    client = client_for("alpha.test", clerk)
    response = client.post("/office/import/", {"kind": "measurements",
                                               "file": SimpleUploadedFile("values.xlsx", _cell_in_the_last_row())})
    assert response.status_code == 400
    assert "Файлът има повече от 10\xa0000 реда" in response.content.decode()
    meeting = make_meeting(municipality, days=0)
    response = client.post(f"/office/meetings/{meeting.pk}/check-in/", {
        "action": "preview", "list-file": SimpleUploadedFile("list.csv", _million_columns_csv())})
    assert response.status_code == 400
    assert "Ред от файла е по-дълъг от 100\xa0000 знака" in response.content.decode()
    response = client.post(f"/office/meetings/{meeting.pk}/check-in/", {
        "action": "preview", "list-file": SimpleUploadedFile("list.xlsx", _zip_bomb())})
    assert response.status_code == 400 and not meeting.registrations.exists()
