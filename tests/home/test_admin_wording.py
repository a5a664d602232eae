"""Wagtail's generic admin phrases read as proper French (home/admin_wording.py, locale/fr):
no "un(e)", "Le(la)", "créé(e)"; "Guide de rédaction" with its accent. English stays Wagtail's."""

import pytest
from django.utils import translation

from home.admin_wording import WAGTAIL_PHRASES

pytestmark = pytest.mark.django_db

PARAMS = {"label": "paiement", "model_name": "paiement", "object": "2026-0001"}


@pytest.mark.parametrize("phrase", WAGTAIL_PHRASES)
def test_each_phrase_has_its_french_and_keeps_its_english(phrase):
    with translation.override("fr"):
        french = translation.gettext(phrase) % PARAMS
    with translation.override("en"):
        english = translation.gettext(phrase) % PARAMS
    assert french != english
    assert "(e)" not in french and "(la)" not in french and "(tte)" not in french
    assert english == phrase % PARAMS


def test_the_treasurers_screens_read_right(client, treasurer):
    client.force_login(treasurer)
    listing = client.get("/admin/cotisations/paiements/").content.decode()
    assert "un(e)" not in listing and "Ajouter : paiement" in listing
    dashboard = client.get("/admin/").content.decode()
    assert "Guide du redacteur" not in dashboard
