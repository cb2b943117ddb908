from django.contrib import admin
from django.urls import include, path

from sabor.core.registry import office_urlpatterns

urlpatterns = [
    path("", include("sabor.portal.urls")),
    path("", include("sabor.core.urls")),
    path("", include("sabor.accounts.urls")),
    path("", include("sabor.planning.urls")),
    path("", include("sabor.monitoring.urls")),
    path("", include("sabor.training.urls")),
    path("", include("sabor.participation.urls")),
    path("office/", include((office_urlpatterns(), "office"))),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
