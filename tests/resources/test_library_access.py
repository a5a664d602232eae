"""Who reads the vignette library, through every door: pages, the member-space forms, the
site search, the sitemap, API v2 (with a session), API v3 (with tokens), documents.

Readers: current members, editors, the commission. Never: anonymous visitors, and a member
the day after their membership ended (no nightly job needed)."""

import pytest
from wagtail.models import APIToken

from resources.factories import EventFactory

READERS = ["reader", "editor", "commission_member"]
REFUSED = ["lapsed"]


def login(client, request, who):
    if who is None:
        return None
    user = request.getfixturevalue(who)
    client.force_login(user)
    return user


def library_urls(library, vignette, event):
    return [
        library.url,
        vignette.url,
        library.url + library.reverse_subpage("meeting", args=[event.pk]),
    ]


@pytest.fixture
def event(vignette):
    event = EventFactory(synthesis="Synthèse CANARYSYNTHESE")
    event.vignettes.add(vignette)
    return event


def assert_private(response):
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


@pytest.mark.parametrize("who", READERS)
def test_readers_read_library_vignette_and_meeting_never_cached(client, request, who, library, vignette, event):
    login(client, request, who)
    for url in library_urls(library, vignette, event):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "CANARYTITRE" in response.content.decode()
        assert_private(response)
    assert "CANARYSYNTHESE" in client.get(library_urls(library, vignette, event)[2]).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, library, vignette, event):
    for url in library_urls(library, vignette, event):
        response = client.get(url)
        assert response.status_code == 302 and "/compte/connexion/" in response["Location"], url


@pytest.mark.parametrize("who", REFUSED + ["member"])
def test_lapsed_member_and_member_without_membership_are_refused(client, request, who, library, vignette, event):
    """`member` is in the Members group but has no membership; `lapsed`'s ended yesterday."""
    login(client, request, who)
    for url in library_urls(library, vignette, event):
        response = client.get(url)
        assert response.status_code == 403, url
        body = response.content.decode()
        assert "CANARY" not in body
        assert "adhésion" in body
        assert_private(response)


@pytest.mark.parametrize("who,status", [(None, 302), ("lapsed", 403), ("reader", 200), ("editor", 200)])
def test_member_space_vignette_forms(client, request, who, status, library):
    login(client, request, who)
    for url in ("/reseau/mon-espace/vignettes/", "/reseau/mon-espace/vignettes/proposer/"):
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize("who", [None, "reader", "lapsed", "editor", "commission_member"])
def test_site_search_and_sitemap_never_list_vignettes(client, request, who, vignette):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    login(client, request, who)
    for url in ("/recherche/?q=CANARYTITRE", "/recherche/?q=CANARYSCENARIO", "/sitemap.xml"):
        body = client.get(url).content.decode()
        # The search page repeats the query; the vignette's title and address never appear.
        assert "Vignette CANARYTITRE" not in body and vignette.url not in body, url


def test_search_and_sitemap_stay_clean_even_without_the_view_restriction(client, reader, vignette):
    """Defence in depth: an editor removing the library's restriction by mistake."""
    from django.core.management import call_command
    from wagtail.models import PageViewRestriction

    # Gone without a trace (the admin's privacy switch would see it put back, see below).
    PageViewRestriction.groups.through.objects.all().delete()
    PageViewRestriction.objects.all()._raw_delete(PageViewRestriction.objects.db)
    call_command("update_index", verbosity=0)
    for url in ("/recherche/?q=CANARYTITRE", "/sitemap.xml", "/api/v2/pages/?search=CANARYTITRE"):
        body = client.get(url).content.decode()
        assert "Vignette CANARYTITRE" not in body and vignette.url not in body, url
    # And the membership is still checked on the page itself.
    response = client.get(vignette.url)
    assert response.status_code == 302


@pytest.mark.parametrize("who", [None, "reader", "lapsed", "editor", "commission_member"])
def test_api_v2_never_serves_the_library_even_with_a_session(client, request, who, library, vignette):
    login(client, request, who)
    listing = client.get("/api/v2/pages/?limit=50&fields=title")
    assert listing.status_code == 200
    assert "CANARY" not in listing.content.decode()
    assert "Vignette CANARYTITRE" not in client.get("/api/v2/pages/?search=CANARYTITRE").content.decode()
    for page in (library, vignette):
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404


@pytest.mark.parametrize("who", [None, "reader", "lapsed"])
def test_documents_apis_never_list_the_library_documents_to_members(client, request, who, private_document):
    """The collection's restriction names editors and the commission only: members download
    the documents from the library's pages, but no API lists them."""
    user = login(client, request, who)
    assert "CANARY" not in client.get("/api/v2/documents/").content.decode()
    assert client.get(f"/api/v2/documents/{private_document.pk}/").status_code == 404
    headers = {}
    if user is not None:
        headers = {"Authorization": f"Bearer {APIToken.create_token(user=user, name='test')[1]}"}
    assert "CANARY" not in client.get("/api/v3/documents/", headers=headers).content.decode()


@pytest.mark.parametrize("who", ["reader", "lapsed", "commission_member"])
def test_api_v3_tokens_of_members_and_commission_see_no_vignette_page(client, request, who, vignette):
    user = request.getfixturevalue(who)
    _token, plaintext = APIToken.create_token(user=user, name="test")
    headers = {"Authorization": f"Bearer {plaintext}"}
    listing = client.get("/api/v3/pages/", headers=headers)
    assert "CANARY" not in listing.content.decode()
    assert client.get(f"/api/v3/pages/{vignette.pk}/", headers=headers).status_code in (401, 403, 404)


def test_api_v3_anonymous_sees_no_vignette(client, vignette):
    assert "CANARY" not in client.get("/api/v3/pages/").content.decode()
    assert client.get(f"/api/v3/pages/{vignette.pk}/").status_code in (401, 403, 404)
    assert "CANARY" not in client.get("/api/v3/documents/").content.decode()


def test_api_v3_editor_token_sees_the_vignettes_they_edit(client, editor, vignette):
    """v3 shows a token user the pages they may edit: editors, who review the library."""
    _token, plaintext = APIToken.create_token(user=editor, name="test")
    response = client.get(f"/api/v3/pages/{vignette.pk}/", headers={"Authorization": f"Bearer {plaintext}"})
    assert response.status_code == 200


@pytest.mark.parametrize("who,status", [(None, 302), ("lapsed", 403), ("member", 403), ("reader", 403),
                                        ("commission_member", 403), ("editor", 200)])
def test_library_documents_have_no_open_wagtail_url(client, request, who, status, private_document):
    """Editors use the document's Wagtail URL in the admin; readers download it from the
    page that publishes it (below)."""
    login(client, request, who)
    response = client.get(private_document.url)
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert_private(response)


@pytest.mark.parametrize("who,status", [(None, 302), ("lapsed", 403), ("member", 403), ("reader", 200),
                                        ("commission_member", 200), ("editor", 200)])
def test_vignette_attachments_from_the_live_vignette(client, request, who, status, vignette, private_document):
    login(client, request, who)
    url = vignette.url + vignette.reverse_subpage("attachment", args=[private_document.pk])
    response = client.get(url)
    assert response.status_code == status
    if status == 200:
        assert response.content.startswith(b"%PDF")
        assert "attachment" in response["Content-Disposition"]
        assert_private(response)
        assert url in client.get(vignette.url).content.decode()
        assert "CANARY-DOC" not in client.get(vignette.url).content.decode()  # no document title shown


def test_only_the_published_attachments_are_served(client, reader, vignette, private_document):
    """An attachment removed in a draft stays downloadable while published; one added in a
    draft is not, until the review publishes it."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from resources.library import latest_content, vignettes_collection
    from tests.resources.fixtures import PDF

    added = get_document_model()(title="Nouvelle", collection=vignettes_collection())
    added.file.save("nouvelle.pdf", ContentFile(PDF), save=False)
    added.save()
    draft = latest_content(vignette)
    draft.attachments = [("document", added)]
    draft.save_revision()
    client.force_login(reader)
    url = vignette.url + vignette.reverse_subpage("attachment", args=[added.pk])
    assert client.get(url).status_code == 404
    old = vignette.url + vignette.reverse_subpage("attachment", args=[private_document.pk])
    assert client.get(old).status_code == 200


def test_member_space_pages_are_never_cached(client, reader, library):
    client.force_login(reader)
    for url in ("/reseau/mon-espace/vignettes/", "/reseau/mon-espace/vignettes/proposer/"):
        assert_private(client.get(url))


def test_the_end_date_is_a_paris_date(client, library, vignette, monkeypatch):
    """At 23:30 UTC on the last day, it is already the next day in Paris: refused."""
    import datetime

    from django.utils import timezone

    from accounts.factories import UserFactory
    from network.models import Membership

    user = UserFactory(username="lastday", groups=["Members"])
    end = datetime.date(2026, 3, 14)
    Membership.objects.create(user=user, start_date=datetime.date(2025, 3, 15), end_date=end)
    client.force_login(user)
    evening = datetime.datetime(2026, 3, 14, 22, 30, tzinfo=datetime.timezone.utc)  # 23:30 in Paris
    monkeypatch.setattr(timezone, "now", lambda: evening)
    assert client.get(vignette.url).status_code == 200
    monkeypatch.setattr(timezone, "now", lambda: evening + datetime.timedelta(hours=1))  # 00:30, the 15th
    assert client.get(vignette.url).status_code == 403


def test_removing_the_library_restriction_puts_it_back(library, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=library).delete()
    assert PageViewRestriction.objects.filter(page=library).exists()


def test_no_image_can_be_put_in_a_vignette():
    """Image renditions are served publicly: a vignette has no image field or block."""
    from wagtail.images.blocks import ImageChooserBlock

    from resources.models import VignettePage

    for field_name in ("scenario", "questions", "attachments"):
        block = VignettePage._meta.get_field(field_name).stream_block
        assert not any(isinstance(child, ImageChooserBlock) for child in block.child_blocks.values())
    assert not any(
        getattr(field, "related_model", None) and field.related_model.__name__ == "CustomImage"
        for field in VignettePage._meta.get_fields()
    )


def test_attachments_must_be_in_the_private_collection(library, private_document):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    from resources.library import documents_outside_private_collection
    from resources.models import VignettePage
    from tests.resources.fixtures import PDF

    public = get_document_model()(title="Public", collection=Collection.get_first_root_node())
    public.file.save("public.pdf", ContentFile(PDF), save=False)
    public.save()
    page = VignettePage(title="V", period="birth", scenario=[("paragraph", "Texte")],
                        questions=[("question", "Q ?")],
                        attachments=[("document", public), ("document", private_document)])
    assert documents_outside_private_collection(page) == [public]
