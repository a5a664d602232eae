"""People of the family support programme, and a client that passed the second factor."""

import pytest

from accounts.factories import UserFactory
from support.factories import FamilyFactory, PartnerStructureFactory, ReferrerFactory, pass_second_factor


@pytest.fixture
def coordinator(db):
    return UserFactory(username="coordinator", groups=["Coordinators"])


@pytest.fixture
def referent_a(db):
    return UserFactory(username="referent_a", groups=["FieldReferents"])


@pytest.fixture
def referent_b(db):
    return UserFactory(username="referent_b", groups=["FieldReferents"])


@pytest.fixture
def institution_a(db):
    return PartnerStructureFactory(name="MDS Toulouse Nord")


@pytest.fixture
def partner_a(institution_a):
    return ReferrerFactory(user=UserFactory(username="partner_a", groups=["Referrers"]), institution=institution_a)


@pytest.fixture
def partner_b(db):
    return ReferrerFactory(
        user=UserFactory(username="partner_b", groups=["Referrers"]),
        institution=PartnerStructureFactory(name="Voyelles"),
    )


@pytest.fixture
def family_a(partner_a, referent_a):
    """Referred by partner A, followed by referent A, who recorded the family's agreement."""
    from support.models import Consent

    family = FamilyFactory(referrer=partner_a, referent=referent_a, status="in_progress", contact_name="Zélie Confidentielle")
    Consent.objects.create(family=family, purpose=Consent.Purpose.SUPPORT, given=True, recorded_by=referent_a)
    return family


@pytest.fixture
def verified_client(client):
    """Log a person in with a confirmed authenticator, second factor passed."""
    return lambda user: pass_second_factor(client, user)
