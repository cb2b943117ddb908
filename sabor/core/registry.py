"""What apps plug into. Each app declares its part when it loads (``AppConfig.ready()`` calls
its ``plugin.register()``); core and the portal collect. Core imports no domain app: the site's
and the back office's menus, the overview's queues, the home page's cards, the audit log's codes
(``core.audit``), the personal-data download and erasure steps and the tenancy walk's URL fillers
all come from here, so a new app is added with its ``INSTALLED_APPS`` line and one ``include``.

Every declaration is keyed (a URL name, a section name): declaring the same key again replaces
the entry, so loading an app twice never shows a link twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps
from django.urls import reverse
from django.utils.module_loading import module_has_submodule

# --- The back office's pages ----------------------------------------------------------------------


def office_urlpatterns() -> list:
    """The back office's pages: ``office_urlpatterns`` of every installed app's ``urls`` module."""
    patterns = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "urls"):
            patterns += getattr(import_module(f"{config.name}.urls"), "office_urlpatterns", [])
    return patterns


# --- Menus ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MenuEntry:
    """A link of a menu. It is the current page under ``url_name``, any name of ``current`` and
    any view of the namespaces in ``namespaces``; ``permission`` (checked against the
    municipality) decides whether it is shown; ``badge`` gives a number shown beside it."""

    label: Any
    url_name: str
    permission: str | None = None
    current: tuple[str, ...] = ()
    namespaces: tuple[str, ...] = ()
    order: int = 100
    signed_in: bool = False
    badge: Callable[[Any, Any], int] | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    def is_current(self, match) -> bool:
        if match is None:
            return False
        return match.view_name == self.url_name or match.view_name in self.current \
            or match.namespace in self.namespaces


@dataclass
class _Menu:
    entries: dict[str, MenuEntry] = field(default_factory=dict)

    def add(self, label, url_name: str, **options) -> MenuEntry:
        entry = MenuEntry(label, url_name, **options)
        self.entries[url_name] = entry
        return entry

    def __iter__(self):
        return iter(sorted(self.entries.values(), key=lambda entry: (entry.order, entry.url_name)))

    def for_request(self, request) -> list[dict[str, Any]]:
        """The entries this request's person may see, with whether each is the current page."""
        user, municipality = request.user, getattr(request, "municipality", None)
        match = getattr(request, "resolver_match", None)
        shown = []
        for entry in self:
            if entry.signed_in and not user.is_authenticated:
                continue
            if entry.permission and not user.has_perm(entry.permission, municipality):
                continue
            shown.append({"label": entry.label, "url": entry.url, "current": entry.is_current(match),
                          "badge": entry.badge(user, municipality) if entry.badge else None})
        return shown


# The site's main menu, the signed-in person's own links, and the back office's menu.
site_menu = _Menu()
account_menu = _Menu()
office_menu = _Menu()


# --- The back office's overview: what waits for whom -----------------------------------------------

@dataclass(frozen=True)
class Queue:
    """Work waiting for people with ``permission``: ``count(user, municipality)`` items, acted on
    at ``url_name`` (with ``query`` appended, e.g. ``?status=submitted`` or ``#returned``)."""

    key: str
    label: Any
    permission: str
    count: Callable[[Any, Any], int]
    url_name: str
    query: str = ""
    order: int = 100


_queues: dict[str, Queue] = {}


def add_queue(key: str, label, *, permission: str, count: Callable[[Any, Any], int], url_name: str,
              query: str = "", order: int = 100) -> Queue:
    queue = Queue(key, label, permission, count, url_name, query, order)
    _queues[key] = queue
    return queue


def queues_for(user, municipality) -> list[tuple[str, int, str]]:
    """(label, how many, where to act) of the queues this person may act on."""
    return [(str(queue.label), queue.count(user, municipality), reverse(queue.url_name) + queue.query)
            for queue in sorted(_queues.values(), key=lambda queue: (queue.order, queue.key))
            if user.has_perm(queue.permission, municipality)]


# --- Cards: the home page and the back office's overview ---------------------------------------------

@dataclass(frozen=True)
class Card:
    """A part of a composed page: ``template`` rendered with ``context(request)``; a context of
    None leaves the card out (nothing to show). ``section`` names where on the page it goes."""

    key: str
    section: str
    template: str
    context: Callable[[Any], dict[str, Any] | None]
    order: int = 100
    permission: str | None = None


_cards: dict[str, Card] = {}


def add_card(key: str, *, section: str, template: str, context: Callable[[Any], dict[str, Any] | None],
             order: int = 100, permission: str | None = None) -> Card:
    card = Card(key, section, template, context, order, permission)
    _cards[key] = card
    return card


def cards_for(request, sections: list[str]) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """{section: [(template, context)]} of the cards of `sections` this request may see."""
    user, municipality = request.user, getattr(request, "municipality", None)
    composed: dict[str, list[tuple[str, dict[str, Any]]]] = {section: [] for section in sections}
    for card in sorted(_cards.values(), key=lambda card: (card.order, card.key)):
        if card.section not in composed:
            continue
        if card.permission and not user.has_perm(card.permission, municipality):
            continue
        context = card.context(request)
        if context is not None:
            composed[card.section].append((card.template, context))
    return composed


# --- Personal data: what a person downloads, and what their erasure removes -------------------------

@dataclass(frozen=True)
class PersonalData:
    """An app's part of a person's data: ``export(user)`` gives its section of the download (JSON-
    ready), ``erase(user)`` removes or anonymises what the app holds, inside the erasure's
    transaction."""

    key: str
    export: Callable[[Any], Any] | None = None
    erase: Callable[[Any], None] | None = None


_personal_data: dict[str, PersonalData] = {}


def add_personal_data(key: str, *, export: Callable[[Any], Any] | None = None,
                      erase: Callable[[Any], None] | None = None) -> PersonalData:
    step = PersonalData(key, export, erase)
    _personal_data[key] = step
    return step


def personal_data() -> list[PersonalData]:
    return list(_personal_data.values())


# --- The tenancy walk: how to fill each URL's ids ---------------------------------------------------

_url_fillers: dict[str, str] = {}


def add_url_fillers(app: str, module: str) -> None:
    """Names the module (test support, imported only by the tests that walk every URL) that fills
    the ids of `app`'s URLs. It defines ``objects(municipality, people)``, which creates one of
    every object those URLs take and returns them by name (``people`` holds an administrator and
    a resident of the municipality), and ``FILL``: {url name: objects → the URL's arguments}; a
    URL only the resident reaches (their own enrolment, say) is listed in ``OWNER_ONLY``."""
    _url_fillers[app] = module


def url_fillers() -> dict[str, str]:
    return dict(_url_fillers)
