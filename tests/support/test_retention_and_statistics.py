"""Issue 8: retention (a closed support erased after 24 months, a refused or unanswered
referral after 6, by a scheduled worker job that reports counts only) and the anonymised
statistics (never a cell under 5 families)."""

import csv
import datetime
import io
import logging

import pytest
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from support import retention
from support.factories import ContactFactory, FamilyFactory, PartnerStructureFactory
from support.models import AccessLog, AnonymisedSupport, Consent, ErasureRun, Family, Step
from support.statistics import programme_statistics


def months_ago(months, days=0):
    return timezone.now() - datetime.timedelta(days=30.5 * months + days)


def test_the_job_is_scheduled_daily(db):
    schedule = Schedule.objects.get(func="support.retention.erase_expired")
    assert schedule.schedule_type == Schedule.DAILY and schedule.repeats == -1


def test_months_before_handles_short_months():
    moment = timezone.make_aware(datetime.datetime(2026, 8, 31, 12))
    assert retention.months_before(moment, 6).date() == datetime.date(2026, 2, 28)
    assert retention.months_before(moment, 24).date() == datetime.date(2024, 8, 31)


def test_erasure_on_schedule(db, caplog):
    old_closed = FamilyFactory(contact_name="Ancienne Famille", status="closed", outcome="collective", closed_at=months_ago(25))
    ContactFactory(family=old_closed)
    Step.objects.create(family=old_closed, kind="collective_space", date=timezone.localdate())
    Consent.objects.create(family=old_closed, purpose="support", given=True)
    recent_closed = FamilyFactory(status="closed", outcome="collective", closed_at=months_ago(23))
    FamilyFactory(status="closed", outcome="refused", closed_at=months_ago(7))  # erased
    refused_recent = FamilyFactory(status="closed", outcome="unreachable", closed_at=months_ago(5))
    FamilyFactory(status="received", referred_at=months_ago(7))  # never answered: erased
    contacted_once = FamilyFactory(status="received", referred_at=months_ago(7))
    ContactFactory(family=contacted_once)
    in_progress = FamilyFactory(status="in_progress", referred_at=months_ago(30))
    ContactFactory(family=in_progress, date=timezone.localdate() - datetime.timedelta(days=400))
    FamilyFactory(status="in_progress", referred_at=months_ago(30), assigned_at=months_ago(26))  # abandoned: erased
    AccessLog.objects.create(family=None, reference="F-00099", action="view", at=months_ago(25))
    AccessLog.objects.create(family=in_progress, reference=in_progress.reference, action="view")
    with caplog.at_level(logging.INFO):
        report = retention.erase_expired()
    remaining = set(Family.objects.values_list("pk", flat=True))
    assert remaining == {recent_closed.pk, refused_recent.pk, contacted_once.pk, in_progress.pk}
    assert not Step.objects.filter(family_id=old_closed.pk).exists()
    run = ErasureRun.objects.get()
    assert (run.closed, run.unanswered, run.log_entries) == (2, 2, 1)
    assert report == "support retention: erased 2 closed supports, 2 unanswered or refused referrals, 1 read-log entries"
    assert "Ancienne" not in caplog.text and report in caplog.text
    kept = AnonymisedSupport.objects.get(outcome="collective")
    assert kept.contacts == 1 and kept.reached_collective and not kept.reached_structure
    assert kept.referral_month.day == 1
    assert AnonymisedSupport.objects.count() == 4
    assert retention.erase_expired().startswith("support retention: erased 0 closed")  # idempotent


def test_retention_periods_are_settings(settings, db):
    settings.SUPPORT_CLOSED_RETENTION_MONTHS = 12
    FamilyFactory(status="closed", outcome="collective", closed_at=months_ago(13))
    retention.erase_expired()
    assert not Family.objects.exists()


def _families(n, institution, **kwargs):
    families = []
    for _ in range(n):
        family = FamilyFactory(referrer=None, institution=institution, referred_at=timezone.make_aware(datetime.datetime(2026, 3, 10, 12)), **kwargs)
        families.append(family)
    return families


def test_statistics_mask_every_cell_under_five_families(db):
    big = PartnerStructureFactory(name="MDS Grande")
    small = PartnerStructureFactory(name="Petite Institution")
    for family in _families(6, big, status="closed", outcome="collective", closed_at=timezone.now()):
        ContactFactory(family=family, date=datetime.date(2026, 3, 14))
        ContactFactory(family=family, date=datetime.date(2026, 3, 20))
        Step.objects.create(family=family, kind="collective_space", date=datetime.date(2026, 3, 20))
    _families(2, small)
    report = programme_statistics(2026)
    assert report["total"] == 8
    months = dict(report["months"])
    assert months[datetime.date(2026, 3, 1)] == 8 and months[datetime.date(2026, 4, 1)] == 0
    # Two families of a small institution: grouped, and with them the smallest other cell, so
    # that the total minus the shown cells never gives a number under 5.
    assert dict(report["institutions"]) == {"MDS Grande": "regroupé", "Petite Institution": "regroupé",
                                            "autres institutions (regroupées)": 8}
    assert report["delay_median"] == 4 and report["contacts_mean"] == 2 and report["contacts_median"] == 2
    # 6 of 6 supported families reached a collective space: 0 did not, so no share is given.
    assert report["collective_share"] is None and report["structure_share"] is None
    assert dict(report["outcomes"])["A rejoint les espaces collectifs de l'association"] == 6


def test_statistics_with_few_families_show_nothing_precise(db):
    institution = PartnerStructureFactory(name="Seule")
    for family in _families(3, institution):
        ContactFactory(family=family)
    report = programme_statistics(2026)
    assert report["total"] == "< 5"
    assert report["delay_median"] is None and report["contacts_mean"] is None and report["collective_share"] is None


def test_statistics_count_erased_families_too(db):
    institution = PartnerStructureFactory(name="MDS Grande")
    for family in _families(5, institution, status="closed", outcome="moved", closed_at=timezone.now()):
        retention.erase(family.pk)
    assert not Family.objects.exists()
    report = programme_statistics(2026)
    assert report["total"] == 5 and dict(report["institutions"]) == {"MDS Grande": 5}


def test_the_csv_export_has_the_same_masked_cells(verified_client, coordinator, client, treasurer, member, db):
    institution = PartnerStructureFactory(name="Petite Institution")
    _families(2, institution)
    browser = verified_client(coordinator)
    response = browser.get(reverse("support:statistics") + "?annee=2026&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["Orientations par institution", "Petite Institution", "< 5"] in rows  # 2 families in all: nothing shown
    assert all("Zélie" not in cell for row in rows for cell in row)
    assert ["Permanences familles", "familles reçues", "< 5"] in rows
    # The board (treasurer) reads them; a member does not.
    client.force_login(treasurer)
    assert client.get(reverse("support:statistics") + "?annee=2026").status_code == 200
    client.force_login(member)
    assert client.get(reverse("support:statistics")).status_code == 403
    assert client.get(reverse("support:statistics") + "?annee=abc").status_code == 403


@pytest.mark.parametrize("year", ["abc", "1800", "99999"])
def test_any_year_parameter_gives_a_page(verified_client, coordinator, year):
    assert verified_client(coordinator).get(reverse("support:statistics") + f"?annee={year}").status_code == 200


def test_pooling_leaves_nothing_to_subtract():
    from support.statistics import pooled

    rows = pooled([("A", 12), ("B", 7), ("C", 3), ("D", 0)], "autres")
    assert rows == [("A", 12), ("B", "regroupé"), ("C", "regroupé"), ("D", 0), ("autres", 10)]
    assert pooled([("A", 12), ("B", 5), ("C", 3), ("D", 4)], "autres") == [
        ("A", 12), ("B", 5), ("C", "regroupé"), ("D", "regroupé"), ("autres", 7)]
    assert pooled([("A", 3), ("B", 1)], "autres") == [("A", "< 5"), ("B", "< 5")]
    assert pooled([("A", 9), ("B", 0)], "autres") == [("A", 9), ("B", 0)]


def test_shares_are_given_only_when_both_sides_have_five_families(db):
    institution = PartnerStructureFactory(name="MDS Grande")
    for index, family in enumerate(_families(11, institution)):
        ContactFactory(family=family, date=datetime.date(2026, 3, 14))
        if index < 6:
            Step.objects.create(family=family, kind="collective_space", date=datetime.date(2026, 3, 20))
    assert programme_statistics(2026)["collective_share"] == 55  # 6 of 11, 5 did not


def test_csv_cells_never_start_a_formula(client, db):
    """An institution named like a formula is text in the statistics' CSV (home.exports)."""
    from home.exports import csv_text
    from support.statistics import csv_rows, programme_statistics

    institution = PartnerStructureFactory(name="=HYPERLINK(\"http://x\")")
    _families(6, institution, status="closed", outcome="collective", closed_at=timezone.now())
    headings, *rows = csv_rows(programme_statistics(2026))
    content = csv_text(headings, rows)
    assert "'=HYPERLINK" in content  # listed, as text
    assert "=HYPERLINK" not in content.replace("'=HYPERLINK", "")


def test_a_record_no_key_can_open_is_still_erased(settings, db):
    """Erasing reads nothing encrypted: a family written with a lost key goes on schedule."""
    from cryptography.fernet import Fernet

    family = FamilyFactory(status="closed", outcome="collective", closed_at=months_ago(25))
    ContactFactory(family=family, note="Chiffrée avec l'ancienne clé")
    Consent.objects.create(family=family, purpose="support", given=True)
    AccessLog.objects.create(family=family, reference=family.reference, action="view")
    settings.SUPPORT_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    retention.erase_expired()
    assert not Family.objects.exists() and AnonymisedSupport.objects.get().contacts == 1
    assert AccessLog.objects.get().family is None


def test_drop_in_totals_count_recorded_sessions_and_mask_few_families(db):
    from support.factories import DropInSessionFactory
    from support.statistics import drop_in_totals

    DropInSessionFactory(date=datetime.date(2026, 3, 3), families_seen=3)
    DropInSessionFactory(date=datetime.date(2026, 4, 7), families_seen=None)  # counts not recorded yet
    assert drop_in_totals(2026) == {"sessions": 1, "families": "< 5"}
    DropInSessionFactory(date=datetime.date(2026, 5, 5), families_seen=4)
    assert drop_in_totals(2026) == {"sessions": 2, "families": 7}
