"""A clerk attaches the minutes of a forum, a resident downloads them from the forum's page,
and nobody fetches them once the forum is no longer public; a disguised file and a body
larger than any upload are refused with a page that says why."""

from datetime import timedelta

from django.utils import timezone

from e2e.conftest import audit_accessibility
from e2e.test_accounts_flow import _staff_login
from sabor.core import testfiles

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def _attach(page, title: str, name: str, data: bytes) -> None:
    form = page.locator("details", has_text="Приложете документ")
    form.evaluate("details => { details.open = true }")  # open already when it shows an error
    form.get_by_label("Заглавие:").fill(title)
    form.get_by_label("Файл:").set_input_files(files=[{"name": name, "mimeType": "application/octet-stream",
                                                       "buffer": data}])
    form.get_by_role("button", name="Качване").click()


def test_a_forums_minutes_are_downloaded_while_it_is_public_and_never_after(site, browser, settings):
    from sabor.core.models import Municipality
    from sabor.participation.models import Meeting
    from sabor.participation.services import processes

    municipality = Municipality.objects.get(slug="lyaskovets")
    starts = timezone.now() - timedelta(days=2)
    meeting = processes.create_meeting(actor=None, municipality=municipality, kind=Meeting.Kind.PUBLIC_FORUM,
                                       title="Форум за бюджета", starts_at=starts, ends_at=starts + timedelta(hours=2),
                                       address="Читалището")
    clerk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _staff_login(clerk, site, "admin@demo.sabor.bg")
    clerk.goto(site + f"/office/meetings/{meeting.pk}/")

    _attach(clerk, "Снимка", "снимка.png", SVG)
    assert "не е във формата PNG" in clerk.locator("main").inner_text()
    audit_accessibility(clerk, "office-meeting-disguised-upload")

    _attach(clerk, "Протокол", "протокол.pdf", testfiles.content("pdf"))
    clerk.get_by_role("link", name="Протокол").wait_for()

    resident = browser.new_context(viewport={"width": 320, "height": 800}).new_page()
    resident.goto(site + f"/meetings/{meeting.pk}/")
    link = resident.get_by_role("link", name="Протокол")
    address = link.get_attribute("href")
    assert address.startswith("/files/meetings/")
    with resident.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "протокол.pdf"
    assert open(download.value.path(), "rb").read() == testfiles.content("pdf")

    meeting.is_public = False
    meeting.save()
    assert resident.request.get(site + address).status == 404
    assert clerk.request.get(site + address).status == 200

    settings.SABOR_MAX_REQUEST_BYTES = 1024 * 1024
    clerk.goto(site + f"/office/meetings/{meeting.pk}/")
    _attach(clerk, "Голям протокол", "голям.pdf", testfiles.content("pdf", pad=2 * 1024 * 1024))
    assert "Изпратеното е твърде голямо" in clerk.locator("h1").inner_text()
    audit_accessibility(clerk, "request-too-large")
    clerk.set_viewport_size({"width": 320, "height": 800})
    width = clerk.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the page scrolls sideways at 320 px ({width}px)"
    audit_accessibility(clerk, "request-too-large-320")
    assert list(meeting.attachments.values_list("title", flat=True)) == ["Протокол"]
