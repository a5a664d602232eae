"""A parent finds help near home; a member updates the profile, an editor reviews it."""

import re

import pytest

from accounts.factories import UserFactory
from home.models import ContentRecord
from network.demo import create_demo_members

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "password-for-tests"


def test_a_parent_finds_a_lactation_consultant_near_31300(site, page, axe_violations):
    create_demo_members(PASSWORD)
    page.goto(site.url + "/")
    page.get_by_role("navigation", name=re.compile("principal|Main", re.I)).get_by_role(
        "link", name="Je cherche de l'aide pour…"
    ).click()
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile("^Allaitement")).click()
    assert page.get_by_role("heading", level=2, name="Allaitement").is_visible()
    assert page.get_by_role("link", name="Consultant·e en lactation IBCLC").is_visible()
    page.get_by_role("textbox", name="Votre code postal (facultatif)").fill("31300")
    page.get_by_role("button", name="Voir les professionnel·le·s").click()

    # The directory, already filtered: the need and the place are in the address.
    assert "besoin=allaitement" in page.url and "cp=31300" in page.url
    assert page.get_by_role("checkbox", name=re.compile("^Allaitement")).is_checked()
    results = page.locator(".directory-results")
    assert results.get_by_role("link", name="Nadia Benali").is_visible()
    assert results.get_by_role("link", name="Samuel Ortiz").count() == 0  # not for breastfeeding
    assert axe_violations(page) == []

    # One more filter, without JavaScript tricks: a plain form submission.
    page.get_by_role("checkbox", name=re.compile("^Se déplace à domicile")).check()
    page.get_by_role("button", name="Afficher les résultats").click()
    assert "domicile=1" in page.url
    results.get_by_role("link", name="Nadia Benali").click()
    assert page.locator("h1").inner_text() == "Nadia Benali"
    assert page.get_by_text("Consultant·e en lactation IBCLC").first.is_visible()
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert axe_violations(page) == []


def test_a_member_edits_the_profile_and_hides_the_phone(site, browser, axe_violations):
    create_demo_members(PASSWORD)
    UserFactory(username="editrice", groups=["Editors"])
    profile_path = ContentRecord.objects.get(key="page:directory").page.url + "marie-membre/"

    anonymous = browser.new_context(locale="fr-FR").new_page()
    anonymous.goto(site.url + profile_path)
    assert anonymous.get_by_text("06 12 34 56 78").is_visible()

    member = browser.new_context(locale="fr-FR").new_page()
    member.goto(site.url + "/compte/connexion/")
    member.get_by_role("textbox", name="Identifiant ou adresse e-mail").fill("membre")
    member.get_by_label("Mot de passe").fill(PASSWORD)
    member.get_by_role("button", name="Se connecter").click()
    assert member.locator("h1").inner_text() == "Mon espace"
    member.get_by_role("link", name="Modifier ma fiche").click()
    assert axe_violations(member) == []
    member.get_by_role("textbox", name="Présentation").fill(
        "Sage-femme libérale à Toulouse, je vous accompagne de la grossesse aux premiers mois."
    )
    member.get_by_role("checkbox", name="Afficher mon téléphone").uncheck()
    member.get_by_role("button", name="Enregistrer").click()
    assert member.get_by_text("seront visibles après relecture").is_visible()

    # The phone is hidden at once; the new presentation waits for the review.
    anonymous.reload()
    assert anonymous.get_by_text("06 12 34 56 78").count() == 0
    assert anonymous.get_by_text("de la grossesse aux premiers mois").count() == 0

    editor = browser.new_context(locale="fr-FR").new_page()
    editor.goto(site.url + "/admin/login/")
    editor.locator("#id_username").fill("editrice")
    editor.locator("#id_password").fill(PASSWORD)
    editor.locator("form button[type=submit]").click()
    # The change waits on the editor's dashboard ("awaiting your review").
    row = editor.locator("tr", has_text="Fiche de Marie Membre")
    row.get_by_role("button").last.click()
    row.get_by_role("button", name="Approuver", exact=True).click()
    editor.wait_for_load_state()
    editor.locator("tr", has_text="Fiche de Marie Membre").wait_for(state="detached")

    anonymous.reload()
    assert anonymous.get_by_text("de la grossesse aux premiers mois").is_visible()
    assert anonymous.get_by_text("06 12 34 56 78").count() == 0

