"""After logging in, each role lands where its work is (accounts.views.landing and the apps'
WORKPLACES), through either log-in page: one place, straight there; several, a choice; none,
the member space. Checked for every combination of roles against a plain reference."""

import re

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accounts.factories import UserFactory
from tests.properties import examples, rolled_back

pytestmark = pytest.mark.django_db

PASSWORD = "password-for-tests"
# The rule, role by role: where that role's work is.
PLACES = {
    "Editors": "/admin/",
    "Commission": "/admin/snippets/network/application/?status=in_review",  # the applications in review
    "Treasurer": "/admin/cotisations/adherents/",
    "Coordinators": "/suivi-familles/",
    "FieldReferents": "/suivi-familles/",
    "Referrers": "/suivi-familles/",
    "Members": "/reseau/mon-espace/",
}
MEMBER_SPACE = "/reseau/mon-espace/"


def expected_places(groups):
    return sorted({PLACES[group] for group in groups})


def log_in(client, username, page):
    url = {"members": reverse("accounts:login"), "admin": reverse("wagtailadmin_login")}[page]
    response = client.post(url, {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:300]
    return response["Location"]


@examples(40)
@given(groups=st.sets(st.sampled_from(sorted(PLACES))), page=st.sampled_from(["members", "admin"]))
def test_property_each_role_lands_where_its_work_is(client, groups, page):
    with rolled_back():
        client.logout()
        user = UserFactory(username="someone", groups=sorted(groups))
        user.set_password(PASSWORD)
        user.save()
        location = log_in(client, "someone", page)
        assert location == reverse("accounts:landing")
        response = client.get(location)
        places = expected_places(groups)
        if len(places) <= 1:
            assert response.status_code == 302
            assert response["Location"] == (places[0] if places else MEMBER_SPACE)
        else:
            assert response.status_code == 200
            offered = re.findall(r'<li class="workplace[^"]*">\s*<h2><a href="([^"]+)"', response.content.decode())
            assert sorted(offered) == places


@pytest.mark.parametrize("page", ["members", "admin"])
def test_a_page_asked_for_wins(client, page):
    user = UserFactory(username="treasurer2", groups=["Treasurer"])
    user.set_password(PASSWORD)
    user.save()
    url = {"members": reverse("accounts:login"), "admin": reverse("wagtailadmin_login")}[page]
    response = client.post(url + "?next=/admin/cotisations/paiements/", {
        "username": "treasurer2", "password": PASSWORD, "next": "/admin/cotisations/paiements/"})
    assert response["Location"] == "/admin/cotisations/paiements/"


def test_the_members_log_in_page_says_where_back_office_roles_go(client):
    content = client.get(reverse("accounts:login")).content.decode()
    assert "Commission d&#x27;admission, trésorerie, équipe éditoriale" in content or \
        "Commission d'admission, trésorerie, équipe éditoriale" in content


def test_an_administrator_lands_in_the_admin(client):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    root.set_password(PASSWORD)
    root.save()
    log_in(client, "root", "admin")
    assert client.get(reverse("accounts:landing"))["Location"] == "/admin/"


def test_the_choice_page_is_for_signed_in_people_only(client):
    assert client.get(reverse("accounts:landing"))["Location"].startswith(reverse("accounts:login"))
