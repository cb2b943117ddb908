"""What an uploaded file really is, read from its content rather than its name.

Every upload field and form runs `validate_upload`: the file's extension names the
format it claims, and the file must then both start like that format and parse as it.
A picture that is really SVG (which can carry script), a program renamed .pdf or a PDF
header in front of a web page are refused, whatever they are called.
"""

from __future__ import annotations

import logging
import warnings
import zipfile
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader

logger = logging.getLogger(__name__)

# Office Open XML packages name their main part's type in [Content_Types].xml.
_OOXML = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
# OpenDocument packages start with an uncompressed `mimetype` member naming their type.
_ODF = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
_IMAGES = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG"}
# A package's table of contents is a few kilobytes; more is not an office document.
_MAX_MANIFEST_BYTES = 1024 * 1024
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# Text files may hold tabs and line breaks, never other control bytes (a program has many).
_BINARY_BYTES = bytes(set(range(32)) - {9, 10, 13, 12})


class NotThatFormat(Exception):
    """The content is not the format its name claims."""


def _head(upload, size: int) -> bytes:
    upload.seek(0)
    return upload.read(size)


def _check_pdf(upload, extension: str) -> None:
    if not _head(upload, 5) == b"%PDF-":
        raise NotThatFormat
    upload.seek(0)
    try:
        reader = PdfReader(upload)
        pages = len(reader.pages)
    # pypdf reads hostile input and fails with many kinds of error (its own, ValueError,
    # KeyError, RecursionError…); each of them means the same here: not a readable PDF.
    except Exception as error:  # noqa: BLE001
        logger.info("refused a PDF upload: %r", error)
        raise NotThatFormat from None
    if pages < 1:
        raise NotThatFormat


def _check_image(upload, extension: str) -> None:
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format != _IMAGES[extension]:
                    raise NotThatFormat
                image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise NotThatFormat from None


def _package(upload) -> zipfile.ZipFile:
    if _head(upload, 4) not in _ZIP_MAGIC:
        raise NotThatFormat
    upload.seek(0)
    try:
        return zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise NotThatFormat from None


def _member(package: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = package.getinfo(name)
        if info.file_size > _MAX_MANIFEST_BYTES:
            raise NotThatFormat
        with package.open(info) as member:
            return member.read(_MAX_MANIFEST_BYTES + 1)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        raise NotThatFormat from None


def _check_ooxml(upload, extension: str) -> None:
    with _package(upload) as package:
        if _OOXML[extension] not in _member(package, "[Content_Types].xml"):
            raise NotThatFormat


def _check_odf(upload, extension: str) -> None:
    with _package(upload) as package:
        if _member(package, "mimetype").strip() != _ODF[extension]:
            raise NotThatFormat


def _check_zip(upload, extension: str) -> None:
    with _package(upload) as package:
        if not package.infolist():
            raise NotThatFormat


def _check_csv(upload, extension: str) -> None:
    upload.seek(0)
    data = upload.read()
    if not data.strip() or any(byte in _BINARY_BYTES for byte in data):
        raise NotThatFormat
    for encoding in ("utf-8-sig", "cp1251"):  # the two encodings the importers read
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return
    raise NotThatFormat


CHECKS: dict[str, Callable] = {
    "pdf": _check_pdf, "csv": _check_csv, "zip": _check_zip,
    **dict.fromkeys(_IMAGES, _check_image), **dict.fromkeys(_OOXML, _check_ooxml),
    **dict.fromkeys(_ODF, _check_odf),
}


def validate_upload(upload) -> None:
    """Refuses a file whose content is not the format its extension names. A file already
    stored (a saved row being validated again) is not read again. Which extensions a field
    takes is its FileExtensionValidator's business, which names the ones allowed; every
    extension allowed anywhere has a check here (tested)."""
    if not upload or getattr(upload, "_committed", False):
        return
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    check = CHECKS.get(extension)
    position = upload.tell() if hasattr(upload, "tell") else 0
    if check is None:
        return
    try:
        check(upload, extension)
    except NotThatFormat:
        raise ValidationError(
            _("The content of “%(name)s” is not in the %(format)s format its name claims. Upload the document "
              "itself, saved as %(format)s."),
            code="wrong_content", params={"name": upload.name, "format": extension.upper() or "?"}) from None
    finally:
        upload.seek(position)
