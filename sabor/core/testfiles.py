"""Small but real files of every format Sabor takes as an upload, for tests: uploads are
checked by their content (core.uploads), so a test's file must be what its name says."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from sabor.core.uploads import _ODF, _OOXML

_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                  '2006/content-types"><Override PartName="/main.xml" ContentType="{}"/></Types>')


def content(extension: str, *, pad: int = 0) -> bytes:
    """The bytes of a minimal valid file of `extension`, `pad` bytes longer where the format allows."""
    extension = extension.lower()
    if extension == "pdf":
        from pypdf import PdfWriter

        writer, buffer = PdfWriter(), io.BytesIO()
        writer.add_blank_page(width=595, height=842)
        writer.write(buffer)
        return buffer.getvalue() + b"\n%" + b"0" * pad
    if extension in ("png", "jpg", "jpeg"):
        from PIL import Image

        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), "#1f4e79").save(buffer, "PNG" if extension == "png" else "JPEG")
        return buffer.getvalue() + b"\0" * pad
    if extension == "csv":
        return "име,група\nМария,residents\n".encode() + b"#" * pad
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        if extension in _ODF:
            package.writestr("mimetype", _ODF[extension], compress_type=zipfile.ZIP_STORED)
        elif extension in _OOXML:
            package.writestr("[Content_Types].xml", _CONTENT_TYPES.format(_OOXML[extension].decode()))
        package.writestr("main.xml" if extension != "zip" else "readme.txt", "<p>" + " " * pad + "</p>")
    return buffer.getvalue()


def upload(name: str, *, pad: int = 0) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content(name.rsplit(".", 1)[-1], pad=pad))
