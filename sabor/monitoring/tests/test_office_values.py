from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core import testfiles
from sabor.monitoring.models import Indicator, Measurement

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(municipality):
    return testing.make_member(municipality, Role.STAFF)


@pytest.fixture
def officer(municipality):
    return testing.make_member(municipality, Role.ME_OFFICER)


def _enter(client, indicator, **data):
    fields = {"m-period": 2023, "m-value": "10.4", "m-source": "Бюро по труда", "action": "submit"}
    fields.update({f"m-{k}" if k != "action" else k: v for k, v in data.items()})
    return client.post(f"/office/indicators/{indicator.pk}/", fields)


def test_staff_enter_and_submit_a_value_and_the_officer_verifies_it(client_for, indicator, clerk, officer):
    response = _enter(client_for("alpha.test", clerk), indicator)
    assert response.status_code == 302
    measurement = Measurement.objects.get()
    assert (measurement.value, measurement.status) == (Decimal("10.4"), "submitted")
    queue = client_for("alpha.test", officer)
    assert "10,4" in queue.get("/office/measurements/queue/").content.decode()
    assert queue.post(f"/office/measurements/{measurement.pk}/review/", {"decision": "verify"}).status_code == 302
    measurement.refresh_from_db()
    assert measurement.status == "verified" and measurement.verified_by == officer


def test_a_decimal_comma_is_understood(client_for, indicator, clerk):
    assert _enter(client_for("alpha.test", clerk), indicator, value="9,75").status_code == 302
    assert Measurement.objects.get().value == Decimal("9.75")


def test_a_draft_is_saved_without_submitting(client_for, indicator, clerk):
    assert _enter(client_for("alpha.test", clerk), indicator, action="save").status_code == 302
    assert Measurement.objects.get().status == "draft"


@pytest.mark.parametrize("data, field", [
    ({"value": "десет"}, "value"),
    ({"value": ""}, "value"),
    ({"period": 1999}, "period"),
    ({"period": "abc"}, "period"),
    ({"evidence_url": "javascript:alert(1)"}, "evidence_url"),
])
def test_bad_values_are_refused_with_a_message_and_nothing_is_saved(client_for, indicator, clerk, data, field):
    response = _enter(client_for("alpha.test", clerk), indicator, **data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Measurement.objects.exists()


def test_percentages_over_100_are_refused(client_for, indicator, clerk):
    indicator.kind = Indicator.Kind.PERCENTAGE
    indicator.save()
    response = _enter(client_for("alpha.test", clerk), indicator, value="120")
    assert response.status_code == 400
    assert "value" in response.context["form"].errors
    response = _enter(client_for("alpha.test", clerk), indicator, value="", numerator="3", denominator="0")
    assert response.status_code == 400
    assert not Measurement.objects.exists()


@pytest.mark.parametrize("upload", [
    SimpleUploadedFile("evidence.exe", b"MZ", content_type="application/octet-stream"),
    SimpleUploadedFile("evidence.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024 + 1), content_type="application/pdf"),
])
def test_evidence_of_the_wrong_type_or_too_large_is_refused(client_for, indicator, clerk, upload):
    response = _enter(client_for("alpha.test", clerk), indicator, evidence_file=upload)
    assert response.status_code == 400
    assert "evidence_file" in response.context["form"].errors
    assert not Measurement.objects.exists()


def test_evidence_files_are_kept(client_for, indicator, clerk):
    upload = testfiles.upload("протокол.pdf")
    assert _enter(client_for("alpha.test", clerk), indicator, evidence_file=upload).status_code == 302
    assert Measurement.objects.get().evidence_file.name.endswith(".pdf")


def test_the_officer_cannot_verify_their_own_value(client_for, indicator, officer):
    client = client_for("alpha.test", officer)
    _enter(client, indicator)
    measurement = Measurement.objects.get()
    response = client.post(f"/office/measurements/{measurement.pk}/review/", {"decision": "verify"})
    assert response.status_code == 400
    measurement.refresh_from_db()
    assert measurement.status == "submitted"


def test_returning_needs_a_reason(client_for, indicator, clerk, officer):
    _enter(client_for("alpha.test", clerk), indicator)
    measurement = Measurement.objects.get()
    client = client_for("alpha.test", officer)
    assert client.post(f"/office/measurements/{measurement.pk}/review/",
                       {"decision": "return", "reason": ""}).status_code == 400
    assert client.post(f"/office/measurements/{measurement.pk}/review/",
                       {"decision": "return", "reason": "Липсва протокол"}).status_code == 302
    measurement.refresh_from_db()
    assert measurement.status == "returned" and measurement.return_reason == "Липсва протокол"
    assert client.post(f"/office/measurements/{measurement.pk}/review/", {"decision": "maybe"}).status_code == 400


def test_staff_cannot_verify(client_for, indicator, clerk):
    client = client_for("alpha.test", clerk)
    _enter(client, indicator)
    measurement = Measurement.objects.get()
    assert client.post(f"/office/measurements/{measurement.pk}/review/", {"decision": "verify"}).status_code == 403
    assert Measurement.objects.get().status == "submitted"


def test_values_by_settlement_are_shown_on_the_indicator_page(client_for, municipality, indicator, clerk, officer):
    from sabor.monitoring import services

    village = testing.make_settlement(municipality, name="Мерданя")
    measurement = services.save_measurement(actor=clerk, indicator=indicator, period=2024, settlement=village,
                                            value=Decimal("7.5"))
    services.submit_measurement(actor=clerk, measurement=measurement)
    services.verify_measurement(actor=officer, measurement=measurement)
    body = client_for("alpha.test").get(f"/indicators/{indicator.pk}/?year=2024").content.decode()
    assert "Мерданя" in body and "7,5" in body


def test_values_by_sex_and_age_are_entered_and_do_not_count_as_the_total(client_for, municipality, indicator,
                                                                         clerk, officer):
    from sabor.monitoring import services

    client = client_for("alpha.test", clerk)
    assert _enter(client, indicator, value="11,2", sex="female").status_code == 302
    assert _enter(client, indicator, value="9,6", sex="male").status_code == 302
    assert _enter(client, indicator, value="14", age_group="18-34").status_code == 302
    assert _enter(client, indicator, value="10,4").status_code == 302  # the total
    assert Measurement.objects.count() == 4
    assert _enter(client, indicator, value="1", sex="other").status_code == 400
    for measurement in Measurement.objects.all():
        services.verify_measurement(actor=officer, measurement=measurement)
    response = client_for("alpha.test").get(f"/indicators/{indicator.pk}/?year=2023")
    assert response.context["report"].value == Decimal("10.4")
    body = response.content.decode()
    assert "жени" in body and "11,2" in body and "18–34 години" in body
