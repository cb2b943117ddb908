"""The portal's own link: the back office's overview."""

from django.utils.translation import gettext_lazy as _

from sabor.core import registry


def register() -> None:
    registry.office_menu.add(_("Overview"), "office:dashboard", order=0)
