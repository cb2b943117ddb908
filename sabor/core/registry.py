"""What apps plug into. Each app declares its part in its ``AppConfig.ready()``; core collects.

Core imports no domain app: the back office's pages, its menu, the overview's queues, the home
page's cards, the audit log's codes and the personal-data steps all come from here.
"""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule


def office_urlpatterns() -> list:
    """The back office's pages: ``office_urlpatterns`` of every installed app's ``urls`` module."""
    patterns = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "urls"):
            patterns += getattr(import_module(f"{config.name}.urls"), "office_urlpatterns", [])
    return patterns
