"""The facilitators' workshop resources: public ones (flyers, presentations) for everyone,
members-only facilitation guides for current members, editors and the commission, through
every door: the index and its filters, the page, its documents, Wagtail's document URL, the
site search, the sitemap, API v2 (with a session) and API v3 (with tokens).

Never for anonymous visitors, a member without membership, or a member the day after their
membership ended: not even a title."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import APIToken, Collection, Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from resources.models import WorkshopResourceIndexPage, WorkshopResourcePage
from tests.resources.fixtures import PDF

READERS = ["reader", "editor", "commission_member"]
NOT_READERS = [None, "member", "lapsed"]
EVERYONE = NOT_READERS + READERS


def login(client, request, who):
    if who is None:
        return None
    user = request.getfixturevalue(who)
    client.force_login(user)
    return user


def token_headers(user):
    return {"Authorization": f"Bearer {APIToken.create_token(user=user, name='test')[1]}"}


def assert_private(response):
    cache_control = response.get("Cache-Control", "")
    assert "no-store" in cache_control and "private" in cache_control


def make_document(title, collection):
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title, collection=collection)
    document.file.save("document.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


def publish_resource(index, **fields):
    values = {
        "title": "Une ressource",
        "action": WorkshopResourcePage.Action.DISCUSSION,
        "format": WorkshopResourcePage.Format.GUIDE,
        "period": WorkshopResourcePage.Period.ALL,
        "participants": WorkshopResourcePage.Participants.PARENTS,
        "summary": "En bref.",
    }
    themes = fields.pop("themes", [])
    documents = fields.pop("documents", [])
    values.update(fields)
    page = WorkshopResourcePage(**values, documents=[("document", document) for document in documents])
    page.themes = themes
    index.add_child(instance=page)
    page.save_revision().publish()
    return WorkshopResourcePage.objects.get(pk=page.pk)


@pytest.fixture
def resources_index(network_site):
    index = WorkshopResourceIndexPage(title="Ressources d'animation", slug="ressources-d-animation",
                                      intro="Pour animer.")
    network_site["network"].add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def workshop_document(db):
    from resources.workshops import workshops_collection

    return make_document("Guide CANARY-WDOC", workshops_collection())


@pytest.fixture
def public_document(db):
    return make_document("Flyer à imprimer", Collection.get_first_root_node())


@pytest.fixture
def themes(db):
    from network.models import Theme

    attachment = Theme.objects.get_or_create(slug="lien-attachement", defaults={"name": "Lien d'attachement"})[0]
    isolation = Theme.objects.get_or_create(slug="isolement-test", defaults={"name": "ThemeCANARYPRIVE"})[0]
    return {"attachment": attachment, "private_only": isolation}


@pytest.fixture
def flyer(resources_index, public_document, themes):
    return publish_resource(
        resources_index, title="Flyer PUBLICFLYER", slug="flyer", members_only=False,
        format=WorkshopResourcePage.Format.FLYER, summary="Résumé PUBLICSUMMARY", documents=[public_document],
        themes=[themes["attachment"]],
    )


@pytest.fixture
def guide(resources_index, workshop_document, themes):
    return publish_resource(
        resources_index, title="Fiche CANARYGUIDE", slug="fiche", members_only=True,
        action=WorkshopResourcePage.Action.WORKSHOP, participants=WorkshopResourcePage.Participants.PARENT_CHILD,
        period=WorkshopResourcePage.Period.FIRST_YEAR,
        summary="Résumé CANARYRESUME", objectives="Objectif CANARYOBJECTIF", duration=60,
        group_size="4 à 6 familles", materials="Tapis", vigilance="Discrétion",
        unfolding=[("heading", "Accueil"), ("paragraph", "On accueille chaque famille.")],
        documents=[workshop_document], themes=[themes["private_only"]],
    )


def document_url(page, document):
    return page.url + page.reverse_subpage("document", args=[document.pk])


# --- Page types and the admin --------------------------------------------------------------

class TestPageTypes(WagtailPageTestCase):
    def test_parent_and_child_rules(self):
        self.assertAllowedParentPageTypes(WorkshopResourceIndexPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(WorkshopResourceIndexPage, {WorkshopResourcePage})
        self.assertAllowedParentPageTypes(WorkshopResourcePage, {WorkshopResourceIndexPage})
        self.assertAllowedSubpageTypes(WorkshopResourcePage, set())
        self.assertFalse(WorkshopResourceIndexPage.can_create_at(Page.get_first_root_node()))


def test_only_one_index(resources_index):
    assert not WorkshopResourceIndexPage.can_create_at(resources_index.get_parent())


def admin_form(title, documents=(), members_only=True, theme=None):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    data = {
        "title": title,
        "slug": "fiche-admin",
        "action": "workshop",
        "format": "guide",
        "period": "pregnancy",
        "participants": "parent_child",
        "summary": "Une fiche écrite dans l'admin.",
        "objectives": "Renforcer le lien.",
        "duration": "45",
        "group_size": "4 familles",
        "materials": "Tapis",
        "unfolding": streamfield([("heading", "Accueil"), ("paragraph", "On se présente.")]),
        "vigilance": "Discrétion.",
        "documents": streamfield([("document", document.pk) for document in documents]),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    if members_only:
        data["members_only"] = "on"
    data = nested_form_data(data)
    if theme is not None:
        data["themes"] = [theme.pk]  # a checkbox list: one value per box
    return data


def test_an_editor_creates_and_publishes_a_members_only_resource_in_the_admin(client, editor, resources_index,
                                                                                 workshop_document, themes):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["resources", "workshopresourcepage", resources_index.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, admin_form("Fiche de l'admin", [workshop_document], theme=themes["attachment"]))
    assert response.status_code == 302
    page = WorkshopResourcePage.objects.get(title="Fiche de l'admin")
    assert page.live and page.members_only and page.duration == 45
    assert list(page.themes.all()) == [themes["attachment"]]
    assert [block.value for block in page.documents] == [workshop_document]
    # A "login required" restriction keeps its title from anonymous callers of API v3.
    assert PageViewRestriction.objects.filter(page=page, restriction_type=PageViewRestriction.LOGIN).exists()


def test_the_admin_refuses_a_document_outside_the_private_collection(client, editor, resources_index,
                                                                     public_document):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["resources", "workshopresourcepage", resources_index.pk])
    response = client.post(url, admin_form("Fiche refusée", [public_document]))
    assert response.status_code == 200
    assert not WorkshopResourcePage.objects.filter(title="Fiche refusée").exists()
    assert "collection privée « Ressources d&#x27;animation »" in response.content.decode()


def test_clean_refuses_misplaced_documents(resources_index, public_document, workshop_document, private_document):
    from django.core.exceptions import ValidationError

    guide = WorkshopResourcePage(title="G", slug="g", action="discussion", participants="parents", summary="S",
                                 members_only=True,
                                 documents=[("document", public_document), ("document", private_document)])
    with pytest.raises(ValidationError) as error:
        guide.clean()
    message = " ".join(error.value.message_dict["documents"])
    assert "Ressources d'animation" in message
    # The library's own private collection is not this one either.
    assert public_document.title in message and private_document.title in message
    guide.documents = [("document", workshop_document)]
    guide.clean()
    # A public resource publishes no document of a restricted collection.
    flyer = WorkshopResourcePage(title="F", slug="f", action="discussion", participants="parents", summary="S",
                                 members_only=False, documents=[("document", workshop_document)])
    with pytest.raises(ValidationError) as error:
        flyer.clean()
    assert "collection privée" in " ".join(error.value.message_dict["documents"])
    flyer.documents = [("document", public_document)]
    flyer.clean()


def test_the_private_collection_is_restricted_to_editors(db):
    from wagtail.models import CollectionViewRestriction

    from resources.workshops import workshops_collection

    collection = workshops_collection()
    assert workshops_collection().pk == collection.pk
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    assert set(restriction.groups.values_list("name", flat=True)) == {"Editors"}


def test_no_image_can_be_put_in_a_resource():
    """Image renditions are served publicly."""
    from wagtail.images.blocks import ImageChooserBlock

    for field_name in ("unfolding", "documents"):
        block = WorkshopResourcePage._meta.get_field(field_name).stream_block
        assert not any(isinstance(child, ImageChooserBlock) for child in block.child_blocks.values())
    assert not any(
        getattr(field, "related_model", None) and field.related_model.__name__ == "CustomImage"
        for field in WorkshopResourcePage._meta.get_fields()
    )


# --- The index -----------------------------------------------------------------------------

@pytest.mark.parametrize("who", EVERYONE)
def test_the_index_lists_members_only_resources_to_readers_only(client, request, who, resources_index, flyer, guide):
    login(client, request, who)
    response = client.get(resources_index.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Flyer PUBLICFLYER" in body and "PUBLICSUMMARY" in body
    if who in READERS:
        assert "Fiche CANARYGUIDE" in body and "CANARYRESUME" in body
        assert "ThemeCANARYPRIVE" in body
        assert_private(response)
    else:
        assert "CANARY" not in body  # no title, no summary, not even its theme
        assert "réservées aux membres" in body
        if who is None:
            assert reverse("accounts:login") + "?next=" in body
        else:
            assert reverse("network:member_space") in body


def test_the_index_form_is_accessible_and_works_without_javascript(client, reader, resources_index, flyer, guide):
    client.force_login(reader)
    body = client.get(resources_index.url).content.decode()
    assert body.count("<h1") == 1
    assert body.count("<fieldset") == 2 and body.count("<legend>") == 2
    for name in ("periode", "participants", "theme", "format", "action"):
        assert f'<label for="resources-{name}">' in body and f'id="resources-{name}" name="{name}"' in body
    assert 'method="get"' in body


@pytest.mark.parametrize("query,shown,hidden", [
    ("participants=parent_child", ["CANARYGUIDE"], ["PUBLICFLYER", "PLAINDISCUSSION"]),
    ("format=flyer", ["PUBLICFLYER"], ["CANARYGUIDE", "PLAINDISCUSSION"]),
    ("action=workshop", ["CANARYGUIDE"], ["PUBLICFLYER", "PLAINDISCUSSION"]),
    ("theme=lien-attachement", ["PUBLICFLYER"], ["CANARYGUIDE", "PLAINDISCUSSION"]),
    # A resource for the whole period (pregnancy to 3 years) fits each part of it.
    ("periode=pregnancy", ["PUBLICFLYER", "PLAINDISCUSSION"], ["CANARYGUIDE"]),
    ("periode=first_year", ["PUBLICFLYER", "PLAINDISCUSSION", "CANARYGUIDE"], []),
    ("periode=all", ["PUBLICFLYER", "PLAINDISCUSSION"], ["CANARYGUIDE"]),
    ("format=guide&action=discussion", ["PLAINDISCUSSION"], ["PUBLICFLYER", "CANARYGUIDE"]),
    # Unknown values are ignored.
    ("format=zzz&theme=inconnu&periode=%3Cscript%3E&participants=&action=1",
     ["PUBLICFLYER", "PLAINDISCUSSION", "CANARYGUIDE"], []),
])
def test_filters(client, reader, resources_index, flyer, guide, query, shown, hidden):
    publish_resource(resources_index, title="Fiche PLAINDISCUSSION", slug="discussion", members_only=True)
    client.force_login(reader)
    response = client.get(f"{resources_index.url}?{query}")
    assert response.status_code == 200
    titles = [resource.title for resource in response.context["results"]]
    for word in shown:
        assert any(word in title for title in titles), (query, word)
    for word in hidden:
        assert not any(word in title for title in titles), (query, word)


def test_filters_never_reveal_members_only_resources(client, resources_index, flyer, guide, themes):
    """Filtering on a members-only resource's theme or kind finds nothing for a visitor, and
    that theme is not offered."""
    for query in ("participants=parent_child", f"theme={themes['private_only'].slug}", "format=guide"):
        body = client.get(f"{resources_index.url}?{query}").content.decode()
        assert "CANARY" not in body, query
    assert "Flyer PUBLICFLYER" in client.get(f"{resources_index.url}?theme=isolement-test").content.decode()


def test_the_index_paginates_with_the_filters(client, reader, resources_index):
    for number in range(22):
        publish_resource(resources_index, title=f"Fiche {number:02}", slug=f"fiche-{number}", members_only=False,
                         format=WorkshopResourcePage.Format.FLYER)
    client.force_login(reader)
    body = client.get(f"{resources_index.url}?format=flyer").content.decode()
    assert "?format=flyer&amp;page=2" in body


# --- A resource and its documents ---------------------------------------------------------

@pytest.mark.parametrize("who", EVERYONE)
def test_a_public_resource_is_for_everyone(client, request, who, flyer, public_document):
    login(client, request, who)
    response = client.get(flyer.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Flyer PUBLICFLYER" in body and "PUBLICSUMMARY" in body
    assert document_url(flyer, public_document) in body
    download = client.get(document_url(flyer, public_document))
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.parametrize("who,status", [(None, 302), ("member", 403), ("lapsed", 403),
                                        ("reader", 200), ("editor", 200), ("commission_member", 200)])
def test_a_members_only_resource_and_its_document(client, request, who, status, guide, workshop_document):
    login(client, request, who)
    for url in (guide.url, document_url(guide, workshop_document)):
        response = client.get(url)
        assert response.status_code == status, url
        if status == 302:
            assert "/compte/connexion/" in response["Location"]
        if status == 403:
            body = response.content.decode()
            assert "CANARY" not in body and "adhésion" in body
            assert_private(response)
        if status == 200:
            assert_private(response)
    if status == 200:
        body = client.get(guide.url).content.decode()
        for text in ("Fiche CANARYGUIDE", "CANARYOBJECTIF", "4 à 6 familles", "60 minutes", "On accueille chaque famille",
                     "Guide CANARY-WDOC", document_url(guide, workshop_document)):
            assert text in body, text
        assert body.count("<h1") == 1
        download = client.get(document_url(guide, workshop_document))
        assert download.content.startswith(b"%PDF") and "attachment" in download["Content-Disposition"]


def test_the_end_date_decides_not_the_members_group(client, guide):
    """A member whose membership ended yesterday keeps the Members group: refused at once."""
    import datetime

    from django.utils import timezone

    from accounts.factories import UserFactory
    from network.models import Membership

    user = UserFactory(username="lastday", groups=["Members"])
    membership = Membership.objects.create(user=user, start_date=timezone.localdate() - datetime.timedelta(days=300),
                                           end_date=timezone.localdate())
    client.force_login(user)
    assert client.get(guide.url).status_code == 200
    membership.end_date = timezone.localdate() - datetime.timedelta(days=1)
    membership.save()
    assert client.get(guide.url).status_code == 403


def test_only_the_published_documents_are_served(client, reader, guide, workshop_document, flyer, public_document):
    """A document added in a draft is not served until published; one removed in a draft is,
    while the published version has it. Nor is a document of another resource."""
    from resources.workshops import workshops_collection

    client.force_login(reader)
    assert client.get(document_url(guide, public_document)).status_code == 404
    assert client.get(document_url(flyer, workshop_document)).status_code == 404
    added = make_document("Nouveau", workshops_collection())
    draft = guide.get_latest_revision_as_object()
    draft.documents = [("document", added)]
    draft.save_revision()
    client.force_login(reader)
    assert client.get(document_url(guide, added)).status_code == 404
    assert client.get(document_url(guide, workshop_document)).status_code == 200
    guide.get_latest_revision().publish()
    guide.refresh_from_db()
    assert client.get(document_url(guide, added)).status_code == 200
    assert client.get(document_url(guide, workshop_document)).status_code == 404


def test_an_unpublished_resource_is_not_served(client, reader, guide, workshop_document):
    guide.unpublish()
    client.force_login(reader)
    assert client.get(guide.url).status_code == 404
    assert client.get(document_url(guide, workshop_document)).status_code == 404


def test_the_preview_of_a_members_only_resource_is_never_cached(client, editor, guide):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[guide.pk]))
    assert response.status_code == 200
    assert "Fiche CANARYGUIDE" in response.content.decode()
    assert_private(response)


@pytest.mark.parametrize("who,status", [(None, 302), ("member", 403), ("lapsed", 403), ("reader", 403),
                                        ("commission_member", 403), ("editor", 200)])
def test_the_private_documents_have_no_open_wagtail_url(client, request, who, status, workshop_document,
                                                        private_document):
    """Editors use the Wagtail URL in the admin; readers download from the resource. The
    library's documents keep their own rule."""
    login(client, request, who)
    for document in (workshop_document, private_document):
        response = client.get(document.url)
        assert response.status_code == status, document.title
        if status == 200:
            assert b"".join(response.streaming_content).startswith(b"%PDF")
            assert_private(response)


# --- Search, sitemap, APIs ----------------------------------------------------------------

@pytest.mark.parametrize("who", EVERYONE)
def test_site_search_and_sitemap_list_public_resources_only(client, request, who, flyer, guide):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    login(client, request, who)
    for url in ("/recherche/?q=CANARYGUIDE", "/recherche/?q=CANARYRESUME", "/recherche/?q=CANARYOBJECTIF",
                "/sitemap.xml"):
        body = client.get(url).content.decode()
        assert "Fiche CANARYGUIDE" not in body and guide.url not in body, url
    assert "Flyer PUBLICFLYER" in client.get("/recherche/?q=PUBLICFLYER").content.decode()
    assert flyer.url in client.get("/sitemap.xml").content.decode()


def test_search_sitemap_and_api_v2_stay_clean_without_the_view_restriction(client, reader, flyer, guide):
    """Defence in depth: the restriction gone without a trace (the admin's privacy switch
    would see it put back, below)."""
    from django.core.management import call_command

    PageViewRestriction.objects.filter(page=guide)._raw_delete(PageViewRestriction.objects.db)
    call_command("update_index", verbosity=0)
    client.force_login(reader)
    for url in ("/recherche/?q=CANARYGUIDE", "/sitemap.xml", "/api/v2/pages/?search=CANARYGUIDE",
                "/api/v2/pages/?limit=50&fields=title"):
        body = client.get(url).content.decode()
        assert "Fiche CANARYGUIDE" not in body and guide.url not in body, url
    assert guide.get_sitemap_urls() == []


@pytest.mark.parametrize("who", EVERYONE)
def test_api_v2_never_serves_members_only_resources_even_with_a_session(client, request, who, flyer, guide,
                                                                        workshop_document):
    login(client, request, who)
    listing = client.get("/api/v2/pages/?limit=50&fields=title")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert "CANARY" not in body and "Flyer PUBLICFLYER" in body
    assert client.get(f"/api/v2/pages/{guide.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{flyer.pk}/").status_code == 200
    assert "CANARY" not in client.get("/api/v2/pages/?type=resources.WorkshopResourcePage").content.decode()
    if who != "editor":  # the collection's restriction names editors: they manage its documents
        assert "CANARY" not in client.get("/api/v2/documents/").content.decode()
        assert client.get(f"/api/v2/documents/{workshop_document.pk}/").status_code == 404


def test_api_v3_anonymous_sees_public_resources_only(client, flyer, guide):
    listing = client.get("/api/v3/pages/?limit=50")
    assert listing.status_code == 200
    assert "CANARY" not in listing.content.decode()
    assert "Flyer PUBLICFLYER" in listing.content.decode()
    assert client.get(f"/api/v3/pages/{guide.pk}/").status_code in (401, 403, 404)
    assert "CANARY" not in client.get("/api/v3/documents/").content.decode()


@pytest.mark.parametrize("who", ["member", "lapsed", "reader", "commission_member"])
def test_api_v3_tokens_of_members_and_commission_see_no_members_only_resource(client, request, who, guide,
                                                                              workshop_document):
    headers = token_headers(request.getfixturevalue(who))
    assert "CANARY" not in client.get("/api/v3/pages/?limit=50", headers=headers).content.decode()
    assert client.get(f"/api/v3/pages/{guide.pk}/", headers=headers).status_code in (401, 403, 404)
    assert "CANARY" not in client.get("/api/v3/documents/", headers=headers).content.decode()


def test_api_v3_editor_token_sees_the_resources_they_edit(client, editor, guide):
    response = client.get(f"/api/v3/pages/{guide.pk}/", headers=token_headers(editor))
    assert response.status_code == 200


def test_removing_the_restriction_in_the_admin_puts_it_back(guide, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=guide).delete()
    assert PageViewRestriction.objects.filter(page=guide).exists()
    # Deleting the resource deletes its restriction for good.
    with django_capture_on_commit_callbacks(execute=True):
        guide.delete()
    assert not PageViewRestriction.objects.exists()


def test_the_restriction_follows_the_published_version(client, guide, flyer):
    """Made public and published: everyone reads it and API v3 lists it; made members-only
    again: hidden again. A draft changes nothing until published."""
    assert not PageViewRestriction.objects.filter(page=flyer).exists()
    draft = guide.get_latest_revision_as_object()
    draft.members_only = False
    draft.documents = []  # a public resource publishes no private document (clean)
    draft.save_revision()
    assert PageViewRestriction.objects.filter(page=guide).exists()
    assert client.get(guide.url).status_code == 302
    guide.get_latest_revision().publish()
    assert not PageViewRestriction.objects.filter(page=guide).exists()
    assert client.get(guide.url).status_code == 200
    assert "Fiche CANARYGUIDE" in client.get("/api/v3/pages/?limit=50").content.decode()
    draft = WorkshopResourcePage.objects.get(pk=guide.pk)
    draft.members_only = True
    draft.save_revision().publish()
    assert PageViewRestriction.objects.filter(page=guide).exists()
    assert client.get(guide.url).status_code == 302
    assert "CANARY" not in client.get("/api/v3/pages/?limit=50").content.decode()


def test_an_editors_own_restriction_on_a_public_resource_stays(flyer):
    from django.contrib.auth.models import Group

    restriction = PageViewRestriction.objects.create(page=flyer, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set(Group.objects.filter(name="Members"))
    flyer.save_revision().publish()
    assert PageViewRestriction.objects.filter(pk=restriction.pk).exists()


# --- The content build -------------------------------------------------------------------------

def test_the_content_build_makes_three_resources_once(resources_index):
    from resources.content import build_workshop_resources
    from resources.workshops import WORKSHOPS_COLLECTION

    pages = build_workshop_resources(resources_index, log=lambda *args: None)
    assert len(pages) == 3
    assert all(page.live for page in pages)
    assert sorted(page.members_only for page in pages) == [False, True, True]
    public = next(page for page in pages if not page.members_only)
    assert public.format == "flyer" and public.action == "discussion"
    guides = [page for page in pages if page.members_only]
    assert {page.action for page in guides} == {"discussion", "workshop"}
    workshop = next(page for page in guides if page.action == "workshop")
    assert workshop.participants == "parent_child"
    for page in guides:
        assert page.format == "guide" and page.objectives and page.duration and page.group_size
        assert page.materials and page.vigilance and len(page.unfolding) >= 4
    assert "arènes romaines" in "".join(str(block.value) for block in public.unfolding)
    assert Collection.objects.filter(name=WORKSHOPS_COLLECTION).exists()
    # Again: nothing new, and editors' changes kept.
    public.title = "Titre changé"
    public.save_revision().publish()
    again = build_workshop_resources(resources_index, log=lambda *args: None)
    assert len(again) == 3 and WorkshopResourcePage.objects.count() == 3
    assert WorkshopResourcePage.objects.get(pk=public.pk).title == "Titre changé"


def test_the_site_build_wires_the_resources_once(resources_index):
    """The resources' step of the content build (resources.content.workshop_resources_step,
    a CONTENT_BUILD hook): under the "workshop-resources" page, once (a resource an editor
    deletes is not rebuilt)."""
    from home.content.build import ContentBuilder
    from home.content.spec import T
    from resources.content import workshop_resources_step

    builder = ContentBuilder([], [], {}, T("", ""), log=lambda *args: None)
    workshop_resources_step(builder, None)  # no index page built: nothing, and not recorded
    assert WorkshopResourcePage.objects.count() == 0
    builder.built["workshop-resources"] = resources_index
    workshop_resources_step(builder, None)
    assert WorkshopResourcePage.objects.count() == 3
    WorkshopResourcePage.objects.first().delete()
    workshop_resources_step(builder, None)
    assert WorkshopResourcePage.objects.count() == 2
