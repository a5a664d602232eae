"""A commission member logs in through the members' page, lands on the applications in
review, opens one from the admin's dashboard, reads it, assesses each criterion, votes and
reads the confirmation; the last of three votes accepts it. At 375 and 1280 px."""

import pytest

from accounts.factories import UserFactory
from network import review
from network.factories import ApplicationFactory, ProfessionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "password-for-tests"
CRITERIA = ["criterion_charter", "criterion_practice", "criterion_limits", "criterion_involvement"]


def log_in(browser, site, username, width):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(site.url + "/compte/connexion/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Se connecter").click()
    return context, page


@pytest.mark.parametrize("width", [375, 1280])
def test_a_commission_member_reads_assesses_and_votes(site, browser, axe_violations, width):
    ProfessionFactory()
    commission = [UserFactory(username=f"commission{n}", email=f"c{n}@example.org", groups=["Commission"])
                  for n in (1, 2, 3)]
    application = ApplicationFactory(first_name="Maëlle", last_name="Garnier",
                                     criterion_limits="J'oriente vers la PMI quand il le faut.")
    review.submit(application)

    for number, member in enumerate(commission, start=1):
        context, page = log_in(browser, site, member.username, width)
        # Lands on the applications in review.
        assert "/admin/snippets/network/application/" in page.url and "status=in_review" in page.url
        page.goto(site.url + "/admin/")
        page.get_by_role("link", name="Maëlle Garnier").first.click()
        page.wait_for_load_state()
        assert "Examen de la candidature" in page.title() or page.get_by_text("Examen de la candidature").count()
        text = page.locator("main").inner_text()
        for expected in ("Maëlle Garnier", "Visites à domicile", "Oui", "J'oriente vers la PMI", "Historique"):
            assert expected in text, expected
        assert "True" not in text and "None" not in text
        if number == 1:
            assert axe_violations(page) == []
            # A vote for without the criteria assessed: refused, the comment kept.
            page.get_by_label("Votre avis d'ensemble").fill("Belle candidature.")
            page.get_by_role("button", name="Voter pour").click()
            page.wait_for_load_state()
            assert page.get_by_text("Indiquez si la candidature répond à ce critère.").count() == 4
            assert page.get_by_label("Votre avis d'ensemble").input_value() == "Belle candidature."
        for criterion in CRITERIA:
            page.locator(f"#id_{criterion}_level_0").check()
        page.locator("#id_criterion_involvement_comment").fill(f"Avis {number} sur l'investissement.")
        page.get_by_label("Votre avis d'ensemble").fill(f"Avis favorable {number}.")
        page.get_by_role("button", name="Voter pour").click()
        page.wait_for_load_state()
        body = page.locator("body").inner_text()
        assert "Votre vote « pour » est enregistré." in body
        if number < 3:
            assert f"{number} vote{'s' if number > 1 else ''} sur 3 nécessaires" in body
            assert "Votre vote :" in body
            assert f"Avis {number} sur l'investissement." in body
        else:
            assert "La candidature est acceptée" in body
        if number == 2:
            page.wait_for_timeout(1500)  # the message bar slides in: judge it once shown
            assert axe_violations(page) == []
        context.close()
    application.refresh_from_db()
    assert application.status == "accepted"
