"""What core itself adds to the shared pages: the municipality, the audit log, two-factor."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sabor.core import audit, files, registry
from sabor.core.models import AuditEntry, Municipality


def register() -> None:
    audit.register_actions({
        "municipality.created": _("Municipality created"),
        "municipality.updated": _("Municipality updated"),
    })
    audit.describe(Municipality, labels={"hosts": _("host names")})
    # The coat of arms is on every page of its municipality.
    files.register(prefix="municipalities", model=Municipality, field="coat_of_arms", municipality="pk",
                   may_see=lambda request, municipality: True)

    registry.office_menu.add(_("Audit log"), "office:audit_log", permission="core.view_audit_log", order=900)
    registry.office_menu.add(_("Municipality"), "office:municipality", permission="core.edit_municipality",
                             order=910)
    registry.office_menu.add(_("Two-factor authentication"), "mfa_index", order=1000)
    registry.add_card("core.latest", section="office_latest", template="core/office/cards/latest.html",
                      permission="core.view_audit_log", context=_latest_changes)
    registry.add_url_fillers("core", "sabor.core.testing")


def _latest_changes(request):
    return {"entries": AuditEntry.objects.filter(municipality=request.municipality)
            .select_related("content_type", "actor")[:8]}



