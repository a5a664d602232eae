"""A professional applies; three commission members vote in the Wagtail admin; the new
member appears in the public directory."""

import pytest

from accounts.factories import UserFactory
from home.models import ContentRecord

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "password-for-tests"


def test_apply_then_commission_votes_then_directory(site, browser):
    commission = [
        UserFactory(username=f"commission{n}", email=f"c{n}@example.org", groups=["Commission"]) for n in (1, 2, 3)
    ]
    join_url = site.url + ContentRecord.objects.get(key="page:join").page.url
    directory_url = site.url + ContentRecord.objects.get(key="page:directory").page.url

    # The applicant, without an account.
    visitor = browser.new_context(locale="fr-FR")
    page = visitor.new_page()
    page.goto(join_url)
    page.get_by_role("textbox", name="Prénom").fill("Maëlle")
    page.locator("#id_last_name").fill("Garnier")
    page.get_by_role("combobox", name="Profession").select_option(label="Psychomotricien·ne")
    page.get_by_role("textbox", name="Numéro RPPS / ADELI").fill("109876543")
    page.get_by_role("textbox", name="Commune").fill("Muret")
    page.get_by_role("textbox", name="Code postal").fill("31600")
    page.get_by_role("checkbox", name="Visites à domicile").check()
    page.get_by_role("textbox", name="Présentation publique").fill(
        "Psychomotricienne, j'accompagne les tout-petits et leurs parents."
    )
    page.get_by_role("textbox", name="E-mail").fill("maelle.garnier@example.org")
    for label, answer in [
        ("Adhérer aux valeurs", "Je fais vivre l'écoute et le non-jugement."),
        ("Interroger sa pratique", "Supervision mensuelle."),
        ("Être conscient", "J'oriente vers la PMI quand il le faut."),
        ("S'investir", "Je viendrai aux Intervisions."),
    ]:
        page.get_by_role("textbox", name=label).fill(answer)
    page.get_by_role("checkbox", name="J'ai lu la charte").check()
    page.get_by_role("checkbox", name="J'accepte que l'association conserve").check()
    page.get_by_role("button", name="Envoyer ma candidature").click()
    assert page.locator("h1").inner_text() == "Candidature envoyée"
    visitor.close()

    # Three commission members vote, each from their Wagtail dashboard.
    for member in commission:
        context = browser.new_context(locale="fr-FR")
        admin = context.new_page()
        admin.goto(site.url + "/admin/login/")
        admin.locator("#id_username").fill(member.username)
        admin.locator("#id_password").fill(PASSWORD)
        with admin.expect_navigation():
            admin.locator("form button[type=submit]").click()
        # The commission lands on the applications in review; this journey votes from the
        # dashboard's "…" menu (the review page has its own journey).
        admin.goto(site.url + "/admin/")
        row = admin.locator("tr", has_text="Maëlle Garnier")
        row.get_by_role("button").last.click()
        row.get_by_role("button", name="Voter pour").click()
        dialog = admin.locator(".modal-content")
        dialog.get_by_label("Commentaire").fill(f"Avis favorable de {member.username}.")
        dialog.get_by_role("button", name="Voter pour").click()
        admin.wait_for_load_state()
        admin.locator("tr", has_text="Maëlle Garnier").wait_for(state="detached")
        context.close()

    # The new member is in the public directory, without private details.
    reader = browser.new_context(locale="fr-FR")
    page = reader.new_page()
    page.goto(directory_url)
    page.get_by_role("link", name="Maëlle Garnier").click()
    content = page.content()
    assert "Psychomotricien·ne" in content and "Muret" in content
    assert "maelle.garnier@example.org" not in content and "109876543" not in content
    reader.close()
