"""Issue 8: the programme end to end through its views: a referral, its assignment, contacts,
consents, steps, closing, the family's requests, drop-in sessions and accounts. E-mails and
logs never carry a family's data."""

import datetime
import json
import logging

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from resources.factories import WorkshopFactory
from support.factories import DropInSessionFactory, FamilyFactory
from support.models import AccessLog, AnonymisedSupport, Consent, Contact, DataRequest, Family, Step

REFERRAL = {
    "contact_name": "Awa Témoin", "phone": "06 11 22 33 44", "email": "", "address": "",
    "language": "", "reason": "isolation", "reason_note": "Maman seule, bébé de deux mois.", "consent": "on",
}


def test_a_partner_refers_a_family_and_coordinators_are_told_without_the_name(client, partner_a, coordinator, caplog,
                                                                            django_capture_on_commit_callbacks):
    client.force_login(partner_a.user)
    form = client.get(reverse("support:refer")).content.decode()
    assert "aucun détail médical" in form  # the reminder beside the free text
    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("support:refer"), REFERRAL, follow=True)
    family = Family.objects.get()
    assert family.referrer == partner_a and family.institution == partner_a.institution
    assert family.status == Family.Status.RECEIVED
    assert family.consent(Consent.Purpose.CONTACT) is True
    assert family.consents.get().recorded_by == partner_a.user
    assert family.reference in response.content.decode()
    (message,) = mail.outbox
    assert message.to == [coordinator.email] and family.reference in message.subject
    assert "Awa" not in message.body + message.subject and "06 11" not in message.body
    assert "Awa" not in caplog.text and "06 11" not in caplog.text


def test_a_referral_needs_the_familys_agreement_and_a_way_to_reach_it_and_keeps_what_was_typed(client, partner_a):
    client.force_login(partner_a.user)
    response = client.post(reverse("support:refer"), {**REFERRAL, "consent": ""})
    page = response.content.decode()
    assert "Sans l&#x27;accord de la famille" in page
    assert 'value="Awa Témoin"' in page and "Maman seule, bébé de deux mois." in page
    response = client.post(reverse("support:refer"), {**REFERRAL, "phone": ""})
    assert "Indiquez au moins un moyen de joindre la famille" in response.content.decode()
    assert not Family.objects.exists()


def test_the_coordinator_assigns_a_referent_who_is_told_by_reference(verified_client, coordinator, referent_b, family_a,
                                                                    django_capture_on_commit_callbacks):
    browser = verified_client(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(reverse("support:family_assign", args=[family_a.pk]), {"referent": referent_b.pk})
    family_a.refresh_from_db()
    assert family_a.referent == referent_b and family_a.assigned_at
    (message,) = mail.outbox
    assert message.to == [referent_b.email] and family_a.reference in message.body
    assert "Zélie" not in message.body
    # Only referents can be chosen.
    member = UserFactory(username="not_a_referent", groups=["Members"])
    browser.post(reverse("support:family_assign", args=[family_a.pk]), {"referent": member.pk})
    family_a.refresh_from_db()
    assert family_a.referent == referent_b


def test_steps_wait_for_the_familys_agreement(verified_client, referent_a, partner_a):
    family = FamilyFactory(referrer=partner_a, referent=referent_a, status="in_progress")
    browser = verified_client(referent_a)
    response = browser.get(reverse("support:family_step", args=[family.pk]))
    assert response.status_code == 302
    browser.post(reverse("support:family_contact", args=[family.pk]),
                 {"date": timezone.localdate().isoformat(), "kind": "phone", "with_whom": "mother", "note": "Premier appel."})
    assert family.contacts.count() == 1  # the first contact, where the question is asked
    browser.post(reverse("support:family_consent", args=[family.pk]), {"purpose": "support", "given": "yes"})
    consent = family.consents.get(purpose="support")
    assert consent.given and consent.recorded_by == referent_a and consent.recorded_at
    assert browser.get(reverse("support:family_step", args=[family.pk])).status_code == 200


def test_the_referent_records_contacts_and_the_path(verified_client, referent_a, family_a):
    browser = verified_client(referent_a)
    today = timezone.localdate()
    workshop = WorkshopFactory(start=timezone.now() - datetime.timedelta(days=3), end=timezone.now() - datetime.timedelta(days=3, hours=-2))
    from support.factories import PartnerStructureFactory

    laep = PartnerStructureFactory(name="LAEP des Minimes", kind="laep")
    browser.post(reverse("support:family_contact", args=[family_a.pk]),
                 {"date": today.isoformat(), "kind": "home_visit", "with_whom": "parent_baby", "note": "Visite."})
    # Bad input: a date in the future, a collective space without its event. Nothing stored, a message.
    response = browser.post(reverse("support:family_contact", args=[family_a.pk]),
                            {"date": (today + datetime.timedelta(days=2)).isoformat(), "kind": "phone", "with_whom": "mother", "note": "Gardée"})
    assert "Cette date est dans le futur." in response.content.decode() and "Gardée" in response.content.decode()
    response = browser.post(reverse("support:family_step", args=[family_a.pk]),
                            {"kind": "collective_space", "date": today.isoformat()})
    assert "Choisissez le temps collectif" in response.content.decode()
    browser.post(reverse("support:family_step", args=[family_a.pk]), {"kind": "first_home_visit", "date": today.isoformat()})
    browser.post(reverse("support:family_step", args=[family_a.pk]),
                 {"kind": "collective_space", "date": today.isoformat(), "event": workshop.pk})
    browser.post(reverse("support:family_step", args=[family_a.pk]),
                 {"kind": "local_structure", "date": today.isoformat(), "structure": laep.pk, "event": workshop.pk})
    assert family_a.contacts.count() == 1
    steps = {step.kind: step for step in family_a.steps.all()}
    assert set(steps) == {"first_home_visit", "collective_space", "local_structure"}
    assert steps["collective_space"].event == workshop
    assert steps["local_structure"].structure == laep and steps["local_structure"].event is None
    page = browser.get(reverse("support:family", args=[family_a.pk])).content.decode()
    assert workshop.title in page and "LAEP des Minimes" in page


@pytest.mark.parametrize("share", [True, False])
def test_the_summary_reaches_the_referrer_only_with_the_familys_agreement(share, verified_client, referent_a, family_a, partner_a,
                                                                        django_capture_on_commit_callbacks):
    browser = verified_client(referent_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(reverse("support:family_close", args=[family_a.pk]), {
            "outcome": "collective", "closing_summary": "La famille vient aux ateliers du jeudi.", "share_summary": "yes" if share else "no",
        })
    assert response.status_code == 302
    family_a.refresh_from_db()
    assert family_a.status == Family.Status.CLOSED and family_a.closed_at and family_a.outcome == "collective"
    assert family_a.consent("share_summary") is share
    assert [m.to for m in mail.outbox] == [[partner_a.user.email]]
    assert "ateliers du jeudi" not in mail.outbox[0].body
    partner = Client()
    partner.force_login(partner_a.user)
    page = partner.get(reverse("support:home")).content.decode()
    assert "Clôturée" in page
    assert ("La famille vient aux ateliers du jeudi." in page) is share
    if share:  # the family withdraws its agreement: the summary disappears at once
        browser.post(reverse("support:family_consent", args=[family_a.pk]), {"purpose": "share_summary", "given": "no"})
        assert "ateliers du jeudi" not in partner.get(reverse("support:home")).content.decode()


def test_a_summary_needs_an_answer_about_sharing_it_and_a_closed_support_takes_no_more_contacts(verified_client, referent_a, family_a):
    browser = verified_client(referent_a)
    response = browser.post(reverse("support:family_close", args=[family_a.pk]),
                            {"outcome": "collective", "closing_summary": "Texte gardé."})
    assert "Indiquez si la famille accepte" in response.content.decode() and "Texte gardé." in response.content.decode()
    browser.post(reverse("support:family_close", args=[family_a.pk]), {"outcome": "refused"})
    response = browser.post(reverse("support:family_contact", args=[family_a.pk]),
                            {"date": timezone.localdate().isoformat(), "kind": "phone", "with_whom": "mother"})
    assert response.status_code == 302 and not family_a.contacts.exists()


def test_the_familys_requests_access_correction_erasure(verified_client, coordinator, referent_a, family_a):
    browser = verified_client(referent_a)
    for kind in ("access", "correction", "erasure"):
        browser.post(reverse("support:family_request", args=[family_a.pk]), {"kind": kind, "received_on": timezone.localdate().isoformat()})
    assert family_a.requests.filter(completed_at__isnull=True).count() == 3
    response = browser.post(reverse("support:family_identity", args=[family_a.pk]),
                            {"contact_name": "Zélie Corrigée", "phone": "", "email": "", "address": "", "language": ""})
    assert "Indiquez au moins un moyen de joindre la famille" in response.content.decode()
    browser.post(reverse("support:family_identity", args=[family_a.pk]),
                 {"contact_name": "Zélie Corrigée", "phone": "07 00 00 00 00", "email": "", "address": "", "language": "",
                  "reason_note": "Texte corrigé."})
    family_a.refresh_from_db()
    assert family_a.contact_name == "Zélie Corrigée" and family_a.reason_note == "Texte corrigé."
    contact = Contact.objects.create(family=family_a, date=timezone.localdate(), kind="phone", with_whom="mother", note="Erreur")
    browser.post(reverse("support:family_contact_edit", args=[family_a.pk, contact.pk]),
                 {"date": timezone.localdate().isoformat(), "kind": "phone", "with_whom": "mother", "note": "Note corrigée"})
    contact.refresh_from_db()
    assert contact.note == "Note corrigée"
    assert family_a.requests.get(kind="correction").completed_by == referent_a
    coordination = verified_client(coordinator)
    assert "Effacement" in coordination.get(reverse("support:home")).content.decode()  # waiting requests listed
    assert coordination.get(reverse("support:family_export", args=[family_a.pk])).status_code == 405  # a GET changes nothing
    assert not family_a.requests.get(kind="access").completed_at
    export = coordination.post(reverse("support:family_export", args=[family_a.pk]))
    data = json.loads(export.content)
    assert data["contact_name"] == "Zélie Corrigée" and data["consents"] and data["requests"]
    assert export["Content-Disposition"].startswith("attachment")
    assert AccessLog.objects.filter(family=family_a, user=coordinator, action="export").exists()
    assert family_a.requests.get(kind="access").completed_at
    reference = family_a.reference
    response = coordination.post(reverse("support:family_erase", args=[family_a.pk]))
    assert response.status_code == 302
    assert not Family.objects.exists() and not Contact.objects.exists() and not DataRequest.objects.exists()
    assert not Consent.objects.exists()
    assert AnonymisedSupport.objects.count() == 1
    log = AccessLog.objects.filter(reference=reference)
    assert log.filter(action="erase").exists() and not log.filter(family__isnull=False).exists()


def test_drop_in_sessions_keep_anonymous_counts(verified_client, coordinator, referent_a):
    from network.models import Theme

    sleep = Theme.objects.create(name="Thème de test", slug="theme-de-test")
    past = DropInSessionFactory(date=timezone.localdate() - datetime.timedelta(days=1))
    future = DropInSessionFactory(date=timezone.localdate() + datetime.timedelta(days=7))
    browser = verified_client(referent_a)
    assert browser.get(reverse("support:drop_in_counts", args=[future.pk])).status_code == 404
    response = browser.post(reverse("support:drop_in_counts", args=[past.pk]), {"families_seen": "3", f"theme_{sleep.pk}": "4"})
    assert "Plus de familles que de familles reçues." in response.content.decode()
    browser.post(reverse("support:drop_in_counts", args=[past.pk]), {"families_seen": "6", f"theme_{sleep.pk}": "4"})
    past.refresh_from_db()
    assert past.families_seen == 6 and past.theme_counts.get().families == 4
    # Referents record counts; only coordinators schedule sessions.
    assert browser.post(reverse("support:drop_ins"), {"date": "2027-01-05"}).status_code == 403
    coordination = verified_client(coordinator)
    response = coordination.post(reverse("support:drop_ins"), {
        "date": "2027-01-05", "start_time": "12:00", "end_time": "09:30", "place": past.place.pk})
    assert "La fin doit suivre le début." in response.content.decode()
    coordination.post(reverse("support:drop_ins"), {"date": "2027-01-05", "start_time": "09:30", "end_time": "12:00", "place": past.place.pk})
    assert past.place.drop_in_sessions.count() == 3


def test_a_coordinator_opens_accounts_with_a_set_password_link(verified_client, coordinator, institution_a,
                                                              django_capture_on_commit_callbacks):
    browser = verified_client(coordinator)
    response = browser.post(reverse("support:accounts"), {
        "first_name": "Nora", "last_name": "Orienteuse", "email": "nora@mds.example", "role": "referrer", "institution": ""})
    assert "Choisissez l&#x27;institution de cette personne." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(reverse("support:accounts"), {
            "first_name": "Nora", "last_name": "Orienteuse", "email": "nora@mds.example", "role": "referrer",
            "institution": institution_a.pk, "job_title": "Assistante sociale"})
    from django.contrib.auth import get_user_model

    nora = get_user_model().objects.get(email="nora@mds.example")
    assert nora.referrer.institution == institution_a and not nora.has_usable_password()
    assert nora.groups.get().name == "Referrers"
    (message,) = mail.outbox
    assert message.to == ["nora@mds.example"] and "/compte/mot-de-passe/" in message.body
    response = browser.post(reverse("support:accounts"), {
        "first_name": "X", "last_name": "Y", "email": "NORA@mds.example", "role": "referent"})
    assert "Un compte existe déjà avec cette adresse." in response.content.decode()
    browser.post(reverse("support:account_action", args=[nora.pk]), {"action": "deactivate"})
    nora.refresh_from_db()
    assert not nora.is_active


def test_steps_record_who(referent_a, family_a):
    from support import programme

    step = programme.add_step(family_a, {"kind": Step.Kind.FIRST_HOME_VISIT, "date": timezone.localdate()}, referent_a)
    assert step.recorded_by == referent_a


def test_requests_show_their_deadline_and_an_erasure_on_request_leaves_that_trace(verified_client, coordinator, family_a):
    received = timezone.localdate() - datetime.timedelta(days=40)
    DataRequest.objects.create(family=family_a, kind="erasure", received_on=received)
    browser = verified_client(coordinator)
    page = browser.get(reverse("support:home")).content.decode()
    assert family_a.reference in page and "en retard" in page
    browser.post(reverse("support:family_erase", args=[family_a.pk]))
    assert AnonymisedSupport.objects.get().erased_on_request


def test_a_support_without_contact_for_two_months_is_flagged(verified_client, coordinator, family_a):
    from support.factories import ContactFactory

    ContactFactory(family=family_a, date=timezone.localdate() - datetime.timedelta(days=70))
    page = verified_client(coordinator).get(reverse("support:home")).content.decode()
    assert "(plus de deux mois)" in page
    FamilyFactory(referrer=None, institution=family_a.institution, referred_at=timezone.now() - datetime.timedelta(days=70))
    FamilyFactory(referrer=None, institution=family_a.institution)  # referred today: not flagged
    page = verified_client(coordinator).get(reverse("support:home")).content.decode()
    assert page.count("(aucun contact en deux mois)") == 1


def test_the_board_finds_the_statistics_in_the_admin_reports_menu(client, treasurer, editor):
    client.force_login(treasurer)
    assert reverse("support:statistics") in client.get("/admin/").content.decode()
    client.force_login(editor)
    assert reverse("support:statistics") not in client.get("/admin/").content.decode()


def test_a_closed_support_is_not_reassigned_nor_reopened_by_a_stale_page(verified_client, coordinator, referent_a, referent_b, family_a):
    from support import programme

    stale = Family.objects.get(pk=family_a.pk)  # a page loaded before the closing
    programme.close(family_a, "ended", "", None, referent_a)
    with pytest.raises(programme.AlreadyClosed):
        programme.add_contact(stale, {"date": timezone.localdate(), "kind": "phone", "with_whom": "mother"}, referent_a)
    browser = verified_client(coordinator)
    response = browser.post(reverse("support:family_assign", args=[family_a.pk]), {"referent": referent_b.pk})
    assert response.status_code == 302
    family_a.refresh_from_db()
    assert family_a.referent == referent_a and family_a.status == Family.Status.CLOSED and not family_a.contacts.exists()


def test_after_closing_a_referent_records_a_refusal_but_not_a_new_agreement(verified_client, coordinator, referent_a, family_a):
    from support import programme

    programme.close(family_a, "collective", "Résumé.", False, referent_a)
    browser = verified_client(referent_a)
    response = browser.post(reverse("support:family_consent", args=[family_a.pk]), {"purpose": "share_summary", "given": "yes"})
    assert "seule la coordination peut enregistrer un nouvel accord" in response.content.decode()
    assert family_a.consent("share_summary") is False
    browser.post(reverse("support:family_consent", args=[family_a.pk]), {"purpose": "support", "given": "no"})
    assert family_a.consent("support") is False
    verified_client(coordinator).post(reverse("support:family_consent", args=[family_a.pk]), {"purpose": "share_summary", "given": "yes"})
    assert Family.objects.get(pk=family_a.pk).summary_shared


def test_erasing_twice_keeps_the_numbers_once(family_a):
    from support import retention

    assert retention.erase(family_a.pk) is True
    assert retention.erase(family_a.pk) is False
    assert AnonymisedSupport.objects.count() == 1


def test_a_referrer_reading_a_shared_summary_is_logged(client, referent_a, family_a, partner_a):
    from support import programme

    programme.close(family_a, "collective", "Résumé partagé.", True, referent_a)
    client.force_login(partner_a.user)
    assert "Résumé partagé." in client.get(reverse("support:home")).content.decode()
    assert AccessLog.objects.filter(family=family_a, user=partner_a.user, action="summary").count() == 1


def test_the_coordinators_list_of_supports_in_progress_is_paginated(verified_client, coordinator, referent_a, partner_a):
    for _ in range(101):
        FamilyFactory(referrer=partner_a, referent=referent_a, status="in_progress")
    browser = verified_client(coordinator)
    first = browser.get(reverse("support:home")).content.decode()
    assert "Page 1 sur 2" in first
    assert browser.get(reverse("support:home") + "?page=2").status_code == 200
    assert browser.get(reverse("support:home") + "?page=abc").status_code == 200
