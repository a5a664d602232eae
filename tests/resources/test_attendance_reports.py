"""Attendance reports: the funders' figures ("Fréquentation des actions") and members'
participation in the network's meetings ("Participation aux rencontres")."""

import csv
import datetime
import io
import zoneinfo

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from network.factories import current_membership
from resources import attendance
from resources.factories import EventFactory, RegistrationFactory, WorkshopFactory
from resources.models import Event, Registration

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
UTC = datetime.timezone.utc
ATTENDANCE_URL = "/admin/evenements/frequentation/"
PARTICIPATION_URL = "/admin/evenements/participation/"
CANARY = "Zéphyrine CANARYPARENT"


def at(year, month, day, hour=10, minute=0, zone=PARIS):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zone)


def discussion(start, **kwargs):
    return EventFactory(kind=Event.Kind.DISCUSSION, title="Temps d'échange", start=start, **kwargs)


def workshop(start, **kwargs):
    return WorkshopFactory(start=start, **kwargs)


def register(event, attended, adults=1, children=0, status=Registration.Status.CONFIRMED, **kwargs):
    return RegistrationFactory(event=event, attended=attended, adults=adults, children=children, status=status,
                               **kwargs)


# --- Plain functions, without the database --------------------------------------------------

def row(kind, start, present_adults=0, present_children=0, present=0, unmarked=0, walk_in_adults=0,
        walk_in_children=0):
    return {
        "kind": kind, "start": start, "walk_in_adults": walk_in_adults, "walk_in_children": walk_in_children,
        "present_adults": present_adults or None, "present_children": present_children or None,
        "present_registrations": present, "unmarked_registrations": unmarked,
    }


def test_months_are_those_of_paris_in_winter_and_summer():
    kinds = (Event.Kind.DISCUSSION,)
    rows = [
        row(Event.Kind.DISCUSSION, datetime.datetime(2024, 1, 31, 22, 30, tzinfo=UTC), present_adults=1),  # 23:30 Paris
        row(Event.Kind.DISCUSSION, datetime.datetime(2024, 1, 31, 23, 30, tzinfo=UTC), present_adults=2),  # 00:30, 1 Feb
        row(Event.Kind.DISCUSSION, datetime.datetime(2024, 6, 30, 22, 30, tzinfo=UTC), present_adults=4),  # 00:30, 1 July
        row(Event.Kind.DISCUSSION, datetime.datetime(2023, 12, 31, 23, 30, tzinfo=UTC), present_adults=8),  # 2024 in Paris
    ]
    report = attendance.summarise(rows, 2024, datetime.date(2024, 12, 31), kinds)
    by_month = {month.month: figures.adults for month, figures in report.monthly(Event.Kind.DISCUSSION)}
    assert by_month[1] == 1 + 8 and by_month[2] == 2 and by_month[6] == 0 and by_month[7] == 4
    assert report.totals[Event.Kind.DISCUSSION].events == 4


def test_an_events_figures_add_walk_ins_and_flag_unmarked_registrations():
    figures = attendance.event_figures(row(Event.Kind.WORKSHOP, at(2024, 3, 1), present_adults=3,
                                           present_children=2, present=2, unmarked=1, walk_in_adults=1,
                                           walk_in_children=4))
    assert (figures.events, figures.adults, figures.children, figures.total) == (1, 4, 6, 10)
    assert (figures.members, figures.walk_ins, figures.unrecorded) == (2, 5, 1)


def test_the_current_year_stops_at_the_current_month():
    report = attendance.summarise([], 2024, datetime.date(2024, 3, 15), (Event.Kind.DISCUSSION,))
    assert report.months == [datetime.date(2024, 1, 1), datetime.date(2024, 2, 1), datetime.date(2024, 3, 1)]


def test_the_last_twelve_months():
    assert attendance.twelve_months_start(datetime.date(2025, 6, 15)) == datetime.date(2024, 6, 16)
    assert attendance.twelve_months_start(datetime.date(2024, 2, 29)) == datetime.date(2023, 3, 1)


def test_tally_counts_recent_and_overall_meetings_and_the_last_date():
    kinds = (Event.Kind.PRORENCONTRE, Event.Kind.INTERVISION)
    rows = [
        {"user_id": 1, "event__kind": Event.Kind.PRORENCONTRE, "event__start": at(2025, 6, 10)},
        {"user_id": 1, "event__kind": Event.Kind.INTERVISION, "event__start": at(2024, 6, 16, 0, 30)},  # in
        {"user_id": 1, "event__kind": Event.Kind.INTERVISION, "event__start": at(2024, 6, 15, 23, 30)},  # out
        {"user_id": 2, "event__kind": Event.Kind.INTERVISION, "event__start": at(2020, 1, 5)},
    ]
    counts = attendance.tally(rows, datetime.date(2025, 6, 15), kinds)
    assert counts[1] == ({"prorencontre": 1, "intervision": 1}, {"prorencontre": 1, "intervision": 2},
                         datetime.date(2025, 6, 10))
    assert counts[2] == ({"prorencontre": 0, "intervision": 0}, {"prorencontre": 0, "intervision": 1},
                         datetime.date(2020, 1, 5))


def test_sorting_the_participation_table():
    def person(user_id, last, recent, overall, last_meeting):
        return attendance.MemberParticipation(
            user_id=user_id, name=last, sort_name=(last.lower(),), current_member=True,
            recent={"p": recent}, overall={"p": overall}, last_meeting=last_meeting)

    rows = [person(1, "Zola", 2, 2, datetime.date(2025, 1, 1)), person(2, "Émile", 0, 5, datetime.date(2023, 1, 1)),
            person(3, "Bernard", 0, 0, None), person(4, "Adam", 2, 3, datetime.date(2025, 1, 1))]
    rows[1].sort_name = ("emile",)
    assert [r.user_id for r in attendance.sort_participation(rows, "name")] == [4, 3, 2, 1]
    assert [r.user_id for r in attendance.sort_participation(rows, "recent")] == [4, 1, 3, 2]
    assert [r.user_id for r in attendance.sort_participation(rows, "overall")] == [2, 4, 1, 3]
    assert [r.user_id for r in attendance.sort_participation(rows, "last")] == [4, 1, 2, 3]


def test_names_sort_without_accents_or_case():
    user = UserFactory.build(username="x", first_name="Émilie", last_name="École")
    assert attendance.sort_name(user) == ("ecole", "emilie", "x")


# --- The figures, from the database ---------------------------------------------------------

@pytest.fixture
def year_2024(db):
    """A year of events, each registration's fate chosen to test what counts."""
    january = discussion(at(2024, 1, 31, 23, 30), walk_in_adults=2, walk_in_children=1)  # Paris: January
    register(january, True, adults=2, children=1, name=CANARY, email="canary@example.org", phone="0600000000")
    register(january, False, adults=5, children=5)  # absent
    register(january, None, adults=1, status=Registration.Status.CANCELLED)  # cancelled: not "unrecorded"
    register(january, True, adults=3, children=3, status=Registration.Status.WAITING)  # waiting list
    register(january, True, adults=4, status=Registration.Status.CANCELLED)  # cancelled
    february = discussion(datetime.datetime(2024, 1, 31, 23, 30, tzinfo=UTC))  # 00:30 on 1 February in Paris
    register(february, True, adults=1, children=2)
    register(february, None, adults=1, children=1)  # not recorded yet: not counted, flagged
    march = workshop(at(2024, 3, 12), walk_in_children=2)
    register(march, True, adults=1, children=1)
    register(march, True, adults=2, children=0)
    prorencontre = EventFactory(kind=Event.Kind.PRORENCONTRE, title="Prorencontre", start=at(2024, 3, 20, 19),
                                walk_in_adults=1)
    intervision = EventFactory(kind=Event.Kind.INTERVISION, title="Intervision", start=at(2024, 6, 20, 19))
    members = [UserFactory(first_name="Canarine", last_name=f"Canarymembre{i}", groups=["Members"]) for i in range(3)]
    for user in members:
        register(prorencontre, True, user=user, children=0)
    register(intervision, True, user=members[0], children=0)
    register(intervision, None, user=members[1], children=0)
    commission = EventFactory(kind=Event.Kind.COMMISSION, start=at(2024, 4, 1))
    register(commission, True, adults=1, children=0)  # not an action for families nor a network meeting
    return {"january": january, "february": february, "march": march, "members": members}


def figures_of(report, kind, month):
    return dict(report.monthly(kind))[datetime.date(2024, month, 1)]


def test_the_families_figures(year_2024):
    report = attendance.attendance_report(2024)
    january = figures_of(report, Event.Kind.DISCUSSION, 1)
    assert (january.events, january.adults, january.children, january.total, january.unrecorded) == (1, 4, 2, 6, 0)
    february = figures_of(report, Event.Kind.DISCUSSION, 2)
    assert (february.events, february.adults, february.children, february.unrecorded) == (1, 1, 2, 1)
    march = figures_of(report, Event.Kind.WORKSHOP, 3)
    assert (march.events, march.adults, march.children, march.total, march.unrecorded) == (1, 3, 3, 6, 0)
    totals = report.totals[Event.Kind.DISCUSSION]
    assert (totals.events, totals.adults, totals.children, totals.total, totals.unrecorded) == (2, 5, 4, 9, 1)
    assert report.total_of(Event.FAMILY_KINDS).total == 15
    assert len(report.months) == 12


def test_the_network_meetings_figures(year_2024):
    report = attendance.attendance_report(2024)
    prorencontres = figures_of(report, Event.Kind.PRORENCONTRE, 3)
    assert (prorencontres.events, prorencontres.members, prorencontres.walk_ins, prorencontres.unrecorded) == (1, 3, 1, 0)
    intervisions = figures_of(report, Event.Kind.INTERVISION, 6)
    assert (intervisions.events, intervisions.members, intervisions.unrecorded) == (1, 1, 1)
    assert Event.Kind.COMMISSION not in report.totals


def test_events_to_come_are_not_counted(db):
    held = discussion(timezone.now() - datetime.timedelta(hours=1))
    register(held, True, adults=2)
    register(discussion(timezone.now() + datetime.timedelta(hours=1)), True, adults=7)
    year = attendance.local_today().year
    if attendance.local_date(held.start).year != year:  # the first hour of 1 January
        pytest.skip("held last year")
    totals = attendance.attendance_report(year).totals[Event.Kind.DISCUSSION]
    assert (totals.events, totals.adults) == (1, 2)


def test_the_figures_are_the_same_once_registrants_are_erased(year_2024):
    before = attendance.attendance_report(2024)
    participation_before = [(p.user_id, p.recent, p.overall, p.last_meeting) for p in attendance.participation()]
    Registration.objects.update(name="", email="", phone="", needs="", erased_at=timezone.now())
    Event.objects.update(registrants_erased_at=timezone.now())
    after = attendance.attendance_report(2024)
    assert after.by_month == before.by_month and after.totals == before.totals
    assert [(p.user_id, p.recent, p.overall, p.last_meeting) for p in attendance.participation()] == participation_before


def test_a_deleted_account_still_counts_in_the_figures(year_2024):
    """A member's erasure deletes their account: their registrations stay, without a user."""
    before = attendance.attendance_report(2024)
    year_2024["members"][2].delete()
    assert attendance.attendance_report(2024).totals == before.totals


def test_the_years_offered(year_2024):
    years = attendance.report_years()
    assert years[0] == attendance.local_today().year and years[-1] == 2024


# --- Participation, from the database ---------------------------------------------------------

@pytest.fixture
def meetings(db, reader, lapsed):
    """Rita (reader, current) at a recent Prorencontre and an old Intervision; the lapsed member
    at a recent Intervision; a current member who never came; someone neither."""
    now = timezone.now()
    recent_p = EventFactory(kind=Event.Kind.PRORENCONTRE, title="Prorencontre récente",
                            start=now - datetime.timedelta(days=40))
    recent_i = EventFactory(kind=Event.Kind.INTERVISION, title="Intervision récente",
                            start=now - datetime.timedelta(days=100))
    old_i = EventFactory(kind=Event.Kind.INTERVISION, title="Intervision ancienne",
                         start=now - datetime.timedelta(days=500))
    register(recent_p, True, user=reader, children=0)
    register(old_i, True, user=reader, children=0)
    register(recent_i, False, user=reader, children=0)  # absent
    register(recent_i, True, user=lapsed, children=0)
    register(recent_p, None, user=lapsed, children=0)  # not recorded
    absent_minded = UserFactory(username="nouvelle", first_name="Anne", last_name="Nouvelle", groups=["Members"])
    current_membership(absent_minded)
    register(workshop(now - datetime.timedelta(days=3)), True, user=absent_minded)  # not a network meeting
    stranger = UserFactory(username="inconnu", first_name="Ivan", last_name="Inconnu")
    register(recent_i, True, user=stranger, status=Registration.Status.CANCELLED, children=0)
    return {"recent_p": recent_p, "recent_i": recent_i, "old_i": old_i, "new": absent_minded, "stranger": stranger}


def test_participation_lists_current_members_and_anyone_who_came(meetings, reader, lapsed):
    rows = {row.user_id: row for row in attendance.participation()}
    assert set(rows) == {reader.pk, lapsed.pk, meetings["new"].pk}
    rita = rows[reader.pk]
    assert rita.name == "Rita Lectrice" and rita.current_member
    assert rita.recent == {"prorencontre": 1, "intervision": 0}
    assert rita.overall == {"prorencontre": 1, "intervision": 1}
    assert rita.last_meeting == attendance.local_date(meetings["recent_p"].start)
    assert (rows[lapsed.pk].current_member, rows[lapsed.pk].recent_total, rows[lapsed.pk].overall_total) == (False, 1, 1)
    assert (rows[meetings["new"].pk].overall_total, rows[meetings["new"].pk].last_meeting) == (0, None)


def test_the_meetings_of_a_member(meetings, reader):
    assert [event.title for _day, event in attendance.meetings_of(reader)] == [
        "Prorencontre récente", "Intervision ancienne"]
    assert attendance.is_listed(reader) and not attendance.is_listed(meetings["stranger"])


# --- The admin pages --------------------------------------------------------------------------

def test_the_editor_sees_the_attendance_figures(client, editor, year_2024):
    client.force_login(editor)
    response = client.get(ATTENDANCE_URL, {"year": 2024})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fréquentation des actions" in html
    assert '<option value="2024" selected>' in html
    assert '<caption class="w-sr-only">Temps d&#x27;échange entre parents : par mois</caption>' in html
    assert ('<th scope="row">janvier 2024</th><td class="number">1</td><td class="number">4</td>'
            '<td class="number">2</td><td class="number">6</td><td class="number">0</td>') in html
    assert "1 événement de cette année a des inscrit·es dont la présence n’est pas encore saisie" not in html
    assert "2 événements de cette année ont des inscrit·es dont la présence n’est pas encore saisie" in html


def test_the_year_defaults_to_the_current_one(client, editor, year_2024):
    client.force_login(editor)
    for query in ({}, {"year": "abc"}, {"year": "1900"}):
        response = client.get(ATTENDANCE_URL, query)
        assert response.status_code == 200
        assert response.context["report"].year == attendance.local_today().year


def test_csv_export(client, editor, year_2024):
    client.force_login(editor)
    response = client.get(ATTENDANCE_URL, {"year": 2024, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="frequentation-2024.csv"'
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Section", "Libellé", "Indicateur", "Valeur"]
    figures = {(r[0], r[1], r[2]): r[3] for r in rows[1:]}
    discussions = "Temps d'échange entre parents : par mois"
    assert figures[(discussions, "2024-01", "Parents")] == "4"
    assert figures[(discussions, "2024-01", "Enfants")] == "2"
    assert figures[(discussions, "2024-02", "Présence non saisie")] == "1"
    assert figures[(discussions, "Total", "Total")] == "9"
    assert figures[("Atelier parents-enfants : par mois", "2024-03", "Total")] == "6"
    assert figures[("Prorencontre : par mois", "2024-03", "Membres présents")] == "3"
    assert figures[("Actions pour les familles en 2024", "Ensemble", "Total")] == "15"
    assert figures[("Rencontres du réseau en 2024", "Intervision", "Présence non saisie")] == "1"


def test_xlsx_export(client, editor, year_2024):
    client.force_login(editor)
    response = client.get(ATTENDANCE_URL, {"year": 2024, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="frequentation-2024.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Synthèse familles", "Synthèse réseau", "Temps d'échange entre parents",
                                   "Atelier parents-enfants", "Prorencontre", "Intervision"]
    discussions = list(workbook["Temps d'échange entre parents"].iter_rows(min_row=2, values_only=True))
    assert discussions[0] == ("Mois", "Événements", "Parents", "Enfants", "Total", "Présence non saisie")
    assert ("2024-01", 1, 4, 2, 6, 0) in discussions and ("2024-02", 1, 1, 2, 3, 1) in discussions
    assert discussions[-1] == ("Total", 2, 5, 4, 9, 1)
    summary = list(workbook["Synthèse familles"].iter_rows(min_row=3, values_only=True))
    assert summary == [("Temps d'échange entre parents", 2, 5, 4, 9, 1), ("Atelier parents-enfants", 1, 3, 3, 6, 0),
                       ("Ensemble", 3, 8, 7, 15, 1)]
    network = list(workbook["Synthèse réseau"].iter_rows(min_row=2, values_only=True))
    assert network[0] == ("Rencontre", "Événements", "Membres présents", "Venu·es sans inscription",
                          "Présence non saisie")
    assert ("Prorencontre", 1, 3, 1, 0) in network


def test_no_personal_data_in_the_attendance_report_or_its_exports(client, editor, year_2024):
    client.force_login(editor)
    html = client.get(ATTENDANCE_URL, {"year": 2024}).content.decode()
    text = client.get(ATTENDANCE_URL, {"year": 2024, "format": "csv"}).content.decode("utf-8-sig")
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(ATTENDANCE_URL, {"year": 2024, "format": "xlsx"}).content))
    cells = " ".join(str(cell) for sheet in workbook for r in sheet.iter_rows(values_only=True) for cell in r)
    members = year_2024["members"]
    for content in (html, text, cells):
        for personal in ("CANARYPARENT", "canary@example.org", "0600000000", "Canarymembre", members[0].email):
            assert personal not in content


def test_the_participation_table_and_a_members_detail(client, commission_member, meetings, reader, lapsed):
    client.force_login(commission_member)
    response = client.get(PARTICIPATION_URL)
    assert response.status_code == 200
    html = response.content.decode()
    expected = sorted([reader, lapsed, meetings["new"]], key=attendance.sort_name)
    assert [m["name"] for m in response.context["members"]] == [attendance.display_name(u) for u in expected]
    assert "Ivan Inconnu" not in html
    detail = reverse("resources_participation_detail", args=[reader.pk])
    assert f'<a href="{detail}">Rita Lectrice</a>' in html
    for contact in (reader.email, lapsed.email):
        assert contact not in html
    assert '<caption class="w-sr-only">' in html and 'scope="col"' in html
    response = client.get(detail)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Prorencontre récente" in page and "Intervision ancienne" in page
    assert "Intervision récente" not in page  # marked absent
    assert reader.email not in page
    assert client.get(reverse("resources_participation_detail", args=[meetings["stranger"].pk])).status_code == 404


def test_the_participation_table_sorts(client, editor, meetings, reader, lapsed):
    client.force_login(editor)
    response = client.get(PARTICIPATION_URL, {"tri": "last"})
    assert response.context["ordering"] == "last"
    assert [m["name"] for m in response.context["members"]][-1] == "Anne Nouvelle"  # never came: last
    assert 'aria-sort="descending"' in response.content.decode()
    assert client.get(PARTICIPATION_URL, {"tri": "nonsense"}).context["ordering"] == "name"


# --- Access -------------------------------------------------------------------------------------

def all_urls(user_id):
    return [
        (ATTENDANCE_URL, {}), (ATTENDANCE_URL, {"format": "csv"}), (ATTENDANCE_URL, {"format": "xlsx"}),
        (PARTICIPATION_URL, {}), (reverse("resources_participation_detail", args=[user_id]), {}),
    ]


def test_anonymous_visitors_and_members_are_sent_to_the_login(client, meetings, reader):
    for url, query in all_urls(reader.pk):
        response = client.get(url, query)
        assert response.status_code == 302 and response.url.startswith(reverse("wagtailadmin_login"))
    client.force_login(reader)  # a current member, in the Members group
    for url, query in all_urls(reader.pk):
        response = client.get(url, query)
        assert response.status_code == 302 and response.url.startswith(reverse("wagtailadmin_login"))


def test_the_commission_sees_participation_but_not_the_attendance_figures(client, commission_member, meetings,
                                                                          reader):
    client.force_login(commission_member)
    for query in ({}, {"format": "csv"}, {"format": "xlsx"}):
        response = client.get(ATTENDANCE_URL, query)
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert client.get(ATTENDANCE_URL, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403
    assert client.get(PARTICIPATION_URL).status_code == 200


def test_the_treasurer_sees_neither(client, treasurer, meetings, reader):
    client.force_login(treasurer)
    for url, query in all_urls(reader.pk):
        response = client.get(url, query)
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_editors_and_superusers_see_both(client, editor, superuser, meetings, reader):
    for user in (editor, superuser):
        client.force_login(user)
        for url, query in all_urls(reader.pk):
            assert client.get(url, query).status_code == 200


def test_an_inactive_editor_is_refused():
    user = UserFactory.build(is_active=False)
    assert not attendance.can_view_attendance(user) and not attendance.can_view_participation(user)


def test_the_menu_items_are_shown_to_those_allowed(client, editor, commission_member, treasurer):
    # The sidebar is JSON in the page: look for the entries' addresses.
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert f'"url": "{ATTENDANCE_URL}"' in html and f'"url": "{PARTICIPATION_URL}"' in html
    client.force_login(commission_member)
    html = client.get("/admin/").content.decode()
    assert f'"url": "{ATTENDANCE_URL}"' not in html and f'"url": "{PARTICIPATION_URL}"' in html
    client.force_login(treasurer)
    html = client.get("/admin/").content.decode()
    assert ATTENDANCE_URL not in html and PARTICIPATION_URL not in html
