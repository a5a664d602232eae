"""Issue 8: the access matrix. Every view of the family support space, for every kind of
person: anonymous, member (current and lapsed), editor, commission, treasurer, superuser,
partner A and B, referent A and B, coordinator. Family A was referred by partner A and is
followed by referent A."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from support.models import AccessLog

FAMILY_VIEWS = ["family", "family_contact", "family_step", "family_consent", "family_close", "family_identity",
                "family_request"]
COORDINATOR_FAMILY_VIEWS = ["family_export", "family_erase", "family_log"]
COORDINATOR_VIEWS = ["accounts", "access_log"]
FOLLOWER_VIEWS = ["drop_ins"]


@pytest.fixture
def people(db, coordinator, referent_a, referent_b, partner_a, partner_b, editor, member, treasurer, superuser):
    return {
        "editor": editor, "member": member, "treasurer": treasurer, "superuser": superuser,
        "commission": UserFactory(username="commission", groups=["Commission"]),
        "partner_a": partner_a.user, "partner_b": partner_b.user,
        "referent_a": referent_a, "referent_b": referent_b, "coordinator": coordinator,
    }


def _urls(family):
    urls = {name: reverse(f"support:{name}", args=[family.pk]) for name in FAMILY_VIEWS + COORDINATOR_FAMILY_VIEWS}
    urls.update({name: reverse(f"support:{name}") for name in COORDINATOR_VIEWS + FOLLOWER_VIEWS + ["home", "refer", "statistics"]})
    return urls


def expected(who, view):
    """The status each person gets for a GET of each view."""
    if who in {"editor", "member", "commission", "superuser"}:
        return 403
    if who == "treasurer":  # the board's anonymised statistics only (home leads there)
        return {"statistics": 200, "home": 302}.get(view, 403)
    if who in {"partner_a", "partner_b"}:
        return 200 if view in {"home", "refer"} else 403
    if who == "referent_b":
        if view in FAMILY_VIEWS:
            return 404
        return 200 if view in {"home"} | set(FOLLOWER_VIEWS) else 403
    if who == "referent_a":
        return 200 if view in set(FAMILY_VIEWS) | {"home"} | set(FOLLOWER_VIEWS) else 403
    if who == "coordinator":
        return 200
    raise AssertionError(who)


@pytest.mark.parametrize("who", ["editor", "member", "commission", "treasurer", "superuser", "partner_a", "partner_b",
                                 "referent_a", "referent_b", "coordinator"])
def test_access_matrix(who, people, family_a, client, verified_client):
    user = people[who]
    browser = verified_client(user) if who in {"referent_a", "referent_b", "coordinator"} else client
    if browser is client:
        client.force_login(user)
    for view, url in _urls(family_a).items():
        response = fetch(browser, view, url)
        assert response.status_code == expected(who, view), (who, view, response.status_code)
        if response.status_code == 200:
            assert response["Cache-Control"] == "private, no-store"
            if view in {"home", "statistics", "refer", "drop_ins", "accounts", "access_log"}:
                assert "Zélie Confidentielle" not in response.content.decode(), (who, view)


def fetch(browser, view, url):
    """The export changes a request's state: POST only (with the CSRF token in the page)."""
    return browser.post(url) if view == "family_export" else browser.get(url)


def test_anonymous_is_sent_to_log_in_everywhere(client, family_a):
    for view, url in _urls(family_a).items():
        response = fetch(client, view, url)
        assert response.status_code == 302, view
        assert response["Location"].startswith(reverse("accounts:login")), view


def test_a_lapsed_member_has_no_access(client, family_a):
    import datetime

    from django.utils import timezone

    from network.models import Membership

    lapsed = UserFactory(username="lapsed", groups=["Members"])
    Membership.objects.create(user=lapsed, start_date=timezone.localdate() - datetime.timedelta(days=400),
                      end_date=timezone.localdate() - datetime.timedelta(days=35))
    client.force_login(lapsed)
    for view, url in _urls(family_a).items():
        assert fetch(client, view, url).status_code == 403, view


def test_post_only_views_follow_the_same_rules(client, verified_client, family_a, referent_a, referent_b, partner_a, coordinator):
    assign = reverse("support:family_assign", args=[family_a.pk])
    account = reverse("support:account_action", args=[referent_b.pk])
    assert client.post(assign, {"referent": referent_b.pk}).status_code == 302  # to the log-in
    client.force_login(partner_a.user)
    assert client.post(assign, {"referent": referent_b.pk}).status_code == 403
    assert client.post(account, {"action": "deactivate"}).status_code == 403
    browser = verified_client(referent_a)
    assert browser.post(assign, {"referent": referent_b.pk}).status_code == 403
    assert browser.post(account, {"action": "deactivate"}).status_code == 403
    family_a.refresh_from_db()
    referent_b.refresh_from_db()
    assert family_a.referent == referent_a and referent_b.is_active


def test_referent_b_cannot_change_family_a(verified_client, family_a, referent_b, partner_b):
    from support.factories import ContactFactory, FamilyFactory

    browser = verified_client(referent_b)
    # Nor reach a contact of family A through a family of their own.
    own = FamilyFactory(referrer=partner_b, referent=referent_b, status="in_progress")
    contact = ContactFactory(family=family_a, note="Pas à toi")
    url = reverse("support:family_contact_edit", args=[own.pk, contact.pk])
    assert browser.post(url, {"date": "2026-01-05", "kind": "phone", "with_whom": "mother", "note": "x"}).status_code == 404
    contact.refresh_from_db()
    assert contact.note == "Pas à toi" and contact.family == family_a
    assert browser.get(reverse("support:family_contact_edit", args=[family_a.pk, contact.pk])).status_code == 404
    response = browser.post(reverse("support:family_contact", args=[family_a.pk]),
                            {"date": "2026-01-05", "kind": "phone", "with_whom": "mother", "note": "x"})
    assert response.status_code == 404
    assert family_a.contacts.count() == 1


def test_every_read_of_a_record_is_logged_and_coordinators_see_the_log(verified_client, family_a, referent_a, coordinator):
    verified_client(referent_a).get(reverse("support:family", args=[family_a.pk]))
    assert AccessLog.objects.filter(family=family_a, user=referent_a, action="view").count() == 1
    browser = verified_client(coordinator)
    page = browser.get(reverse("support:family_log", args=[family_a.pk])).content.decode()
    assert referent_a.get_full_name() in page
    overall = browser.get(reverse("support:access_log") + f"?reference={family_a.reference}").content.decode()
    assert referent_a.get_full_name() in overall and family_a.reference in overall


def test_partners_see_their_own_referrals_status_only(client, family_a, partner_a, partner_b):
    from support.factories import FamilyFactory

    other = FamilyFactory(referrer=partner_b, contact_name="Famille De B")
    client.force_login(partner_a.user)
    page = client.get(reverse("support:home")).content.decode()
    assert family_a.reference in page and other.reference not in page
    assert "Zélie Confidentielle" not in page and family_a.phone not in page
    assert "Maman isolée" not in page  # the referral's free text is not shown back either


def test_programme_people_land_in_their_space_and_members_see_no_link_to_it(client, partner_a, member):
    client.force_login(partner_a.user)
    response = client.get(reverse("network:member_space"))
    assert response.status_code == 302 and response["Location"] == reverse("support:home")
    page = client.get(reverse("support:home")).content.decode()
    assert f'href="{reverse("support:home")}"' in page  # the header's link
    client.force_login(member)
    assert reverse("support:home") not in client.get(reverse("network:member_space")).content.decode()
