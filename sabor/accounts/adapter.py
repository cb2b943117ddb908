from allauth.account.adapter import DefaultAccountAdapter

from sabor.core.clientip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        # allauth's rate limits count per client, not per reverse proxy.
        return client_ip(request)

    def get_login_redirect_url(self, request):
        # Staff land in the back office, everyone else where they were going.
        from sabor.accounts.models import STAFF_ROLES
        from sabor.accounts.roles import has_any_role

        if has_any_role(request.user, getattr(request, "municipality", None), *STAFF_ROLES):
            return "/office/"
        return super().get_login_redirect_url(request)
