from django.urls import path

from sabor.core import files, views

app_name = "core"
urlpatterns = [
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("files/<path:name>", files.serve, name="file"),
]

# The back office's pages (namespace "office", gathered by sabor.core.registry).
office_urlpatterns = [
    path("audit/", views.audit_log, name="audit_log"),
    path("municipality/", views.municipality_settings, name="municipality"),
]
