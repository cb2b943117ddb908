from django.contrib import admin
from django.db import models

from sabor.core import audit, pagecache
from sabor.core.models import AuditEntry, Municipality, MunicipalityDomain


class DomainInline(admin.TabularInline):
    model = MunicipalityDomain
    extra = 1


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "slug", "is_active"]
    search_fields = ["name", "name_en", "code", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [DomainInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        pagecache.municipality_changed(obj)
        audit.record(actor=request.user, action="municipality.updated" if change else "municipality.created",
                     obj=obj, municipality=obj,
                     changes={name: [None, str(form.cleaned_data.get(name))] for name in form.changed_data})


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "municipality", "actor_label", "action", "object_repr"]
    list_filter = ["municipality", "action"]
    search_fields = ["actor_label", "object_repr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
