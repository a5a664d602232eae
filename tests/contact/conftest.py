import datetime

import pytest
from django.utils import timezone

from accounts.factories import UserFactory
from contact.factories import ContactPageFactory
from network.factories import MemberProfilePageFactory, ProfessionFactory
from network.models import DirectoryIndexPage, Membership


@pytest.fixture
def contact_page(home_page):
    return ContactPageFactory(parent=home_page)


@pytest.fixture
def directory(home_page):
    directory = DirectoryIndexPage(title="Trouver un·e professionnel·le", slug="annuaire", intro="Le réseau.")
    home_page.add_child(instance=directory)
    ProfessionFactory()
    return directory


@pytest.fixture
def listed_profile(directory):
    member = UserFactory(username="nadia", first_name="Nadia", last_name="Benali", groups=["Members"])
    return MemberProfilePageFactory(parent=directory, member=member, slug="nadia-benali")


@pytest.fixture
def lapsed_profile(directory):
    """Still published, but the membership ended yesterday: never named anywhere."""
    member = UserFactory(username="lapsed", first_name="Odile", last_name="Expirée", groups=["Members"])
    profile = MemberProfilePageFactory(parent=directory, member=member, slug="odile-expiree", membership=False)
    today = timezone.localdate()
    Membership.objects.create(user=member, start_date=today - datetime.timedelta(days=366))
    assert not profile.is_listed()
    return profile


@pytest.fixture
def unpublished_profile(directory):
    member = UserFactory(username="hidden", first_name="Henri", last_name="Cachéd", groups=["Members"])
    profile = MemberProfilePageFactory(parent=directory, member=member, slug="henri-cache")
    profile.unpublish()
    return profile
