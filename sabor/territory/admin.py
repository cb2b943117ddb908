from django.contrib import admin

from sabor.core import audit
from sabor.territory.models import Settlement


@admin.register(Settlement)
class SettlementAdmin(admin.ModelAdmin):
    list_display = ["name", "ekatte", "kind", "municipality", "population"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name", "name_en", "ekatte"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(actor=request.user, action="settlement.saved", obj=obj, municipality=obj.municipality,
                     changes={name: [None, str(form.cleaned_data.get(name))] for name in form.changed_data})
