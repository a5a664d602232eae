"""Taking over the existing members from a CSV file: the dry-run report of each row, the
all-or-nothing import, and the treasurer's screen."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from fees import importer
from fees.importer import Outcome
from fees.models import Payment
from network.models import Membership

D = datetime.date
TODAY = D(2026, 6, 15)
URL = "/admin/cotisations/importer/"

GOOD = (
    "prénom,nom,profession,e-mail,date du dernier paiement\n"
    "Léa,Martin,Sage-femme,Lea.Martin@Example.org,15/03/2026\n"
    "Hugo,Bernard,doula,hugo.bernard@example.org,2024-09-01\n"
)

BAD = (
    "nom,profession,email,date du dernier paiement\n"
    "Léa Martin,Sage-femme,lea.martin@example.org,15/03/2026\n"  # line 2: good
    ",Sage-femme,sans.nom@example.org,15/03/2026\n"  # 3: no name
    "Jean Dupont,Sage-femme,pas-un-email,15/03/2026\n"  # 4: invalid e-mail
    "Zoé Petit,Astronaute,zoe.petit@example.org,15/03/2026\n"  # 5: unknown profession
    "Max Roux,Doula,max.roux@example.org,31/02/2026\n"  # 6: no such date
    "Ana Blanc,Doula,ana.blanc@example.org,01/01/2027\n"  # 7: future
    "Léa M.,Doula,LEA.MARTIN@example.org,01/02/2026\n"  # 8: same e-mail as line 2
    "Paul Noir,Doula,,01/02/2026\n"  # 9: no e-mail
)


def parse(text, **kwargs):
    return importer.parse(text.encode("utf-8") if isinstance(text, str) else text, today=TODAY, **kwargs)


def by_line(report):
    return {row.line: row for row in report.rows}


# --- Parsing and planning ----------------------------------------------------------------

@pytest.mark.django_db
def test_a_good_file_is_planned_then_imported():
    report = parse(GOOD)
    assert not report.has_errors
    assert [(row.line, row.outcome) for row in report.rows] == [(2, Outcome.CREATE), (3, Outcome.CREATE)]
    lea = by_line(report)[2]
    assert (lea.first_name, lea.last_name, lea.email) == ("Léa", "Martin", "lea.martin@example.org")
    assert lea.profession.name == "Sage-femme"
    assert (lea.start, lea.end) == (D(2026, 3, 15), D(2027, 3, 14))
    assert by_line(report)[3].profession.name == "Doula"  # any case
    assert not User.objects.filter(email="lea.martin@example.org").exists()  # parse writes nothing

    importer.apply(report)

    assert report.applied
    lea = User.objects.get(email="lea.martin@example.org")
    assert lea.username == "lea.martin@example.org"
    assert (lea.first_name, lea.last_name) == ("Léa", "Martin")
    assert not lea.has_usable_password()
    assert lea.groups.filter(name="Members").exists()
    membership = lea.memberships.get()
    assert (membership.start_date, membership.end_date, membership.source) == (
        D(2026, 3, 15), D(2027, 3, 14), Membership.Source.IMPORT
    )
    assert membership.profession.name == "Sage-femme"  # kept for the listing and the reports
    hugo = User.objects.get(email="hugo.bernard@example.org")
    assert hugo.memberships.get().end_date == D(2025, 8, 31)  # imported as lapsed
    assert not Payment.objects.exists()  # no receipt for historical payments


@pytest.mark.django_db
def test_a_file_with_bad_rows_reports_each_row_and_is_refused_whole():
    report = parse(BAD)
    rows = by_line(report)
    assert report.has_errors
    assert rows[2].outcome == Outcome.CREATE and not rows[2].errors
    assert "nom manquant" in rows[3].detail
    assert "e-mail invalide" in rows[4].detail
    assert "profession inconnue (« Astronaute »)" in rows[5].detail
    assert "Sage-femme" in rows[5].detail and "Doula" in rows[5].detail  # the known ones are listed
    assert "illisible" in rows[6].detail
    assert "dans le futur" in rows[7].detail
    assert "même e-mail qu'à la ligne 2" in rows[8].detail
    assert "e-mail manquant" in rows[9].detail
    assert all(rows[line].outcome == Outcome.ERROR for line in range(3, 10))

    with pytest.raises(importer.ImportRefused):
        importer.apply(report)

    assert not report.applied
    assert not User.objects.filter(email__endswith="@example.org").exists()
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_a_database_failure_midway_leaves_no_half_import(monkeypatch):
    report = parse(GOOD)
    real_create = Membership.objects.create
    calls = []

    def fail_on_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_create(**kwargs)

    monkeypatch.setattr(Membership.objects, "create", fail_on_second)
    with pytest.raises(RuntimeError):
        importer.apply(report)
    assert not User.objects.filter(email__endswith="@example.org").exists()
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_french_excel_file_with_semicolons_and_bom():
    text = (
        "Nom;Prénom;E-mail;Profession;Date du dernier paiement\r\n"
        "Martin;Léa;lea.martin@example.org;SAGE-FEMME;15/03/2026\r\n"
        "\r\n"
        '"Bernard; dit Hugo";Hugo;hugo@example.org;;1/9/2025\r\n'
    )
    report = parse(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert not report.has_errors, [row.detail for row in report.rows] + report.file_errors
    rows = by_line(report)
    assert rows[2].last_name == "Martin" and rows[2].profession.name == "Sage-femme"
    assert rows[4].last_name == "Bernard; dit Hugo"  # quoted separator; line 3 was blank
    assert rows[4].profession is None  # the profession is optional
    assert rows[4].start == D(2025, 9, 1)


@pytest.mark.django_db
def test_one_name_column_holds_the_full_name():
    report = parse("Nom,Email,Dernier paiement\nMarie-Claire de La Tour,mc@example.org,2026-01-10\n")
    row = report.rows[0]
    assert (row.first_name, row.last_name, row.full_name) == ("", "Marie-Claire de La Tour", "Marie-Claire de La Tour")


@pytest.mark.django_db
def test_29_february():
    report = parse("nom,e-mail,date du dernier paiement\nLéa Martin,lea@example.org,29/02/2024\n"
                   "Hugo Bernard,hugo@example.org,29/02/2025\n")
    rows = by_line(report)
    assert (rows[2].start, rows[2].end) == (D(2024, 2, 29), D(2025, 2, 28))
    assert "illisible" in rows[3].detail  # 2025 has no 29 February


@pytest.mark.django_db
def test_an_existing_member_gets_the_membership_only_if_it_ends_later():
    later = UserFactory(username="later", email="later@example.org", groups=[])
    Membership.objects.create(user=later, start_date=D(2025, 1, 1), source=Membership.Source.PAYMENT)  # to 31/12/2025
    current = UserFactory(username="current", email="current@example.org", groups=["Members"])
    Membership.objects.create(user=current, start_date=D(2026, 5, 1), source=Membership.Source.PAYMENT)
    report = parse(
        "nom,e-mail,date du dernier paiement\n"
        "Later Person,LATER@example.org,01/03/2026\n"
        "Current Person,current@example.org,01/03/2026\n"
    )
    rows = by_line(report)
    assert rows[2].outcome == Outcome.UPDATE
    assert "28/02/2027" in rows[2].detail
    assert rows[3].outcome == Outcome.SKIP and "30/04/2027" in rows[3].detail

    importer.apply(report)

    assert User.objects.filter(email__in=["later@example.org", "current@example.org"]).count() == 2
    later.refresh_from_db()
    assert later.first_name != "Later"  # an existing account keeps its name
    assert later.groups.filter(name="Members").exists()
    assert sorted(later.memberships.values_list("end_date", flat=True)) == [D(2025, 12, 31), D(2027, 2, 28)]
    assert later.memberships.get(end_date=D(2027, 2, 28)).source == Membership.Source.IMPORT
    assert current.memberships.count() == 1


@pytest.mark.django_db
def test_importing_the_same_file_twice_changes_nothing_the_second_time():
    importer.apply(parse(GOOD))
    again = parse(GOOD)
    assert [row.outcome for row in again.rows] == [Outcome.SKIP, Outcome.SKIP]
    importer.apply(again)
    assert Membership.objects.count() == 2


@pytest.mark.django_db
def test_a_username_already_taken_gets_a_suffix():
    UserFactory(username="lea.martin@example.org", email="other@example.org")
    importer.apply(parse(GOOD))
    assert User.objects.get(email="lea.martin@example.org").username == "lea.martin@example.org-2"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "vide"),
        (b"PK\x03\x04rest-of-a-zip", "classeur Excel"),
        ("nom;e-mail;date\nLéa;l@example.org;01/01/2026\n".encode("cp1252"), "UTF-8"),
        (b"nom,e-mail\nLea,l@example.org\n", "Colonnes manquantes : date du dernier paiement"),
        (b"nom,e-mail,date du dernier paiement\n", "aucune ligne"),
        (b"x" * (importer.MAX_FILE_SIZE + 1), "1 Mo"),
    ],
)
@pytest.mark.django_db
def test_unusable_files_are_refused_with_a_message(data, message):
    report = parse(data)
    assert report.has_errors
    assert message in " ".join(report.file_errors)
    with pytest.raises(importer.ImportRefused):
        importer.apply(report)


# --- The treasurer's screen ----------------------------------------------------------------

def upload(content, name="adherents.csv"):
    return SimpleUploadedFile(name, content.encode("utf-8") if isinstance(content, str) else content, "text/csv")


@pytest.mark.django_db
def test_the_treasurer_tries_then_imports(client, treasurer):
    client.force_login(treasurer)
    page = client.get(URL)
    assert page.status_code == 200
    assert 'name="dry_run"' in page.content.decode() and "checked" in page.content.decode()
    assert reverse("fees_import_members") == URL

    dry = client.post(URL, {"file": upload(GOOD), "dry_run": "on"})
    html = dry.content.decode()
    assert dry.status_code == 200
    assert "Résultat de l&#x27;essai à blanc" in html or "Résultat de l'essai à blanc" in html
    assert "lea.martin@example.org" in html and "Sera créé·e" in html
    assert not User.objects.filter(email="lea.martin@example.org").exists()

    real = client.post(URL, {"file": upload(GOOD)}, follow=True)
    html = real.content.decode()
    assert "Import effectué : 2 compte(s) créé(s)" in html
    assert User.objects.filter(email__in=["lea.martin@example.org", "hugo.bernard@example.org"]).count() == 2
    assert Membership.objects.filter(source=Membership.Source.IMPORT).count() == 2


@pytest.mark.django_db
def test_a_real_import_with_bad_rows_shows_the_report_and_writes_nothing(client, treasurer):
    client.force_login(treasurer)
    response = client.post(URL, {"file": upload(BAD)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Import refusé" in html
    assert "profession inconnue" in html and "nom manquant" in html
    assert not Membership.objects.exists()
    assert not User.objects.filter(email="lea.martin@example.org").exists()


@pytest.mark.django_db
def test_the_form_refuses_a_file_that_is_not_csv(client, treasurer):
    client.force_login(treasurer)
    response = client.post(URL, {"file": upload(GOOD, name="adherents.xlsx"), "dry_run": "on"})
    assert "Choisissez un fichier .csv" in response.content.decode()
    response = client.post(URL, {"file": upload(b"PK\x03\x04zip"), "dry_run": "on"})
    assert "classeur Excel" in response.content.decode()
    response = client.post(URL, {"dry_run": "on"})
    assert response.status_code == 200 and not Membership.objects.exists()


@pytest.mark.django_db
def test_no_personal_data_in_the_logs(client, treasurer, caplog):
    client.force_login(treasurer)
    with caplog.at_level("DEBUG"):
        client.post(URL, {"file": upload(GOOD)})
        client.post(URL, {"file": upload(BAD)})
    assert "example.org" not in caplog.text and "Martin" not in caplog.text


@pytest.mark.parametrize("role", ["member", "editor"])
@pytest.mark.django_db
def test_others_cannot_import(client, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code in (302, 403)
    response = client.post(URL, {"file": upload(GOOD)})
    assert response.status_code in (302, 403)
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in(client):
    response = client.post(URL, {"file": upload(GOOD)})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_a_stray_quote_is_a_clear_file_error_not_a_crash():
    text = "prénom,nom,profession,e-mail,date du dernier paiement\n" + 'Léa,"Martin,Sage-femme,lea@example.org,15/03/2026\n' + ("x" * 140_000)
    report = parse(text)
    assert report.file_errors and "guillemet" in report.file_errors[0]
    assert not User.objects.filter(email="lea@example.org").exists()
