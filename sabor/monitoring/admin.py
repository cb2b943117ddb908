from django.contrib import admin

from sabor.accounts.admin import ReadOnlyMixin
from sabor.monitoring.models import AnnualReport, Evaluation, Indicator, Measurement, Methodology


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["code", "name", "municipality", "unit"]
    list_filter = ["municipality", "level"]
    search_fields = ["code", "name"]


@admin.register(Measurement)
class MeasurementAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["indicator", "period", "value", "status"]
    list_filter = ["status"]


@admin.register(Methodology, Evaluation, AnnualReport)
class MonitoringAdmin(ReadOnlyMixin, admin.ModelAdmin):
    pass
