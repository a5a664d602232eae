"""The project's hooks (home/hooks.py): shared screens ask the apps, they do not import them.

An app that registers nothing (as if removed from INSTALLED_APPS) leaves the shared screens
working without its additions; a new app adds a header link, sends its own people to their
space, or adds demo data without editing the shared screens' code.
"""

from contextlib import ExitStack

from django.urls import reverse
from wagtail import hooks

from accounts.factories import UserFactory
from home import hooks as site_hooks


def without_app(app):
    """Every project hook registered by `app` left out, as if the app were not installed."""
    hooks.search_for_hooks()
    stack = ExitStack()
    for name in (site_hooks.HEADER_LINKS, site_hooks.MEMBER_SPACE_ENTRY, site_hooks.DEMO_DATA):
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
