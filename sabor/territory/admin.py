from django.contrib import admin

from sabor.territory.models import Settlement


@admin.register(Settlement)
class SettlementAdmin(admin.ModelAdmin):
    list_display = ["name", "ekatte", "kind", "municipality", "population"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name", "name_en", "ekatte"]
