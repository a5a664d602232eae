"""Fixtures of the library tests (imported by tests/resources/conftest.py)."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.factories import UserFactory
from network.factories import current_membership
from resources.factories import library_site, publish_vignette
from tests.network.conftest import network_site, profession  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def library(network_site):
    return library_site(network_site["home"], network_site["network"])


@pytest.fixture
def reader(db):
    """A member whose membership is current."""
    user = UserFactory(username="reader", first_name="Rita", last_name="Lectrice", groups=["Members"])
    current_membership(user)
    return user


@pytest.fixture
def lapsed(db):
    """A member whose membership ended yesterday: no nightly job has run since."""
    from network.models import Membership

    user = UserFactory(username="lapsed", groups=["Members"])
    today = timezone.localdate()
    Membership.objects.create(user=user, start_date=today - datetime.timedelta(days=365),
                              end_date=today - datetime.timedelta(days=1))
    return user


@pytest.fixture
def commission_member(db):
    return UserFactory(username="commissaire", groups=["Commission"])


@pytest.fixture
def private_document(library):
    from wagtail.documents import get_document_model

    from resources.library import vignettes_collection

    document = get_document_model()(title="Annexe CANARY-DOC", collection=vignettes_collection())
    document.file.save("annexe.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


@pytest.fixture
def vignette(library, private_document):
    return publish_vignette(
        library,
        title="Vignette CANARYTITRE",
        scenario="Mme B. vit seule avec son bébé de trois mois. CANARYSCENARIO",
        attachments=[private_document],
    )


@pytest.fixture
def calendar(network_site):
    """The calendar page ("Agenda") under the French home page."""
    from resources.factories import calendar_site

    return calendar_site(network_site["home"])
