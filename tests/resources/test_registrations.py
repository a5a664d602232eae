"""Registrations: within capacity, the waiting list and its promotion, the e-mails of each
transition, the cancel link (forged, replayed), members' registrations from Mon espace,
attendance, reminders and the erasure of registrants' data."""

import datetime
import html
import re
import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.factories import UserFactory
from network.factories import current_membership
from resources import registrations as rules
from resources.factories import EventFactory, RegistrationFactory, WorkshopFactory
from resources.models import Event, Registration

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Claire Dupont",
    "email": "claire@example.org",
    "phone": "",
    "adults": "1",
    "children": "1",
    "child_age_band": "0-6m",
    "needs": "Nous venons en poussette.",
    "consent": "on",
    "website": "",
}


def event_url(calendar, event, route="event"):
    return calendar.url + calendar.reverse_subpage(route, args=[event.pk])


def register(client, calendar, event, capture, **changes):
    with capture(execute=True):
        return client.post(event_url(calendar, event), {**FORM, **changes})


def cancel_link(message):
    return re.search(r"https?://\S+/annulation/[^/\s]+/", message.body).group(0)


def text(response):
    return html.unescape(response.content.decode())


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


# --- Parents' registrations -------------------------------------------------------------

def test_a_parent_registers_within_capacity_and_gets_a_confirmation_with_a_cancel_link(
    calendar, client, django_capture_on_commit_callbacks
):
    event = WorkshopFactory(capacity=4)
    response = register(client, calendar, event, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert (registration.name, registration.adults, registration.children) == ("Claire Dupont", 1, 1)
    page = client.get(response["Location"])
    assert "Votre inscription est confirmée" in page.content.decode()
    (message,) = mail.outbox
    assert message.to == ["claire@example.org"]
    assert "Inscription confirmée" in message.subject
    assert event.title in message.body and "Maison de quartier des arènes romaines" in message.body
    assert "/annulation/" in cancel_link(message)
    assert rules.places_left(event) == 2


def test_a_full_event_puts_the_parent_on_the_waiting_list(calendar, client, django_capture_on_commit_callbacks):
    event = WorkshopFactory(capacity=2)
    RegistrationFactory(event=event, adults=1, children=1)
    assert "M'inscrire sur la liste d'attente" in text(client.get(event_url(calendar, event)))
    response = register(client, calendar, event, django_capture_on_commit_callbacks)
    registration = Registration.objects.get(name="Claire Dupont")
    assert registration.status == Registration.Status.WAITING
    assert "Vous êtes sur la liste d'attente" in text(client.get(response["Location"]))
    (message,) = mail.outbox
    assert "Liste d'attente" in message.subject and "/annulation/" in message.body
    assert rules.confirmed_places(event) == 2  # never more than the capacity


def test_a_form_error_keeps_what_was_typed_and_stores_nothing(calendar, client):
    event = WorkshopFactory()
    response = client.post(event_url(calendar, event), {**FORM, "email": "", "phone": "", "adults": "0"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Indiquez un e-mail ou un téléphone" in page
    assert 'value="Claire Dupont"' in page and "Nous venons en poussette." in page
    assert not Registration.objects.exists()


def test_a_phone_number_is_enough_and_no_email_is_sent(calendar, client, django_capture_on_commit_callbacks):
    event = WorkshopFactory()
    register(client, calendar, event, django_capture_on_commit_callbacks, email="", phone="06 12 34 56 78")
    assert Registration.objects.get().phone == "06 12 34 56 78"
    assert mail.outbox == []


def test_more_people_than_places_is_refused_with_a_message(calendar, client, django_capture_on_commit_callbacks):
    event = WorkshopFactory(capacity=3)
    response = register(client, calendar, event, django_capture_on_commit_callbacks, adults="2", children="2")
    assert response.status_code == 200
    assert "Cet événement compte 3 places" in response.content.decode()
    assert not Registration.objects.exists()


def test_registrations_close_when_the_event_begins(calendar, client):
    event = WorkshopFactory(start=timezone.now() - datetime.timedelta(minutes=5))
    response = client.post(event_url(calendar, event), FORM)
    assert "Les inscriptions à cet événement sont closes." in text(response)
    assert not Registration.objects.exists()
    with pytest.raises(rules.RegistrationRefused):
        rules.register(event, name="X", email="x@example.org")


def test_the_hidden_field_filled_in_by_a_robot_stores_nothing(calendar, client):
    event = WorkshopFactory()
    response = client.post(event_url(calendar, event), {**FORM, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Registration.objects.exists()


# --- Cancelling and the waiting list -------------------------------------------------------

def test_a_cancellation_promotes_the_first_who_fits_and_emails_them(calendar, client, django_capture_on_commit_callbacks):
    event = WorkshopFactory(capacity=4)
    with django_capture_on_commit_callbacks(execute=True):
        first = rules.register(event, name="Première", email="premiere@example.org", adults=1, children=1)
        rules.register(event, name="Deuxième", email="deuxieme@example.org", adults=1, children=1)
        big = rules.register(event, name="Grande famille", email="grande@example.org", adults=2, children=2)
        small = rules.register(event, name="Petite", email="petite@example.org", adults=1, children=0)
    assert [first.status, big.status, small.status] == ["confirmed", "waiting", "waiting"]
    (confirmation,) = [m for m in mail.outbox if m.to == ["premiere@example.org"]]
    mail.outbox.clear()
    link = path_of(cancel_link(confirmation))
    page = client.get(link)
    assert "Oui, annuler mon inscription" in page.content.decode()
    first.refresh_from_db()
    assert first.status == "confirmed"  # opening the link (a mail scanner does) changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert "Votre inscription est annulée" in response.content.decode()
    for registration in (first, big, small):
        registration.refresh_from_db()
    # Four people do not fit in the two places freed; the next in order, one person, does.
    assert [first.status, big.status, small.status] == ["cancelled", "waiting", "confirmed"]
    (cancelled,) = [m for m in mail.outbox if m.to == ["premiere@example.org"]]
    assert "Inscription annulée" in cancelled.subject and "/annulation/" not in cancelled.body
    promoted = [m for m in mail.outbox if m.to == ["petite@example.org"]]
    assert len(promoted) == 1 and "Une place s'est libérée" in promoted[0].subject
    assert "/annulation/" in promoted[0].body
    assert not [m for m in mail.outbox if m.to == ["grande@example.org"]]


def test_a_replayed_cancel_link_does_nothing(calendar, client, django_capture_on_commit_callbacks):
    event = WorkshopFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = rules.register(event, name="A", email="a@example.org")
        second = rules.register(event, name="B", email="b@example.org")
        third = rules.register(event, name="C", email="c@example.org")
    link = calendar.url + calendar.reverse_subpage("cancel", args=[rules.cancel_token(first)])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    second.refresh_from_db()
    assert second.status == "confirmed"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)  # the same link, again
    assert "déjà annulée : rien n'a changé" in text(response)
    third.refresh_from_db()
    assert third.status == "waiting"  # no second place given away
    assert mail.outbox == []


def test_a_forged_cancel_link_finds_nothing(calendar, client):
    registration = RegistrationFactory()
    token = rules.cancel_token(registration)
    forged = [token[:-1] + ("0" if token[-1] != "0" else "1"), f"{registration.pk}-", "abc", "²-abc", "1" * 40,
              f"{registration.pk + 1}-{token.split('-')[1]}"]
    for candidate in forged:
        response = client.post(calendar.url + calendar.reverse_subpage("cancel", args=[candidate]))
        assert response.status_code == 404
        assert "pas valable" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_more_places_given_in_the_admin_promote_who_waits(client, editor, django_capture_on_commit_callbacks):
    event = WorkshopFactory(capacity=1)
    RegistrationFactory(event=event, adults=1, children=0)
    waiting = RegistrationFactory(event=event, adults=1, children=0, status="waiting", email="attente@example.org")
    client.force_login(editor)
    url = f"/admin/snippets/resources/event/edit/{event.pk}/"
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data.update({
        "kind": event.kind, "audience": event.audience, "title": event.title, "description": event.description,
        "start": timezone.localtime(event.start).strftime("%Y-%m-%d %H:%M"),
        "end": timezone.localtime(event.end).strftime("%Y-%m-%d %H:%M"), "venue": event.venue_id,
        "capacity": "2", "registration_open": "on", "walk_in_adults": "0", "walk_in_children": "0",
        "synthesis": "", "vignettes": [], "facilitators": [],
    })
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert [m.to for m in mail.outbox] == [["attente@example.org"]]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_registrations_never_overbook(network_site):
    """Twelve parents send the form at the same instant for five places (PostgreSQL: the
    event's row lock decides them one after the other)."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's shared in-memory test database fails a second writer at once; PostgreSQL runs this")
    from resources.factories import calendar_site

    calendar = calendar_site(network_site["home"])
    event = WorkshopFactory(capacity=5)
    url = event_url(calendar, event)
    barrier = threading.Barrier(12)
    statuses = []

    def send(number):
        try:
            client = Client(REMOTE_ADDR=f"10.0.0.{number + 1}")  # twelve families, twelve addresses
            barrier.wait()
            response = client.post(url, {**FORM, "name": f"Parent {number}", "email": f"p{number}@example.org",
                                         "children": "0"})
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * 12
    assert Registration.objects.filter(status="confirmed").count() == 5
    assert Registration.objects.filter(status="waiting").count() == 7
    assert rules.confirmed_places(event) == 5


# --- Members and the network's meetings ---------------------------------------------------

@pytest.fixture
def prorencontre():
    return EventFactory(kind=Event.Kind.PRORENCONTRE, title="Prorencontre d'hiver", capacity=2,
                        start=timezone.now() + datetime.timedelta(days=20))


def test_a_current_member_registers_to_a_meeting_from_mon_espace(client, reader, prorencontre, calendar):
    client.force_login(reader)
    page = client.get("/reseau/mon-espace/agenda/")
    assert page.status_code == 200 and "Prorencontre d'hiver" in text(page)
    assert "no-store" in page["Cache-Control"]
    client.post(f"/reseau/mon-espace/agenda/{prorencontre.pk}/inscription/")
    registration = reader.event_registrations.get()
    assert registration.status == "confirmed" and registration.name == ""  # their account says who they are
    client.post(f"/reseau/mon-espace/agenda/{prorencontre.pk}/inscription/")
    assert reader.event_registrations.count() == 1  # not twice
    client.post(f"/reseau/mon-espace/agenda/{prorencontre.pk}/desinscription/")
    registration.refresh_from_db()
    assert registration.status == "cancelled"


@pytest.mark.parametrize("who", ["lapsed", "member"])
def test_only_current_members_register_to_meetings(client, request, who, prorencontre):
    person = request.getfixturevalue(who)
    client.force_login(person)
    assert "réservée aux membres dont l'adhésion est à jour" in text(client.get("/reseau/mon-espace/agenda/"))
    assert client.post(f"/reseau/mon-espace/agenda/{prorencontre.pk}/inscription/").status_code == 403
    assert not Registration.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, prorencontre):
    response = client.post(f"/reseau/mon-espace/agenda/{prorencontre.pk}/inscription/")
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]


def test_a_member_promoted_from_the_waiting_list_is_emailed(client, reader, prorencontre, django_capture_on_commit_callbacks):
    others = [UserFactory(groups=["Members"]) for _ in range(2)]
    for other in others:
        current_membership(other)
        rules.register(prorencontre, name="", user=other)
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reseau/mon-espace/agenda/{prorencontre.pk}/inscription/")
    assert reader.event_registrations.get().status == "waiting"
    (waiting,) = mail.outbox
    assert waiting.to == [reader.email] and waiting.body.startswith(f"Bonjour {reader.first_name},")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rules.cancel(others[0].event_registrations.get())
    assert reader.event_registrations.get().status == "confirmed"
    (message,) = mail.outbox
    assert message.to == [reader.email] and "Une place s'est libérée" in message.subject
    assert message.body.startswith(f"Bonjour {reader.first_name},")
    assert "/annulation/" not in message.body  # members act from Mon espace


# --- Attendance -------------------------------------------------------------------------------

def test_facilitators_see_registrants_and_mark_attendance(client, reader, editor, member):
    other_member = UserFactory(email="CANARYMEMBERMAIL@example.org", groups=["Members"])
    event = WorkshopFactory(start=timezone.now() - datetime.timedelta(hours=1))
    event.facilitators.add(reader)
    came = RegistrationFactory(event=event, name="Alice Venue", adults=1, children=2)
    absent = RegistrationFactory(event=event, name="Bob Absent")
    RegistrationFactory(event=event, user=other_member, name="", email="")
    url = f"/reseau/mon-espace/agenda/{event.pk}/presences/"
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(reader)
    page = client.get(url)
    assert "Alice Venue" in page.content.decode() and "no-store" in page["Cache-Control"]
    assert "CANARYMEMBERMAIL" not in page.content.decode()  # a member's address is not for other members
    response = client.post(url, {f"attended-{came.pk}": "present", f"attended-{absent.pk}": "absent",
                                 "walk_in_adults": "2", "walk_in_children": "1"})
    assert response.status_code == 302
    came.refresh_from_db(), absent.refresh_from_db(), event.refresh_from_db()
    assert (came.attended, absent.attended, event.walk_in_adults, event.walk_in_children) == (True, False, 2, 1)
    assert "Présent·es : 3 adultes, 3 enfants." in client.get(url).content.decode()
    response = client.post(url, {"walk_in_adults": "beaucoup"})
    assert "nombres entiers" in response.content.decode()
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_attendance_is_marked_only_once_the_event_has_begun(client, reader):
    event = WorkshopFactory()
    event.facilitators.add(reader)
    registration = RegistrationFactory(event=event)
    client.force_login(reader)
    client.post(f"/reseau/mon-espace/agenda/{event.pk}/presences/", {f"attended-{registration.pk}": "present"})
    registration.refresh_from_db()
    assert registration.attended is None


# --- Reminders and erasure (the worker's daily jobs) ------------------------------------------

def test_reminders_go_the_day_before_to_confirmed_registrants_once(calendar, django_capture_on_commit_callbacks):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(10, 0)))
    event = WorkshopFactory(start=start, end=start + datetime.timedelta(hours=2))
    RegistrationFactory(event=event, email="confirmee@example.org")
    RegistrationFactory(event=event, email="attente@example.org", status="waiting")
    RegistrationFactory(event=WorkshopFactory(), email="plus-tard@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert rules.send_reminders() == 1
        assert rules.send_reminders() == 0  # the job run twice reminds nobody twice
    (message,) = mail.outbox
    assert message.to == ["confirmee@example.org"] and "Rappel" in message.subject and "/annulation/" in message.body


def test_registrants_data_is_erased_after_the_retention_period_keeping_the_numbers(settings, reader):
    settings.EVENT_REGISTRANTS_RETENTION_DAYS = 30
    old = WorkshopFactory(start=timezone.now() - datetime.timedelta(days=31))
    recent = WorkshopFactory(start=timezone.now() - datetime.timedelta(days=10))
    parent = RegistrationFactory(event=old, name="Claire CANARY", phone="0612345678", needs="poussette",
                                 adults=2, children=1, attended=True)
    token = rules.cancel_token(parent)
    member_registration = RegistrationFactory(event=old, user=reader, name="", email="")
    kept = RegistrationFactory(event=recent, name="Récente")
    assert rules.erase_past_registrants() == 1
    parent.refresh_from_db(), kept.refresh_from_db(), member_registration.refresh_from_db(), old.refresh_from_db()
    assert (parent.name, parent.email, parent.phone, parent.needs) == ("", "", "", "")
    assert (parent.adults, parent.children, parent.attended, parent.status) == (2, 1, True, "confirmed")
    assert parent.erased_at is not None and old.registrants_erased_at is not None
    assert rules.registration_for_token(token) is None  # the old cancel link is dead
    assert kept.name == "Récente"
    assert member_registration.user == reader  # a member's participation stays with their membership
    assert rules.erase_past_registrants() == 0


def test_the_schedules_exist():
    from django_q.models import Schedule

    funcs = set(Schedule.objects.values_list("func", flat=True))
    assert {"resources.registrations.send_reminders", "resources.registrations.erase_past_registrants"} <= funcs


def test_the_member_data_export_includes_their_registrations(client, reader, prorencontre):
    rules.register(prorencontre, name="", user=reader)
    client.force_login(reader)
    data = client.get("/reseau/mon-espace/mes-donnees.json").json()
    assert data["event_registrations"][0]["event"] == "Prorencontre d'hiver"


def test_demo_events(network_site, calendar, django_capture_on_commit_callbacks):
    from network.demo import create_demo_members
    from resources.demo import create_demo_events, create_demo_library
    from resources.factories import library_site

    library_site(network_site["home"], network_site["network"])
    with django_capture_on_commit_callbacks(execute=True):
        create_demo_members("demo-password")
        create_demo_library()
        assert create_demo_events() == 6  # four discussion times, two workshops
        assert create_demo_events() == 0  # made once
    workshop = Event.objects.get(title="Atelier parents-enfants : jeux et comptines")
    assert rules.places_left(workshop) == 0
    assert workshop.registrations.filter(status="waiting").count() == 1
    assert Event.objects.get(kind=Event.Kind.COMMISSION).audience == Event.Audience.COMMISSION
    series = Event.objects.filter(title__startswith="Temps d'échange").order_by("start")
    assert series.count() == 4 and len({event.series_id for event in series}) == 1
    from accounts.models import User

    marie = User.objects.get(username="membre")
    assert marie.event_registrations.filter(attended=True).count() == 1


# --- Series -----------------------------------------------------------------------------------

def test_an_editor_creates_a_series_of_discussion_times(client, editor):
    from django.urls import reverse

    from resources.factories import VenueFactory

    venue = VenueFactory()
    client.force_login(editor)
    response = client.post(reverse("wagtailsnippets_resources_event:add"), {
        "kind": "discussion", "title": "Temps d'échange du mardi", "description": "",
        "start": "2026-03-17 10:00", "end": "2026-03-17 11:30", "venue": venue.pk, "capacity": "12",
        "registration_open": "on", "repeat": "fortnightly", "occurrences": "3", "synthesis": "",
    })
    assert response.status_code == 302
    occurrences = list(Event.objects.order_by("start"))
    assert len(occurrences) == 3 and len({event.series_id for event in occurrences}) == 1
    local = [timezone.localtime(event.start) for event in occurrences]
    # Summer time begins on 29 March 2026; the discussion time stays at 10:00 in Paris.
    assert [(moment.date().isoformat(), moment.hour) for moment in local] == [
        ("2026-03-17", 10), ("2026-03-31", 10), ("2026-04-14", 10)]
    assert all(event.audience == "public" and event.capacity == 12 for event in occurrences)
    assert all(timezone.localtime(event.end).time() == datetime.time(11, 30) for event in occurrences)


def test_a_repetition_needs_its_number_of_occurrences(client, editor):
    from django.urls import reverse

    client.force_login(editor)
    response = client.post(reverse("wagtailsnippets_resources_event:add"), {
        "kind": "discussion", "title": "Sans nombre", "start": "2026-03-17 10:00", "repeat": "weekly",
        "synthesis": "",
    })
    assert response.status_code == 200
    assert "Indiquez combien d&#x27;occurrences créer" in response.content.decode() or \
        "Indiquez combien d'occurrences créer" in text(response)
    assert not Event.objects.exists()


def test_monthly_occurrences_keep_the_weekday_of_the_week():
    from resources.events import occurrence_starts

    first = timezone.make_aware(datetime.datetime(2026, 1, 13, 18, 0))  # the second Tuesday
    starts = [timezone.localtime(start) for start in occurrence_starts(first, "monthly", 4)]
    assert [moment.date().isoformat() for moment in starts] == ["2026-01-13", "2026-02-10", "2026-03-10", "2026-04-14"]
    assert {moment.hour for moment in starts} == {18}
    fifth = timezone.make_aware(datetime.datetime(2026, 3, 31, 18, 0))  # a fifth Tuesday
    assert timezone.localtime(occurrence_starts(fifth, "monthly", 2)[1]).date().isoformat() == "2026-04-28"


def test_a_commission_meeting_is_for_the_commission_only_and_takes_no_registration():
    from django.core.exceptions import ValidationError

    meeting = Event(kind=Event.Kind.COMMISSION, title="Commission", start=timezone.now(), audience="public")
    with pytest.raises(ValidationError):
        meeting.full_clean()
    meeting.audience = "commission"
    meeting.full_clean()
    assert meeting.registration_open is False


# --- Who sees an event's page -------------------------------------------------------------------

@pytest.mark.parametrize("who, sees", [
    (None, {"public"}), ("member", {"public"}), ("lapsed", {"public"}), ("reader", {"public", "members"}),
    ("commission_member", {"public", "members", "commission"}), ("editor", {"public", "members", "commission"}),
])
def test_an_event_page_shows_only_to_its_audience(client, request, calendar, who, sees):
    if who:
        client.force_login(request.getfixturevalue(who))
    shown = {
        "public": WorkshopFactory(title="Atelier CANARYPUBLIC"),
        "members": EventFactory(kind=Event.Kind.INTERVISION, title="Intervision CANARYMEMBRES",
                                start=timezone.now() + datetime.timedelta(days=3)),
        "commission": EventFactory(kind=Event.Kind.COMMISSION, title="Commission CANARYCOMMISSION",
                                   registration_open=False, start=timezone.now() + datetime.timedelta(days=3)),
    }
    for audience, event in shown.items():
        response = client.get(event_url(calendar, event))
        if audience in sees:
            assert response.status_code == 200 and event.title in text(response)
            if audience != "public":
                assert "no-store" in response["Cache-Control"]
        else:
            assert response.status_code == 404 and event.title not in text(response)
        assert client.get(event_url(calendar, event, "registered")).status_code == (200 if audience in sees else 404)
    # Events are not pages: nothing of them in the site search, the sitemap or the APIs.
    for url in ("/recherche/?q=Intervision", "/sitemap.xml", "/api/v2/pages/?search=Intervision",
                "/api/v2/pages/?fields=*"):
        body = text(client.get(url))
        assert "CANARYMEMBRES" not in body and "CANARYCOMMISSION" not in body


def test_no_registration_form_for_members_events(client, reader, calendar):
    event = EventFactory(kind=Event.Kind.PRORENCONTRE, start=timezone.now() + datetime.timedelta(days=3))
    client.force_login(reader)
    response = client.post(event_url(calendar, event), FORM)
    assert "S'inscrire depuis Mon espace" in text(response)
    assert not Registration.objects.exists()


def test_the_attendance_page_is_closed_to_others(client, reader, lapsed, commission_member):
    event = WorkshopFactory(start=timezone.now() - datetime.timedelta(hours=1))
    RegistrationFactory(event=event, name="CANARYPARENT")
    url = f"/reseau/mon-espace/agenda/{event.pk}/presences/"
    assert client.get(url).status_code == 302  # anonymous: log in
    for person in (reader, lapsed, commission_member):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 403 and "CANARYPARENT" not in text(response)


def test_the_calendar_page_type_rules():
    from home.models import HomePage, StandardPage
    from resources.models import EventCalendarPage

    assert EventCalendarPage.allowed_parent_page_models() == [HomePage]
    assert EventCalendarPage.allowed_subpage_models() == []
    assert StandardPage not in EventCalendarPage.allowed_parent_page_models()


# --- After the review ----------------------------------------------------------------------------

def test_the_library_shows_the_network_s_meetings_only(client, reader, library):
    commission = EventFactory(kind=Event.Kind.COMMISSION, title="Commission CANARYCOMMISSION", registration_open=False)
    workshop = WorkshopFactory(title="Atelier CANARYATELIER")
    intervision = EventFactory(title="Intervision visible")
    client.force_login(reader)
    page = text(client.get(library.url))
    assert "Intervision visible" in page and "CANARYCOMMISSION" not in page and "CANARYATELIER" not in page
    for event in (commission, workshop):
        assert client.get(library.url + library.reverse_subpage("meeting", args=[event.pk])).status_code == 404
        assert client.get(library.url + library.reverse_subpage("synthesis_document", args=[event.pk])).status_code == 404
    assert client.get(library.url + library.reverse_subpage("meeting", args=[intervision.pk])).status_code == 200


def test_a_lapsed_facilitator_no_longer_sees_the_registrants(client, lapsed, member):
    event = WorkshopFactory(start=timezone.now() - datetime.timedelta(hours=1))
    RegistrationFactory(event=event, name="CANARYPARENT")
    intervision = EventFactory(title="Intervision CANARYINTERVISION", start=timezone.now() + datetime.timedelta(days=2))
    for person in (lapsed, member):
        event.facilitators.add(person)
        intervision.facilitators.add(person)
        client.force_login(person)
        response = client.get(f"/reseau/mon-espace/agenda/{event.pk}/presences/")
        assert response.status_code == 403 and "CANARYPARENT" not in text(response)
        assert "CANARYINTERVISION" not in text(client.get("/reseau/mon-espace/agenda/"))


def test_series_and_e_mails_keep_paris_time_whatever_the_editor_s_time_zone(calendar, django_capture_on_commit_callbacks):
    from resources.events import occurrence_starts

    first = timezone.make_aware(datetime.datetime(2026, 3, 17, 10, 0))
    with timezone.override("UTC"):  # an editor who chose UTC in their admin account
        starts = occurrence_starts(first, "fortnightly", 3)
    assert {timezone.localtime(start).hour for start in starts} == {10}
    event = WorkshopFactory(start=timezone.now() + datetime.timedelta(days=3))
    event.start = event.start.replace(hour=9, minute=0)  # 10:00 or 11:00 in Paris
    event.save()
    with django_capture_on_commit_callbacks(execute=True), timezone.override("America/New_York"):
        rules.register(event, name="Nina", email="nina@example.org")
    paris = timezone.localtime(event.start).strftime("%H:%M")
    assert f"à {paris}" in mail.outbox[0].body


def test_a_registration_cannot_be_cancelled_once_the_event_has_begun(calendar, client):
    event = WorkshopFactory(start=timezone.now() - datetime.timedelta(minutes=10))
    registration = RegistrationFactory(event=event)
    link = calendar.url + calendar.reverse_subpage("cancel", args=[rules.cancel_token(registration)])
    response = client.post(link)
    assert "Cet événement a commencé" in text(response)
    assert rules.cancel(registration) is False
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_a_wrong_walk_in_number_keeps_the_marks_and_what_was_typed(client, reader):
    event = WorkshopFactory(start=timezone.now() - datetime.timedelta(hours=1))
    event.facilitators.add(reader)
    came = RegistrationFactory(event=event)
    client.force_login(reader)
    response = client.post(f"/reseau/mon-espace/agenda/{event.pk}/presences/",
                           {f"attended-{came.pk}": "present", "walk_in_adults": "deux", "walk_in_children": "1"})
    assert "les présences sont enregistrées, corrigez ces nombres" in text(response)
    assert 'value="deux"' in text(response)
    came.refresh_from_db()
    assert came.attended is True


def test_a_form_sent_back_with_errors_is_never_cached(calendar, client):
    event = WorkshopFactory()
    response = client.post(event_url(calendar, event), {**FORM, "email": "pas-une-adresse"})
    assert "no-store" in response["Cache-Control"]
    assert "no-store" not in client.get(event_url(calendar, event)).get("Cache-Control", "")


def test_a_lapsed_member_is_not_told_about_a_members_meeting(prorencontre, lapsed, django_capture_on_commit_callbacks):
    holder = UserFactory(groups=["Members"])
    current_membership(holder)
    prorencontre.capacity = 1
    prorencontre.save()
    first = rules.register(prorencontre, name="", user=holder)
    Registration.objects.create(event=prorencontre, user=lapsed, status="waiting", position=9, secret="x" * 32)
    with django_capture_on_commit_callbacks(execute=True):
        rules.cancel(first)
    assert not [m for m in mail.outbox if lapsed.email in m.to]


def test_the_admin_gives_a_meeting_its_only_possible_audience(client, editor):
    from django.urls import reverse

    client.force_login(editor)
    response = client.post(reverse("wagtailsnippets_resources_event:add"), {
        "kind": "prorencontre", "audience": "public", "title": "Prorencontre de printemps",
        "start": "2026-04-02 18:30", "synthesis": "",
    })
    assert response.status_code == 302
    assert Event.objects.get().audience == Event.Audience.MEMBERS


def test_too_many_registrations_from_one_address_are_refused_and_kept(calendar, client, django_capture_on_commit_callbacks):
    event = WorkshopFactory(capacity=50)
    for number in range(10):
        register(client, calendar, event, django_capture_on_commit_callbacks, email=f"p{number}@example.org",
                 children="0")
    response = client.post(event_url(calendar, event), {**FORM, "name": "Onzième"})
    assert "Trop d'inscriptions ont été envoyées" in text(response)
    assert 'value="Onzième"' in text(response)
    assert Registration.objects.count() == 10


def test_registrants_are_told_when_an_event_moves_or_is_deleted(calendar, client, editor, reader,
                                                               django_capture_on_commit_callbacks):
    from django.urls import reverse

    event = WorkshopFactory(capacity=1)
    RegistrationFactory(event=event, email="inscrite@example.org", name="Inès")
    RegistrationFactory(event=event, email="attente@example.org", status="waiting")
    RegistrationFactory(event=event, email="partie@example.org", status="cancelled")
    client.force_login(editor)
    url = reverse("wagtailsnippets_resources_event:edit", args=[event.pk])
    moved = timezone.localtime(event.start) + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {
            "kind": event.kind, "audience": event.audience, "title": event.title, "description": "",
            "start": moved.strftime("%Y-%m-%d %H:%M"), "end": "", "venue": event.venue_id, "capacity": "1",
            "registration_open": "on", "synthesis": "",
        })
    assert response.status_code == 302
    changed = sorted(m.to[0] for m in mail.outbox if "Changement de date ou de lieu" in m.subject)
    assert changed == ["attente@example.org", "inscrite@example.org"]
    assert moved.strftime("%H:%M") in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailsnippets_resources_event:delete", args=[event.pk]))
    assert response.status_code == 302 and not Event.objects.filter(pk=event.pk).exists()
    cancelled = sorted(m.to[0] for m in mail.outbox if "Événement annulé" in m.subject)
    assert cancelled == ["attente@example.org", "inscrite@example.org"]
    assert "n'aura pas lieu" in mail.outbox[0].body and "/annulation/" not in mail.outbox[0].body


def test_a_past_event_deleted_tells_nobody(django_capture_on_commit_callbacks):
    event = WorkshopFactory(start=timezone.now() - datetime.timedelta(days=40))
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        event.delete()
    assert mail.outbox == []


def test_french_plurals_on_the_attendance_page(client, reader):
    event = WorkshopFactory(start=timezone.now() - datetime.timedelta(hours=1))
    event.facilitators.add(reader)
    came = RegistrationFactory(event=event, adults=1, children=0)
    client.force_login(reader)
    client.post(f"/reseau/mon-espace/agenda/{event.pk}/presences/", {f"attended-{came.pk}": "present"})
    page = text(client.get(f"/reseau/mon-espace/agenda/{event.pk}/presences/"))
    assert "Présent·es : 1 adulte, 0 enfant." in page  # French: 0 and 1 are singular
    assert "0 annulation." in page
