"""Importing a paper sign-in list (CSV or XLSX) into a meeting's attendance: a preview
lists every row's errors, nothing is saved unless all rows are valid, and a person
already on the list (same email, or same name) is checked in rather than added again,
so importing the same file twice changes nothing. The preview saves the rows as the
import does, in a transaction it rolls back, so that whatever the import would refuse
is reported on its row first."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sabor.accounts.models import StakeholderGroup
from sabor.participation.models import Meeting, Registration
from sabor.participation.services import registrations

MAX_ROWS = 2000
# Column names people write at the top of the list, in either language.
HEADERS = {
    "name": {"name", "име", "име и фамилия", "имена"},
    "group": {"group", "stakeholder group", "група", "заинтересована група"},
    "settlement": {"settlement", "населено място", "село/град", "място"},
    "organisation": {"organisation", "organization", "организация"},
    "email": {"email", "e-mail", "имейл", "ел. поща"},
}

@dataclass
class Row:
    number: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    action: str = ""  # "add" or "check in"


def _groups() -> dict[str, str]:
    names = {}
    for code, label in StakeholderGroup.choices:
        names[code] = code
        for language in ("bg", "en"):
            with translation.override(language):
                names[str(label).lower()] = code
    return names


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def preview(*, meeting: Meeting, table: list[list[str]]) -> tuple[list[Row], list[str]]:
    """(rows, errors of the file as a whole)."""
    rows, errors = _check(meeting=meeting, table=table)
    if not errors:
        with transaction.atomic():
            _save(rows, actor=None, meeting=meeting)
            transaction.set_rollback(True)
    return rows, errors


def _check(*, meeting: Meeting, table: list[list[str]]) -> tuple[list[Row], list[str]]:
    """What can be told from the file and the list so far without saving."""
    if not table:
        return [], [_("The file is empty.")]
    header = [cell.strip().lower() for cell in table[0]]
    columns = {}
    for key, names in HEADERS.items():
        for index, cell in enumerate(header):
            if cell in names:
                columns[key] = index
    if "name" not in columns or "group" not in columns:
        return [], [_("The first row must name the columns; “name” and “group” are required.")]
    if len(table) - 1 > MAX_ROWS:
        return [], [ngettext("A list may have at most %(count)s row.", "A list may have at most %(count)s rows.",
                             MAX_ROWS) % {"count": MAX_ROWS}]
    groups = _groups()
    settlements = {}
    for settlement in meeting.municipality.settlements.all():
        settlements[_key(settlement.name)] = settlement
        settlements[settlement.ekatte] = settlement
    existing_emails = {r.email.lower(): r for r in meeting.registrations.exclude(email="")}
    existing_names = {_key(r.name): r for r in meeting.registrations.all()}
    rows, seen = [], set()
    for number, cells in enumerate(table[1:], start=2):
        values = {key: (cells[index].strip() if index < len(cells) else "") for key, index in columns.items()}
        if not any(values.values()):
            continue
        row = Row(number, values)
        if not values.get("name"):
            row.errors.append(_("The name is missing."))
        elif len(values["name"]) > 150:
            row.errors.append(_("The name is longer than 150 characters."))
        if values.get("group", "").lower() not in groups:
            row.errors.append(_("Unknown stakeholder group “%(value)s”.") % {"value": values.get("group", "")})
        if values.get("settlement") and _key(values["settlement"]) not in settlements:
            row.errors.append(_("Unknown settlement “%(value)s”.") % {"value": values["settlement"]})
        if values.get("email"):
            try:
                validate_email(values["email"])
            except ValidationError:
                row.errors.append(_("“%(value)s” is not an email address.") % {"value": values["email"]})
        key = values.get("email", "").lower() or _key(values.get("name", ""))
        if key in seen:
            row.errors.append(_("This person is already on an earlier row."))
        seen.add(key)
        known = existing_emails.get(values.get("email", "").lower()) or existing_names.get(_key(values.get("name", "")))
        row.action = "check in" if known else "add"
        rows.append(row)
    return rows, []


@transaction.atomic
def apply(*, actor, meeting: Meeting, rows: list[dict[str, str]]) -> int:
    """Saves a previewed list; checks every row again and saves all or nothing."""
    table = [["name", "group", "settlement", "organisation", "email"]] + [
        [row.get("name", ""), row.get("group", ""), row.get("settlement", ""), row.get("organisation", ""),
         row.get("email", "")] for row in rows]
    checked, errors = _check(meeting=meeting, table=table)
    if not errors and not any(row.errors for row in checked):
        _save(checked, actor=actor, meeting=meeting)
    if errors or any(row.errors for row in checked):
        transaction.set_rollback(True)
        raise ValidationError(_("The list has changed or has errors; upload it again."), code="invalid")
    return len(checked)


def _save(checked: list[Row], *, actor, meeting: Meeting) -> None:
    """Saves each valid row through the services in its own savepoint; a row they refuse
    gets their messages."""
    groups = _groups()
    settlements = {}
    for settlement in meeting.municipality.settlements.all():
        settlements[_key(settlement.name)] = settlement
        settlements[settlement.ekatte] = settlement
    by_email = {r.email.lower(): r for r in meeting.registrations.exclude(email="")}
    by_name = {_key(r.name): r for r in meeting.registrations.all()}
    for row in checked:
        if row.errors:
            continue
        values = row.values
        known = by_email.get(values.get("email", "").lower()) or by_name.get(_key(values["name"]))
        try:
            with transaction.atomic():
                if known is None:
                    registrations.walk_in(
                        actor=actor, meeting=meeting, name=values["name"],
                        stakeholder_group=groups[values["group"].lower()],
                        settlement=settlements.get(_key(values.get("settlement", ""))),
                        organisation_name=values.get("organisation", ""), email=values.get("email", ""),
                        source=Registration.Source.PAPER, at=min(meeting.starts_at, timezone.now()))
                elif known.checked_in_at is None:
                    registrations.check_in(actor=actor, registration=known)
        except ValidationError as error:
            row.errors.extend(error.messages)
