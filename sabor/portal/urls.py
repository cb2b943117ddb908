from django.urls import path

from sabor.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
]

# The back office's pages (namespace "office", gathered by sabor.core.registry).
office_urlpatterns = [
    path("", views.office_dashboard, name="dashboard"),
]
