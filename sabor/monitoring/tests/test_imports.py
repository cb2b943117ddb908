import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.monitoring.models import Indicator, Measurement, Target
from sabor.monitoring.testing import make_indicator, make_plan
from sabor.planning import services as planning

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(municipality):
    plan = make_plan(municipality)
    node = planning.add_node(actor=None, plan=plan, parent=None, title="Цел")
    make_indicator(municipality, node, code="П2")
    make_indicator(municipality, node, code="П6", kind=Indicator.Kind.PERCENTAGE, direction="increase",
                   baseline_value=Decimal(35), targets={2027: 80})
    testing.make_settlement(municipality, ekatte="44793")
    return testing.make_member(municipality, Role.STAFF)


def _csv(text: str, name="values.csv", encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def _xlsx(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("values.xlsx", buffer.getvalue())


GOOD = "code;year;value;ekatte;source\nП2;2023;10,4;;Бюро по труда\nП2;2023;9,8;44793;Бюро\nП6;2024;57;;Община\n"


def test_a_valid_file_is_previewed_then_imported_and_again_changes_nothing(client_for, setup):
    client = client_for("alpha.test", setup)
    response = client.post("/office/import/", {"kind": "measurements", "file": _csv(GOOD)})
    assert response.status_code == 200 and response.context["preview"].valid
    assert not Measurement.objects.exists()  # the preview saves nothing
    assert client.post("/office/import/", {"action": "confirm"}).status_code == 302
    assert Measurement.objects.count() == 3
    assert set(Measurement.objects.values_list("status", flat=True)) == {"submitted"}
    assert Measurement.objects.get(settlement__ekatte="44793").value == Decimal("9.8")
    client.post("/office/import/", {"kind": "measurements", "file": _csv(GOOD)})
    assert {row.action for row in client.post("/office/import/", {"kind": "measurements", "file": _csv(GOOD)})
            .context["preview"].rows} == {"unchanged"}
    client.post("/office/import/", {"action": "confirm"})
    assert Measurement.objects.count() == 3


def test_every_bad_row_is_listed_and_nothing_is_saved(client_for, setup):
    bad = ("code,year,value,ekatte\nП2,2023,10.4,\nX9,2023,1,\nП2,две,1,\nП2,2024,много,\nП6,2024,140,\n"
           "П2,2050,1,\nП2,2024,1,99999\nП2,2023,10.4,\n")
    response = client_for("alpha.test", setup).post("/office/import/", {"kind": "measurements", "file": _csv(bad)})
    assert response.status_code == 400
    rows = response.context["preview"].rows
    assert [bool(row.errors) for row in rows] == [False, True, True, True, True, True, True, True]
    assert client_for("alpha.test", setup).post("/office/import/", {"action": "confirm"}).status_code == 302
    assert not Measurement.objects.exists()


def test_targets_import_from_xlsx(client_for, setup):
    client = client_for("alpha.test", setup)
    upload = _xlsx([["code", "year", "value"], ["П2", 2024, 10], ["П6", 2027, 82.5]])
    assert client.post("/office/import/", {"kind": "targets", "file": upload}).status_code == 200
    client.post("/office/import/", {"action": "confirm"})
    assert Target.objects.get(indicator__code="П6").value == Decimal("82.5")
    assert Target.objects.filter(indicator__code="П2").count() == 2


@pytest.mark.parametrize("upload", [
    SimpleUploadedFile("values.pdf", b"%PDF-1.4"),
    SimpleUploadedFile("values.xlsx", b"not a workbook"),
    _csv("code;year;value\n", encoding="utf-8"),
    _csv("name;when\nП2;2023\n"),
    SimpleUploadedFile("values.csv", "код;година\n".encode("utf-16")),
    _csv("just one column\nП2\n"),
])
def test_unreadable_or_wrong_files_get_a_clear_message(client_for, setup, upload):
    response = client_for("alpha.test", setup).post("/office/import/", {"kind": "measurements", "file": upload})
    assert response.status_code == 400
    preview = response.context["preview"]
    assert response.context["form"].errors or (preview and (preview.errors or not preview.valid))
    assert not Measurement.objects.exists()


def test_windows_1251_files_are_understood(client_for, setup):
    upload = _csv("code;year;value\nП2;2023;10,4\n", encoding="cp1251")
    response = client_for("alpha.test", setup).post("/office/import/", {"kind": "measurements", "file": upload})
    assert response.status_code == 200 and response.context["preview"].valid


def test_confirming_without_a_preview_does_nothing(client_for, setup):
    assert client_for("alpha.test", setup).post("/office/import/", {"action": "confirm"}).status_code == 302
    assert not Measurement.objects.exists()


def test_an_indicator_of_another_municipality_is_unknown(client_for, setup, other_municipality):
    plan = make_plan(other_municipality)
    make_indicator(other_municipality, planning.add_node(actor=None, plan=plan, parent=None, title="Б"), code="Б1")
    response = client_for("alpha.test", setup).post("/office/import/", {
        "kind": "targets", "file": _csv("code;year;value\nБ1;2024;5\n")})
    assert response.status_code == 400
    assert not Target.objects.filter(indicator__code="Б1", period=2024).exists()


def test_breakdowns_by_sex_and_age_import_beside_the_total(client_for, setup):
    text = "code;year;value;sex;age_group\nП2;2023;10,4;;\nП2;2023;11,2;female;\nП2;2023;9,6;male;\nП2;2023;14;;18-34\n"
    client = client_for("alpha.test", setup)
    assert client.post("/office/import/", {"kind": "measurements", "file": _csv(text)}).status_code == 200
    client.post("/office/import/", {"action": "confirm"})
    assert Measurement.objects.count() == 4 and Measurement.objects.totals().get().value == Decimal("10.4")
    bad = client.post("/office/import/", {"kind": "measurements",
                                          "file": _csv("code;year;value;sex\nП2;2024;1;unknown\n")})
    assert bad.status_code == 400
