"""Browser journeys: Playwright for Python driving Debian's Chromium (/usr/bin/chromium).

Never a browser downloaded by Playwright. Where Chromium is missing the journeys are
skipped with the reason, unless REQUIRE_BROWSER=1 (CI), where they fail.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

from home.content.build import build_site

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",  # required as root
    "--disable-gpu",
    "--disable-background-networking",  # this machine reaches no host but the registries
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _missing(path, what):
    if path.exists():
        return
    message = f"{what} not found at {path} (run `make test`, which installs it)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def browser(site, monkeypatch):
    """One browser per test, started after the database is ready (see the trap below)."""
    _missing(CHROMIUM, "Debian's chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread. Django then refuses ORM calls
    # from the test unless told it is safe (nothing here is really asynchronous).
    # Trap: while that loop runs, Django's per-context `connections` hand out another
    # connection object, one without the test runner's serialized data, so the database
    # restore between transactional tests is silently skipped. Hence a browser per test,
    # started after the database fixtures and closed before their teardown.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Close the connection Django opened for the loop's context (see the trap above).
        connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def site(live_server):
    """The real site content, served by a live server."""
    build_site(log=lambda message: None)
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    return live_server


@pytest.fixture
def axe_violations():
    _missing(AXE, "axe-core (npm)")

    def run(page):
        page.add_script_tag(path=str(AXE))
        return page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                .filter(v => ['moderate', 'serious', 'critical'].includes(v.impact))
                .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"""
        )

    return run
