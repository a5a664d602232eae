"""The project's hooks (home/hooks.py): shared screens ask the apps, they do not import them.

An app that registers nothing (as if removed from INSTALLED_APPS) leaves the shared screens
working without its additions; a new app adds a header link, sends its own people to their
space, or adds demo data without editing the shared screens' code.
"""

from contextlib import ExitStack

import pytest

from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks

import json

from wagtail.models import Page

from accounts.factories import UserFactory
from fees.factories import paid_membership
from home import hooks as site_hooks
from network.models import ErasureRequest
from network.member_space import erase_member
from resources.factories import RegistrationFactory


ALL_HOOKS = [value for name, value in vars(site_hooks).items() if name.isupper() and isinstance(value, str)]


def without_app(app):
    """Every project hook registered by `app` left out, as if the app were not installed."""
    hooks.search_for_hooks()
    stack = ExitStack()
    for name in ALL_HOOKS:
        kept = [(fn, order) for fn, order in hooks._hooks.get(name, []) if not fn.__module__.startswith(app + ".")]
        stack.enter_context(_replaced(name, kept))
    return stack


class _replaced:
    def __init__(self, name, registrations):
        self.name, self.registrations = name, registrations

    def __enter__(self):
        hooks.search_for_hooks()  # the apps' registrations are read once, on first use
        self.saved = hooks._hooks.get(self.name)
        hooks._hooks[self.name] = self.registrations

    def __exit__(self, *exc):
        hooks._hooks[self.name] = self.saved


def test_without_the_family_support_app_its_people_get_the_member_space_and_no_link(client, home_page):
    partner = UserFactory(username="partner", groups=["Referrers"])
    client.force_login(partner)
    with without_app("support"):
        response = client.get(reverse("network:member_space"))
        assert response.status_code == 200
        assert reverse("support:home") not in response.content.decode()
        assert "Accompagnement des familles" not in client.get(home_page.url).content.decode()
    # With it: their space and the header's link.
    assert client.get(reverse("network:member_space"))["Location"] == reverse("support:home")
    assert f'href="{reverse("support:home")}"' in client.get(home_page.url).content.decode()


def test_a_new_app_adds_a_header_link_and_its_own_space(client, home_page, member):
    def link(request):
        return [("Mon atelier", "/atelier-test/")] if request.user.is_authenticated else []

    def entry(request):
        return "/atelier-test/" if request.user.username == "guest" else None

    with hooks.register_temporarily(site_hooks.HEADER_LINKS, link), hooks.register_temporarily(
        site_hooks.MEMBER_SPACE_ENTRY, entry
    ):
        assert "Mon atelier" not in client.get(home_page.url).content.decode()
        client.force_login(member)
        assert '<a href="/atelier-test/">Mon atelier</a>' in client.get(home_page.url).content.decode()
        client.force_login(UserFactory(username="guest"))
        assert client.get(reverse("network:member_space"))["Location"] == "/atelier-test/"


def test_demo_data_runs_in_the_hooks_order(db):
    calls = []

    def first(password):
        calls.append("first")
        yield "one"

    def second(password):
        calls.append(password)
        return ["two"]

    with ExitStack() as stack:
        stack.enter_context(_replaced(site_hooks.DEMO_DATA, [(second, 50), (first, 5)]))
        assert list(site_hooks.create_demo_data("secret")) == ["one", "two"]
    assert calls == ["first", "secret"]


def test_the_apps_register_their_demo_data_members_first():
    names = [fn.__module__.split(".")[0] for fn in hooks.get_hooks(site_hooks.DEMO_DATA)]
    assert names.index("network") < names.index("resources") < names.index("support")


# -- "Mon espace", the data export, the erasure: the apps' cards, sections and steps ---------

def test_every_hook_is_documented():
    doc = site_hooks.__doc__
    assert ALL_HOOKS and all(f"- {name}:" in doc for name, value in vars(site_hooks).items()
                             if name.isupper() and isinstance(value, str))


def export(client):
    return json.loads(client.get(reverse("network:export_data", args=["json"])).content)


def test_the_member_space_is_built_from_the_apps_cards(client, member):
    paid_membership(member)
    client.force_login(member)
    page = client.get(reverse("network:member_space")).content.decode()
    headings = ["Mon adhésion", "La charte", "Ma fiche dans l'annuaire", "Rencontres et agenda", "Mes données"]
    positions = [page.index(html_heading) for html_heading in (f">{h}</h2>" for h in headings)]
    assert positions == sorted(positions)
    assert "Reçu " in page  # the fees' card lists the receipt
    assert "payments" in export(client) and "event_registrations" in export(client)


@pytest.mark.parametrize("app, heading, section", [
    ("fees", "Mon adhésion", "payments"),
    ("resources", "Rencontres et agenda", "event_registrations"),
])
def test_without_an_app_its_card_and_section_go_and_nothing_breaks(client, member, app, heading, section):
    paid_membership(member)
    client.force_login(member)
    with without_app(app):
        response = client.get(reverse("network:member_space"))
        assert response.status_code == 200
        assert heading not in response.content.decode()
        data = export(client)
        assert section not in data and data["account"]["username"] == "member"
        assert client.get(reverse("network:export_data", args=["csv"])).status_code == 200
    assert heading in client.get(reverse("network:member_space")).content.decode()


class NoticeBoardPanel(site_hooks.Panel):
    """A card rendered without a template file: render() returns safe HTML, its values escaped."""

    def render(self, request):
        return format_html('<section aria-labelledby="board"><h2 id="board">Tableau des annonces</h2><p>{}</p></section>',
                           self.context["n"])


def test_a_new_app_adds_a_card_a_data_section_and_an_erasure_step_without_editing_the_network(client, member):
    """What a new app (here, a notice board) needs to join the member's space: three hooks."""
    erased = []

    def card(request):
        return NoticeBoardPanel(25, "", {"n": "3 annonces"})  # between the charter (20) and the profile (30)

    def section(user):
        return {"notice_board": [{"title": "Annonce de test", "author": user.username}]}

    def step(user):
        erased.append(user.username)

    paid_membership(member)
    with hooks.register_temporarily(site_hooks.MEMBER_SPACE_PANELS, card), hooks.register_temporarily(
        site_hooks.MEMBER_DATA, section
    ), hooks.register_temporarily(site_hooks.MEMBER_ERASURE, step):
        client.force_login(member)
        page = client.get(reverse("network:member_space")).content.decode()
        assert page.index(">La charte</h2>") < page.index(">Tableau des annonces</h2>") < page.index(
            "Ma fiche dans l'annuaire</h2>")
        assert "3 annonces" in page
        assert export(client)["notice_board"] == [{"title": "Annonce de test", "author": "member"}]
        csv_text = client.get(reverse("network:export_data", args=["csv"])).content.decode()
        assert "notice_board;1;title;Annonce de test" in csv_text
        erase_member(ErasureRequest.objects.create(user=member))
    assert erased == ["member"]


def test_the_erasure_keeps_registrations_for_the_figures_without_the_member(db, member):
    registration = RegistrationFactory(user=member, name="Marie Membre", email="marie@example.org", phone="0600000000")
    erase_member(ErasureRequest.objects.create(user=member))
    registration.refresh_from_db()
    assert (registration.user, registration.name, registration.email, registration.phone) == (None, "", "", "")


def test_a_new_app_leaves_a_page_out_of_every_public_channel(client, home_page):
    """PUBLIC_PAGES: the site search, the sitemap and API v2 ask the apps what to leave out."""
    from home.models import StandardPage

    canary = StandardPage(title="Page témoin kwzyx", slug="temoin-kwzyx", intro="kwzyx")
    home_page.add_child(instance=canary)
    canary.save_revision().publish()

    def leave_out(pages):
        return pages.exclude(pk=canary.pk)

    def channels():
        search = client.get(reverse("search"), {"q": "kwzyx"}).content.decode()
        sitemap = client.get("/sitemap.xml").content.decode()
        api = client.get("/api/v2/pages/", {"slug": "temoin-kwzyx"}).json()
        return "temoin-kwzyx" in search, "temoin-kwzyx" in sitemap, canary.pk in {item["id"] for item in api["items"]}

    assert channels() == (True, True, True)
    from django.core.cache import cache

    cache.clear()  # the search's set of visible pages is cached until the content changes
    with hooks.register_temporarily(site_hooks.PUBLIC_PAGES, leave_out):
        assert channels() == (False, False, False)
    assert Page.objects.filter(pk=canary.pk).exists()

