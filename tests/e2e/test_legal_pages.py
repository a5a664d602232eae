"""A parent on a phone opens the privacy notice from the footer: no serious accessibility barrier."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_privacy_page_from_the_footer_on_a_phone(site, page, axe_violations):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site.url + "/")
    legal = page.get_by_role("navigation", name="Informations légales")
    link = legal.get_by_role("link", name="Protection des données")
    box = link.bounding_box()
    assert box["height"] >= 44
    link.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Protection des données"
    serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert serious == []
