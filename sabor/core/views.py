from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sabor.core import services
from sabor.core.decorators import municipality_required, office_view
from sabor.core.filters import AuditFilter, filter_status
from sabor.core.forms import MunicipalityForm
from sabor.core.http import submitted
from sabor.core.models import AuditEntry, Municipality


@municipality_required
def accessibility(request):
    return render(request, "core/accessibility.html")


@municipality_required
def privacy(request):
    return render(request, "core/privacy.html")


AUDIT_PAGE_SIZE = 50


@office_view("core.view_audit_log")
def audit_log(request):
    entries = AuditEntry.objects.filter(municipality=request.municipality).select_related("content_type", "actor")
    form = AuditFilter(request.GET)
    filters = form.values()
    if "action" in filters:
        entries = entries.filter(action=filters["action"])
    if "actor" in filters:
        entries = entries.filter(Q(actor_label__icontains=filters["actor"])
                                 | Q(actor__display_name__icontains=filters["actor"]))
    if "object" in filters:
        entries = entries.filter(object_repr__icontains=filters["object"])
    if "date_from" in filters:
        entries = entries.filter(created_at__date__gte=filters["date_from"])
    if "date_to" in filters:
        entries = entries.filter(created_at__date__lte=filters["date_to"])
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/office/audit_log.html", {"page": page, "form": form}, status=filter_status(form))


@office_view("core.edit_municipality")
def municipality_settings(request):
    municipality = Municipality.objects.get(pk=request.municipality.pk)
    form = MunicipalityForm(*submitted(request, files=True), instance=municipality)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if fields["coat_of_arms"] is False:  # the "clear" box was ticked
            fields["coat_of_arms"] = ""
        elif fields["coat_of_arms"] is None:
            fields.pop("coat_of_arms")
        municipality.refresh_from_db()
        try:
            services.update_municipality(actor=request.user, municipality=municipality, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The municipality's details have been saved."))
            return redirect("office:municipality")
    return render(request, "core/office/municipality.html", {"form": form},
                  status=400 if form.errors else 200)
