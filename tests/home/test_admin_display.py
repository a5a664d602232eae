"""Inspect views show values in words (home/admin_display.py): never Python's True, None or
an ISO timestamp, whatever the field and the value."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from home.admin_display import readable
from tests.properties import examples

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]

values = st.one_of(
    st.none(), st.just(""), st.booleans(),
    st.datetimes(min_value=datetime.datetime(1990, 1, 1), max_value=datetime.datetime(2100, 1, 1),
                 timezones=st.just(datetime.timezone.utc)),
    st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 1, 1)),
    st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False),
)


@examples(300)
@given(values)
def test_property_values_read_as_french_words(value):
    with translation.override("fr"):
        text = readable(value)
    assert text and text not in ("True", "False", "None")
    assert "+00:00" not in text and "T" not in text.replace("—", "")
    if value is None or value == "":
        assert text == "—"
    elif isinstance(value, bool):
        assert text == ("Oui" if value else "Non")
    elif isinstance(value, datetime.datetime):
        local = timezone.localtime(value)
        # Reference: the day, the French month and the year of the local date, then the time.
        assert text == f"{local.day} {MONTHS[local.month - 1]} {local.year} à {local:%H:%M}"
    elif isinstance(value, datetime.date):
        assert text == f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    elif isinstance(value, Decimal):
        assert "." not in text  # the decimal comma
        assert Decimal(text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")) == value


@pytest.mark.django_db
def test_the_payments_inspect_page_reads_in_french(admin_client):
    """A real inspect view of another app: no Python value on it."""
    from django.urls import reverse

    from accounts.factories import UserFactory
    from fees.factories import paid_membership

    payment = paid_membership(UserFactory(username="payer"))
    response = admin_client.get(reverse("payments:inspect", args=[payment.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for python in (">True<", ">False<", ">None<", "+00:00"):
        assert python not in html


@pytest.mark.django_db
def test_the_roots_have_french_names(admin_client):
    """home/migrations/0004: the page tree's root and the collections' root are named."""
    from wagtail.models import Collection, Page

    assert Page.get_first_root_node().title == "Racine du site"
    assert Collection.get_first_root_node().name == "Racine"
    html = admin_client.get("/admin/pages/").content.decode()
    assert ">Root<" not in html and "Racine du site" in html
