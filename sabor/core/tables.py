"""Reading uploaded tables (CSV or XLSX) into rows of text cells, for every import.

An upload is hostile until read: a 2 KB workbook can declare a sheet of 16,384 ×
1,048,576 cells (openpyxl pads every row to the declared size), zip a gigabyte into
a kilobyte, or hold a million tiny shared strings. So everything is bounded before
and while reading: the file's size; for XLSX the zip's members (count, unpacked size,
compression ratio), then one streaming pass over every part that counts rows, cells
and text and stops at the first limit, all before openpyxl opens it; and the rows
and columns again as they stream out. Nothing trusts the sheet's <dimension>."""

from __future__ import annotations

import csv
import io
import xml.sax
import zipfile
from xml.sax.handler import ContentHandler, feature_external_ges, feature_namespaces

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000  # the importers take at most 5,000 (values) and 2,000 (sign-in lists) rows
MAX_COLUMNS = 100  # they read at most 7
MAX_TEXT = 5_000_000  # characters in all cells together
MAX_CSV_LINE = 100_000  # characters
MAX_MEMBERS = 200  # a workbook has a dozen parts
MAX_UNPACKED = 50 * 1024 * 1024  # bytes of all parts together once unzipped
MAX_RATIO = 100  # unzipped size to zipped size of one part larger than RATIO_FROM
RATIO_FROM = 1024 * 1024
MAX_CELLS = MAX_ROWS * MAX_COLUMNS  # <c> elements in all sheets, empty ones included
MAX_SHARED_STRINGS = 200_000  # an import of 5,000 rows of 7 columns has at most 35,000 different texts
MAX_ROW_WIDTH = 16_384  # cells of one row in the file (Excel's own width): bounds openpyxl's row padding


def too_many_rows() -> ValidationError:
    return ValidationError(ngettext("The file has more than %(limit)s row; split it into smaller files.",
                                    "The file has more than %(limit)s rows; split it into smaller files.",
                                    MAX_ROWS) % {"limit": number_format(MAX_ROWS, force_grouping=True)},
                           code="too_many_rows")


def too_many_columns() -> ValidationError:
    return ValidationError(ngettext("A row of the file has more than %(limit)s column.",
                                    "A row of the file has more than %(limit)s columns.",
                                    MAX_COLUMNS) % {"limit": MAX_COLUMNS}, code="too_many_columns")


def too_much_text() -> ValidationError:
    return ValidationError(_("The file holds more text than an import can take; split it into smaller files."),
                           code="too_much_text")


def too_large() -> ValidationError:
    return ValidationError(_("The file may be at most %(limit)s MB.") % {"limit": MAX_BYTES // (1024 * 1024)},
                           code="too_large")


def not_xlsx() -> ValidationError:
    return ValidationError(_("The file is not a readable XLSX workbook."), code="bad_xlsx")


def read_table(upload) -> list[list[str]]:
    """The file's rows as text cells, trailing empty cells dropped; raises
    ValidationError for what cannot be read or is beyond the limits."""
    name = upload.name.lower()
    if not name.endswith((".xlsx", ".csv")):
        raise ValidationError(_("Upload a CSV or XLSX file."), code="bad_type")
    if (upload.size or 0) > MAX_BYTES:
        raise too_large()
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:  # a size that lied
        raise too_large()
    rows = _Rows()
    if name.endswith(".xlsx"):
        for row in _xlsx_rows(data):
            rows.add(["" if cell is None else str(cell) for cell in row[:MAX_COLUMNS + 1]])
    else:
        for row in _csv_rows(data):
            rows.add(row)
    return rows.table


class _Rows:
    """Rows as they stream in, counted and measured; stops at the first limit."""

    def __init__(self):
        self.table: list[list[str]] = []
        self.text = 0

    def add(self, cells: list[str]) -> None:
        if len(self.table) >= MAX_ROWS:
            raise too_many_rows()
        cells = [cell.strip() for cell in cells[:MAX_COLUMNS + 1]]
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) > MAX_COLUMNS:
            raise too_many_columns()
        self.text += sum(map(len, cells))
        if self.text > MAX_TEXT:
            raise too_much_text()
        self.table.append(cells)


def _xlsx_rows(data: bytes):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise not_xlsx() from None
    _check_members(members)
    scan = _Scan()
    for member in members:
        scan.part(archive, member)
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        sheet.reset_dimensions()  # the declared <dimension> is whatever the file says
        # The scan bounded the rows and their width; max_row also stops openpyxl's
        # padding of the gaps between row numbers.
        yield from sheet.iter_rows(max_row=MAX_ROWS + 1, values_only=True)
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise not_xlsx() from None


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    """The zip's own account of its parts, before anything is unpacked. zipfile never
    unpacks more than a part's declared size, so these numbers bound what is read."""
    if len(members) > MAX_MEMBERS:
        raise not_xlsx()
    if sum(member.file_size for member in members) > MAX_UNPACKED:
        raise too_much_text()
    for member in members:
        if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise too_much_text()  # a zip bomb; the person gets the same answer as for a real excess


class _Stop(Exception):
    def __init__(self, error: ValidationError):
        self.error = error


class _Scan(ContentHandler):
    """One streaming pass (SAX, constant memory) over the parts of a workbook that
    counts what openpyxl would build: rows, cells, cells of one row, shared strings
    and text, and the column of every value. Counts run over all parts, since the
    workbook's relations, not the parts' names, say which part is a sheet."""

    def __init__(self):
        super().__init__()
        self.rows = self.cells = self.row_cells = self.column = self.strings = self.text = 0
        self.in_text = False

    def part(self, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
        parser = xml.sax.make_parser()
        parser.setFeature(feature_namespaces, True)
        parser.setFeature(feature_external_ges, False)
        parser.setContentHandler(self)
        self.rows = 0  # per sheet: a workbook may have several
        try:
            with archive.open(member) as source:
                parser.parse(source)
        except _Stop as stop:
            raise stop.error from None
        except xml.sax.SAXException:
            return  # not XML (a picture), or broken XML that openpyxl then refuses as well
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError):
            raise not_xlsx() from None

    def startElementNS(self, name, qname, attrs):  # noqa: N802 - SAX's name
        tag = name[1]
        if tag == "row":
            self.rows += 1
            self.row_cells = self.column = 0
            number = attrs.get((None, "r"), "")
            if self.rows > MAX_ROWS or (number.isdecimal() and len(number) < 9 and int(number) > MAX_ROWS):
                raise _Stop(too_many_rows())
        elif tag == "c":
            self.cells += 1
            self.row_cells += 1
            if self.cells > MAX_CELLS or self.row_cells > MAX_ROW_WIDTH:
                raise _Stop(too_many_columns())
            reference = attrs.get((None, "r"), "").rstrip("0123456789")
            try:
                self.column = column_index_from_string(reference) if reference else self.column + 1
            except ValueError:
                raise _Stop(not_xlsx()) from None
        elif tag == "si":
            self.strings += 1
            if self.strings > MAX_SHARED_STRINGS:
                raise _Stop(too_much_text())
        elif tag in ("v", "t"):
            self.in_text = True

    def endElementNS(self, name, qname):  # noqa: N802 - SAX's name
        if name[1] in ("v", "t"):
            self.in_text = False

    def characters(self, content):
        if not self.in_text:
            return
        self.text += len(content)
        if self.text > MAX_TEXT:
            raise _Stop(too_much_text())
        if self.column > MAX_COLUMNS and content.strip():
            raise _Stop(too_many_columns())


def _csv_rows(data: bytes):
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
    try:
        yield from csv.reader(_bounded_lines(text), dialect)
    except csv.Error:
        raise ValidationError(_("The CSV file cannot be read: a quoted cell never ends or is too long."),
                              code="bad_csv") from None


def _bounded_lines(text: str):
    """The lines of `text`, refusing one longer than any row of an import, before
    the csv module splits it into cells."""
    for line in io.StringIO(text):
        if len(line) > MAX_CSV_LINE:
            raise ValidationError(ngettext("A line of the file is longer than %(limit)s character.",
                                           "A line of the file is longer than %(limit)s characters.", MAX_CSV_LINE)
                                  % {"limit": number_format(MAX_CSV_LINE, force_grouping=True)}, code="long_line")
        yield line
