from sabor.core.registry import account_menu, office_menu, site_menu


def municipality(request):
    municipality = getattr(request, "municipality", None)

    def show_office_link() -> bool:
        # Called by the template only when rendered, so anonymous pages cost no query.
        return bool(municipality) and request.user.has_perm("office.access", municipality)

    def menu(registered):
        # Also called only when rendered: the back office's menu costs nothing elsewhere.
        return lambda: registered.for_request(request) if municipality else []

    return {"municipality": municipality, "show_office_link": show_office_link,
            "site_menu": menu(site_menu), "account_menu": menu(account_menu), "office_menu": menu(office_menu)}
