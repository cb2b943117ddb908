from django.urls import path

from sabor.core import files, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("files/<path:name>", files.serve, name="file"),
]
