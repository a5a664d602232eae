"""The "Nous contacter" page: the form, what is stored, what is sent, what is refused."""

import pytest
from django.core import mail
from django.utils import timezone, translation
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text

from contact import inbox
from contact.models import ContactMessage, ContactPage, ContactSettings
from home.models import HomePage, OutgoingEmail, SiteSettings, StandardPage

VALID = {
    "name": "Camille Parent",
    "email": "camille.parent@example.org",
    "phone": "06 12 34 56 78",
    "sender_kind": "parent",
    "message": "Bonjour, je cherche une consultante en lactation près de Purpan.",
    "website": "",
}


@pytest.fixture
def post(client, contact_page, django_capture_on_commit_callbacks):
    """Send the form as a visitor (the outbox's on-commit hand-offs run)."""

    def send(data=None, url=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url or contact_page.url, {**VALID, **(data or {})}, **extra)

    return send


def test_page_renders_the_form_and_what_is_kept(client, contact_page, settings):
    settings.CONTACT_MESSAGE_RETENTION_DAYS = 365
    response = client.get(contact_page.url)
    content = response.content.decode()
    assert response.status_code == 200
    for name in ("name", "email", "phone", "sender_kind", "message", "website", "csrfmiddlewaretoken"):
        assert f'name="{name}"' in content
    assert "effacés 12 mois après" in content
    assert "Parent ou futur parent" in content


def test_a_message_is_stored_sent_to_the_association_and_acknowledged(post, contact_page, settings):
    site_settings = SiteSettings.for_site(contact_page.get_site())
    site_settings.email = "bonjour@parentescence.example"
    site_settings.save()

    response = post()

    assert response.status_code == 302 and response.url == contact_page.url + "?envoye=1"
    message = ContactMessage.objects.get()
    assert (message.name, message.email, message.phone, message.sender_kind) == (
        "Camille Parent", "camille.parent@example.org", "06 12 34 56 78", "parent",
    )
    assert message.status == "new" and message.language == "fr" and message.about is None
    to_association, acknowledgement = sorted(mail.outbox, key=lambda m: m.to != ["bonjour@parentescence.example"])
    assert to_association.to == ["bonjour@parentescence.example"]
    assert to_association.reply_to == ["camille.parent@example.org"]
    assert "près de Purpan" in to_association.body
    assert f"/admin/messages-recus/inspect/{message.pk}/" in to_association.body
    assert acknowledgement.to == ["camille.parent@example.org"]
    assert "Nous avons bien reçu votre message" in acknowledgement.body
    assert "près de Purpan" not in acknowledgement.body  # never a copy of the text: no spam relay
    assert not OutgoingEmail.objects.exists()  # both delivered


def test_the_recipient_in_the_contact_settings_comes_first(post, contact_page):
    contact_settings = ContactSettings.for_site(contact_page.get_site())
    contact_settings.messages_recipient = "accueil@parentescence.example"
    contact_settings.save()
    post()
    assert ["accueil@parentescence.example"] in [m.to for m in mail.outbox]


def test_without_any_address_the_message_goes_to_the_sending_address(post, settings):
    post()
    assert [settings.DEFAULT_FROM_EMAIL] in [m.to for m in mail.outbox]


def test_confirmation_then_refresh(client, post, contact_page):
    response = post()
    confirmation = client.get(response.url)
    assert "Message envoyé" in confirmation.content.decode()
    assert "votre message est bien arrivé" in confirmation.content.decode()
    # Reloading the confirmation, or coming back later, shows the form again.
    assert 'name="message"' in client.get(response.url).content.decode()


def test_errors_keep_everything_typed_and_are_announced(post):
    typed = {**VALID, "email": "pas-une-adresse", "message": ""}
    response = post(typed)
    content = response.content.decode()
    assert response.status_code == 200
    assert not ContactMessage.objects.exists() and not mail.outbox
    assert 'role="alert"' in content and 'id="form-errors"' in content
    assert 'document.getElementById("form-errors").focus()' in content
    assert "<title>Erreur :" in content
    assert 'value="Camille Parent"' in content
    assert 'value="pas-une-adresse"' in content
    assert 'value="06 12 34 56 78"' in content
    assert 'value="parent" checked' in content or 'checked value="parent"' in content or (
        'value="parent"' in content and "checked" in content
    )
    assert 'href="#id_email"' in content and 'href="#id_message"' in content
    assert 'aria-invalid="true"' in content and 'aria-describedby="id_email_error"' in content
    assert "Écrivez votre message." in content
    assert response["Cache-Control"].count("no-store") == 1


def test_an_empty_form_names_every_required_field(post):
    response = post({key: "" for key in VALID})
    content = response.content.decode()
    for text in ("Indiquez votre nom.", "Indiquez votre adresse e-mail.", "Dites-nous qui vous êtes.", "Écrivez votre message."):
        assert text in content
    assert not ContactMessage.objects.exists()


@pytest.mark.parametrize("phone", ["appelez-moi", "12"])
def test_a_wrong_phone_is_refused(post, phone):
    response = post({"phone": phone})
    assert "téléphone" in response.content.decode() and not ContactMessage.objects.exists()


def test_the_honeypot_stores_nothing(post):
    response = post({"website": "http://spam.example"})
    assert response.status_code == 200
    assert not ContactMessage.objects.exists() and not mail.outbox


def test_csrf_is_required(contact_page):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(contact_page.url, VALID)
    assert response.status_code == 403
    assert not ContactMessage.objects.exists()


def test_rate_limit_per_address_keeps_what_was_typed(post, settings):
    for _n in range(inbox.RATE_LIMIT):
        assert post().status_code == 302
    response = post({"message": "Le sixième message de l'heure."})
    content = response.content.decode()
    assert response.status_code == 429
    assert "Trop de messages ont été envoyés depuis votre connexion" in content
    assert "Le sixième message de l&#x27;heure." in content or "Le sixième message de l'heure." in content
    assert ContactMessage.objects.count() == inbox.RATE_LIMIT
    # Another address is not affected.
    assert post(REMOTE_ADDR="192.0.2.77").status_code == 302


def test_message_is_kept_when_the_mail_server_refuses_then_retried(post, settings, django_capture_on_commit_callbacks):
    from home.mail import sweep_outbox

    settings.EMAIL_DELIVERY_BACKEND = "tests.home.failing_backend.RefusingBackend"
    response = post()
    assert response.status_code == 302  # the visitor is not told about our mail server
    assert ContactMessage.objects.count() == 1
    waiting = OutgoingEmail.objects.all()
    assert waiting.count() == 2 and all(email.attempts == 1 for email in waiting)
    assert not mail.outbox

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_outbox() == 2
    assert len(mail.outbox) == 2 and not OutgoingEmail.objects.exists()
    assert ContactMessage.objects.get().status == "new"


def test_nothing_personal_is_logged(post, caplog, settings):
    settings.EMAIL_DELIVERY_BACKEND = "tests.home.failing_backend.RefusingBackend"
    with caplog.at_level("DEBUG"):
        post()
    for secret in ("Camille", "camille.parent", "Purpan", "06 12"):
        assert secret not in caplog.text


def test_acknowledgement_in_the_language_of_the_page(client, home_page, english_home, django_capture_on_commit_callbacks):
    from contact.factories import ContactPageFactory

    english_home.save_revision().publish()
    ContactPageFactory(parent=home_page)
    english = ContactPageFactory(parent=english_home, title="Contact us", slug="contact-us")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(english.url, VALID)
    assert response.status_code == 302 and response.url.startswith("/en/")
    message = ContactMessage.objects.get()
    assert message.language == "en"
    acknowledgement = next(m for m in mail.outbox if m.to == [VALID["email"]])
    with translation.override("en"):
        expected = translation.gettext("Parentescence a bien reçu votre message")
    assert acknowledgement.subject == expected
    notification = next(m for m in mail.outbox if m.to != [VALID["email"]])
    assert "Langue de la page : en" in notification.body  # the association reads French


# -- The professional a message is about ------------------------------------------------


def test_profile_link_prefills_the_professional(client, contact_page, listed_profile):
    response = client.get(listed_profile.url)
    content = response.content.decode()
    link = f"{contact_page.url}?au-sujet-de={listed_profile.pk}"
    assert f'href="{link}"' in content
    assert "Contacter l&#x27;association au sujet de ce/cette professionnel·le" in content or (
        "Contacter l'association au sujet de ce/cette professionnel·le" in content
    )
    form = client.get(link).content.decode()
    assert "Votre message concerne <strong>Nadia Benali</strong>" in form
    assert f'name="au-sujet-de" value="{listed_profile.pk}"' in form


def test_the_message_records_the_professional(post, contact_page, listed_profile):
    post({"au-sujet-de": str(listed_profile.pk)})
    message = ContactMessage.objects.get()
    assert message.about_id == listed_profile.pk
    notification = next(m for m in mail.outbox if m.to != [VALID["email"]])
    assert "Au sujet de : Nadia Benali" in notification.body


def test_a_form_error_keeps_the_professional(post, listed_profile):
    content = post({"au-sujet-de": str(listed_profile.pk), "message": ""}).content.decode()
    assert "Votre message concerne <strong>Nadia Benali</strong>" in content


@pytest.mark.parametrize(
    "value",
    ["", "abc", "0", "-1", "1.5", "12abc", "9" * 30, "%00", "\x00", "1\x00", " 1", "１２", "99999999999"],
)
def test_garbage_about_values_are_ignored(client, contact_page, listed_profile, post, value):
    response = client.get(contact_page.url, {"au-sujet-de": value})
    assert response.status_code == 200
    assert "Votre message concerne" not in response.content.decode()
    assert post({"au-sujet-de": value}).status_code == 302
    assert ContactMessage.objects.get().about is None


def test_raw_null_byte_in_query_string(client, contact_page):
    response = client.get(contact_page.url + "?au-sujet-de=%00&au-sujet-de=1" + "0" * 29)
    assert response.status_code == 200


@pytest.mark.parametrize("fixture", ["lapsed_profile", "unpublished_profile"])
def test_an_unlisted_professional_is_ignored_silently(request, client, contact_page, post, fixture):
    profile = request.getfixturevalue(fixture)
    response = client.get(contact_page.url, {"au-sujet-de": str(profile.pk)})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Votre message concerne" not in content
    assert profile.member.last_name not in content and profile.member.first_name not in content
    assert post({"au-sujet-de": str(profile.pk)}).status_code == 302
    assert ContactMessage.objects.get().about is None
    assert all(profile.member.last_name not in m.body for m in mail.outbox)


def test_a_page_that_is_not_a_profile_is_ignored(client, contact_page, home_page):
    response = client.get(contact_page.url, {"au-sujet-de": str(home_page.pk)})
    assert "Votre message concerne" not in response.content.decode()


def test_a_restricted_profile_is_ignored(client, contact_page, listed_profile):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=listed_profile, restriction_type="login")
    assert inbox.listed_profile(str(listed_profile.pk)) is None


# -- The association's public contact ----------------------------------------------------


def test_footer_and_page_show_only_filled_in_details(client, contact_page):
    site = contact_page.get_site()
    site_settings = SiteSettings.for_site(site)
    site_settings.address = "Toulouse"
    site_settings.save()
    contact_settings = ContactSettings.for_site(site)
    contact_settings.permanences_place = "Udaf 31, Toulouse"
    contact_settings.workshops_place = "Maison de quartier des Arènes romaines, Toulouse"
    contact_settings.save()

    content = client.get("/").content.decode()
    assert "Udaf 31, Toulouse" in content and "Arènes romaines" in content
    assert f'<a href="{contact_page.url}">Écrire à l\'association</a>' in content
    assert "tel:" not in content and "mailto:" not in content  # no phone, no e-mail given

    contact_settings.permanences_hours = "le mardi de 14 h à 17 h, sur rendez-vous"
    contact_settings.permanences_hours_en = "Tuesdays 2–5 pm, by appointment"
    contact_settings.save()
    site_settings.phone = "05 61 00 00 00"
    site_settings.save()
    page = client.get(contact_page.url).content.decode()
    assert "le mardi de 14 h à 17 h" in page and 'href="tel:0561000000"' in page
    assert "Où nous trouver" in page


def test_english_visitors_read_the_english_hours(client, home_page, english_home):
    english_home.save_revision().publish()
    site = home_page.get_site()
    contact_settings = ContactSettings.for_site(site)
    contact_settings.permanences_place = "Udaf 31, Toulouse"
    contact_settings.permanences_hours = "le mardi"
    contact_settings.permanences_hours_en = "Tuesdays"
    contact_settings.save()
    assert "Tuesdays" in client.get("/en/").content.decode()
    assert "le mardi" in client.get("/").content.decode()


def test_footer_without_contact_page_has_no_dead_link(client, home_page):
    assert "Écrire à l" not in client.get("/").content.decode()


# -- The page type ---------------------------------------------------------------------


class TestContactPageType(WagtailPageTestCase):
    def test_parent_and_children(self):
        self.assertAllowedParentPageTypes(ContactPage, {HomePage})
        self.assertAllowedSubpageTypes(ContactPage, {})
        self.assertCanNotCreateAt(StandardPage, ContactPage)

    def test_one_per_home_page_and_an_editor_can_create_it(self):
        from accounts.factories import UserFactory
        from home.factories import site_with_home
        from wagtail.models import Locale

        home = site_with_home(locale=Locale.objects.get_or_create(language_code="fr")[0])
        editor = UserFactory(username="editor", groups=["Editors"])
        self.client.force_login(editor)
        self.assertCanCreate(
            home,
            ContactPage,
            {
                "title": "Nous contacter",
                "slug": "nous-contacter",
                "introduction": rich_text("<p>Écrivez-nous.</p>"),
                "thank_you": rich_text("<p>Merci.</p>"),
            },
        )
        home.refresh_from_db()  # treebeard reads the stale child count otherwise
        assert not ContactPage.can_create_at(home)
        page = ContactPage.objects.get()
        page.save_revision().publish()
        assert self.client.get(page.url).status_code == 200
        assert Page.objects.type(ContactPage).count() == 1
