from __future__ import annotations

from django.db import transaction

from sabor.core import audit, pagecache
from sabor.core.models import Municipality, MunicipalityDomain


@transaction.atomic
def create_municipality(*, actor, slug: str, name: str, code: str, hosts: list[str] | None = None,
                        **fields) -> Municipality:
    municipality = Municipality(slug=slug, name=name, code=code, **fields)
    municipality.full_clean()
    municipality.save()
    for host in hosts or []:
        domain = MunicipalityDomain(municipality=municipality, host=host.strip().lower())
        domain.full_clean()
        domain.save()
    audit.record(actor=actor, action="municipality.created", obj=municipality, municipality=municipality,
                 changes={"name": [None, name], "code": [None, code], "hosts": [None, ", ".join(hosts or [])]})
    return municipality


MUNICIPALITY_FIELDS = ["name", "name_en", "province", "province_en", "description", "description_en",
                       "coat_of_arms", "primary_colour", "accent_colour", "website", "contact_email"]


@transaction.atomic
def update_municipality(*, actor, municipality: Municipality, **fields) -> Municipality:
    audit.save_changes(municipality, actor=actor, action="municipality.updated", editable=MUNICIPALITY_FIELDS,
                       values=fields, municipality=municipality)
    pagecache.municipality_changed(municipality)  # its name, colours and coat of arms are on every page
    return municipality
