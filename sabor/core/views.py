from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sabor.accounts.models import Membership, Organisation
from sabor.core import services
from sabor.core.decorators import municipality_required, office_view
from sabor.core.filters import AuditFilter, filter_status
from sabor.core.forms import MunicipalityForm
from sabor.core.http import submitted
from sabor.core.models import AuditEntry, Municipality


def home(request):
    municipality = request.municipality
    if municipality is None:
        # A multi-municipality installation reached under its own name: list the tenants.
        municipalities = Municipality.objects.filter(is_active=True).prefetch_related("domains")
        return render(request, "core/platform_home.html", {"municipalities": municipalities})
    settlements = list(municipality.settlements.all())
    organisations = municipality.organisations.filter(is_public=True)
    context = {
        "settlements": settlements,
        "total_population": sum(s.population or 0 for s in settlements),
        "organisation_count": organisations.count(),
        "recent_organisations": organisations.order_by("-created_at")[:6],
        "member_count": municipality.memberships.filter(user__is_active=True).count(),
        "plans": municipality.plans.public().order_by("-start_year")[:3],
        "project_count": municipality.projects.public().count(),
        "upcoming_meetings": municipality.meetings.filter(is_public=True, is_cancelled=False,
                                                          ends_at__gt=timezone.now())
        .select_related("settlement").order_by("starts_at")[:3],
        "popular_ideas": municipality.ideas.filter(is_hidden=False).exclude(status__in=["rejected", "merged"])
        .order_by("-supports_count", "-created_at")[:3],
        "open_programmes": municipality.training_programmes.filter(status="open").count(),
    }
    return render(request, "core/home.html", context)


@municipality_required
def accessibility(request):
    return render(request, "core/accessibility.html")


@municipality_required
def privacy(request):
    return render(request, "core/privacy.html")


@office_view()
def office_dashboard(request):
    municipality = request.municipality
    memberships = Membership.objects.filter(municipality=municipality, user__is_active=True)
    by_group = dict(memberships.values_list("stakeholder_group").annotate(n=Count("id")))
    context = {
        "people_count": memberships.count(),
        "by_group": [(label, by_group.get(value, 0)) for value, label in Membership._meta.get_field(
            "stakeholder_group").choices],
        "organisation_count": Organisation.objects.filter(municipality=municipality).count(),
        "recent_entries": AuditEntry.objects.filter(municipality=municipality)
        .select_related("content_type", "actor")[:8]
        if request.user.has_perm("core.view_audit_log", municipality) else None,
        "waiting": _waiting_for(request.user, municipality),
    }
    return render(request, "core/office/dashboard.html", context)


def _waiting_for(user, municipality) -> list[tuple[str, int, str]]:
    """What waits for this person's action: (label, how many, where to act), by their rights."""
    from sabor.monitoring.models import Measurement
    from sabor.participation.models import Report
    from sabor.training.models import Enrolment

    queues = []
    if user.has_perm("monitoring.verify_measurement", municipality):
        queues.append((_("Values to verify"), Measurement.objects.filter(
            indicator__municipality=municipality, status=Measurement.Status.SUBMITTED).count(),
            reverse("office:verification_queue")))
    if user.has_perm("monitoring.enter_measurement", municipality):
        queues.append((_("Your values returned for correction"), Measurement.objects.filter(
            indicator__municipality=municipality, status=Measurement.Status.RETURNED, entered_by=user).count(),
            reverse("office:indicator_list") + "#returned"))
    if user.has_perm("participation.manage", municipality):
        queues.append((_("Ideas waiting for an answer"), municipality.ideas.filter(
            status="submitted", is_hidden=False).count(), reverse("office:ideas") + "?status=submitted"))
    if user.has_perm("participation.moderate", municipality):
        queues.append((_("Reports waiting for a moderator"), Report.objects.filter(
            municipality=municipality, status=Report.Status.OPEN).count(), reverse("office:moderation")))
    if user.has_perm("training.manage", municipality):
        queues.append((_("Training applications to answer"), Enrolment.objects.filter(
            programme__municipality=municipality, status=Enrolment.Status.APPLIED).count(),
            reverse("office:programmes")))
    return queues


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
