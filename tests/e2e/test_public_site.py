"""What a visitor does on the public site, in a real browser."""

import pytest

from home.models import ContentRecord

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_to_charter_to_english_and_back(site, page):
    page.goto(site.url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Parentescence"

    page.get_by_role("main").get_by_role("link", name="Lire la charte").click()
    assert page.locator("h1").inner_text() == "Charte des valeurs et postures"
    assert page.locator("#charter-values + dl dt").count() == 7
    assert page.locator("#charter-postures + dl dt").count() == 6

    page.get_by_role("navigation", name="Choix de la langue").get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Charter of values and postures"
    assert "/en/" in page.url
    assert page.locator("#charter-values + dl dt").count() == 7

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Charte des valeurs et postures"


def test_entry_points_lead_parents_professionals_and_partners(site, page):
    page.goto(site.url + "/")
    entry_points = page.locator(".entry-point")
    assert entry_points.count() == 3
    entry_points.nth(1).get_by_role("link").click()
    assert page.locator("h1").inner_text() == ContentRecord.objects.get(key="page:network").page.title


def test_keyboard_user_skips_to_content(site, page):
    page.goto(site.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_search_from_the_header(site, page):
    page.goto(site.url + "/")
    page.get_by_label("Rechercher sur le site").fill("Intervisions")
    page.get_by_label("Rechercher sur le site").press("Enter")
    assert page.locator("h1").inner_text() == "Rechercher sur le site"
    assert page.get_by_role("link", name="Le réseau professionnel").count() >= 1


@pytest.mark.parametrize("width", [320, 1280])
def test_pages_fit_the_screen(site, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    for key in ("home", "network", "charter", "directory", "help", "partners"):
        page.goto(site.url + ContentRecord.objects.get(key=f"page:{key}").page.url)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{key} scrolls sideways at {width}px"


def test_no_moderate_or_worse_accessibility_violation_on_any_page_type(site, page, axe_violations):
    urls = {
        "home": ContentRecord.objects.get(key="page:home").page.url,
        "standard": ContentRecord.objects.get(key="page:support").page.url,
        "charter": ContentRecord.objects.get(key="page:charter").page.url,
        "search": "/recherche/?q=parents",
        "join": ContentRecord.objects.get(key="page:join").page.url,
        "directory": ContentRecord.objects.get(key="page:directory").page.url,
        "profile": member_profile().url,
        "directory filtered": ContentRecord.objects.get(key="page:directory").page.url + "?besoin=allaitement&cp=99999",
        "help": ContentRecord.objects.get(key="page:help").page.url,
        "help for a need": ContentRecord.objects.get(key="page:help").page.url + "?besoin=sommeil",
        "partner structures": ContentRecord.objects.get(key="page:partners").page.url,
        "login": "/compte/connexion/",
        "forgotten password": "/compte/mot-de-passe-oublie/",
        "not found": "/nulle-part/",
        "english home": "/en/",
    }
    found = {}
    for name, url in urls.items():
        page.goto(site.url + url)
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    # The application form with its error messages.
    page.goto(site.url + urls["join"])
    page.get_by_role("button", name="Envoyer ma candidature").click()
    assert page.locator(".form-alert").is_visible()
    if violations := axe_violations(page):
        found["join with errors"] = violations
    assert found == {}


def member_profile():
    from accounts.factories import UserFactory
    from network.directory import publish_profile
    from network.factories import ApplicationFactory, current_membership

    user = UserFactory(username="profile-member")
    current_membership(user)
    return publish_profile(ApplicationFactory(), user)
