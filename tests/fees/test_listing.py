"""The treasurer's list of members: states computed in SQL (as fees.membership.state_of does),
filters, search, CSV/XLSX exports, and who may see it."""

import csv
import datetime
import io

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from fees import membership as rules
from fees.factories import paid_membership
from fees.listing import members_queryset
from network.factories import ApplicationFactory, MemberProfilePageFactory, ProfessionFactory
from network.models import Application, Membership, Profession

URL = "/admin/cotisations/adherents/"
days = datetime.timedelta


@pytest.fixture
def people(network_site, django_capture_on_commit_callbacks):
    """One person in each state, and someone who never was a member."""
    today = timezone.localdate()
    ProfessionFactory()
    doula = Profession.objects.get(name="Doula")
    with django_capture_on_commit_callbacks(execute=True):
        active = MemberProfilePageFactory(
            parent=network_site["directory"], membership=False,
            member=UserFactory(username="active", first_name="Alice", last_name="Actif", groups=["Members"]),
        ).member
        paid_membership(active, paid_on=today - days(10))
        ending = UserFactory(username="ending", first_name="Eve", last_name="Bientôt", groups=["Members"])
        Membership.objects.create(user=ending, start_date=today - days(340), end_date=today + days(10))
        awaiting = UserFactory(username="awaiting", first_name="Ali", last_name="Nouveau", groups=["Members"])
        ApplicationFactory(member=awaiting, profession=doula, status=Application.Status.ACCEPTED,
                           decided_at=timezone.now())
        Membership.objects.create(user=awaiting, start_date=today, end_date=today + days(29),
                                  source=Membership.Source.ACCEPTANCE)
        lapsed = UserFactory(username="lapsed", first_name="Léo", last_name="Parti", groups=["Members"])
        Membership.objects.create(user=lapsed, start_date=today - days(500), end_date=today - days(136),
                                  source=Membership.Source.IMPORT)
        never = UserFactory(username="never", first_name="Nina", last_name="Jamais", groups=["Members"])
    return {"active": active, "ending": ending, "awaiting": awaiting, "lapsed": lapsed, "never": never, "today": today}


def listed(queryset):
    return {user.username: user for user in queryset}


def test_the_states_computed_in_sql_agree_with_the_rules(people):
    rows = listed(members_queryset())
    assert set(rows) == {"active", "ending", "awaiting", "lapsed"}  # never a member: not listed
    for username, row in rows.items():
        latest = rules.latest_membership(row)
        assert row.membership_state == rules.state_of(latest) == {
            "active": rules.State.ACTIVE,
            "ending": rules.State.ENDING,
            "awaiting": rules.State.AWAITING_FIRST_FEE,
            "lapsed": rules.State.LAPSED,
        }[username]
        assert row.membership_end == latest.end_date


def test_state_boundaries(people):
    """Ending: fewer than 30 days left; lapsed the day after the end; ahead renewals count."""
    today = people["today"]
    user = people["ending"]
    latest = user.memberships.get()
    for end, expected in [
        (today + days(29), rules.State.ENDING),
        (today + days(30), rules.State.ACTIVE),
        (today, rules.State.ENDING),
        (today - days(1), rules.State.LAPSED),
    ]:
        latest.end_date = end
        latest.save()
        assert listed(members_queryset())["ending"].membership_state == expected == rules.state_of(latest)
    # A renewal recorded ahead: the latest period starts tomorrow.
    Membership.objects.create(user=user, start_date=today + days(1), end_date=today + days(365))
    assert listed(members_queryset())["ending"].membership_state == rules.State.ACTIVE


def test_profession_and_last_payment(people):
    rows = listed(members_queryset())
    today = people["today"]
    assert rows["active"].profession_name == "Sage-femme"  # from the profile
    assert rows["awaiting"].profession_name == "Doula"  # from the accepted application
    assert rows["ending"].profession_name == ""
    assert rows["active"].last_payment == today - days(10)  # the recorded fee
    assert rows["lapsed"].last_payment == today - days(500)  # the imported membership's start
    assert rows["ending"].last_payment is None


def test_the_treasurer_sees_the_list_and_filters_it(client, treasurer, people):
    client.force_login(treasurer)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Adhérent·es" in html
    for name in ("Alice Actif", "Eve Bientôt", "Ali Nouveau", "Léo Parti"):
        assert name in html
    assert "Nina Jamais" not in html
    assert "active@example.org" in html
    assert str(rules.State.LABELS[rules.State.ENDING]) in html

    for state, expected in [
        ("active", "Alice Actif"), ("ending", "Eve Bientôt"), ("awaiting", "Ali Nouveau"), ("lapsed", "Léo Parti"),
    ]:
        html = client.get(URL, {"state": state}).content.decode()
        shown = [name for name in ("Alice Actif", "Eve Bientôt", "Ali Nouveau", "Léo Parti") if name in html]
        assert shown == [expected], state

    html = client.get(URL, {"q": "Eve Bien"}).content.decode()
    assert "Eve Bientôt" in html and "Alice Actif" not in html
    html = client.get(URL, {"q": "lapsed@example"}).content.decode()
    assert "Léo Parti" in html and "Alice Actif" not in html

    html = client.get(URL, {"ordering": "-membership_end"}).content.decode()
    assert html.index("Alice Actif") < html.index("Eve Bientôt") < html.index("Léo Parti")


def test_the_list_offers_no_editing(client, treasurer, superuser, people):
    for user in (treasurer, superuser):
        client.force_login(user)
        html = client.get(URL).content.decode()
        start = html.rindex("<table", 0, html.index("Alice Actif"))
        table = html[start:html.index("</table>", start)]
        assert "Alice Actif" in table
        assert "<a " not in table.split("</thead>")[1]  # no link to edit or delete anyone
        assert "/admin/users/" not in table and "/edit/" not in table and "/delete/" not in table
    assert client.get(URL + "new/").status_code == 404
    assert client.get(URL + f"edit/{people['active'].pk}/").status_code == 404
    # Wagtail's own user admin is unchanged, and still closed to the treasurer.
    assert reverse("wagtailusers_users:index") == "/admin/users/"
    client.force_login(treasurer)
    assert client.get("/admin/users/").status_code in (302, 403)


def export(client, fmt, **params):
    response = client.get(URL, {"export": fmt, **params})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_csv_export_parses_back(client, treasurer, people):
    client.force_login(treasurer)
    rows = list(csv.DictReader(io.StringIO(export(client, "csv").decode("utf-8-sig")), delimiter=";"))
    assert [row["Nom"] for row in rows] == ["Actif", "Bientôt", "Nouveau", "Parti"]
    alice = rows[0]
    assert alice["Prénom"] == "Alice" and alice["E-mail"] == "active@example.org"
    assert alice["Profession"] == "Sage-femme" and alice["État"] == "À jour"
    assert alice["Dernier paiement"] == (people["today"] - days(10)).isoformat()

    lapsed = list(csv.DictReader(io.StringIO(export(client, "csv", state="lapsed").decode("utf-8-sig")), delimiter=";"))
    assert [(row["Nom"], row["État"]) for row in lapsed] == [("Parti", "Adhésion terminée")]


def test_xlsx_export_parses_back(client, treasurer, people):
    from openpyxl import load_workbook

    client.force_login(treasurer)
    sheet = load_workbook(io.BytesIO(export(client, "xlsx", state="ending"))).active
    values = list(sheet.values)
    assert values[0] == ("Nom", "Prénom", "E-mail", "Profession", "État", "Fin de l'adhésion", "Dernier paiement")
    assert len(values) == 2
    name, first_name, email, profession, state, end, _last_payment = values[1]
    assert (name, first_name, email, profession or "", state) == (
        "Bientôt", "Eve", "ending@example.org", "", "Se termine dans les 30 jours"
    )
    end = end.date() if isinstance(end, datetime.datetime) else end
    assert end == people["today"] + days(10)


@pytest.mark.parametrize("role", ["member", "editor"])
def test_others_are_refused(client, role, request, people):
    client.force_login(request.getfixturevalue(role))
    for params in ({}, {"export": "csv"}, {"export": "xlsx"}):
        response = client.get(URL, params)
        assert response.status_code in (302, 403)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"active@example.org" not in body and b"ending@example.org" not in body


def test_a_member_cannot_see_the_others_e_mails(client, people):
    client.force_login(people["active"])  # a member who is in the list themself
    for url in (URL, URL + "results/", URL + "?export=csv"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"ending@example.org" not in body and b"lapsed@example.org" not in body


def test_anonymous_is_sent_to_log_in(client, people):
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_menu_shows_it_to_the_treasurer_only(treasurer, editor, people):
    from wagtail.admin.menu import admin_menu

    def fees_items(user):
        request = RequestFactory().get("/admin/")
        request.user = user
        for item in admin_menu.menu_items_for_request(request):
            if item.name == "fees":
                return [str(sub.label) for sub in item.menu.menu_items_for_request(request)]
        return []

    assert "Adhérent·es" in fees_items(treasurer)
    assert "Importer des adhérent·es" in fees_items(treasurer)
    assert "Adhérent·es" not in fees_items(editor)


def test_the_dashboard_sums_up_what_needs_the_treasurer(client, treasurer, editor, people):
    from fees.models import HelloAssoOrder

    HelloAssoOrder.objects.create(order_id="1", paid_on=timezone.localdate(), amount=30, payer_email="someone@example.net")
    client.force_login(treasurer)
    page = client.get("/admin/").content.decode()
    assert 'id="fees-summary' in page
    assert "/admin/cotisations/adherents/?state=awaiting" in page and "commande HelloAsso" in page
    assert "someone@example.net" not in page
    client.force_login(editor)
    assert 'id="fees-summary' not in client.get("/admin/").content.decode()


def test_the_dashboard_shows_helloasso_orders_only_to_who_may_match_them(client, people):
    from django.contrib.auth.models import Permission

    from fees.models import HelloAssoOrder

    HelloAssoOrder.objects.create(order_id="2", paid_on=timezone.localdate(), amount=30)
    reader = UserFactory(username="reader")
    reader.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_membership")
    )
    client.force_login(reader)
    page = client.get("/admin/").content.decode()
    assert 'id="fees-summary' in page and "commande HelloAsso" not in page
