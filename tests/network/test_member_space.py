"""The members' own space: profile changes (at once, or after the editors' review), leaving
the directory, the data export, erasure, charter versions, password reset."""

import csv
import io
import datetime
import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from tests.images import png_bytes
from network.factories import MemberProfilePageFactory
from network.models import CharterSignature, CharterVersion, ErasureRequest, Membership, ProfileUpdate

SPACE = "/reseau/mon-espace/"
EDIT = "/reseau/mon-espace/fiche/"

PNG = png_bytes()


@pytest.fixture
def profile(network_site):
    return MemberProfilePageFactory(
        parent=network_site["directory"], title="Marie Membre", member__username="marie",
        member__first_name="Marie", member__last_name="Membre",
        member__email="marie.private@example.org", member__phone="06 99 88 77 66", show_phone=True,
        presentation="Première présentation.", themes=["grossesse"], languages=["fr"],
    )


@pytest.fixture
def member_client(client, profile):
    client.force_login(profile.member)
    return client


def form_data(profile, **overrides):
    data = {
        "profession": str(profile.profession_id),
        "themes": [str(t.pk) for t in profile.themes.all()],
        "languages": [str(lang.pk) for lang in profile.languages.all()],
        "structure": profile.structure,
        "postcode": profile.postcode,
        "commune": profile.commune,
        "presentation": profile.presentation,
        "photo_alt": profile.photo_alt,
        "phone": profile.member.phone,
        "show_phone": "on" if profile.show_phone else "",
        "website": "",
        "fee_details": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value not in ("", None)}


def approve(client, editor, update, django_capture_on_commit_callbacks, action="approve", comment=""):
    update.refresh_from_db()
    task_state = update.current_workflow_task_state
    client.force_login(editor)
    url = reverse("wagtailsnippets_network_profileupdate:workflow_action", args=[update.pk, action, task_state.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"comment": comment}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200, response.content
    return response


def test_the_space_needs_a_login(client):
    response = client.get(SPACE)
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")
    assert client.get(EDIT).status_code == 302
    assert client.get("/reseau/mon-espace/mes-donnees.json").status_code == 302


def test_dashboard_shows_membership_and_profile(member_client, profile):
    html = member_client.get(SPACE).content.decode()
    assert "Adhésion valable du" in html
    assert "Marie Membre" in html


def test_members_log_in_with_their_email(client, profile):
    response = client.post("/compte/connexion/", {"username": "MARIE.PRIVATE@example.org", "password": "password-for-tests"},
                           follow=True)
    assert response.redirect_chain[-1][0] == SPACE  # through the landing: a member's work is their space


def test_facts_go_live_at_once_and_the_phone_can_be_hidden(member_client, profile, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(EDIT, form_data(profile, show_phone="", themes=[], home_visits="on"))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.home_visits and not profile.show_phone
    public = member_client.get(profile.url).content.decode()
    assert "06 99 88 77 66" not in public
    assert ProfileUpdate.objects.count() == 0  # nothing to review: the presentation did not change


def test_presentation_goes_live_after_review(client, profile, editor, django_capture_on_commit_callbacks):
    client.force_login(profile.member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EDIT, form_data(profile, presentation="Nouvelle présentation, relue."))
    update = ProfileUpdate.objects.get()
    assert update.current_workflow_state.status == "in_progress"
    assert "Première présentation." in client.get(profile.url).content.decode()
    assert "en cours de relecture" in client.get(SPACE).content.decode()
    approve(client, editor, update, django_capture_on_commit_callbacks)
    client.logout()
    html = client.get(profile.url).content.decode()
    assert "Nouvelle présentation, relue." in html
    assert "Première présentation." not in html


def test_a_refused_presentation_is_kept_for_the_member(client, profile, editor, django_capture_on_commit_callbacks):
    client.force_login(profile.member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EDIT, form_data(profile, presentation="J'ai suivi la famille Dupont rue X."))
    update = ProfileUpdate.objects.get()
    approve(client, editor, update, django_capture_on_commit_callbacks, action="reject", comment="Pas de nom de famille.")
    client.force_login(profile.member)
    html = client.get(SPACE).content.decode()
    assert "Pas de nom de famille." in html
    assert "famille Dupont" in client.get(EDIT).content.decode()  # kept, to be corrected
    assert "famille Dupont" not in client.get(profile.url).content.decode()


def test_form_errors_keep_what_was_typed_and_save_nothing(member_client, profile):
    response = member_client.post(EDIT, form_data(profile, postcode="99999", presentation="Texte tapé avec soin."))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Code postal inconnu" in html
    assert "Texte tapé avec soin." in html
    profile.refresh_from_db()
    assert profile.postcode == "31300"
    assert ProfileUpdate.objects.count() == 0


def test_showing_the_phone_needs_a_phone(member_client, profile):
    response = member_client.post(EDIT, form_data(profile, phone="", show_phone="on"))
    assert "Indiquez le téléphone à afficher" in response.content.decode()


def test_photo_is_checked_and_stays_private_until_approved(client, profile, editor, member, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(profile.member)
    fake = SimpleUploadedFile("photo.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = client.post(EDIT, {**form_data(profile, photo_alt="Portrait"), "new_photo": fake})
    assert "JPEG, PNG ou WebP" in response.content.decode()
    photo = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EDIT, {**form_data(profile, photo_alt="Portrait de Marie"), "new_photo": photo})
    assert response.status_code == 302
    update = ProfileUpdate.objects.get()
    url = reverse("network:pending_photo", args=[update.pk])
    assert client.get(url).status_code == 200  # the member who sent it
    client.force_login(member)
    assert client.get(url).status_code == 403  # another member
    client.logout()
    assert client.get(url).status_code == 302  # anonymous: to the login page
    approve(client, editor, update, django_capture_on_commit_callbacks)
    profile.refresh_from_db()
    assert profile.photo is not None and profile.photo_alt == "Portrait de Marie"
    assert 'alt="Portrait de Marie"' in client.get(profile.url).content.decode()


def test_leave_and_come_back(member_client, profile):
    member_client.post("/reseau/mon-espace/fiche/quitter/")
    profile.refresh_from_db()
    assert not profile.live and profile.hidden_by_member
    assert member_client.get(profile.url).status_code == 404
    member_client.post("/reseau/mon-espace/fiche/revenir/")
    profile.refresh_from_db()
    assert profile.live
    assert member_client.get(profile.url).status_code == 200


def test_a_lapsed_membership_takes_the_profile_out_and_a_renewal_brings_it_back(profile, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        membership = Membership.objects.get(user=profile.member)
        membership.end_date = today - datetime.timedelta(days=1)
        membership.save()
    profile.refresh_from_db()
    assert not profile.live
    with django_capture_on_commit_callbacks(execute=True):
        Membership.objects.create(user=profile.member, start_date=today)
    profile.refresh_from_db()
    assert profile.live


def test_daily_job_unpublishes_lapsed_profiles(profile):
    from network.member_space import unpublish_lapsed_profiles

    assert unpublish_lapsed_profiles(today=timezone.localdate() + datetime.timedelta(days=400)) == 1
    profile.refresh_from_db()
    assert not profile.live


def test_export_everything_as_json_and_csv(member_client, profile):
    response = member_client.get("/reseau/mon-espace/mes-donnees.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "marie.private@example.org"
    assert data["account"]["phone"] == "06 99 88 77 66"
    assert data["profiles"][0]["presentation"] == "Première présentation."
    assert data["memberships"]
    rows = list(csv.reader(io.StringIO(member_client.get("/reseau/mon-espace/mes-donnees.csv").content.decode("utf-8-sig")),
                           delimiter=";"))
    assert rows[0] == ["section", "item", "field", "value"]
    assert ["account", "1", "email", "marie.private@example.org"] in rows
    assert member_client.get("/reseau/mon-espace/mes-donnees.xml").status_code == 404


def test_erasure_request_then_erasure_by_the_board(client, profile, django_capture_on_commit_callbacks):
    client.force_login(profile.member)
    response = client.post("/reseau/mon-espace/effacement/", {"password": "wrong"})
    assert "Mot de passe incorrect." in response.content.decode()
    assert not ErasureRequest.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/reseau/mon-espace/effacement/", {"password": "password-for-tests"})
    erasure = ErasureRequest.objects.get()
    profile.refresh_from_db()
    assert not profile.live
    board_mail = mail.outbox[-1]
    assert erasure.reference in board_mail.subject
    assert "Marie" not in board_mail.body and "marie" not in board_mail.body  # no name in the e-mail

    treasurer = UserFactory(username="treasurer", groups=["Treasurer"])
    client.force_login(profile.member)
    assert client.get(f"/admin/reseau/effacement/{erasure.pk}/").status_code in (302, 403)
    client.force_login(treasurer)
    assert client.get(f"/admin/reseau/effacement/{erasure.pk}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/reseau/effacement/{erasure.pk}/")
    erasure.refresh_from_db()
    assert erasure.completed_at is not None and erasure.user is None
    from accounts.models import User
    from network.models import MemberProfilePage

    assert not User.objects.filter(username="marie").exists()
    assert not MemberProfilePage.objects.filter(pk=profile.pk).exists()


def test_a_substantive_charter_version_asks_every_member_to_sign(client, network_site, profile, editor):
    charter = network_site["charter"]
    charter.save_revision().publish()  # the first version published
    CharterSignature.objects.create(user=profile.member, charter_version="1", signed_at=timezone.now())
    client.force_login(profile.member)
    assert "La charte des valeurs et postures a évolué" not in client.get("/").content.decode()

    charter.version, charter.substantive = "2", True
    charter.save_revision().publish()
    assert CharterVersion.objects.filter(version="2", substantive=True).exists()
    assert "La charte des valeurs et postures a évolué" in client.get("/").content.decode()
    assert "Signataire de la charte" not in client.get(profile.url).content.decode()

    client.force_login(editor)
    report = client.get("/admin/reseau/signatures-charte/").content.decode()
    assert "Marie Membre" in report

    client.force_login(profile.member)
    response = client.post("/reseau/mon-espace/charte/", {})
    assert "Cochez la case" in response.content.decode()
    client.post("/reseau/mon-espace/charte/", {"accept": "on"})
    assert CharterSignature.objects.filter(user=profile.member, charter_version="2").exists()
    assert "La charte des valeurs et postures a évolué" not in client.get("/").content.decode()
    assert "Signataire de la charte" in client.get(profile.url).content.decode()
    client.force_login(editor)
    assert "Marie Membre" not in client.get("/admin/reseau/signatures-charte/").content.decode()


def test_a_minor_charter_change_asks_for_nothing(client, network_site, profile):
    charter = network_site["charter"]
    charter.save_revision().publish()
    CharterSignature.objects.create(user=profile.member, charter_version="1", signed_at=timezone.now())
    charter.version = "1.1"
    charter.save_revision().publish()
    client.force_login(profile.member)
    assert "La charte des valeurs et postures a évolué" not in client.get("/").content.decode()


def test_only_editors_see_the_charter_report(client, member):
    client.force_login(member)
    assert client.get("/admin/reseau/signatures-charte/").status_code in (302, 403)


def test_forgotten_password(client, profile, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/compte/mot-de-passe-oublie/", {"email": "marie.private@example.org"})
    assert response.status_code == 302
    assert "/compte/mot-de-passe/" in mail.outbox[-1].body
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/compte/mot-de-passe-oublie/", {"email": "nobody@example.org"})
    assert response.status_code == 302  # the same answer: no way to probe addresses
    assert len(mail.outbox) == sent


def test_the_editors_correction_is_what_goes_live(client, profile, editor, django_capture_on_commit_callbacks):
    client.force_login(profile.member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EDIT, form_data(profile, presentation="J'ai suivi la famille Dupont."))
    update = ProfileUpdate.objects.get()
    update.presentation = "J'ai suivi des familles."  # the editor's correction, in the snippet editor
    update.save_revision(user=editor)
    approve(client, editor, update, django_capture_on_commit_callbacks)
    html = client.get(profile.url).content.decode()
    assert "J'ai suivi des familles." in html and "Dupont" not in html


def test_changes_made_while_out_of_the_directory_are_kept(client, profile, editor, django_capture_on_commit_callbacks):
    client.force_login(profile.member)
    client.post("/reseau/mon-espace/fiche/quitter/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EDIT, form_data(profile, structure="Nouveau cabinet", presentation="Nouvelle présentation."))
    assert 'value="Nouveau cabinet"' in client.get(EDIT).content.decode()
    approve(client, editor, ProfileUpdate.objects.get(), django_capture_on_commit_callbacks)
    client.force_login(profile.member)
    client.post("/reseau/mon-espace/fiche/revenir/")
    html = client.get(profile.url).content.decode()
    assert "Nouveau cabinet" in html and "Nouvelle présentation." in html


def test_a_profile_an_editor_unpublished_stays_out_when_the_membership_changes(profile, django_capture_on_commit_callbacks):
    profile.unpublish()  # an editor's decision
    with django_capture_on_commit_callbacks(execute=True):
        membership = Membership.objects.get(user=profile.member)
        membership.end_date = membership.end_date + datetime.timedelta(days=30)
        membership.save()
    profile.refresh_from_db()
    assert not profile.live


def test_no_way_back_with_an_erasure_pending(client, profile, django_capture_on_commit_callbacks):
    client.force_login(profile.member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/reseau/mon-espace/effacement/", {"password": "password-for-tests"})
    client.post("/reseau/mon-espace/fiche/revenir/")
    profile.refresh_from_db()
    assert not profile.live


def test_removing_the_photo_withdraws_the_one_in_review(client, profile, editor, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(profile.member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EDIT, {**form_data(profile, photo_alt="Portrait"), "new_photo": SimpleUploadedFile("me.png", PNG)})
    assert "Retirer ma photo" in client.get(EDIT).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EDIT, form_data(profile, photo_alt="Portrait", remove_photo="on"))
    update = ProfileUpdate.objects.get()
    assert not update.photo
    approve(client, editor, update, django_capture_on_commit_callbacks)
    profile.refresh_from_db()
    assert profile.photo is None


def test_a_photo_lost_to_a_form_error_is_announced(member_client, profile):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = member_client.post(
        EDIT, {**form_data(profile, postcode="99999", photo_alt="Portrait"), "new_photo": SimpleUploadedFile("me.png", PNG)}
    )
    assert "Choisissez la photo à nouveau" in response.content.decode()


def test_an_approved_photo_is_in_no_images_api(client, profile, editor, member, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(profile.member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EDIT, {**form_data(profile, photo_alt="Portrait"), "new_photo": SimpleUploadedFile("marie.png", PNG)})
    approve(client, editor, ProfileUpdate.objects.get(), django_capture_on_commit_callbacks)
    profile.refresh_from_db()
    assert "marie" not in profile.photo.file.name and "Marie" not in profile.photo.title
    for who in (None, member):
        client.logout()
        if who:
            client.force_login(who)
        for url in ("/api/v2/images/", "/api/v3/images/", f"/api/v2/images/{profile.photo.pk}/", f"/api/v3/images/{profile.photo.pk}/"):
            response = client.get(url)
            assert str(profile.photo.file.name).split("/")[-1] not in response.content.decode(), url
            assert response.status_code in (200, 404), url
    assert 'alt="Portrait"' in client.get(profile.url).content.decode()  # the page still shows it


def test_erasure_leaves_no_name_in_the_history(client, profile, django_capture_on_commit_callbacks):
    from wagtail.models import ModelLogEntry, PageLogEntry

    client.force_login(profile.member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EDIT, form_data(profile, presentation="Une autre présentation."))
        client.post("/reseau/mon-espace/effacement/", {"password": "password-for-tests"})
    treasurer = UserFactory(username="treasurer", groups=["Treasurer"])
    client.force_login(treasurer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/reseau/effacement/{ErasureRequest.objects.get().pk}/")
    labels = [entry.label for entry in PageLogEntry.objects.all()] + [entry.label for entry in ModelLogEntry.objects.all()]
    assert not any("Marie" in label for label in labels), labels
    assert ModelLogEntry.objects.filter(action="network.erasure", user=treasurer).exists()


def test_forgotten_password_reaches_a_member_who_never_chose_one(client, profile, django_capture_on_commit_callbacks):
    profile.member.set_unusable_password()
    profile.member.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/compte/mot-de-passe-oublie/", {"email": "marie.private@example.org"})
    assert "/compte/mot-de-passe/" in mail.outbox[-1].body


def test_forgotten_password_requests_are_limited(client, profile, django_capture_on_commit_callbacks):
    for _n in range(5):
        client.post("/compte/mot-de-passe-oublie/", {"email": "nobody@example.org"})
    response = client.post("/compte/mot-de-passe-oublie/", {"email": "marie.private@example.org"}, follow=True)
    assert "Trop de demandes" in response.content.decode()
