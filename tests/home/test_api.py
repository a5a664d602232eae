"""The headless APIs show anonymous callers live public pages only."""

import pytest
from wagtail.models import PageViewRestriction

from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    public = StandardPageFactory(parent=home_page, title="Page publique")
    private = StandardPageFactory(parent=home_page, title="Page réservée", intro="CANARY-PRIVATE-7f3a")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    child = StandardPageFactory(parent=private, title="Enfant réservé", intro="CANARY-PRIVATE-7f3a")
    draft = StandardPageFactory(parent=home_page, title="Brouillon", intro="CANARY-PRIVATE-7f3a", live=False)
    return public, private, child, draft


def test_v2_lists_public_pages_with_their_fields(client, pages):
    public = pages[0]
    response = client.get("/api/v2/pages/", {"type": "home.StandardPage", "fields": "intro,body"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Page publique"]
    detail = client.get(f"/api/v2/pages/{public.pk}/").json()
    assert detail["intro"] == public.intro
    assert detail["body"][0]["type"] == "heading"


@pytest.mark.parametrize("index", [1, 2, 3])
def test_v2_hides_private_and_draft_pages(client, pages, index):
    assert client.get(f"/api/v2/pages/{pages[index].pk}/").status_code == 404
    listing = client.get("/api/v2/pages/", {"search": "CANARY"}).content.decode()
    assert "CANARY-PRIVATE" not in listing
    assert "CANARY-PRIVATE" not in client.get("/api/v2/pages/", {"fields": "*"}).content.decode()


def test_v2_images_and_documents_endpoints_exist(client, db):
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200


def test_v3_anonymous_reads_only_public_pages(client, pages):
    response = client.get("/api/v3/pages/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Page publique" in body
    assert "CANARY-PRIVATE" not in body
    for page in pages[1:]:
        assert client.get(f"/api/v3/pages/{page.pk}/").status_code in (401, 403, 404)


def test_v3_writes_need_a_token(client, pages, home_page):
    response = client.post(
        "/api/v3/pages/",
        data={"type": "home.StandardPage", "parent": home_page.pk, "title": "Intrusion"},
        content_type="application/json",
    )
    assert response.status_code in (401, 403, 405)
    from wagtail.models import Page

    assert not Page.objects.filter(title="Intrusion").exists()


def test_v3_docs_are_on_in_dev_and_off_in_production(client, settings, db):
    assert client.get("/api/v3/openapi.json").status_code == 200
    settings.WAGTAILAPI_DOCS_ENABLED = False
    assert client.get("/api/v3/openapi.json").status_code == 404


@pytest.fixture
def private_document(db):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Réservé aux membres")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    return get_document_model().objects.create(
        title="CANARY-DOC-91b2", collection=collection, file=ContentFile(b"%PDF-1.4 secret", name="prive.pdf")
    )


def test_private_documents_are_not_listed_by_the_apis(client, private_document):
    assert "CANARY-DOC" not in client.get("/api/v2/documents/").content.decode()
    assert client.get(f"/api/v2/documents/{private_document.pk}/").status_code == 404
    assert "CANARY-DOC" not in client.get("/api/v3/documents/").content.decode()
    assert client.get(f"/api/v3/documents/{private_document.pk}/").status_code in (401, 403, 404)


def test_document_files_are_never_served_from_media(client, private_document, settings):
    from pathlib import Path

    path = Path(private_document.file.path)
    assert Path(settings.PRIVATE_MEDIA_ROOT) in path.parents
    assert Path(settings.MEDIA_ROOT) not in path.parents
    assert client.get(f"/media/{private_document.file.name}").status_code == 404
    assert client.get("/media/documents/prive.pdf").status_code == 404


def test_images_are_served_from_media(client, db):
    from django.core.files.images import ImageFile
    from io import BytesIO

    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = BytesIO()
    PILImage.new("RGB", (4, 4), "white").save(buffer, "PNG")
    image = get_image_model().objects.create(title="Atelier", file=ImageFile(buffer, name="atelier.png"))
    assert client.get(f"/media/{image.file.name}").status_code == 200
    rendition = image.get_rendition("width-2")
    assert client.get(rendition.url).status_code == 200


def test_private_document_file_needs_a_login(client, private_document, member):
    url = private_document.url
    response = client.get(url)
    # Wagtail's private pages and documents use the site's own log-in (WAGTAIL_FRONTEND_LOGIN_URL).
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/?next=")
    client.force_login(member)
    assert client.get(url).status_code == 200
