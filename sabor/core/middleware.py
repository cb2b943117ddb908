from __future__ import annotations

from django.conf import settings
from django.shortcuts import render

from sabor.core.models import Municipality, MunicipalityDomain


def resolve_municipality(host: str) -> Municipality | None:
    """The municipality served under `host`, else the configured default, else None."""
    bare_host = host.split(":", 1)[0].lower().rstrip(".")
    domain = MunicipalityDomain.objects.filter(host=bare_host).select_related("municipality").first()
    if domain is not None:
        # A host that belongs to a municipality never shows another one, even
        # while its own is switched off.
        return domain.municipality if domain.municipality.is_active else None
    if settings.SABOR_DEFAULT_MUNICIPALITY:
        return Municipality.objects.filter(is_active=True, slug=settings.SABOR_DEFAULT_MUNICIPALITY).first()
    return None


class MunicipalityMiddleware:
    """Sets request.municipality from the host. Views that serve a municipality's
    data fetch everything through it, so one tenant never reaches another's rows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.municipality = resolve_municipality(request.get_host())
        return self.get_response(request)


class InvalidFormStatusMiddleware:
    """A page re-shown because its form was invalid answers 400, not 200, so that
    clients, tests and monitoring can tell a refused submission from a success.
    Our own views set the status themselves; this covers allauth's views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        if request.method == "POST" and response.status_code == 200 and response.context_data:
            form = response.context_data.get("form")
            if form is not None and getattr(form, "is_bound", False) and form.errors:
                response.status_code = 400
        return response


class RequestSizeMiddleware:
    """Refuses a request whose declared body is larger than any upload Sabor takes, with
    413 and before anything reads it, so that the limit holds without nginx in front too.
    (A body without a length is read as empty by Django, so it cannot carry more.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.SABOR_MAX_REQUEST_BYTES:
            return render(request, "413.html", {"limit": settings.SABOR_MAX_REQUEST_BYTES // (1024 * 1024)},
                          status=413)
        return self.get_response(request)


# Powerful browser features that no Sabor page uses: none may be used by the page or
# anything embedded in it, so an injected script could not reach them either.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
    "gyroscope", "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
    "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking"))


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
