"""The public calendar ("Agenda": list and month view) and its iCalendar feeds.

Who sees what: public events for everyone; the network's meetings also for current members,
the commission and editors; the commission's meetings for the commission and editors. A
member without membership, or whose membership ended yesterday, sees public events only.
Registrants never appear anywhere here."""

import datetime
import re
import zoneinfo

import pytest
from django.utils import timezone

from accounts.factories import UserFactory
from resources import calendar as calendar_rules
from resources import ical
from resources.factories import EventFactory, RegistrationFactory, VenueFactory, WorkshopFactory
from resources.models import CalendarFeedKey, Event

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
WHO = [None, "member", "lapsed", "reader", "commission_member", "editor"]
SEES = {
    None: {"public"},
    "member": {"public"},
    "lapsed": {"public"},
    "reader": {"public", "members"},
    "commission_member": {"public", "members", "commission"},
    "editor": {"public", "members", "commission"},
}
CANARIES = ("CANARYNAME", "canary-registrant@example.org", "0612345678")


def test_ical_addresses_are_served(client, calendar, reader, events):
    for path in (calendar.reverse_subpage("public_feed"),
                 calendar.reverse_subpage("event_ics", args=[events["public"].pk]),
                 calendar.reverse_subpage("private_feed", kwargs={"token": calendar_rules.feed_token(reader)})):
        response = client.get(calendar.url + path)
        assert response.status_code == 200, path
        assert response["Content-Type"] == "text/calendar; charset=utf-8"


def login(client, request, who):
    if who is None:
        return None
    user = request.getfixturevalue(who)
    client.force_login(user)
    return user


def in_days(days, hour=18, minute=0):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def assert_private(response):
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def body(response):
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


@pytest.fixture
def events(calendar):
    """One upcoming event per audience (titles name their audience), a past one, and
    registrants with canary personal data."""
    public = WorkshopFactory(title="Atelier PUBLICEVENT", start=in_days(3, 10), end=in_days(3, 12))
    members = EventFactory(kind=Event.Kind.INTERVISION, title="Intervision MEMBERSEVENT", start=in_days(4))
    commission = EventFactory(kind=Event.Kind.COMMISSION, title="Réunion COMMISSIONEVENT", start=in_days(5),
                              registration_open=False)
    past = WorkshopFactory(title="Atelier PASTEVENT", start=in_days(-20, 10), end=in_days(-20, 12))
    for event in (public, members):
        RegistrationFactory(event=event, name="Zoé CANARYNAME", email="canary-registrant@example.org",
                            phone="0612345678", needs="allergie CANARYNEEDS")
    return {"public": public, "members": members, "commission": commission, "past": past}


def shown(text, events):
    return {audience for audience, marker in (("public", "PUBLICEVENT"), ("members", "MEMBERSEVENT"),
                                              ("commission", "COMMISSIONEVENT")) if marker in text}


def month_url(calendar, year, month):
    return calendar.url + calendar.reverse_subpage("month", kwargs={"year": year, "month": month})


def unfold(text):
    return text.replace("\r\n ", "")


def parse(text):
    """Check the format (CRLF, folding, BEGIN/END nesting) and return the VEVENTs as dicts
    of property name -> raw value."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, line
    stack, found, current = [], [], None
    for line in unfold(text)[:-2].split("\r\n"):
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                found.append(current)
                current = None
        elif current is not None:
            current[name.split(";")[0]] = value
    assert stack == []
    return found


# List ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", WHO)
def test_list_shows_the_events_each_person_may_see(client, request, who, calendar, events):
    login(client, request, who)
    response = client.get(calendar.url)
    assert response.status_code == 200
    text = body(response)
    assert shown(text, events) == SEES[who]
    assert "PASTEVENT" not in text
    for canary in CANARIES + ("CANARYNEEDS",):
        assert canary not in text
    assert calendar.reverse_subpage("event", args=[events["public"].pk]) in text
    if who is None:
        assert "no-store" not in response.get("Cache-Control", "")
        assert "/reseau/mon-espace/agenda/flux/" not in text
    else:
        assert_private(response)
        assert "/reseau/mon-espace/agenda/flux/" in text
    assert calendar.reverse_subpage("public_feed") in text


def test_list_is_soonest_first_and_shows_places_left_and_audience(client, reader, calendar, events):
    later = WorkshopFactory(title="Atelier LATER", start=in_days(30), capacity=2)
    RegistrationFactory(event=later, adults=1, children=1)
    client.force_login(reader)
    text = body(client.get(calendar.url))
    assert text.index("PUBLICEVENT") < text.index("MEMBERSEVENT") < text.index("Atelier LATER")
    assert "8 places restantes" in text  # 10 places, one adult and one child registered
    assert "Complet" in text  # LATER is full
    assert "Réservé aux membres du réseau" in text


def test_list_times_are_in_paris(client, calendar):
    # 08:30 UTC in summer is 10 h 30 in Paris (French typography: non-breaking spaces, "1er").
    year = timezone.localdate().year + 1
    WorkshopFactory(title="Atelier ETE", start=datetime.datetime(year, 7, 1, 8, 30, tzinfo=datetime.timezone.utc),
                    end=None)
    text = body(client.get(calendar.url))
    assert "10\u00a0h\u00a030" in text and f"1er\u00a0juillet {year}" in text


def test_kind_filter(client, editor, calendar, events):
    EventFactory(kind=Event.Kind.DISCUSSION, title="Temps DISCUSSIONEVENT", start=in_days(6),
                 audience=Event.Audience.PUBLIC)
    text = body(client.get(calendar.url, {"type": "discussion"}))
    assert "DISCUSSIONEVENT" in text and "PUBLICEVENT" not in text
    assert 'value="discussion" selected' in text
    # Unknown values, and kinds the visitor may not see, are ignored: everything public shows.
    for value in ("nonsense", "commission", "<script>"):
        text = body(client.get(calendar.url, {"type": value}))
        assert "DISCUSSIONEVENT" in text and "PUBLICEVENT" in text and "COMMISSIONEVENT" not in text
        assert "<script>" not in text
    client.force_login(editor)
    text = body(client.get(calendar.url, {"type": "commission"}))
    assert shown(text, events) == {"commission"}


def test_list_is_paginated(client, calendar):
    for number in range(25):
        WorkshopFactory(title=f"Atelier numéro {number:02d}", start=in_days(1 + number))
    first = body(client.get(calendar.url))
    assert "Atelier numéro 19" in first and "Atelier numéro 20" not in first
    assert "page=2" in first
    second = body(client.get(calendar.url, {"page": 2}))
    assert "Atelier numéro 24" in second and "Atelier numéro 19" not in second
    assert client.get(calendar.url, {"page": "abc"}).status_code == 200


# Month ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", WHO)
def test_month_shows_the_events_each_person_may_see(client, request, who, calendar, events):
    login(client, request, who)
    year, month = timezone.localdate().year, timezone.localdate().month
    texts = []
    for event in (events["public"], events["members"], events["commission"]):
        start = timezone.localtime(event.start)
        response = client.get(month_url(calendar, start.year, start.month))
        assert response.status_code == 200
        texts.append(body(response))
        if who is not None:
            assert_private(response)
    text = "".join(texts)
    assert shown(text, events) == SEES[who]
    for canary in CANARIES:
        assert canary not in text
    assert "<table" in text and "<caption" in text and '<th scope="col">Lundi</th>' in text
    assert month_url(calendar, year, month) in text


def test_month_boundaries_are_in_paris_time(client, calendar):
    year = timezone.localdate().year + 1
    # 23:30 in Paris on 31 January is 22:30 UTC; 00:30 in Paris on 1 February is still 31 January in UTC.
    EventFactory(kind=Event.Kind.WORKSHOP, audience=Event.Audience.PUBLIC, title="Fin JANVIER",
                 start=datetime.datetime(year, 1, 31, 23, 30, tzinfo=PARIS), end=None)
    EventFactory(kind=Event.Kind.WORKSHOP, audience=Event.Audience.PUBLIC, title="Début FEVRIER",
                 start=datetime.datetime(year, 2, 1, 0, 30, tzinfo=PARIS), end=None)
    EventFactory(kind=Event.Kind.WORKSHOP, audience=Event.Audience.PUBLIC, title="Fin MARS",
                 start=datetime.datetime(year, 3, 31, 23, 30, tzinfo=PARIS), end=None)  # after the DST change
    january = body(client.get(month_url(calendar, year, 1)))
    february = body(client.get(month_url(calendar, year, 2)))
    march = body(client.get(month_url(calendar, year, 3)))
    assert "JANVIER" in january and "FEVRIER" not in january
    assert "FEVRIER" in february and "JANVIER" not in february
    assert "Fin MARS" in march and "23\u00a0h\u00a030" in march
    # On its day's cell: the 31st.
    cell = re.search(r'<td class="has-events".*?</td>', january, re.S).group(0)
    assert "31 janvier" in cell and "23\u00a0h\u00a030" in cell and "JANVIER" in cell


def test_month_navigation_and_kind_filter(client, calendar):
    year = timezone.localdate().year
    text = body(client.get(month_url(calendar, year, 1), {"type": "workshop"}))
    assert month_url(calendar, year - 1, 12) + "?type=workshop" in text
    assert month_url(calendar, year, 2) + "?type=workshop" in text
    text = body(client.get(month_url(calendar, year, 12)))
    assert month_url(calendar, year + 1, 1) in text


@pytest.mark.parametrize("path", ["mois/2026-13/", "mois/2026-0/", "mois/2026-00/", "mois/1999-05/", "mois/9999-01/",
                                  "mois/2026-1x/"])
def test_invalid_month_is_404(client, calendar, path):
    assert client.get(calendar.url + path).status_code == 404


# Feeds -------------------------------------------------------------------------------------


def test_public_feed_content_and_format(client, calendar, events):
    venue = VenueFactory(name="Salle; des, fêtes", address="1 rue de l'Église")
    tricky = WorkshopFactory(
        title="Atelier, portage; et \\ massage", venue=venue, start=in_days(8, 10), end=None,
        description="Première ligne\nDeuxième ligne avec des accents : éèàçù " + "très long " * 20,
    )
    response = client.get(calendar.url + calendar.reverse_subpage("public_feed"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = body(response)
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    for line in ("VERSION:2.0", "PRODID:", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:"):
        assert f"\r\n{line}" in unfold(text)
    vevents = parse(text)
    titles = [vevent["SUMMARY"] for vevent in vevents]
    assert "Atelier PUBLICEVENT" in titles and "Atelier PASTEVENT" in titles  # 20 days ago: kept for 60 days
    assert not any("MEMBERSEVENT" in title or "COMMISSIONEVENT" in title for title in titles)
    for canary in CANARIES + ("CANARYNEEDS",):
        assert canary not in text
    item = next(vevent for vevent in vevents if vevent["UID"] == f"event-{tricky.pk}@localhost")
    assert item["SUMMARY"] == "Atelier\\, portage\\; et \\\\ massage"
    assert item["LOCATION"].startswith("Salle\\; des\\, fêtes\\, 1 rue de l'Église\\, 31300 Toulouse")
    assert item["DESCRIPTION"].startswith("Première ligne\\nDeuxième ligne avec des accents : éèàçù très long")
    assert item["DESCRIPTION"].endswith(f"/agenda/{tricky.pk}/")
    assert item["URL"] == f"http://localhost/agenda/{tricky.pk}/"
    start = tricky.start.astimezone(datetime.timezone.utc)
    assert item["DTSTART"] == start.strftime("%Y%m%dT%H%M%SZ")
    assert item["DTEND"] == (start + datetime.timedelta(hours=2)).strftime("%Y%m%dT%H%M%SZ")
    assert item["CLASS"] == "PUBLIC" and item["CATEGORIES"] == "Atelier parents-enfants"
    assert re.fullmatch(r"\d{8}T\d{6}Z", item["DTSTAMP"])
    assert any(line.startswith(" ") for line in text.split("\r\n"))  # the long description is folded


def test_public_feed_leaves_out_events_older_than_60_days(client, calendar):
    WorkshopFactory(title="Atelier ANCIEN", start=in_days(-70))
    WorkshopFactory(title="Atelier RECENT", start=in_days(-50))
    text = unfold(body(client.get(calendar.url + "ical/")))
    assert "RECENT" in text and "ANCIEN" not in text


def test_fold_never_cuts_a_character():
    for text in ("é" * 200, "a" + "😀" * 100, "x" * 75, "x" * 76, "ab€" * 60):
        lines = ical.fold("DESCRIPTION:" + text)
        assert all(len(line.encode("utf-8")) <= 75 for line in lines)
        assert all(line.startswith(" ") for line in lines[1:])
        assert "".join(line[1:] if n else line for n, line in enumerate(lines)) == "DESCRIPTION:" + text
    assert ical.escape_text("a\\b;c,d\r\ne\rf\x00g") == "a\\\\b\\;c\\,d\\ne\\nfg"


def private_feed_path(calendar, user):
    return calendar.url + calendar.reverse_subpage("private_feed", kwargs={"token": calendar_rules.feed_token(user)})


@pytest.mark.parametrize("who", WHO[1:])
def test_private_feed_per_audience(client, request, who, calendar, events):
    user = request.getfixturevalue(who)
    response = client.get(private_feed_path(calendar, user))  # no session: the token alone
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert_private(response)
    assert "noindex" in response["X-Robots-Tag"]
    text = body(response)
    vevents = parse(text)
    assert shown(text, events) == SEES[who]
    for canary in CANARIES + ("CANARYNEEDS",):
        assert canary not in text
    classes = {vevent["SUMMARY"]: vevent["CLASS"] for vevent in vevents}
    assert classes["Atelier PUBLICEVENT"] == "PUBLIC"
    if "members" in SEES[who]:
        assert classes["Intervision MEMBERSEVENT"] == "PRIVATE"


def test_private_feed_follows_the_membership_at_request_time(client, reader, calendar, events):
    from network.models import Membership

    path = private_feed_path(calendar, reader)
    assert "MEMBERSEVENT" in body(client.get(path))
    Membership.objects.filter(user=reader).update(end_date=timezone.localdate() - datetime.timedelta(days=1))
    text = body(client.get(path))
    assert "PUBLICEVENT" in text and "MEMBERSEVENT" not in text


def test_feed_token_is_not_the_stored_nonce(reader):
    token = calendar_rules.feed_token(reader)
    nonce = CalendarFeedKey.objects.get(user=reader).nonce
    assert nonce not in token
    assert token == calendar_rules.feed_token(reader)  # stable until reset
    assert calendar_rules.user_for_token(token) == reader


def test_forged_and_malformed_tokens_are_404(client, reader, editor, calendar, events):
    token = calendar_rules.feed_token(reader)
    calendar_rules.feed_token(editor)
    digest = token.split("-", 1)[1]
    forged = [
        f"{editor.pk}-{digest}",  # someone else's digest with the editor's id
        f"{reader.pk}-{'0' * 32}",
        f"{reader.pk}-{digest[:-1]}",
        f"{reader.pk}-{digest.upper()}",
        digest,
        "nothing",
        f"99999-{digest}",
        f"-{digest}",
    ]
    for value in forged:
        path = calendar.url + calendar.reverse_subpage("private_feed", kwargs={"token": value})
        assert client.get(path).status_code == 404, value
        assert calendar_rules.user_for_token(value) is None


def test_inactive_users_feed_is_404(client, reader, calendar):
    path = private_feed_path(calendar, reader)
    reader.is_active = False
    reader.save()
    assert client.get(path).status_code == 404


# Event .ics --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", WHO)
def test_event_ics_access(client, request, who, calendar, events):
    login(client, request, who)
    for audience in ("public", "members", "commission"):
        event = events[audience]
        response = client.get(calendar.url + calendar.reverse_subpage("event_ics", args=[event.pk]))
        if audience in SEES[who]:
            assert response.status_code == 200, audience
            assert response["Content-Type"] == "text/calendar; charset=utf-8"
            assert response["Content-Disposition"].startswith("attachment;")
            assert ".ics" in response["Content-Disposition"]
            text = body(response)
            [vevent] = parse(text)
            assert vevent["SUMMARY"] == event.title
            assert vevent["UID"] == f"event-{event.pk}@localhost"
            for canary in CANARIES:
                assert canary not in text
            if audience != "public":
                assert_private(response)
                assert vevent["CLASS"] == "PRIVATE"
        else:
            # A 404, not a log-in redirect: the title does not leak.
            assert response.status_code == 404, audience
            assert event.title not in body(response)
    missing = calendar.url + calendar.reverse_subpage("event_ics", args=[999999])
    assert client.get(missing).status_code == 404


# Feed settings in Mon espace ----------------------------------------------------------------


def test_feed_settings_needs_login(client):
    response = client.get("/reseau/mon-espace/agenda/flux/")
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]


@pytest.mark.parametrize("who,contains", [("reader", "rencontres du réseau"), ("lapsed", "pas à jour"),
                                          ("editor", "réunions de la commission")])
def test_feed_settings_shows_the_personal_address(client, request, who, contains, calendar):
    user = login(client, request, who)
    response = client.get("/reseau/mon-espace/agenda/flux/")
    assert response.status_code == 200
    assert_private(response)
    text = body(response)
    url = calendar_rules.private_feed_url(calendar, user)
    assert url.startswith("http://localhost/agenda/ical/") and url.endswith("/")
    assert f'value="{url}" readonly' in text
    assert '<label for="feed-url">' in text
    assert contains in text
    assert "Google" in text and "Apple" in text and "Outlook" in text


def test_reset_invalidates_the_old_address(client, reader, calendar, events):
    client.force_login(reader)
    old = private_feed_path(calendar, reader)
    assert client.get(old).status_code == 200
    assert client.get("/reseau/mon-espace/agenda/flux/reinitialiser/").status_code == 405
    response = client.post("/reseau/mon-espace/agenda/flux/reinitialiser/", follow=True)
    assert response.redirect_chain[-1][0] == "/reseau/mon-espace/agenda/flux/"
    text = body(response)
    assert "l'ancienne ne fonctionne plus" in text.replace("&#x27;", "'")
    new = private_feed_path(calendar, reader)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert new.rsplit("/", 1)[1] in text


def test_reset_needs_login(client, calendar):
    response = client.post("/reseau/mon-espace/agenda/flux/reinitialiser/")
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]


# Helpers -----------------------------------------------------------------------------------


def test_calendar_page_of_the_active_locale_falls_back_to_french(calendar, english_home):
    from django.utils import translation

    assert calendar_rules.calendar_page() == calendar
    with translation.override("en"):
        assert calendar_rules.calendar_page().pk == calendar.pk  # no English calendar yet
        english = calendar.copy_for_translation(english_home.locale, alias=False)
        english.save_revision().publish()
        assert calendar_rules.calendar_page().pk == english.pk


def test_private_feed_url_from_a_request(rf, reader, calendar):
    request = rf.get("/")
    url = calendar_rules.private_feed_url(request, reader)
    assert url == f"http://localhost/agenda/ical/{calendar_rules.feed_token(reader)}/"


def test_other_users_cannot_be_reached_by_another_token(reader):
    other = UserFactory(username="other")
    assert calendar_rules.user_for_token(calendar_rules.feed_token(other)) == other
    assert calendar_rules.user_for_token(calendar_rules.feed_token(reader)) == reader
    # One user's secret part with another user's id matches nobody.
    digest = calendar_rules.feed_token(other).split("-", 1)[1]
    assert calendar_rules.user_for_token(f"{reader.pk}-{digest}") is None


def test_feeds_carry_sixty_days_back_to_a_year_ahead(client, calendar):
    old = WorkshopFactory(title="Atelier TROPANCIEN", start=in_days(-70))
    kept = WorkshopFactory(title="Atelier RECENT", start=in_days(-50))
    soon = WorkshopFactory(title="Atelier DANSONZEMOIS", start=in_days(330))
    far = WorkshopFactory(title="Atelier TROPLOIN", start=in_days(400))
    text = unfold(body(client.get(calendar.url + calendar.reverse_subpage("public_feed"))))
    assert kept.title in text and soon.title in text
    assert old.title not in text and far.title not in text


def test_the_month_view_says_when_an_event_is_full(client, calendar):
    full = WorkshopFactory(title="Atelier PLEIN", capacity=2, start=in_days(3))
    RegistrationFactory(event=full, adults=1, children=1)
    WorkshopFactory(title="Atelier LIBRE", capacity=10, start=in_days(3, 10))
    moment = timezone.localtime(full.start)
    url = calendar.url + calendar.reverse_subpage("month", args=[moment.year, moment.month])
    page = client.get(url).content.decode()
    cell = page[page.index("Atelier PLEIN"):]
    assert "complet" in cell[:400]
    assert "complet" not in page[page.index("Atelier LIBRE"):][:300]
