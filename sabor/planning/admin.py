from django.contrib import admin

from sabor.accounts.admin import ReadOnlyMixin
from sabor.planning.models import Plan, PlanNode, Project


@admin.register(Plan)
class PlanAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["short_name", "municipality", "start_year", "end_year", "status"]
    list_filter = ["municipality", "status"]


@admin.register(PlanNode)
class PlanNodeAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["code", "title", "plan"]
    list_filter = ["plan"]


@admin.register(Project)
class ProjectAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "municipality", "status", "progress"]
    list_filter = ["municipality", "status"]
    search_fields = ["title"]
