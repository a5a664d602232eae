"""Members' views on a vignette ("mon regard de professionnel·le"), grouped by profession;
meetings with the vignettes discussed and their synthesis."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.factories import UserFactory
from network.factories import ProfessionFactory, current_membership
from network.models import Membership
from resources import library as rules
from resources.factories import ContributionFactory, EventFactory
from resources.models import Contribution
from tests.resources.fixtures import PDF


def member_as(username, first_name, profession_name):
    user = UserFactory(username=username, first_name=first_name, last_name="Test", groups=["Members"])
    membership = current_membership(user)
    Membership.objects.filter(pk=membership.pk).update(profession=ProfessionFactory(name=profession_name))
    return user


@pytest.fixture
def midwife(db):
    return member_as("sagefemme", "Sophie", "Sage-femme")


@pytest.fixture
def psychologist(db):
    return member_as("psy", "Paul", "Psychologue")


def test_a_member_adds_their_view_shown_with_name_and_profession(client, midwife, vignette):
    client.force_login(midwife)
    response = client.post(vignette.url, {"text": "J'aurais proposé une visite à domicile la première semaine."})
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.author == midwife and contribution.profession.name == "Sage-femme"
    body = client.get(vignette.url).content.decode()
    assert "Sophie Test" in body and "Sage-femme" in body and "visite à domicile la première semaine" in body


def test_views_are_grouped_by_profession(client, reader, midwife, psychologist, vignette):
    for author in (midwife, psychologist, midwife):
        ContributionFactory(vignette=vignette, author=author, profession=rules.author_profession(author))
    groups = rules.contributions_by_profession(vignette, reader)
    assert {name: len(items) for name, items in groups.items()} == {"Psychologue": 1, "Sage-femme": 2}
    client.force_login(reader)
    body = client.get(vignette.url).content.decode()
    assert body.count('class="contribution-group"') == 2


def test_a_text_with_identifying_data_is_shown_back_before_it_is_posted(client, midwife, vignette):
    client.force_login(midwife)
    text = "Je l'ai revue le 12 mars 2024 au 06 11 22 33 44."
    response = client.post(vignette.url, {"text": text})
    assert response.status_code == 200
    body = response.content.decode()
    assert "finding--open" in body and "06 11 22 33 44" in body
    assert not Contribution.objects.exists()
    # Changed after the warning, with something new: checked again, not posted.
    from resources.views import digest

    changed = text + " Elle habite 4 rue des Lilas."
    assert client.post(vignette.url, {"text": changed, "checked": digest(text)}).status_code == 200
    assert not Contribution.objects.exists()
    # Sent again as it was shown (nothing identifying, the author says): it is posted.
    client.post(vignette.url, {"text": text, "checked": digest(text)})
    assert Contribution.objects.count() == 1


def test_an_empty_view_is_refused(client, midwife, vignette):
    client.force_login(midwife)
    response = client.post(vignette.url, {"text": "  "})
    assert response.status_code == 200 and "Champ requis." in response.content.decode()
    assert not Contribution.objects.exists()


def test_the_author_edits_and_deletes_their_own_view_only(client, midwife, psychologist, vignette):
    mine = ContributionFactory(vignette=vignette, author=midwife, text="Premier regard.")
    theirs = ContributionFactory(vignette=vignette, author=psychologist, text="Autre regard.")
    client.force_login(midwife)
    edit = vignette.url + vignette.reverse_subpage("edit_contribution", args=[mine.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"text": "Regard complété."})
    mine.refresh_from_db()
    assert mine.text == "Regard complété."

    other_edit = vignette.url + vignette.reverse_subpage("edit_contribution", args=[theirs.pk])
    assert client.post(other_edit, {"text": "Réécrit"}).status_code == 403
    other_delete = vignette.url + vignette.reverse_subpage("delete_contribution", args=[theirs.pk])
    assert client.post(other_delete).status_code == 403
    theirs.refresh_from_db()
    assert theirs.text == "Autre regard."

    delete = vignette.url + vignette.reverse_subpage("delete_contribution", args=[mine.pk])
    confirm = client.get(delete)  # a confirmation page first
    assert confirm.status_code == 200 and "Regard complété." in confirm.content.decode()
    assert Contribution.objects.filter(pk=mine.pk).exists()
    assert client.post(delete).status_code == 302
    assert not Contribution.objects.filter(pk=mine.pk).exists()


def test_a_view_hidden_by_moderation_is_shown_to_its_author_only(client, midwife, psychologist, vignette):
    ContributionFactory(vignette=vignette, author=midwife, text="Regard MASQUE.", hidden=True,
                        moderation_note="Un lieu est cité.")
    client.force_login(psychologist)
    assert "Regard MASQUE." not in client.get(vignette.url).content.decode()
    client.force_login(midwife)
    body = client.get(vignette.url).content.decode()
    assert "Regard MASQUE." in body and "Un lieu est cité." in body


def test_editors_moderate_views_in_the_admin(client, editor, midwife, vignette):
    from django.urls import reverse

    contribution = ContributionFactory(vignette=vignette, author=midwife)
    client.force_login(editor)
    assert client.get(reverse("wagtailsnippets_resources_contribution:list")).status_code == 200
    url = reverse("wagtailsnippets_resources_contribution:edit", args=[contribution.pk])
    response = client.post(url, {"text": contribution.text, "hidden": "on", "moderation_note": "Un prénom."})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.hidden


@pytest.mark.parametrize("who", ["lapsed", "member"])
def test_a_member_without_a_current_membership_cannot_post(client, request, who, vignette):
    client.force_login(request.getfixturevalue(who))
    assert client.post(vignette.url, {"text": "Regard."}).status_code == 403
    assert not Contribution.objects.exists()


def test_erasing_a_member_erases_their_views(midwife, vignette):
    ContributionFactory(vignette=vignette, author=midwife)
    midwife.delete()
    assert not Contribution.objects.exists()


# --- Meetings ----------------------------------------------------------------------------

def meeting_url(library, event):
    return library.url + library.reverse_subpage("meeting", args=[event.pk])


def test_a_meeting_lists_the_live_vignettes_discussed(client, reader, library, vignette):
    event = EventFactory(title="Intervision automnale")
    event.vignettes.add(vignette)
    client.force_login(reader)
    body = client.get(meeting_url(library, event)).content.decode()
    assert "Vignette CANARYTITRE" in body
    assert "Intervision automnale" in client.get(library.url).content.decode()
    assert "Intervision automnale" in client.get(vignette.url).content.decode()


def test_a_facilitator_attaches_the_synthesis_after_the_meeting(client, reader, midwife, library):
    event = EventFactory()
    event.facilitators.add(midwife)
    url = meeting_url(library, event)
    client.force_login(reader)  # not a facilitator: reads, cannot write
    assert 'name="synthesis"' not in client.get(url).content.decode()
    assert client.post(url, {"synthesis": "Non."}).status_code == 403

    client.force_login(midwife)
    assert client.post(url, {"synthesis": ""}).status_code == 200  # nothing given: error, nothing saved
    document = SimpleUploadedFile("compte-rendu.pdf", PDF, content_type="application/pdf")
    response = client.post(url, {"synthesis": "Ce que nous avons croisé.", "document": document})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.synthesis == "Ce que nous avons croisé." and event.synthesis_by == midwife
    assert rules.in_private_collection(event.synthesis_document)
    client.force_login(reader)
    body = client.get(url).content.decode()
    download = library.url + library.reverse_subpage("synthesis_document", args=[event.pk])
    assert "Ce que nous avons croisé." in body and download in body
    response = client.get(download)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]


def test_the_commission_reads_but_does_not_write_a_synthesis(client, commission_member, library):
    event = EventFactory(synthesis="Avant.")
    client.force_login(commission_member)
    assert client.get(meeting_url(library, event)).status_code == 200
    assert client.post(meeting_url(library, event), {"synthesis": "Après."}).status_code == 403
    event.refresh_from_db()
    assert event.synthesis == "Avant."


def test_a_synthesis_with_identifying_data_is_shown_back_first(client, midwife, library):
    from resources.views import digest

    event = EventFactory()
    event.facilitators.add(midwife)
    client.force_login(midwife)
    text = "Nous avons parlé de Mme B. et de son fils Théo."
    response = client.post(meeting_url(library, event), {"synthesis": text})
    assert response.status_code == 200 and "finding--open" in response.content.decode()
    event.refresh_from_db()
    assert event.synthesis == ""
    client.post(meeting_url(library, event), {"synthesis": text, "checked": digest(text)})
    event.refresh_from_db()
    assert event.synthesis == text


def test_no_synthesis_before_the_meeting_starts(client, midwife, library):
    event = EventFactory(start=timezone.now() + datetime.timedelta(days=3))
    event.facilitators.add(midwife)
    client.force_login(midwife)
    assert 'name="synthesis"' not in client.get(meeting_url(library, event)).content.decode()
    assert client.post(meeting_url(library, event), {"synthesis": "Trop tôt"}).status_code == 403


def test_a_meeting_synthesis_document_must_be_private(library, private_document):
    from django.core.exceptions import ValidationError
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    public = get_document_model()(title="Public", collection=Collection.get_first_root_node())
    public.file.save("p.pdf", ContentFile(PDF), save=False)
    public.save()
    event = EventFactory.build(synthesis_document=public)
    with pytest.raises(ValidationError):
        event.clean()
    EventFactory.build(synthesis_document=private_document).clean()


def test_editors_manage_meetings_in_the_admin(client, editor, vignette):
    from django.urls import reverse

    client.force_login(editor)
    response = client.post(reverse("wagtailsnippets_resources_event:add"), {
        "kind": "intervision", "title": "Intervision de mars",
        "start": "2026-03-12 18:30", "end": "2026-03-12 20:30", "vignettes": [vignette.pk],
        "synthesis": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    from resources.models import Event

    assert list(Event.objects.get().vignettes.all()) == [vignette]


# --- Searching the library ---------------------------------------------------------------

def test_members_search_and_filter_the_library(client, reader, library):
    from django.core.management import call_command

    from network.models import Theme
    from resources.factories import publish_vignette

    sleep = Theme.objects.get(slug="sommeil")
    publish_vignette(library, title="Des nuits sans sommeil", scenario="Le bébé se réveille toutes les heures.",
                     period="early_years", themes=[sleep])
    publish_vignette(library, title="Une annonce difficile", scenario="Une échographie inquiète les parents.",
                     period="pregnancy")
    call_command("update_index", verbosity=0)
    client.force_login(reader)

    def titles(query):
        body = client.get(library.url + query).content.decode()
        return {title for title in ("Des nuits sans sommeil", "Une annonce difficile") if title in body}

    assert titles("") == {"Des nuits sans sommeil", "Une annonce difficile"}
    assert titles("?q=échographie") == {"Une annonce difficile"}
    assert titles("?periode=early_years") == {"Des nuits sans sommeil"}
    assert titles("?theme=sommeil") == {"Des nuits sans sommeil"}
    assert titles("?q=bébé&periode=pregnancy") == set()
    assert titles("?periode=inconnue&page=99") == {"Des nuits sans sommeil", "Une annonce difficile"}
