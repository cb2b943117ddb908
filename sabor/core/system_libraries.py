"""The system libraries behind documents, loaded when a document is made and not when
Sabor starts: Cairo draws the annual report's charts (cairocffi) and Pango lays out
every PDF (WeasyPrint). `make install` installs them; a server without one still
starts and serves every page, and a document that needs it says what is missing."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# The Debian and Ubuntu packages of each library, for the message.
PACKAGES = {"Cairo": "libcairo2", "Pango": "libpango-1.0-0 libpangoft2-1.0-0"}


class MissingLibrary(RuntimeError):
    """A document needs a system library this server lacks. The message is made when
    raised, in the language active then (the annual report's is Bulgarian)."""

    def __init__(self, library: str):
        self.library, self.packages = library, PACKAGES[library]
        super().__init__(_("This document cannot be made on this server: the system library %(library)s is not "
                           "installed. The server's administrator can install it with "
                           "“apt-get install %(packages)s”.") % {"library": library, "packages": self.packages})


def _load(library: str, *modules: str) -> ModuleType:
    # cairocffi and WeasyPrint open the shared libraries when imported and raise OSError
    # ("cannot load library …") when one is missing.
    try:
        return [importlib.import_module(name) for name in modules][0]
    except (OSError, ImportError) as error:
        raise MissingLibrary(library) from error


def cairo() -> ModuleType:
    return _load("Cairo", "cairocffi")


def weasyprint() -> ModuleType:
    """WeasyPrint, with `weasyprint.urls` loaded too."""
    return _load("Pango", "weasyprint", "weasyprint.urls")


def pdf_response(request, make: Callable[[], bytes], filename: str) -> HttpResponse:
    """The PDF that `make()` writes, as a download; without the libraries it needs, a page
    that says which are missing (503: the server, not the request, is at fault)."""
    try:
        content = make()
    except MissingLibrary as error:
        return render(request, "core/document_unavailable.html", {"error": error}, status=503)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
