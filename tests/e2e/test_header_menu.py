"""The header on a phone: a "Menu" button (a <details>, no JavaScript) folds the tools and the
navigation away, so that the page's content starts near the top of the screen; on a wide
screen the header is laid out in full and the button is hidden."""

import pytest

from home.models import ContentRecord

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 375, "height": 812}
WIDE = {"width": 1280, "height": 800}


def urls():
    return {
        "home": "/",
        "agenda": "/agenda/",
        "directory": ContentRecord.objects.get(key="page:directory").page.url,
    }


def header_height(page):
    return page.evaluate("document.querySelector('header').getBoundingClientRect().height")


@pytest.fixture
def phone(browser):
    # No JavaScript at all: the menu must open and close without it.
    context = browser.new_context(locale="fr-FR", viewport=PHONE, java_script_enabled=False, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def scripted(browser):
    """For axe (a script) and for measuring."""
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_on_a_phone_the_header_is_short_and_the_menu_closed(site, scripted):
    for name, url in urls().items():
        scripted.goto(site.url + url)
        assert header_height(scripted) < 140, f"{name}: header {header_height(scripted)} px high"
        assert scripted.locator("summary.site-menu__button").is_visible()
        assert not scripted.get_by_role("navigation", name="Navigation principale").is_visible()
        assert not scripted.get_by_role("link", name="Espace membres").is_visible()
        # The content (the H1) starts in the first screen, well above the fold.
        assert scripted.locator("h1").bounding_box()["y"] < 250


def test_the_menu_opens_and_closes_without_javascript_by_touch_and_keyboard(site, phone):
    phone.goto(site.url + ContentRecord.objects.get(key="page:directory").page.url)
    menu = phone.locator("summary.site-menu__button")
    assert menu.inner_text().strip() == "Menu"
    box = menu.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44

    menu.tap()
    nav = phone.get_by_role("navigation", name="Navigation principale")
    assert nav.is_visible()
    assert phone.locator("details.site-menu").get_attribute("open") is not None
    links = nav.get_by_role("link")
    assert links.count() >= 8
    for i in range(links.count()):
        assert links.nth(i).is_visible()
        assert links.nth(i).bounding_box()["height"] >= 44
    assert phone.get_by_role("link", name="Espace membres").is_visible()
    # The current page stays marked for assistive technologies.
    current = nav.locator('[aria-current="page"]')
    assert current.count() == 1 and current.inner_text() == "Trouver un·e professionnel·le"

    menu.tap()
    assert not nav.is_visible()

    # Keyboard: focus the button, open it with Enter, then Tab reaches the links in order.
    menu.focus()
    phone.keyboard.press("Enter")
    assert nav.is_visible()
    reached = []
    for _ in range(15):
        phone.keyboard.press("Tab")
        reached.append(phone.evaluate("document.activeElement.textContent.trim()"))
    assert "Espace membres" in reached
    assert "L'association" in reached and "Rejoindre le réseau" in reached
    assert reached.index("Espace membres") < reached.index("L'association")
    # Space closes it again.
    menu.focus()
    phone.keyboard.press("Space")
    assert not nav.is_visible()


def menu_node(cdp):
    """The "Menu" button as Chromium exposes it to screen readers (Playwright's own role
    engine does not treat a <summary> as a button; Chromium does, with its expanded state)."""
    for node in cdp.send("Accessibility.getFullAXTree")["nodes"]:
        if node.get("name", {}).get("value") == "Menu" and not node.get("ignored"):
            properties = {p["name"]: p["value"]["value"] for p in node.get("properties", [])}
            return node["role"]["value"], properties
    return None


def test_the_menu_exposes_its_state_to_assistive_technologies(site, scripted):
    scripted.goto(site.url + "/")
    cdp = scripted.context.new_cdp_session(scripted)
    role, properties = menu_node(cdp)
    # Chromium's role for a <summary>, announced as a button ("bouton Menu, réduit").
    assert role in ("DisclosureTriangle", "button")
    assert properties["focusable"] is True and properties["expanded"] is False
    scripted.locator("summary.site-menu__button").click()
    role, properties = menu_node(cdp)
    assert properties["expanded"] is True


def test_on_a_wide_screen_the_header_is_unchanged_and_the_button_hidden(site, scripted):
    scripted.set_viewport_size(WIDE)
    for name, url in urls().items():
        scripted.goto(site.url + url)
        assert not scripted.locator("summary.site-menu__button").is_visible(), name
        nav = scripted.get_by_role("navigation", name="Navigation principale")
        assert nav.is_visible()
        assert scripted.get_by_role("link", name="Espace membres").is_visible()
        # Logo and tools on one line, the navigation below them.
        logo = scripted.locator(".site-logo").bounding_box()
        tools = scripted.locator(".site-header__tools").bounding_box()
        assert tools["y"] < logo["y"] + logo["height"] and tools["x"] > logo["x"] + logo["width"]
        assert nav.bounding_box()["y"] >= logo["y"] + logo["height"]


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["375", "1280"])
def test_no_serious_accessibility_violation_with_the_menu_open_or_closed(site, scripted, axe_violations, viewport):
    scripted.set_viewport_size(viewport)
    found = {}
    for name, url in urls().items():
        scripted.goto(site.url + url)
        serious = [v for v in axe_violations(scripted) if v["impact"] in ("serious", "critical")]
        if serious:
            found[f"{name} closed"] = serious
        if scripted.locator("summary.site-menu__button").is_visible():
            scripted.locator("summary.site-menu__button").click()
            assert scripted.get_by_role("navigation", name="Navigation principale").is_visible()
            serious = [v for v in axe_violations(scripted) if v["impact"] in ("serious", "critical")]
            if serious:
                found[f"{name} open"] = serious
    assert found == {}
