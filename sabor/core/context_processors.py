def municipality(request):
    municipality = getattr(request, "municipality", None)

    def show_office_link() -> bool:
        # Called by the template only when rendered, so anonymous pages cost no query.
        return bool(municipality) and request.user.has_perm("office.access", municipality)

    return {"municipality": municipality, "show_office_link": show_office_link}
