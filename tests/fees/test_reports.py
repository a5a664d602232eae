"""The board's report: the figures (joins, renewals, lapses, members over time, professions,
applications, fees), the admin page and its CSV / XLSX exports, who may see them, and that
no personal data appears in them."""

import csv
import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from fees import reports
from fees.factories import paid_membership
from fees.templatetags.fees_charts import bar_chart, nice_ticks
from network.factories import ApplicationFactory, MemberProfilePageFactory, ProfessionFactory
from network.models import Application, Membership

D = datetime.date
PARIS = ZoneInfo("Europe/Paris")
URL = "/admin/cotisations/rapports/"
END_OF_2023 = D(2023, 12, 31)


def row(user_id, start, end):
    return {"user_id": user_id, "start_date": start, "end_date": end}


def by_month(movements, key):
    return {m["month"].month: m[key] for m in movements if m[key]}


# --- Pure computations -------------------------------------------------------------------

def test_a_first_period_is_a_join_and_the_next_a_renewal():
    periods = [row(1, D(2022, 3, 1), D(2023, 2, 28)), row(1, D(2023, 3, 1), D(2024, 2, 29)),
               row(2, D(2023, 5, 10), D(2024, 5, 9))]
    movements = reports.movements(periods, 2023, END_OF_2023)
    assert by_month(movements, "joins") == {5: 1}
    assert by_month(movements, "renewals") == {3: 1}
    assert by_month(movements, "lapses") == {}  # renewed before the end: no lapse


def test_a_renewal_after_a_lapse_counts_the_lapse_then_the_renewal():
    periods = [row(1, D(2022, 5, 1), D(2023, 4, 30)), row(1, D(2023, 6, 15), D(2024, 6, 14))]
    movements = reports.movements(periods, 2023, END_OF_2023)
    assert by_month(movements, "lapses") == {5: 1}  # the day after 30 April
    assert by_month(movements, "renewals") == {6: 1}
    assert by_month(movements, "joins") == {}


def test_a_renewal_starting_the_day_after_the_end_is_no_lapse():
    periods = [row(1, D(2022, 12, 1), D(2023, 11, 30)), row(1, D(2023, 12, 1), D(2024, 11, 30))]
    assert by_month(reports.movements(periods, 2023, END_OF_2023), "lapses") == {}


def test_a_lapse_is_counted_the_month_after_the_last_day_and_not_before_it_happens():
    periods = [row(1, D(2023, 1, 1), D(2023, 12, 31)), row(2, D(2022, 7, 1), D(2023, 6, 30))]
    assert by_month(reports.movements(periods, 2023, END_OF_2023), "lapses") == {7: 1}
    assert by_month(reports.movements(periods, 2024, D(2024, 12, 31)), "lapses") == {1: 1}
    # Seen on 30 June 2023, the second period has not lapsed yet.
    assert by_month(reports.movements(periods, 2023, D(2023, 6, 30)), "lapses") == {}


def test_the_year_filter_keeps_each_figure_in_its_year():
    periods = [row(1, D(2022, 3, 1), D(2023, 2, 28)), row(1, D(2023, 3, 1), D(2024, 2, 29))]
    assert by_month(reports.movements(periods, 2022, END_OF_2023), "joins") == {3: 1}
    assert by_month(reports.movements(periods, 2022, END_OF_2023), "renewals") == {}
    assert by_month(reports.movements(periods, 2024, D(2024, 12, 31)), "lapses") == {3: 1}


def test_members_over_time_are_counted_at_each_month_end_up_to_today():
    periods = [row(1, D(2023, 1, 31), D(2024, 1, 30)), row(2, D(2022, 5, 1), D(2023, 4, 30)),
               row(2, D(2022, 5, 1), D(2023, 4, 30))]  # a duplicate period counts the person once
    points = reports.members_over_time(periods, 2023, D(2023, 5, 20))
    assert points == [(D(2023, 1, 31), 2), (D(2023, 2, 28), 2), (D(2023, 3, 31), 2), (D(2023, 4, 30), 2),
                      (D(2023, 5, 20), 1)]


def test_median_decision_time_of_the_year():
    def app(submitted, decided, status="accepted"):
        return {"submitted_at": datetime.datetime(*submitted, 10, tzinfo=PARIS),
                "decided_at": datetime.datetime(*decided, 10, tzinfo=PARIS) if decided else None, "status": status}

    applications = [
        app((2023, 1, 1), (2023, 1, 11)),  # 10 days
        app((2023, 2, 1), (2023, 2, 21), "rejected"),  # 20 days
        app((2023, 3, 1), (2023, 4, 15)),  # 45 days
        app((2022, 12, 1), (2022, 12, 31)),  # decided the year before
        app((2023, 5, 1), None, "in_review"),
    ]
    days = reports.decision_days(applications, 2023, {"accepted", "rejected"})
    assert sorted(days) == [10, 20, 45]
    assert reports.median_or_none(days) == 20
    assert reports.median_or_none([10, 20, 45, 50]) == 32.5
    assert reports.median_or_none([]) is None


def test_fees_by_year_and_by_month():
    payments = [{"paid_on": D(2022, 12, 31), "amount": Decimal("30.00")},
                {"paid_on": D(2023, 1, 1), "amount": Decimal("30.00")},
                {"paid_on": D(2023, 1, 20), "amount": Decimal("15.50")}]
    assert reports.fees_by_year(payments) == [(2022, Decimal("30.00")), (2023, Decimal("45.50"))]
    months = dict(reports.fees_by_month(payments, 2023, D(2023, 3, 2)))
    assert months == {D(2023, 1, 1): Decimal("45.50"), D(2023, 2, 1): 0, D(2023, 3, 1): 0}


def test_the_profile_profession_wins_over_the_application_one():
    labels = {1: "Sage-femme", 2: "Psychologue", 3: "Doula"}
    professions = reports.members_by_profession(
        {10, 11, 12, 13},
        profile_rows=[{"member_id": 10, "profession_id": 2}, {"member_id": 10, "profession_id": 3}],
        application_rows=[{"member_id": 10, "profession_id": 1}, {"member_id": 11, "profession_id": 1},
                          {"member_id": 99, "profession_id": 3}],
        labels=labels,
    )
    # Member 10: the profile (its first row); 11: the application; 12 and 13: nothing.
    assert professions == [("Profession non renseignée", 2), ("Psychologue", 1), ("Sage-femme", 1)]


def test_an_imported_member_counts_under_the_profession_given_at_import():
    labels = {1: "Sage-femme", 3: "Doula"}
    professions = reports.members_by_profession(
        {10, 12},
        profile_rows=[{"member_id": 10, "profession_id": 1}],
        application_rows=[],
        labels=labels,
        imported_rows=[{"member_id": 10, "profession_id": 3}, {"member_id": 12, "profession_id": 3}],
    )
    assert professions == [("Doula", 1), ("Sage-femme", 1)]  # the profile still wins for 10


def test_the_chart_is_an_accessible_image_with_its_scale():
    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(90) == [0, 20, 40, 60, 80, 100]
    from django.template.loader import render_to_string

    context = bar_chart("test", "Titre", "Description", ["janv.", "févr."], [("Membres", [3, 1234.5])],
                        x_label="Mois", y_label="Membres", decimals=2)
    svg = render_to_string("fees/includes/bar_chart.svg", context)
    assert 'role="img"' in svg and 'aria-labelledby="chart-test-title chart-test-desc"' in svg
    assert '<title id="chart-test-title">Titre</title>' in svg
    assert "janv." in svg and "Mois" in svg
    assert "1\u202f234,50" in svg or "1 234,50" in svg or "1\xa0234,50" in svg  # the value, in French
    # Coordinates stay plain numbers whatever the language.
    assert "," not in svg.split("<rect", 1)[1].split("/>", 1)[0]


# --- The report from the database ----------------------------------------------------------

@pytest.fixture
def people(db, profession):
    """Four members in 2023: Alice joins in January; Bob renews before his end (March);
    Carol lapses (May) then renews (June); Dan lapses (July). Eve was a member in 2021."""
    import_ = Membership.Source.IMPORT
    alice = UserFactory(username="alice", first_name="Zéphyrine", last_name="Quintal",
                        email="zephyrine.quintal@example.org", groups=["Members"])
    bob, carol, dan, eve = (UserFactory(username=name, groups=["Members"]) for name in ("bob", "carol", "dan", "eve"))
    Membership.objects.create(user=bob, start_date=D(2022, 3, 1), end_date=D(2023, 2, 28), source=import_)
    Membership.objects.create(user=carol, start_date=D(2022, 5, 1), end_date=D(2023, 4, 30), source=import_)
    Membership.objects.create(user=dan, start_date=D(2022, 7, 1), end_date=D(2023, 6, 30), source=import_)
    paid_membership(alice, paid_on=D(2023, 1, 10))
    paid_membership(bob, paid_on=D(2023, 2, 20), amount=Decimal("45.00"))
    paid_membership(carol, paid_on=D(2023, 6, 15))
    paid_membership(eve, paid_on=D(2021, 3, 1))
    return {"alice": alice, "bob": bob, "carol": carol, "dan": dan, "eve": eve}


@pytest.fixture
def applications(people, profession):
    def make(submitted, decided=None, status=Application.Status.IN_REVIEW, member=None):
        application = ApplicationFactory(first_name="Zéphyrine", last_name="Quintal",
                                          email="zephyrine.quintal@example.org")
        Application.objects.filter(pk=application.pk).update(
            submitted_at=submitted, decided_at=decided, status=status, member=member
        )
        return application

    at = lambda *args: datetime.datetime(*args, tzinfo=PARIS)  # noqa: E731
    make(at(2022, 12, 1, 9), at(2023, 1, 10, 9), Application.Status.ACCEPTED, member=people["alice"])  # 40 days
    make(at(2023, 3, 5, 9), at(2023, 3, 15, 9), Application.Status.REJECTED)  # 10 days
    make(at(2023, 4, 1, 9), at(2023, 4, 30, 23, 30), Application.Status.REJECTED)  # 29 days, late in April
    make(at(2023, 5, 2, 9))  # still in review


def test_the_report_counts_joins_renewals_lapses_and_members(people):
    report = reports.board_report(2023, today=D(2024, 3, 1))
    assert by_month(report.movements, "joins") == {1: 1}
    assert by_month(report.movements, "renewals") == {3: 1, 6: 1}
    assert by_month(report.movements, "lapses") == {5: 1, 7: 1}
    members = dict((day.month, count) for day, count in report.members_over_time)
    assert members == {1: 4, 2: 4, 3: 4, 4: 4, 5: 3, 6: 4, 7: 3, 8: 3, 9: 3, 10: 3, 11: 3, 12: 3}
    assert report.as_of == END_OF_2023 and report.members == 3
    assert report.fees_by_year == [(2021, Decimal("30.00")), (2023, Decimal("105.00"))]
    assert dict(report.fees_by_month)[D(2023, 2, 1)] == Decimal("45.00")
    assert report.totals["fees"] == Decimal("105.00")


def test_the_report_of_another_year(people):
    report = reports.board_report(2022, today=D(2024, 3, 1))
    assert by_month(report.movements, "joins") == {3: 1, 5: 1, 7: 1}
    assert by_month(report.movements, "lapses") == {3: 1}  # Eve's year ended on 28 February 2022
    assert report.totals["fees"] == 0
    assert reports.report_years(today=D(2024, 3, 1)) == [2024, 2023, 2022, 2021]


def test_the_current_year_stops_today(people):
    report = reports.board_report(2023, today=D(2023, 6, 20))
    assert len(report.members_over_time) == 6 and report.members_over_time[-1] == (D(2023, 6, 20), 4)
    assert by_month(report.movements, "lapses") == {5: 1}  # Dan's lapse is yet to come
    assert report.as_of == D(2023, 6, 20)


def test_applications_received_decided_and_median(applications):
    report = reports.board_report(2023, today=D(2024, 3, 1))
    assert by_month(report.applications, "received") == {3: 1, 4: 1, 5: 1}
    assert by_month(report.applications, "accepted") == {1: 1}
    assert by_month(report.applications, "rejected") == {3: 1, 4: 1}  # 30 April 23:30 in Paris
    assert report.decisions == 3 and report.median_decision_days == 29


def test_members_by_profession_from_the_profile_then_the_application(people, applications, network_site):
    psychologue = ProfessionFactory(name="Psychologue")
    MemberProfilePageFactory(parent=network_site["directory"], member=people["bob"], profession=psychologue,
                             membership=False)
    report = reports.board_report(2023, today=D(2024, 3, 1))
    # Alice: her accepted application (Sage-femme); Bob: his profile; Carol: nothing.
    assert dict(report.professions) == {"Sage-femme": 1, "Psychologue": 1, "Profession non renseignée": 1}
    assert report.professions_represented == 2


# --- The admin page and its exports -------------------------------------------------------

def test_the_treasurer_sees_the_report_with_its_figures(client, treasurer, people, applications):
    client.force_login(treasurer)
    response = client.get(URL, {"year": 2023})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rapports du bureau" in html
    assert '<option value="2023" selected>' in html
    assert '<label class="w-field__label" for="report-year">' in html
    assert html.count('role="img"') == 6
    assert "105,00 €" in html  # fees collected in 2023
    assert '<th scope="row">mars 2023</th><td class="number">0</td><td class="number">1</td>' in html
    report_part = html.split('<div class="board-report">', 1)[1]
    assert "<script" not in report_part  # charts drawn on the server, nothing loaded from elsewhere


def test_the_year_defaults_to_the_current_one(client, treasurer, people):
    from django.utils import timezone

    client.force_login(treasurer)
    for query in ({}, {"year": "abc"}, {"year": "1900"}):
        response = client.get(URL, query)
        assert response.status_code == 200
        assert response.context["report"].year == timezone.localdate().year


def test_the_menu_item_is_shown_to_the_treasurer_only(client, treasurer, editor):
    client.force_login(treasurer)
    assert "Rapports du bureau" in client.get("/admin/").content.decode()
    client.force_login(editor)
    assert "Rapports du bureau" not in client.get("/admin/").content.decode()


def test_a_member_or_anonymous_visitor_is_sent_to_the_login(client, member, people):
    for fmt in ("", "csv", "xlsx"):
        response = client.get(URL, {"year": 2023, "format": fmt})
        assert response.status_code == 302 and response.url.startswith(reverse("wagtailadmin_login"))
    client.force_login(member)
    response = client.get(URL, {"year": 2023, "format": "csv"})
    assert response.status_code == 302 and response.url.startswith(reverse("wagtailadmin_login"))


def test_an_editor_is_refused(client, editor, people):
    client.force_login(editor)
    for fmt in ("", "csv", "xlsx"):
        # Wagtail turns the view's PermissionDenied into a redirect to the dashboard with a message.
        response = client.get(URL, {"year": 2023, "format": fmt})
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    response = client.get(URL, {"year": 2023}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 403


def test_csv_export(client, treasurer, people, applications):
    client.force_login(treasurer)
    response = client.get(URL, {"year": 2023, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="rapport-bureau-2023.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Section", "Libellé", "Indicateur", "Valeur"]
    figures = {(r[0], r[1], r[2]): r[3] for r in rows[1:]}
    movements = "Adhésions, renouvellements et fins d'adhésion par mois"
    assert figures[(movements, "2023-01", "Adhésions")] == "1"
    assert figures[(movements, "2023-06", "Renouvellements")] == "1"
    assert figures[(movements, "2023-07", "Fins d'adhésion")] == "1"
    assert figures[("Membres en fin de mois", "2023-05-31", "Membres")] == "3"
    assert figures[("Candidatures par mois", "2023-04", "Refusées")] == "1"
    assert figures[("Cotisations encaissées par année", "2023", "Montant (€)")] == "105,00"
    assert figures[("Synthèse 2023", "Délai médian de décision (jours)", "Valeur")] == "29"
    assert figures[("Membres par profession au 31/12/2023", "Sage-femme", "Membres")] == "1"


def test_xlsx_export(client, treasurer, people, applications):
    client.force_login(treasurer)
    response = client.get(URL, {"year": 2023, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="rapport-bureau-2023.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Synthèse", "Professions", "Membres par mois", "Mouvements", "Candidatures",
                                   "Cotisations par année", "Cotisations par mois"]
    movements = list(workbook["Mouvements"].iter_rows(min_row=2, values_only=True))
    assert movements[0] == ("Mois", "Adhésions", "Renouvellements", "Fins d'adhésion")
    assert ("2023-05", 0, 0, 1) in movements and ("2023-03", 0, 1, 0) in movements
    members = list(workbook["Membres par mois"].iter_rows(min_row=3, values_only=True))
    assert (datetime.datetime(2023, 5, 31), 3) in members
    fees = list(workbook["Cotisations par année"].iter_rows(min_row=3, values_only=True))
    assert fees == [(2021, 30), (2023, 105)]
    applications_sheet = list(workbook["Candidatures"].iter_rows(min_row=3, values_only=True))
    assert ("2023-04", 1, 0, 1) in applications_sheet


def test_no_personal_data_in_the_page_or_the_exports(client, treasurer, people, applications):
    client.force_login(treasurer)
    html = client.get(URL, {"year": 2023}).content.decode()
    text = client.get(URL, {"year": 2023, "format": "csv"}).content.decode("utf-8-sig")
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(URL, {"year": 2023, "format": "xlsx"}).content))
    cells = " ".join(str(cell) for sheet in workbook for r in sheet.iter_rows(values_only=True) for cell in r)
    for content in (html, text, cells):
        for personal in ("Zéphyrine", "Quintal", "zephyrine.quintal@example.org", "alice"):
            assert personal not in content
