from django.contrib import admin

from sabor.training.models import Certificate, Enrolment, Programme


class ReadOnlyAdmin(admin.ModelAdmin):
    """The platform operator may look; changes go through the back office and its services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["title", "municipality", "status"]
    list_filter = ["municipality", "status"]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["name", "programme", "stakeholder_group", "status"]
    list_filter = ["status", "stakeholder_group"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["code", "holder_name", "programme_title", "issued_on"]
    search_fields = ["code"]
