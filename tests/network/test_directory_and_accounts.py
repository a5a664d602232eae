"""The directory families use, the accepted member's first log-in, CSRF on the form."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.factories import UserFactory
from network.directory import publish_profile
from network.factories import ApplicationFactory, ProfessionFactory, application_form_data, current_membership

pytestmark = pytest.mark.django_db


def test_directory_lists_profiles_and_filters_by_profession(client, network_site):
    midwife = ProfessionFactory(name="Sage-femme")
    psychologist = ProfessionFactory(name="Psychologue", registration_label="ADELI")
    for first_name, last_name, profession, username in (("Anne", "Sage", midwife, "a"), ("Paul", "Psy", psychologist, "b")):
        user = UserFactory(username=username)
        current_membership(user)
        publish_profile(ApplicationFactory(first_name=first_name, last_name=last_name, profession=profession), user)
    url = network_site["directory"].url
    everyone = client.get(url).content.decode()
    assert "Anne Sage" in everyone and "Paul Psy" in everyone
    only_psychologists = client.get(url, {"profession": psychologist.pk}).content.decode()
    assert "Paul Psy" in only_psychologists and "Anne Sage" not in only_psychologists
    assert client.get(url, {"profession": "abc"}).status_code == 200


def test_an_accepted_applicant_sets_a_password_and_logs_in(client, sent_application, commission, vote):
    for user in commission[:2]:
        vote(user, sent_application, "vote_for", "Oui.")
    vote(commission[2], sent_application, "abstain", "")
    client.logout()
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/compte/mot-de-passe/" in line)
    path = link.replace("http://testserver", "")
    response = client.get(path, follow=True)  # Django swaps the token for a session, then shows the form
    assert response.status_code == 200 and "new_password1" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0] if response.redirect_chain else path,
        {"new_password1": "une-phrase-de-passe-solide", "new_password2": "une-phrase-de-passe-solide"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert client.login(username=sent_application.email.lower(), password="une-phrase-de-passe-solide")


def test_the_form_refuses_a_post_without_csrf_token(network_site, profession):
    from network.models import Application

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(network_site["join"].url, application_form_data())
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_the_application_listing_filters_by_meeting(client, sent_application, commission):
    import datetime

    from network.models import CommissionMeeting

    meeting = CommissionMeeting.objects.create(date=datetime.date(2026, 11, 20))
    meeting.agenda.set([sent_application])
    meeting.save()  # ParentalManyToManyField: written on save
    client.force_login(commission[0])
    response = client.get(reverse("wagtailsnippets_network_application:list"), {"meetings": meeting.pk})
    assert response.status_code == 200 and sent_application.last_name in response.content.decode()


def test_the_english_directory_lists_the_same_members(client, network_site, locales):
    english_home = network_site["home"].copy_for_translation(locales[1], alias=False)
    english_home.save_revision().publish()
    english = network_site["directory"].copy_for_translation(locales[1], alias=False)
    english.title = "Find a professional"
    english.save_revision().publish()
    user = UserFactory(username="a")
    current_membership(user)
    publish_profile(ApplicationFactory(first_name="Anne", last_name="Sage", profession=ProfessionFactory()), user)
    content = client.get(english.url).content.decode()
    assert english.url.startswith("/en/") and "Anne Sage" in content
