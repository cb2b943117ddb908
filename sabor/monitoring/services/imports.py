"""Importing targets and measured values from CSV or XLSX: every row is checked
first and all its errors listed; nothing is saved unless every row is valid, and
then everything is saved in one transaction. Importing the same file again
changes nothing (rows update the same target or the same draft value).

The preview saves every row through the services, as the import does, in a
transaction it then rolls back: what the services refuse (a value too large for
the database, a negative count) is reported on its row before anything is
confirmed, by the very checks that will run when it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sabor.core.models import Municipality
from sabor.monitoring import services
from sabor.monitoring.models import Indicator, Measurement

MAX_ROWS = 5000
COLUMNS = {
    "targets": ["code", "year", "value"],
    "measurements": ["code", "year", "value", "ekatte", "sex", "age_group", "source"],
}


@dataclass
class Row:
    number: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    action: str = ""


@dataclass
class Preview:
    kind: str
    rows: list[Row]
    errors: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors and all(not row.errors for row in self.rows)

    def serialise(self) -> list[dict]:
        return [{"number": row.number, **row.values} for row in self.rows]


def _decimal(text: str) -> Decimal:
    cleaned = text.replace("\xa0", "").replace(" ", "").replace(",", ".")
    value = Decimal(cleaned)
    if not value.is_finite():
        raise InvalidOperation
    return value


def preview(*, municipality: Municipality, kind: str, table: list[list[str]]) -> Preview:
    result = _check(municipality=municipality, kind=kind, table=table)
    if result.errors:
        return result
    with transaction.atomic():
        _save(result, actor=None, municipality=municipality)
        transaction.set_rollback(True)
    return result


def _check(*, municipality: Municipality, kind: str, table: list[list[str]]) -> Preview:
    """What can be told from the file and the current data without saving."""
    columns = COLUMNS[kind]
    result = Preview(kind=kind, rows=[])
    rows = [row for row in table if any(cell for cell in row)]
    if not rows:
        result.errors.append(_("The file is empty."))
        return result
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [column for column in columns[:3] if column not in header]
    if missing:
        result.errors.append(_("The first row must name the columns %(columns)s; missing: %(missing)s.")
                             % {"columns": ", ".join(columns), "missing": ", ".join(missing)})
        return result
    if len(rows) == 1:
        result.errors.append(_("The file has column names but no rows of data."))
        return result
    if len(rows) - 1 > MAX_ROWS:
        result.errors.append(ngettext("At most %(max)s row can be imported at once.",
                                      "At most %(max)s rows can be imported at once.", MAX_ROWS) % {"max": MAX_ROWS})
        return result
    indicators = {i.code: i for i in Indicator.objects.filter(municipality=municipality)
                  .select_related("plan_node__plan")}
    settlements = {s.ekatte: s for s in municipality.settlements.all()}
    seen = set()
    for number, cells in enumerate(rows[1:], start=2):
        values = {column: (cells[header.index(column)] if column in header and header.index(column) < len(cells)
                           else "") for column in columns}
        row = Row(number=number, values=values)
        result.rows.append(row)
        indicator = indicators.get(values["code"])
        if indicator is None:
            row.errors.append(_("No indicator has the code “%(code)s”.") % {"code": values["code"]})
        try:
            year = int(values["year"])
        except ValueError:
            row.errors.append(_("The year “%(year)s” is not a whole number.") % {"year": values["year"]})
            year = None
        try:
            value = _decimal(values["value"])
        except (InvalidOperation, ValueError):
            row.errors.append(_("The value “%(value)s” is not a number.") % {"value": values["value"]})
            value = None
        settlement = None
        if values.get("ekatte"):
            settlement = settlements.get(values["ekatte"])
            if settlement is None:
                row.errors.append(_("No settlement of the municipality has the EKATTE code %(code)s.")
                                  % {"code": values["ekatte"]})
        sex, age_group = values.get("sex", ""), values.get("age_group", "")
        if sex and sex not in Measurement.Sex.values:
            row.errors.append(_("The sex must be empty, “female” or “male”."))
        if age_group and age_group not in Measurement.AgeGroup.values:
            row.errors.append(_("The age group must be empty or one of %(groups)s.")
                              % {"groups": ", ".join(Measurement.AgeGroup.values)})
        key = (values["code"], values["year"], values.get("ekatte", ""), sex, age_group)
        if key in seen:
            row.errors.append(_("The same indicator and year appear twice in the file."))
        seen.add(key)
        if indicator is None or year is None or value is None or row.errors:
            continue
        try:
            services.check_period(indicator, year)
        except ValidationError as error:
            row.errors.extend(error.messages)
        if indicator.kind == Indicator.Kind.QUALITATIVE:
            row.errors.append(_("Qualitative indicators are assessed in the back office, not imported."))
        if kind == "measurements" and not row.errors:
            existing = Measurement.objects.filter(indicator=indicator, period=year, settlement=settlement, sex=sex,
                                                  age_group=age_group).first()
            if existing and existing.status in (Measurement.Status.SUBMITTED, Measurement.Status.VERIFIED):
                if existing.value != value:
                    row.errors.append(_("This value is already %(status)s with a different figure.")
                                      % {"status": existing.get_status_display()})
                else:
                    row.action = "unchanged"
        if not row.errors and not row.action:
            row.action = "update" if _exists(kind, indicator, year, settlement, sex, age_group) else "create"
    return result


def _exists(kind, indicator, year, settlement, sex, age_group) -> bool:
    if kind == "targets":
        return indicator.targets.filter(period=year).exists()
    return Measurement.objects.filter(indicator=indicator, period=year, settlement=settlement, sex=sex,
                                      age_group=age_group).exists()


@transaction.atomic
def apply(*, actor, municipality: Municipality, kind: str, rows: list[dict]) -> int:
    """Saves the previewed rows, checking them again; all or nothing. Returns how many changed."""
    table = [COLUMNS[kind]] + [[row.get(column, "") for column in COLUMNS[kind]] for row in rows]
    checked = _check(municipality=municipality, kind=kind, table=table)
    changed = _save(checked, actor=actor, municipality=municipality) if checked.valid else 0
    if not checked.valid:
        transaction.set_rollback(True)
        raise ValidationError(_("The data changed since the preview; upload the file again."), code="stale")
    return changed


def _save(checked: Preview, *, actor, municipality: Municipality) -> int:
    """Saves each valid row through the services, each in its own savepoint; a row the
    services refuse gets their messages. Returns how many rows changed."""
    indicators = {i.code: i for i in Indicator.objects.filter(municipality=municipality)
                  .select_related("plan_node__plan")}
    settlements = {s.ekatte: s for s in municipality.settlements.all()}
    changed = 0
    for row in checked.rows:
        if row.errors or row.action == "unchanged":
            continue
        indicator, year, value = indicators[row.values["code"]], int(row.values["year"]), _decimal(row.values["value"])
        try:
            with transaction.atomic():
                if checked.kind == "targets":
                    services.set_target(actor=actor, indicator=indicator, period=year, value=value)
                else:
                    measurement = services.save_measurement(
                        actor=actor, indicator=indicator, period=year,
                        settlement=settlements.get(row.values.get("ekatte") or ""), sex=row.values.get("sex", ""),
                        age_group=row.values.get("age_group", ""), value=value,
                        source=row.values.get("source", "")[:300])
                    services.submit_measurement(actor=actor, measurement=measurement)
        except ValidationError as error:
            row.errors.extend(error.messages)
            row.action = ""
        else:
            changed += 1
    return changed
