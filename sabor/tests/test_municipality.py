import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image

from sabor.accounts import testing
from sabor.core.models import AuditEntry, Municipality
from sabor.core.validators import PRIMARY_COLOUR_BACKGROUNDS, contrast_ratio
from sabor.territory.models import Settlement

pytestmark = pytest.mark.django_db


def _form(municipality, **changes):
    data = {"name": municipality.name, "name_en": "", "province": "", "province_en": "", "description": "Нов текст",
            "description_en": "", "primary_colour": "#1f4e79", "accent_colour": "#6b4400", "website": "",
            "contact_email": ""}
    data.update(changes)
    return data


def _png(size=(40, 48)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#6b1d3a").save(buffer, format="PNG")
    return SimpleUploadedFile("herb.png", buffer.getvalue(), content_type="image/png")


def test_an_administrator_edits_the_municipality_and_it_is_logged(client_for, municipality, administrator):
    response = client_for("alpha.test", administrator).post("/office/municipality/", _form(
        municipality, coat_of_arms=_png()))
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert municipality.description == "Нов текст"
    assert municipality.coat_of_arms.name.startswith("municipalities/")
    entry = AuditEntry.objects.get(action="municipality.updated")
    assert "description" in entry.changes and "coat_of_arms" in entry.changes
    home = client_for("alpha.test").get("/").content.decode()
    assert municipality.coat_of_arms.url in home


def test_staff_may_not_edit_the_municipality(client_for, municipality, staff):
    response = client_for("alpha.test", staff).post("/office/municipality/", _form(municipality))
    assert response.status_code == 403
    municipality.refresh_from_db()
    assert municipality.description != "Нов текст"


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("herb.png", b"<svg onload=alert(1)>", content_type="image/png"), "image"),
    (SimpleUploadedFile("herb.exe", b"MZ\x90\x00", content_type="application/octet-stream"), "image"),
])
def test_a_coat_of_arms_that_is_not_an_image_is_refused(client_for, municipality, administrator, upload, message):
    response = client_for("alpha.test", administrator).post("/office/municipality/",
                                                            _form(municipality, coat_of_arms=upload))
    assert response.status_code == 400
    assert "coat_of_arms" in response.context["form"].errors
    municipality.refresh_from_db()
    assert not municipality.coat_of_arms
    assert municipality.description != "Нов текст"


def test_a_too_large_coat_of_arms_is_refused(client_for, municipality, administrator):
    # Random pixels do not compress: 800×800 of them make a PNG of about 1.9 MB.
    noise = Image.frombytes("RGB", (800, 800), os.urandom(800 * 800 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")
    upload = SimpleUploadedFile("herb.png", buffer.getvalue(), content_type="image/png")
    response = client_for("alpha.test", administrator).post("/office/municipality/",
                                                            _form(municipality, coat_of_arms=upload))
    assert response.status_code == 400
    assert "1 MB" in str(response.context["form"].errors["coat_of_arms"])


def test_a_header_colour_too_light_for_white_text_is_refused(client_for, municipality, administrator):
    response = client_for("alpha.test", administrator).post("/office/municipality/",
                                                            _form(municipality, primary_colour="#ffdd00"))
    assert response.status_code == 400
    assert "primary_colour" in response.context["form"].errors


def test_a_primary_colour_readable_on_white_but_not_on_the_light_grey_is_refused(client_for, municipality,
                                                                               administrator):
    assert contrast_ratio("#767676", "#ffffff") > 4.5  # white text on it would pass
    response = client_for("alpha.test", administrator).post("/office/municipality/",
                                                            _form(municipality, primary_colour="#767676"))
    assert response.status_code == 400
    assert "светлосивия фон на страницата (контраст 4.2:1" in str(response.context["form"].errors["primary_colour"])
    municipality.refresh_from_db()
    assert municipality.primary_colour != "#767676"


def test_the_colour_check_knows_every_background_the_stylesheet_puts_under_primary_text():
    """Links are in the primary colour, so every background without a text colour of its
    own is one the primary colour is read on, and the check must test it."""
    import re
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "static" / "css" / "sabor.css").read_text()
    variables = dict(re.findall(r"(--[a-z-]+):\s*(#[0-9a-f]{6})", css))
    checked = {colour for colour, _ratio, _name in PRIMARY_COLOUR_BACKGROUNDS}
    seen = set()
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if ".swatch" in selector or re.search(r"(^|[;\s])color:", body):
            continue  # an empty colour key, or a box that sets its own text colour
        for value in re.findall(r"background(?:-color)?:\s*([^;]+)", body):
            colour = variables.get(value.strip()[4:-1], value.strip()) if value.startswith("var(") else value.strip()
            if re.fullmatch(r"#[0-9a-f]{3}", colour):
                colour = "#" + "".join(digit * 2 for digit in colour[1:])
            if colour not in ("none", "transparent", variables["--primary"]):
                seen.add(colour)
                assert colour in checked, f"{selector.strip()} puts the primary colour on {colour}, never checked"
    assert {"#ffffff", "#f4f6f8", "#e3e6ea"} <= seen


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_add_municipality_command_creates_a_tenant_with_its_host():
    call_command("add_municipality", "gorna", "Община Горна Оряховица", "VTR06", "--host", "Gorna.Test")
    municipality = Municipality.objects.get(slug="gorna")
    assert list(municipality.domains.values_list("host", flat=True)) == ["gorna.test"]
    assert AuditEntry.objects.filter(action="municipality.created", municipality=municipality).exists()


def test_add_municipality_refuses_a_bad_code_with_a_clear_message():
    with pytest.raises(CommandError, match="code"):
        call_command("add_municipality", "x", "Община Х", "18VTR")
    assert not Municipality.objects.exists()


@pytest.mark.parametrize(("code", "refusals"), [
    ("4479", {"invalid_ekatte"}), ("447931", {"invalid_ekatte", "max_length"}), ("4479a", {"invalid_ekatte"}),
    ("", {"blank"}), (" 44793", {"invalid_ekatte", "max_length"})])
def test_ekatte_codes_have_five_digits(municipality, code, refusals):
    settlement = Settlement(municipality=municipality, name="Село", ekatte=code)
    with pytest.raises(ValidationError) as error:
        settlement.full_clean()
    assert {e.code for e in error.value.error_dict["ekatte"]} == refusals


def test_a_valid_ekatte_code_is_accepted_once(municipality, other_municipality):
    Settlement(municipality=municipality, name="Лясковец", ekatte="44793").full_clean()
    testing.make_settlement(municipality, ekatte="44793")
    with pytest.raises(ValidationError) as error:
        Settlement(municipality=other_municipality, name="Друго", ekatte="44793").full_clean()
    assert [e.code for e in error.value.error_dict["ekatte"]] == ["unique"]
