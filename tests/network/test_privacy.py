"""Applications, votes and comments are visible to the commission only.

A canary: a unique string in every private field of an accepted application must never
appear in any public HTML, API response, search result or sitemap, for an anonymous
visitor, a member, an expired member or an editor.
"""


import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.factories import UserFactory
from network.factories import ApplicationFactory
from network.models import ApplicationDocument
from tests.network.conftest import expired_member

pytestmark = pytest.mark.django_db

CANARY = "kanari7q"


@pytest.fixture
def accepted(sent_application, commission, vote, django_capture_on_commit_callbacks):
    from network.models import Application

    Application.objects.filter(pk=sent_application.pk).update(
        email=f"{CANARY}@example.org",
        phone=f"06{CANARY}",
        registration_number=f"R{CANARY}",
        criterion_charter=f"{CANARY} charte",
        criterion_practice=f"{CANARY} pratique",
        criterion_limits=f"{CANARY} limites",
        criterion_involvement=f"{CANARY} investissement",
    )
    sent_application.refresh_from_db()
    ApplicationDocument.objects.create(
        application=sent_application, file=ContentFile(b"%PDF-1.4", name="diplome.pdf"),
        original_name=f"{CANARY}.pdf", content_type="application/pdf", size=8,
    )
    vote(commission[0], sent_application, "vote_for", f"{CANARY} vote")
    vote(commission[1], sent_application, "vote_against", f"{CANARY} contre")
    vote(commission[2], sent_application, "vote_for", f"{CANARY} pour")
    sent_application.refresh_from_db()
    return sent_application


@pytest.fixture
def pending(network_site, django_capture_on_commit_callbacks):
    from network import review

    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(first_name="Kanarienne", last_name=CANARY)
        review.submit(application)
    return application


@pytest.fixture(params=["anonymous", "member", "expired member", "editor"])
def visitor(request, client, accepted, pending):
    # After the votes (cast through this same client as commission members).
    client.logout()
    if request.param == "member":
        client.force_login(UserFactory(username="member", groups=["Members"]))
    elif request.param == "expired member":
        client.force_login(expired_member())
    elif request.param == "editor":
        client.force_login(UserFactory(username="editor", groups=["Editors"]))
    return client


def public_urls(network_site, accepted, pending):
    from network.models import MemberProfilePage

    profile = MemberProfilePage.objects.get()
    return [
        "/",
        network_site["directory"].url,
        network_site["directory"].url + f"?profession={profile.profession_id}",
        profile.url,
        network_site["join"].url,
        f"/recherche/?q={CANARY}",
        "/sitemap.xml",
        "/api/v2/pages/?fields=*",
        f"/api/v2/pages/?search={CANARY}",
        f"/api/v2/pages/{profile.pk}/",
        "/api/v2/pages/?type=network.MemberProfilePage&fields=*",
        "/api/v2/documents/",
        "/api/v3/pages/",
        f"/api/v3/pages/{profile.pk}/",
        "/api/v3/documents/",
    ]


def test_the_canary_never_leaks(visitor, network_site, accepted, pending):
    for url in public_urls(network_site, accepted, pending):
        response = visitor.get(url)
        assert response.status_code < 500, url
        content = response.content.decode()
        if url.startswith("/recherche/"):
            assert 'class="search-results"' not in content, url  # the page echoes the query only
        else:
            assert CANARY not in content, url


def test_the_profile_shows_public_fields_only(client, accepted):
    from network.models import MemberProfilePage

    content = client.get(MemberProfilePage.objects.get().url).content.decode()
    from django.utils.html import escape

    assert accepted.full_name in content and accepted.commune in content and escape(accepted.presentation) in content
    assert accepted.email not in content and accepted.phone not in content


def test_a_pending_applicant_is_not_in_the_directory(client, network_site, pending):
    assert CANARY not in client.get(network_site["directory"].url).content.decode()


@pytest.mark.parametrize("role", ["anonymous", "member", "expired member", "editor", "treasurer"])
def test_applications_are_closed_to_everyone_but_the_commission(client, accepted, role):
    document = ApplicationDocument.objects.get()
    users = {
        "member": lambda: UserFactory(username="m", groups=["Members"]),
        "expired member": expired_member,
        "editor": lambda: UserFactory(username="e", groups=["Editors"]),
        "treasurer": lambda: UserFactory(username="t", groups=["Treasurer"]),
    }
    client.logout()  # the votes above were cast through this client
    if role in users:
        client.force_login(users[role]())
    listing = client.get(reverse("wagtailsnippets_network_application:list"))
    assert listing.status_code in (302, 403)
    chooser = client.get(reverse("wagtailsnippetchoosers_network_application:choose"))
    assert chooser.status_code in (302, 403) and CANARY not in chooser.content.decode()
    inspect = client.get(reverse("wagtailsnippets_network_application:inspect", args=[accepted.pk]))
    assert inspect.status_code in (302, 403, 404)
    edit = client.get(reverse("wagtailsnippets_network_application:edit", args=[accepted.pk]))
    assert edit.status_code in (302, 403)
    assert client.get(reverse("network:application_document", args=[document.pk])).status_code == 404


def test_the_commission_sees_applications_votes_and_documents(client, accepted, commission):
    client.force_login(commission[0])
    listing = client.get(reverse("wagtailsnippets_network_application:list"))
    assert listing.status_code == 200 and accepted.last_name in listing.content.decode()
    inspect = client.get(reverse("wagtailsnippets_network_application:inspect", args=[accepted.pk]))
    assert inspect.status_code == 200 and CANARY in inspect.content.decode()
    assert f"{CANARY} contre" in inspect.content.decode()  # votes and comments
    document = ApplicationDocument.objects.get()
    link = reverse("network:application_document", args=[document.pk])
    assert link in inspect.content.decode()  # the commission finds the documents
    response = client.get(link)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    chooser = client.get(reverse("wagtailsnippetchoosers_network_application:choose"))
    assert chooser.status_code == 200


def test_a_commission_member_sees_nothing_of_their_own_application(client, sent_application, commission):
    from network.models import Application

    Application.objects.filter(pk=sent_application.pk).update(last_name="Zyxwvutsa")  # a name found nowhere else
    sent_application.refresh_from_db()
    own = UserFactory(username="applicant-member", email=sent_application.email.upper(), groups=["Commission"])
    document = ApplicationDocument.objects.create(
        application=sent_application, file=ContentFile(b"%PDF-1.4", name="d.pdf"),
        original_name="d.pdf", content_type="application/pdf", size=8,
    )
    client.force_login(own)
    assert sent_application.last_name not in client.get(reverse("wagtailsnippets_network_application:list")).content.decode()
    assert sent_application.last_name not in client.get("/admin/").content.decode()
    inspect = client.get(reverse("wagtailsnippets_network_application:inspect", args=[sent_application.pk]))
    assert inspect.status_code == 404
    assert client.get(reverse("network:application_document", args=[document.pk])).status_code == 404
    chooser = client.get(reverse("wagtailsnippetchoosers_network_application:choose"))
    assert sent_application.last_name not in chooser.content.decode()
