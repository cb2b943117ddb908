"""The site's URLs plus the floor: a bare view behind the same middleware, the most
any page could reach on this server."""

from django.http import HttpResponse
from django.urls import path

from sabor.urls import urlpatterns as site_urlpatterns


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), *site_urlpatterns]
