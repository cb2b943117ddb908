"""The project's URLs with the example app's one ``include``."""

from django.urls import include, path

from sabor.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("", include("sabor.tests.example.urls")), *project_urlpatterns]
