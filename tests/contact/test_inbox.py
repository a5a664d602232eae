"""The editors' inbox in the admin: who sees it, what it shows, "marquer comme traité"."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.factories import UserFactory
from contact.factories import ContactMessageFactory
from contact.models import ContactMessage
from network.models import Membership

CANARY = "Canari-7f3a9-confidentiel"
INDEX = "/admin/messages-recus/"


@pytest.fixture
def canary_message(listed_profile):
    return ContactMessageFactory(
        name=f"Zoé {CANARY}",
        email="canari@example.org",
        phone="06 98 76 54 32",
        message=f"Mon bébé ne dort pas, {CANARY}.",
        about=listed_profile,
    )


def lapsed_member():
    user = UserFactory(username="lapsed-member", groups=[roles.MEMBERS])
    Membership.objects.create(user=user, start_date=timezone.localdate() - datetime.timedelta(days=400))
    return user


def current_member():
    from network.factories import current_membership

    user = UserFactory(username="current-member", groups=[roles.MEMBERS])
    current_membership(user)
    return user


OTHERS = {
    "anonymous": lambda: None,
    "member": current_member,
    "lapsed member": lapsed_member,
    "treasurer": lambda: UserFactory(username="treasurer", groups=[roles.TREASURER]),
    "commission": lambda: UserFactory(username="commission", groups=[roles.COMMISSION]),
    "coordinator": lambda: UserFactory(username="coordinator", groups=[roles.COORDINATORS]),
}


def test_the_editors_group_matches_the_roles_description(db):
    editors = Group.objects.get(name=roles.EDITORS)
    granted = {f"{p.content_type.app_label}.{p.codename}" for p in editors.permissions.select_related("content_type")}
    assert {p for p in roles.MODEL_PERMISSIONS[roles.EDITORS] if p.startswith("contact.")} == {
        p for p in granted if p.startswith("contact.")
    } == {
        "contact.view_contactmessage",
        "contact.handle_contactmessage",
        "contact.delete_contactmessage",
        "contact.change_contactsettings",
    }
    for name in (roles.MEMBERS, roles.TREASURER, roles.COMMISSION, roles.COORDINATORS, roles.FIELD_REFERENTS, roles.REFERRERS):
        assert not Group.objects.get(name=name).permissions.filter(content_type__app_label="contact").exists()


def test_the_erasure_job_is_scheduled_daily(db):
    from django_q.models import Schedule

    schedule = Schedule.objects.get(func="contact.inbox.erase_handled")
    assert schedule.schedule_type == Schedule.DAILY and schedule.repeats == -1


def test_editor_reads_the_inbox_and_marks_a_message_handled(client, editor, canary_message, django_capture_on_commit_callbacks):
    other = ContactMessageFactory(name="Jean Autre", sender_kind="institution")
    client.force_login(editor)
    response = client.get(INDEX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Messages reçus" in content
    for text in (CANARY, "Jean Autre", "Institution ou structure partenaire", "Nadia Benali", "nouveau"):
        assert text in content
    assert timezone.localtime(canary_message.received_at).strftime("%d/%m/%Y") in content
    assert reverse("contact_messages:handle", args=[canary_message.pk]) in content
    assert "/admin/messages-recus/new/" not in content  # messages are written by visitors only

    inspect = client.get(reverse("contact_messages:inspect", args=[canary_message.pk])).content.decode()
    assert "Mon bébé ne dort pas" in inspect and "06 98 76 54 32" in inspect
    assert "Marquer comme traité" in inspect
    assert client.get(reverse("contact_messages:edit", args=[canary_message.pk])).status_code in (302, 403)

    confirm = client.get(reverse("contact_messages:handle", args=[canary_message.pk]))
    assert confirm.status_code == 200 and "Oui, marquer comme traité" in confirm.content.decode()
    assert ContactMessage.objects.get(pk=canary_message.pk).status == "new"  # GET changes nothing

    before = timezone.now()
    response = client.post(reverse("contact_messages:handle", args=[canary_message.pk]))
    assert response.status_code == 302 and response.url == INDEX
    canary_message.refresh_from_db()
    assert canary_message.status == "handled"
    assert canary_message.handled_by == editor and canary_message.handled_at >= before

    listing = client.get(INDEX).content.decode()
    assert editor.get_full_name() in listing and "traité" in listing
    # Handling it again keeps the first handler.
    second = UserFactory(username="editor2", groups=[roles.EDITORS])
    client.force_login(second)
    client.post(reverse("contact_messages:handle", args=[canary_message.pk]))
    canary_message.refresh_from_db()
    assert canary_message.handled_by == editor

    new_only = client.get(INDEX, {"status": "new"}).content.decode()
    assert "Jean Autre" in new_only and CANARY not in new_only
    handled_only = client.get(INDEX, {"status": "handled"}).content.decode()
    assert CANARY in handled_only and "Jean Autre" not in handled_only
    assert other.status == "new"


def test_editor_deletes_spam(client, editor, canary_message):
    client.force_login(editor)
    response = client.post(reverse("contact_messages:delete", args=[canary_message.pk]))
    assert response.status_code == 302
    assert not ContactMessage.objects.exists()


def test_nobody_adds_or_edits_a_message_in_the_admin(client, superuser, canary_message):
    client.force_login(superuser)
    assert client.get(INDEX).status_code == 200
    assert client.get(reverse("contact_messages:add")).status_code in (302, 403)
    assert client.get(reverse("contact_messages:edit", args=[canary_message.pk])).status_code in (302, 403)
    client.post(reverse("contact_messages:handle", args=[canary_message.pk]))
    assert ContactMessage.objects.get().handled_by == superuser


@pytest.mark.parametrize("role", OTHERS)
def test_other_roles_never_see_a_message(client, role, canary_message, contact_page, listed_profile):
    user = OTHERS[role]()
    if user is not None:
        client.force_login(user)
    for url in (
        INDEX,
        reverse("contact_messages:inspect", args=[canary_message.pk]),
        reverse("contact_messages:handle", args=[canary_message.pk]),
        reverse("contact_messages:delete", args=[canary_message.pk]),
        INDEX + "?status=new",
        "/admin/messages-recus/results/?q=dort",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), (role, url, response.status_code)
        assert CANARY not in response.content.decode()
    response = client.post(reverse("contact_messages:handle", args=[canary_message.pk]))
    assert response.status_code in (302, 403)
    response = client.post(reverse("contact_messages:delete", args=[canary_message.pk]))
    assert response.status_code in (302, 403)
    canary_message.refresh_from_db()
    assert canary_message.status == "new"

    # Nothing of a message anywhere else these roles can go.
    for url in (
        "/",
        contact_page.url,
        f"{contact_page.url}?au-sujet-de={listed_profile.pk}",
        listed_profile.url,
        # (searching for the canary itself would only find it echoed in the search box)
        "/recherche/?q=dort",
        "/recherche/?q=Zoé",
        "/api/v2/pages/",
        "/api/v2/pages/?search=dort",
        f"/api/v2/pages/?search=Zoé",
        "/api/v3/pages/",
        "/sitemap.xml",
        "/admin/",
        "/admin/pages/search/?q=dort",
        "/reseau/mon-espace/",
        "/reseau/mon-espace/mes-donnees.json",
        "/reseau/mon-espace/mes-donnees.csv",
    ):
        response = client.get(url, follow=True)
        assert response.status_code < 500, (role, url)
        assert CANARY not in response.content.decode(), (role, url)


def test_the_menu_item_is_for_editors_only(client, editor, treasurer, canary_message):
    client.force_login(editor)
    assert INDEX in client.get("/admin/").content.decode()
    client.force_login(treasurer)
    assert INDEX not in client.get("/admin/").content.decode()


def test_editor_without_the_handle_permission_cannot_handle(client, canary_message):
    reader = UserFactory(username="reader")
    reader.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_contactmessage")
    )
    client.force_login(reader)
    assert client.get(INDEX).status_code == 200
    # Wagtail's admin turns the refusal into a redirect to the dashboard with a message.
    assert client.post(reverse("contact_messages:handle", args=[canary_message.pk])).status_code in (302, 403)
    assert ContactMessage.objects.get().status == "new"


def test_editor_finds_a_message_by_name_or_address(client, editor, canary_message):
    """To answer an access or erasure request, the editor searches the inbox."""
    ContactMessageFactory(name="Jean Autre", email="jean@example.org")
    client.force_login(editor)
    for query in ("Zoé", "canari@example.org", "dort"):
        content = client.get(INDEX, {"q": query}).content.decode()
        assert CANARY in content and "Jean Autre" not in content, query
