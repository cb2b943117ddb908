"""Back office of monitoring: entering indicator values and verifying them."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sabor.core.decorators import office_view
from sabor.core.forms import add_service_errors
from sabor.core.http import submitted
from sabor.core.tables import read_table
from sabor.monitoring import live, services
from sabor.monitoring.forms import AdoptForm, AnswerForm, ImportForm, MeasurementForm, MethodologyForm, ReturnForm
from sabor.monitoring.models import Indicator, Measurement, Methodology, Observation
from sabor.monitoring.services import imports, methodology, observations


def natural_key(code: str) -> tuple:
    """О2 before О10: the digits of a code compare as numbers, the rest as text."""
    return tuple(int(part) if part.isdecimal() else part.casefold() for part in re.split(r"(\d+)", code))


def _indicators(request):
    return Indicator.objects.filter(municipality=request.municipality).select_related("plan_node__plan")


@office_view("monitoring.enter_measurement")
def indicator_list(request):
    indicators = sorted(_indicators(request), key=lambda i: (
        i.plan_node.plan.start_year if i.plan_node_id else 0, natural_key(i.code), i.pk))
    returned = (Measurement.objects.filter(indicator__municipality=request.municipality, entered_by=request.user,
                                           status=Measurement.Status.RETURNED)
                .select_related("indicator", "settlement").order_by("indicator__code", "period"))
    return render(request, "monitoring/office/indicator_list.html", {"indicators": indicators,
                                                                     "returned": returned})


@office_view("monitoring.enter_measurement")
def indicator_values(request, pk: int):
    indicator = get_object_or_404(_indicators(request).select_related("municipality"), pk=pk)
    measurements = list(indicator.measurements.select_related("settlement", "entered_by", "verified_by")
                        .order_by("-period", "settlement__name", "sex", "age_group"))
    for measurement in measurements:
        measurement.indicator = indicator
        measurement.may_delete = request.user.has_perm("monitoring.delete_measurement", measurement)
        measurement.may_submit = request.user.has_perm("monitoring.submit_this_measurement", measurement)
    form = MeasurementForm(*submitted(request, files=True), indicator=indicator, prefix="m")
    if request.method == "POST" and form.is_valid():
        try:
            measurement = services.save_measurement(actor=request.user, indicator=indicator,
                                                    period=form.cleaned_data["period"], **form.breakdown(),
                                                    **form.measurement_fields())
            if request.POST.get("action") == "submit":
                services.submit_measurement(actor=request.user, measurement=measurement)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The value has been submitted for verification.")
                             if request.POST.get("action") == "submit" else _("The draft has been saved."))
            return redirect("office:indicator_values", pk=indicator.pk)
    return render(request, "monitoring/office/indicator_values.html", {
        "indicator": indicator, "measurements": measurements, "form": form, "computed_from": live.describe(indicator),
    }, status=400 if form.errors else 200)


@office_view("monitoring.enter_measurement")
@require_POST
def submit_measurement(request, pk: int):
    measurement = get_object_or_404(Measurement.objects.filter(indicator__municipality=request.municipality),
                                    pk=pk)
    try:
        services.submit_measurement(actor=request.user, measurement=measurement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("office:indicator_values", pk=measurement.indicator_id)
    messages.success(request, _("The value has been submitted for verification."))
    return redirect("office:indicator_values", pk=measurement.indicator_id)


@office_view("monitoring.enter_measurement")
@require_POST
def delete_measurement(request, pk: int):
    measurement = get_object_or_404(Measurement.objects.filter(indicator__municipality=request.municipality)
                                    .select_related("indicator__municipality"), pk=pk)
    if not request.user.has_perm("monitoring.delete_measurement", measurement):
        raise PermissionDenied
    services.delete_measurement(actor=request.user, measurement=measurement)
    messages.success(request, _("The draft has been deleted."))
    return redirect("office:indicator_values", pk=measurement.indicator_id)


def _queue(request):
    measurements = list(Measurement.objects.filter(indicator__municipality=request.municipality,
                                                   status=Measurement.Status.SUBMITTED)
                        .select_related("indicator__municipality", "settlement", "entered_by")
                        .order_by("indicator__code", "period"))
    for measurement in measurements:
        measurement.may_verify = request.user.has_perm("monitoring.verify_this_measurement", measurement)
    return measurements


@office_view("monitoring.verify_measurement")
def verification_queue(request):
    return render(request, "monitoring/office/queue.html", {"measurements": _queue(request),
                                                            "return_form": ReturnForm()})


@office_view("monitoring.verify_measurement")
@require_POST
def review_measurement(request, pk: int):
    measurement = get_object_or_404(Measurement.objects.filter(indicator__municipality=request.municipality),
                                    pk=pk)
    decision = request.POST.get("decision")
    form = ReturnForm(request.POST if decision == "return" else None)
    try:
        if decision == "verify":
            services.verify_measurement(actor=request.user, measurement=measurement)
            messages.success(request, _("The value has been verified and now counts on the public pages."))
        elif decision == "return" and form.is_valid():
            services.return_measurement(actor=request.user, measurement=measurement,
                                        reason=form.cleaned_data["reason"])
            messages.success(request, _("The value has been returned for correction."))
        else:
            messages.error(request, _("Say what needs correcting.") if decision == "return"
                           else _("Choose to verify or to return the value."))
            return render(request, "monitoring/office/queue.html", {
                "measurements": _queue(request), "return_form": form}, status=400)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render(request, "monitoring/office/queue.html", {
            "measurements": _queue(request), "return_form": ReturnForm()}, status=400)
    return redirect("office:verification_queue")


@office_view("monitoring.edit_methodology")
def methodology_office(request):
    municipality = request.municipality
    draft = municipality.methodologies.filter(status=Methodology.Status.DRAFT).first()
    form = MethodologyForm(*submitted(request), instance=draft) if draft else None
    adopt_form = AdoptForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "start":
                methodology.start_draft(actor=request.user, municipality=municipality)
                messages.success(request, _("A new draft has been started from the version in force."))
                return redirect("office:methodology")
            if draft is None:
                return HttpResponseBadRequest(_("There is no draft to change."))
            if action == "save" and form.is_valid():
                draft.refresh_from_db()
                methodology.update_draft(actor=request.user, methodology=draft,
                                         **{name: form.cleaned_data[name] for name in form.Meta.fields})
                messages.success(request, _("The draft has been saved."))
                return redirect("office:methodology")
            if action == "adopt":
                adopt_form = AdoptForm(request.POST)
                form = MethodologyForm(instance=draft)
                if adopt_form.is_valid():
                    methodology.adopt(actor=request.user, methodology=draft,
                                      decision=adopt_form.cleaned_data["decision"])
                    messages.success(request, _("The methodology has been adopted and is now in force."))
                    return redirect("office:methodology")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        status = 400
    return render(request, "monitoring/office/methodology.html", {
        "current": methodology.in_force(municipality), "draft": draft, "form": form, "adopt_form": adopt_form,
    }, status=status)


IMPORT_SESSION_KEY = "sabor.import"


@office_view("monitoring.enter_measurement")
def import_values(request):
    """Upload → preview with every row's errors → confirm. Only a preview without
    errors can be confirmed, and the rows are checked again when saved."""
    form = ImportForm(*submitted(request, files=True))
    preview = None
    status = 200
    if request.method == "POST" and request.POST.get("action") == "confirm":
        pending = request.session.get(IMPORT_SESSION_KEY)
        if not pending:
            messages.error(request, _("There is nothing to import; upload the file again."))
            return redirect("office:import")
        try:
            changed = imports.apply(actor=request.user, municipality=request.municipality, kind=pending["kind"],
                                    rows=pending["rows"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("office:import")
        del request.session[IMPORT_SESSION_KEY]
        messages.success(request, ngettext("Imported: %(count)s row saved; values wait for verification.",
                                           "Imported: %(count)s rows saved; values wait for verification.",
                                           changed) % {"count": changed})
        return redirect("office:import")
    if request.method == "POST" and form.is_valid():
        try:
            table = read_table(form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            preview = imports.preview(municipality=request.municipality, kind=form.cleaned_data["kind"],
                                      table=table)
            if preview.valid:
                request.session[IMPORT_SESSION_KEY] = {"kind": preview.kind, "rows": preview.serialise()}
            else:
                request.session.pop(IMPORT_SESSION_KEY, None)
                status = 400
    if form.errors:
        status = 400
    return render(request, "monitoring/office/import.html", {"form": form, "preview": preview}, status=status)


@office_view("monitoring.answer_observation")
def observation_list(request):
    items = (Observation.objects.filter(indicator__municipality=request.municipality)
             .select_related("indicator", "author").order_by("answered_at", "-created_at"))
    return render(request, "monitoring/office/observations.html", {"observations": items, "form": AnswerForm()})


@office_view("monitoring.answer_observation")
@require_POST
def observation_answer(request, pk: int):
    item = get_object_or_404(Observation.objects.filter(indicator__municipality=request.municipality), pk=pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        observations.answer(actor=request.user, observation=item, text=form.cleaned_data["answer"])
        messages.success(request, _("The answer has been published."))
        return redirect("office:observations")
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    items = (Observation.objects.filter(indicator__municipality=request.municipality)
             .select_related("indicator", "author").order_by("answered_at", "-created_at"))
    return render(request, "monitoring/office/observations.html", {"observations": items, "form": form},
                  status=400)
