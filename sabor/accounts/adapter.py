from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from sabor.core import mail
from sabor.core.clientip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        # allauth's rate limits count per client, not per reverse proxy.
        return client_ip(request)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Rendered now, while the request gives the links their host; sent by the task
        # worker, so that no sign-up, login or reset waits for the mail server and none
        # takes longer on the path that sends mail (which would reveal an account).
        request = allauth_context.request
        message = self.render_mail(template_prefix, email, {
            "request": request, "email": email, "current_site": get_current_site(request), **context})
        html = next((content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"),
                    None)
        mail.send(subject=message.subject, body=message.body, to=message.to, from_email=message.from_email,
                  headers=message.extra_headers, html=html)

    def get_login_redirect_url(self, request):
        # Staff land in the back office, everyone else where they were going.
        from sabor.accounts.models import STAFF_ROLES
        from sabor.accounts.roles import has_any_role

        if has_any_role(request.user, getattr(request, "municipality", None), *STAFF_ROLES):
            return "/office/"
        return super().get_login_redirect_url(request)
