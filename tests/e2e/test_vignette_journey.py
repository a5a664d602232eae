"""Issue 6, the clinical vignette library: a member proposes a vignette with a phone number and
a first name; the anonymisation review flags both and blocks publication; the editor asks for
changes; the author, told by e-mail, takes them out; the editor approves and publishes; another
member reads the vignette and adds their view, shown under their profession."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.factories import UserFactory
from home.models import ContentRecord
from network.factories import MemberProfilePageFactory, current_membership
from network.models import Profession
from resources.factories import library_site
from resources.library import scenario_text
from resources.models import AnonymisationFinding, VignettePage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "password-for-tests"
PHONE = "06 12 34 56 78"
FIRST_NAME = "Inès"
TITLE = "Un allaitement difficile"
SCENARIO = (
    "Mme B., 29 ans, a accouché de son premier enfant il y a trois semaines.\n\n"
    f"Elle nous appelle au {PHONE} : sa fille {FIRST_NAME} ne prend pas le sein et elle se sent dépassée."
)
FIXED_SCENARIO = (
    "Mme B., 29 ans, a accouché de son premier enfant il y a trois semaines.\n\n"
    "Elle appelle le service : sa fille ne prend pas le sein et elle se sent dépassée."
)
QUESTIONS = "Qu'auriez-vous proposé ?\nAvec qui auriez-vous travaillé ?"
COMMENT = "Retirez le prénom et le numéro de téléphone, s'il vous plaît."
VIEW = (
    "J'aurais proposé une visite à domicile dans la semaine, pour observer une tétée, "
    "et un relais vers un groupe de parole de jeunes parents."
)
MY_VIGNETTE = re.compile(r"/reseau/mon-espace/vignettes/(\d+)/$")


def new_page(browser):
    page = browser.new_context(locale="fr-FR").new_page()
    page.set_default_timeout(15_000)
    return page


def log_in_member(page, site, username):
    page.goto(site.url + "/compte/connexion/")
    page.get_by_role("textbox", name="Identifiant ou adresse e-mail").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("h1")).to_have_text("Mon espace")


def log_in_admin(page, site, username):
    page.goto(site.url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page).not_to_have_url(re.compile(r"/admin/login/"))


def workflow_button(page, action, modal):
    """A workflow action of the page editor's footer menu (in the dropdown, not necessarily visible)."""
    selector = f'footer button[data-workflow-action-name="{action}"]'
    selector += "[data-workflow-action-modal-url]" if modal else ":not([data-workflow-action-modal-url])"
    return page.locator(selector)


def open_action_menu(page):
    page.locator("footer").get_by_role("button", name=re.compile("Plus d'actions|More actions")).click()


def test_a_vignette_goes_through_the_anonymisation_review_then_members_add_their_views(
    site, browser, axe_violations, editor
):
    network = ContentRecord.objects.get(key="page:network").page
    library = library_site(network.get_parent().specific, network)
    library_url = site.url + library.url
    directory = ContentRecord.objects.get(key="page:directory").page
    author = UserFactory(username="reader", first_name="Rita", last_name="Lectrice", groups=["Members"])
    current_membership(author)
    psychologist = UserFactory(username="colette", first_name="Colette", last_name="Regard", groups=["Members"])
    MemberProfilePageFactory(
        parent=directory, member=psychologist, profession=Profession.objects.get(name="Psychologue")
    )  # with a current membership

    # 1. The author, a current member, opens the library from "Mon espace", then proposes a vignette.
    member = new_page(browser)
    log_in_member(member, site, "reader")
    space = member.get_by_role("region", name="Bibliothèque des vignettes")
    space.get_by_role("link", name="Ouvrir la bibliothèque").click()
    expect(member).to_have_url(library_url)
    expect(member.locator("h1")).to_have_text(library.title)
    expect(member.get_by_role("heading", name="0 vignette")).to_be_visible()
    assert axe_violations(member) == []
    member.go_back()
    space.get_by_role("link", name="Proposer une vignette").click()
    expect(member).to_have_url(site.url + "/reseau/mon-espace/vignettes/proposer/")
    expect(member.locator("h1")).to_have_text("Proposer une vignette")
    member.locator("#id_title").fill(TITLE)
    member.locator('input[name="period"][value="postpartum"]').check()
    member.locator("#id_scenario").fill(SCENARIO)
    member.locator("#id_questions").fill(QUESTIONS)
    member.get_by_role("group", name="Thèmes").get_by_role("checkbox", name="Allaitement").check()
    member.locator("#id_confirm").check()
    member.get_by_role("button", name="Envoyer en relecture").click()

    # Its page in "Mon espace": the text as the reviewer reads it, what may identify marked.
    expect(member).to_have_url(MY_VIGNETTE)
    pk = int(MY_VIGNETTE.search(member.url).group(1))
    expect(member.get_by_text("Votre vignette est envoyée en relecture d'anonymisation")).to_be_visible()
    expect(member.locator("mark.finding--open").filter(has_text=PHONE)).to_have_count(1)
    expect(member.locator("mark.finding--open").filter(has_text=FIRST_NAME)).to_have_count(1)
    vignette = VignettePage.objects.get(pk=pk)
    assert not vignette.live and list(vignette.authors.all()) == [author]

    # 2. The editor reviews it: both flagged, publication blocked, approval not offered.
    reviewer = new_page(browser)
    log_in_admin(reviewer, site, editor.username)
    reviewer.goto(f"{site.url}/admin/vignettes/{pk}/anonymisation/")
    expect(reviewer.get_by_text(re.compile("Publication bloquée : 2 éléments"))).to_be_visible()
    rows = reviewer.locator("table.listing tbody tr")
    expect(rows).to_have_count(2)
    for text in (PHONE, FIRST_NAME):
        expect(rows.filter(has_text=f"« {text} »").filter(has_text="à traiter")).to_have_count(1)
        expect(reviewer.locator("mark.finding--open").filter(has_text=text)).to_have_count(1)
    reviewer.get_by_role("link", name="Retour à la vignette").click()
    expect(reviewer).to_have_url(f"{site.url}/admin/pages/{pk}/edit/")
    expect(reviewer.get_by_text(re.compile("Publication bloquée"))).to_be_visible()
    expect(workflow_button(reviewer, "reject", modal=True)).to_have_count(1)
    expect(reviewer.locator('footer button[data-workflow-action-name="approve"]')).to_have_count(0)

    # It asks for changes, with a comment, through Wagtail's action menu and its dialog.
    mail.outbox.clear()
    open_action_menu(reviewer)
    workflow_button(reviewer, "reject", modal=True).click()
    dialog = reviewer.locator(".modal-content")
    dialog.get_by_role("textbox", name=re.compile("^(Commentaire|Commenter|Comment)$")).fill(COMMENT)
    dialog.get_by_role("button", name=re.compile("Demander des modifications|Request changes")).click()
    # The edit form is submitted with the action; Wagtail goes back to the library's pages.
    expect(reviewer).to_have_url(f"{site.url}/admin/pages/{library.pk}/")
    expect(reviewer.locator(".messages")).to_contain_text(TITLE)
    state = VignettePage.objects.get(pk=pk).current_workflow_state
    assert state.status == state.STATUS_NEEDS_CHANGES

    # 3. The author is told by e-mail, with the comment and a link to the vignette.
    (message,) = [m for m in mail.outbox if m.to == [author.email]]
    assert "des modifications sont demandées" in message.subject
    assert COMMENT in message.body
    link = re.search(r"https?://[^/\s]+(/reseau/mon-espace/vignettes/\d+/)", message.body)
    assert link and link.group(1) == f"/reseau/mon-espace/vignettes/{pk}/"
    member.goto(site.url + link.group(1))
    expect(member.locator("blockquote")).to_have_text(COMMENT)
    member.get_by_role("link", name="Modifier ma vignette").click()
    expect(member).to_have_url(f"{site.url}/reseau/mon-espace/vignettes/{pk}/modifier/")
    findings = member.get_by_role("region", name=re.compile("Ce que le repérage automatique signale"))
    expect(findings.locator("mark.finding--open")).to_have_count(2)
    expect(member.locator("#id_scenario")).to_have_value(SCENARIO)
    member.locator("#id_scenario").fill(FIXED_SCENARIO)
    member.locator("#id_confirm").check()
    member.get_by_role("button", name="Renvoyer en relecture").click()
    expect(member).to_have_url(MY_VIGNETTE)
    expect(member.get_by_text("Votre vignette modifiée repart en relecture d'anonymisation.")).to_be_visible()
    expect(member.get_by_text("Votre vignette est en relecture d'anonymisation.")).to_be_visible()
    expect(member.locator("mark.finding--open")).to_have_count(0)
    assert not AnonymisationFinding.objects.filter(vignette_id=pk).exists()

    # 4. The editor finds nothing open; "Approve" is offered now, and publishes.
    reviewer.goto(f"{site.url}/admin/vignettes/{pk}/anonymisation/")
    expect(reviewer.get_by_text("Aucun élément ouvert")).to_be_visible()
    expect(reviewer.locator("mark.finding--open")).to_have_count(0)
    reviewer.goto(f"{site.url}/admin/pages/{pk}/edit/")
    expect(reviewer.get_by_text("Aucun élément possiblement identifiant ouvert")).to_be_visible()
    approve = workflow_button(reviewer, "approve", modal=False)
    expect(approve).to_have_count(1)
    mail.outbox.clear()
    open_action_menu(reviewer)
    expect(approve).to_have_accessible_name(re.compile("Approuver et publier|Approve and Publish", re.I))
    approve.click()
    expect(reviewer).to_have_url(f"{site.url}/admin/pages/{library.pk}/")
    expect(reviewer.locator(".messages")).to_contain_text(TITLE)
    vignette = VignettePage.objects.get(pk=pk)
    assert vignette.live and vignette.first_published_at is not None
    assert PHONE not in scenario_text(vignette) and FIRST_NAME not in scenario_text(vignette)
    (message,) = [m for m in mail.outbox if m.to == [author.email]]
    assert "est publiée" in message.subject

    # 5. Another member reads it in the library and adds the view of their profession.
    colleague = new_page(browser)
    log_in_member(colleague, site, "colette")
    colleague.goto(library_url)
    expect(colleague.get_by_role("heading", name="1 vignette")).to_be_visible()
    assert axe_violations(colleague) == []
    colleague.get_by_role("link", name=TITLE).click()
    expect(colleague).to_have_url(site.url + vignette.url)
    expect(colleague.locator("h1")).to_have_text(TITLE)
    situation = colleague.get_by_role("region", name="La situation")
    expect(situation).to_contain_text("Elle appelle le service")
    expect(situation).not_to_contain_text(PHONE)
    expect(colleague.get_by_role("region", name="Les questions posées au réseau")).to_contain_text(
        "Avec qui auriez-vous travaillé ?"
    )
    expect(colleague.get_by_text("Aucun regard pour l'instant")).to_be_visible()
    assert axe_violations(colleague) == []
    colleague.get_by_role("textbox", name="Mon regard de professionnel·le").fill(VIEW)
    colleague.get_by_role("button", name="Publier mon regard").click()
    expect(colleague.get_by_text("Votre regard est ajouté.")).to_be_visible()
    group = colleague.get_by_role("region", name=re.compile(r"^Psychologue \(1\)"))
    expect(group.get_by_role("heading", level=3)).to_have_text(re.compile(r"^Psychologue\s*\(1\)$"))
    contribution = group.locator("article.contribution")
    expect(contribution).to_have_count(1)
    expect(contribution.locator(".meta")).to_contain_text("Colette Regard")
    expect(contribution).to_contain_text(VIEW)
    assert axe_violations(colleague) == []

    # The author reads it too, published, with the colleague's view.
    member.goto(site.url + vignette.url)
    expect(member.get_by_role("region", name=re.compile(r"^Psychologue"))).to_contain_text("Colette Regard")
