"""A parent on a phone follows the guided entry to the right professional and writes to the
association about her; an editor reads the message in the admin inbox and marks it handled;
the e-mails are in the mail folder."""

import email
import email.policy
import re
from pathlib import Path

import pytest

from accounts.factories import UserFactory
from contact.models import ContactMessage
from home.models import ContentRecord
from network.demo import create_demo_members

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "password-for-tests"
PHONE = {"width": 375, "height": 812}
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "contact"


def shoot(page, name, width):
    """Screenshots for a person to look at (var/screenshots/contact/), full page."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 812 if width < 800 else 900})
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def listed_answering(profession_name, theme_slug):
    """Reference: the listed profiles of a profession (main or other) that cover a need."""
    from django.db.models import Q

    from network.directory import directory_index, listed_profiles

    return sorted(
        listed_profiles(directory_index())
        .filter(Q(profession__name=profession_name) | Q(other_professions__name=profession_name), themes__slug=theme_slug)
        .distinct()
        .values_list("title", flat=True)
    )


def test_a_parent_writes_about_a_professional_and_an_editor_handles_it(site, browser, axe_violations, settings, tmp_path):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path  # as var/mail/ in development
    create_demo_members(PASSWORD)
    UserFactory(username="editrice", first_name="Élise", last_name="Éditrice", groups=["Editors"])
    parent = browser.new_context(locale="fr-FR", viewport=PHONE, is_mobile=True).new_page()

    # The guided entry: breastfeeding, then lactation consultant, lists exactly the listed
    # consultants who cover breastfeeding (the reference is asked of the database plainly).
    parent.goto(site.url + "/")
    parent.locator("summary.site-menu__button").click()  # on a phone the navigation is behind "Menu"
    parent.get_by_role("link", name="Je cherche de l'aide pour…").first.click()
    parent.get_by_role("link", name=re.compile("^Allaitement")).click()
    expected = listed_answering("Consultant·e en lactation IBCLC", "allaitement")
    assert "Nadia Benali" in expected
    item = parent.locator(".help-finder__professions li", has_text="Consultant·e en lactation IBCLC")
    assert f"({len(expected)} professionnel" in item.inner_text()
    assert axe_violations(parent) == []
    item.get_by_role("link", name="Consultant·e en lactation IBCLC").click()
    parent.wait_for_url("**profession=*")
    assert sorted(parent.locator(".directory-results .directory__item h3").all_inner_texts()) == expected
    assert axe_violations(parent) == []
    parent.locator(".directory-results").get_by_role("link", name="Nadia Benali").click()
    assert parent.locator("h1").inner_text() == "Nadia Benali"

    parent.get_by_role("link", name="Contacter l'association au sujet de ce/cette professionnel·le").click()
    assert parent.locator("h1").inner_text() == "Nous contacter"
    assert re.search(r"au-sujet-de=\d+$", parent.url)
    assert parent.get_by_text("Votre message concerne Nadia Benali").is_visible()
    assert axe_violations(parent) == []
    shoot(parent, "contact-empty", 375)

    # An empty form: errors announced (focus on the summary), nothing lost, nothing sent.
    parent.get_by_role("textbox", name="Votre nom").fill("Camille Parent")
    parent.get_by_role("button", name="Envoyer le message").click()
    summary = parent.locator("#form-errors")
    summary.wait_for()
    assert summary.get_attribute("role") == "alert"
    assert parent.evaluate("document.activeElement.id") == "form-errors"
    assert summary.get_by_role("link", name=re.compile("Votre adresse e-mail")).is_visible()
    assert parent.get_by_role("textbox", name="Votre nom").input_value() == "Camille Parent"
    assert parent.get_by_text("Votre message concerne Nadia Benali").is_visible()
    assert parent.title().startswith("Erreur :")
    assert axe_violations(parent) == []
    shoot(parent, "contact-errors", 375)
    assert not ContactMessage.objects.exists()

    parent.get_by_role("textbox", name="Votre adresse e-mail").fill("camille.parent@example.org")
    parent.get_by_role("radio", name="Parent ou futur parent").check()
    parent.get_by_role("textbox", name="Votre message").fill(
        "Bonjour, je voudrais joindre Nadia Benali pour l'allaitement de ma fille née il y a trois semaines."
    )
    parent.get_by_role("button", name="Envoyer le message").click()
    parent.wait_for_url("**?envoye=1")
    assert parent.locator("h1").inner_text() == "Message envoyé"
    assert parent.get_by_text("votre message est bien arrivé").is_visible()
    assert axe_violations(parent) == []
    shoot(parent, "contact-sent", 375)

    message = ContactMessage.objects.get()
    assert message.about.title == "Nadia Benali" and message.status == "new"

    # The editor's inbox.
    editor = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}).new_page()
    editor.goto(site.url + "/admin/login/")
    editor.locator("#id_username").fill("editrice")
    editor.locator("#id_password").fill(PASSWORD)
    editor.locator("form button[type=submit]").click()
    editor.get_by_role("link", name="Messages reçus").first.click()
    editor.wait_for_url("**/admin/messages-recus/")
    row = editor.locator("tr", has_text="Camille Parent")
    row.wait_for()  # (is_visible does not wait for the page)
    assert row.get_by_text("Nadia Benali").is_visible()
    assert row.get_by_text("nouveau").is_visible()
    shoot(editor, "admin-inbox", 1280)
    row.get_by_role("link", name="Camille Parent").click()
    editor.get_by_text("pour l'allaitement de ma fille").wait_for()
    editor.get_by_role("button", name="Marquer comme traité").click()
    editor.get_by_text("Message de Camille Parent marqué comme traité.").wait_for()
    row = editor.locator("tr", has_text="Camille Parent")
    cells = row.inner_text().lower()
    assert "traité" in cells and "nouveau" not in cells
    assert row.get_by_text("Élise Éditrice").is_visible()
    shoot(editor, "admin-inbox-handled", 1280)
    message.refresh_from_db()
    assert message.status == "handled" and message.handled_by.username == "editrice"

    # Both e-mails are in the mail folder: the message to the association, the acknowledgement.
    # (the demo members' receipts are there too)
    mails = [email.message_from_bytes(path.read_bytes(), policy=email.policy.default) for path in tmp_path.iterdir()]
    (acknowledgement,) = [m for m in mails if m["To"] == "camille.parent@example.org"]
    (to_association,) = [m for m in mails if m["Reply-To"] == "camille.parent@example.org"]
    # Both parts, text and HTML (home/mail_html.py), say it.
    for part in ("plain", "html"):
        assert "Nadia Benali" in to_association.get_body(preferencelist=(part,)).get_content()
        assert "bien reçu votre message" in acknowledgement.get_body(preferencelist=(part,)).get_content()


def test_contact_page_and_footer_on_a_wide_screen(site, browser, axe_violations):
    page = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}).new_page()
    contact = ContentRecord.objects.get(key="page:contact").page
    page.goto(site.url + contact.url)
    assert page.get_by_role("heading", name="Où nous trouver").is_visible()
    assert page.get_by_text("Udaf 31, Toulouse").first.is_visible()
    assert axe_violations(page) == []
    shoot(page, "contact-empty", 1280)
    page.get_by_role("button", name="Envoyer le message").click()
    page.locator("#form-errors").wait_for()
    assert axe_violations(page) == []
    shoot(page, "contact-errors", 1280)
    footer = page.locator("footer")
    footer.scroll_into_view_if_needed()
    footer.screenshot(path=str(SHOTS / "footer-1280.png"))
    page.set_viewport_size(PHONE)
    footer.screenshot(path=str(SHOTS / "footer-375.png"))
    assert footer.get_by_role("link", name="Écrire à l'association").is_visible()
    footer.get_by_role("link", name="Écrire à l'association").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Nous contacter"

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("textbox", name="Votre nom").fill("Sami Partenaire")
    page.get_by_role("textbox", name="Votre adresse e-mail").fill("sami@example.org")
    page.get_by_role("radio", name="Institution ou structure partenaire").check()
    page.get_by_role("textbox", name="Votre message").fill("Bonjour, la MDS voudrait vous présenter une famille.")
    page.get_by_role("button", name="Envoyer le message").click()
    page.wait_for_url("**?envoye=1")
    assert page.locator("h1").inner_text() == "Message envoyé"
    shoot(page, "contact-sent", 1280)
