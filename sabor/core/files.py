"""Uploaded files: stored under unguessable names, saved whole or not at all, and served
through a view that applies the visibility of the object each file belongs to.

Nothing under the media directory is public by itself. Each app declares in its
`AppConfig.ready()` which model field owns the files under a name prefix, how to reach
the owner's municipality, and who may see the owner (`register`), reusing the rule of
the owner's own pages; the view answers 404 for everything else, as for a file that
does not exist.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import models
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from sabor.core.uploads import validate_upload

logger = logging.getLogger(__name__)

# The types of the formats uploads may have (core.uploads checks the content), fixed here
# rather than read from the host's mime.types.
CONTENT_TYPES = {
    "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
    "csv": "text/csv; charset=utf-8", "zip": "application/zip",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
# Pictures are shown in pages (the coat of arms); everything else is downloaded, never
# rendered by the browser on the site's own origin.
INLINE_TYPES = {"image/png", "image/jpeg"}


@deconstructible
class RandomName:
    """`upload_to` that keeps the file's own name (for the download) inside a directory
    named by 128 random bits, so that no address can be guessed from another."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename: str) -> str:
        return f"{self.prefix}/{timezone.now():%Y}/{secrets.token_urlsafe(16)}/{PurePosixPath(filename).name}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomName) and other.prefix == self.prefix


class FileStorage(FileSystemStorage):
    """The file system, where a file is either written whole or not at all: a write that
    fails (a full disk, a lost volume) removes what it had written."""

    def _save(self, name: str, content) -> str:
        while True:
            full_path = self.path(name)
            directory = os.path.dirname(full_path)
            os.makedirs(directory, exist_ok=True)
            try:
                # O_EXCL: the file at this path is ours, so removing it on failure is safe.
                fd = os.open(full_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            except FileExistsError:
                name = self.get_available_name(name)
                continue
            break
        try:
            with os.fdopen(fd, "wb") as target:
                self._copy(content, target)
        except BaseException:
            os.remove(full_path)
            try:
                os.rmdir(directory)  # the random directory made for this file, when empty
            except OSError:
                pass
            raise
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        return os.path.relpath(full_path, self.location).replace("\\", "/")

    def _copy(self, content, target) -> None:
        for chunk in content.chunks():
            target.write(chunk.encode() if isinstance(chunk, str) else chunk)


class _StoredWholeOrRefused:
    """A file field whose upload is checked by its content and whose storage failure is
    a form error of the field, inside the service's transaction (so nothing is saved)."""

    default_validators = [validate_upload]

    def pre_save(self, model_instance, add):
        try:
            return super().pre_save(model_instance, add)
        except OSError as error:
            logger.error("could not store an upload of %s.%s: %s", model_instance._meta.label, self.name, error)
            raise ValidationError({self.name: _("The file could not be stored: the server has no room for it "
                                                "now. Nothing has been saved; please try again later.")},
                                  code="storage_failed") from None


class FileField(_StoredWholeOrRefused, models.FileField):
    pass


class ImageField(_StoredWholeOrRefused, models.ImageField):
    default_validators = [*models.ImageField.default_validators, validate_upload]


@dataclass(frozen=True)
class FileKind:
    prefix: str
    model: type[models.Model]
    field: str
    municipality: str  # the lookup from the model to its municipality
    may_see: Callable[[HttpRequest, models.Model], bool]


KINDS: list[FileKind] = []


def register(*, prefix: str, model: type[models.Model], field: str, municipality: str,
             may_see: Callable[[HttpRequest, models.Model], bool]) -> None:
    """Files named `prefix/…` belong to the `model` row whose `field` holds the name; a
    visitor may fetch one when `may_see(request, row)` (the rule of the row's own pages)."""
    KINDS.append(FileKind(prefix.rstrip("/") + "/", model, field, municipality, may_see))


def owner(request: HttpRequest, name: str) -> models.Model | None:
    """The row of this municipality that owns the file `name` and that the visitor may see."""
    for kind in KINDS:
        if name.startswith(kind.prefix):
            row = kind.model._default_manager.filter(
                **{kind.municipality: request.municipality.pk, kind.field: name}).first()
            if row is not None and kind.may_see(request, row):
                return row
    return None


def serve(request: HttpRequest, name: str) -> HttpResponse:
    if request.municipality is None or ".." in PurePosixPath(name).parts or owner(request, name) is None:
        raise Http404
    content_type = CONTENT_TYPES.get(PurePosixPath(name).suffix.lower().lstrip("."), "application/octet-stream")
    filename = PurePosixPath(name).name
    accel = settings.SABOR_FILES_ACCEL_REDIRECT
    if accel:
        # nginx sends the bytes from its internal location; the app only decided who may.
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + quote(name)
    else:
        try:
            response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
        except FileNotFoundError:
            raise Http404 from None
    response["Content-Disposition"] = content_disposition_header(content_type not in INLINE_TYPES, filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Whoever may see it now may not tomorrow: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-cache"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
