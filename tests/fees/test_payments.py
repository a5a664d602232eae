"""The membership rules (which period a payment pays for, when a member lapses) and the
treasurer recording payments, with their receipts."""

import datetime
import threading
from decimal import Decimal
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from fees import membership as rules
from fees.factories import paid_membership
from fees.models import Payment
from network.factories import MemberProfilePageFactory
from network.member_space import unpublish_lapsed_profiles
from network.models import Membership

D = datetime.date
PARIS = ZoneInfo("Europe/Paris")
ADD = "/admin/cotisations/paiements/new/"


def period(paid_on, latest=None):
    return rules.period_for_payment(latest, paid_on)


def membership(start, end, source=Membership.Source.PAYMENT):
    return Membership(start_date=start, end_date=end, source=source)


# --- Which period a payment pays for ---------------------------------------------------

def test_a_first_payment_starts_a_year_date_to_date():
    assert period(D(2026, 3, 15)) == (D(2026, 3, 15), D(2027, 3, 14))


def test_a_year_from_29_february_ends_on_28_february():
    assert period(D(2024, 2, 29)) == (D(2024, 2, 29), D(2025, 2, 28))
    assert period(D(2024, 3, 1)) == (D(2024, 3, 1), D(2025, 2, 28))
    assert period(D(2023, 3, 1)) == (D(2023, 3, 1), D(2024, 2, 29))  # the leap day is inside
    assert period(D(2023, 2, 28)) == (D(2023, 2, 28), D(2024, 2, 27))


def test_year_ends():
    assert period(D(2025, 12, 31)) == (D(2025, 12, 31), D(2026, 12, 30))
    assert period(D(2026, 1, 1)) == (D(2026, 1, 1), D(2026, 12, 31))


def test_a_renewal_before_the_end_extends_from_the_previous_end():
    latest = membership(D(2026, 1, 1), D(2026, 12, 31))
    assert period(D(2026, 12, 1), latest) == (D(2027, 1, 1), D(2027, 12, 31))
    assert period(D(2026, 12, 31), latest) == (D(2027, 1, 1), D(2027, 12, 31))  # on the last day


def test_a_renewal_after_a_lapse_starts_on_the_payment_day():
    latest = membership(D(2026, 1, 1), D(2026, 12, 31))
    assert period(D(2027, 1, 1), latest) == (D(2027, 1, 1), D(2027, 12, 31))
    assert period(D(2027, 5, 20), latest) == (D(2027, 5, 20), D(2028, 5, 19))


def test_the_first_payment_after_acceptance_starts_the_first_year():
    awaiting = membership(D(2026, 3, 1), D(2026, 3, 30), source=Membership.Source.ACCEPTANCE)
    assert period(D(2026, 3, 12), awaiting) == (D(2026, 3, 12), D(2027, 3, 11))
    assert period(D(2026, 4, 20), awaiting) == (D(2026, 4, 20), D(2027, 4, 19))  # paid late


# --- When a member lapses: the day after the end date, in Paris -----------------------

def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


@pytest.mark.parametrize(
    "end, now, current",
    [
        (D(2026, 6, 30), at(2026, 6, 30, 23, 59), True),
        (D(2026, 6, 30), at(2026, 7, 1, 0, 0), False),  # 22:00 UTC on the end date
        (D(2026, 12, 31), at(2026, 12, 31, 23, 30), True),
        (D(2026, 12, 31), at(2027, 1, 1, 0, 30), False),  # 23:30 UTC on 31 December
        # Clocks go forward on 29 March 2026 and back on 25 October 2026.
        (D(2026, 3, 29), at(2026, 3, 29, 23, 59), True),
        (D(2026, 3, 29), at(2026, 3, 30, 0, 1), False),
        (D(2026, 10, 25), at(2026, 10, 25, 23, 59), True),
        (D(2026, 10, 25), at(2026, 10, 26, 0, 1), False),
        (D(2028, 2, 28), at(2028, 2, 29, 0, 1), False),
    ],
)
def test_a_member_lapses_the_day_after_the_end_in_paris_even_if_no_job_ran(db, end, now, current):
    user = UserFactory()
    Membership.objects.create(user=user, start_date=end - datetime.timedelta(days=300), end_date=end)
    with mock.patch("django.utils.timezone.now", return_value=now.astimezone(datetime.timezone.utc)):
        assert Membership.objects.current().filter(user=user).exists() is current
        assert (rules.state_of(Membership.objects.get(user=user)) == rules.State.LAPSED) is not current


# --- Recording a payment ---------------------------------------------------------------

@pytest.mark.django_db
def test_payments_get_sequential_receipt_numbers_per_year(django_capture_on_commit_callbacks):
    alice, bob = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = paid_membership(alice, paid_on=D(2026, 1, 5))
        second = paid_membership(bob, paid_on=D(2026, 1, 6))
    year = timezone.localdate().year
    assert (first.receipt_number, second.receipt_number) == (f"{year}-0001", f"{year}-0002")
    assert [m.to for m in mail.outbox] == [[alice.email], [bob.email]]
    attachment = mail.outbox[0].attachments[0]
    assert attachment[0] == f"recu-adhesion-{year}-0001.pdf"
    assert attachment[1].startswith(b"%PDF") and attachment[2] == "application/pdf"
    assert "5 janvier 2026" in mail.outbox[0].body and "4 janvier 2027" in mail.outbox[0].body


@pytest.mark.django_db
@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-30"), None])
def test_zero_or_negative_amounts_are_refused_and_nothing_is_stored(amount):
    user = UserFactory()
    with pytest.raises(ValidationError) as error:
        rules.record_payment(user, paid_on=timezone.localdate(), amount=amount, method="cash")
    assert "supérieur à zéro" in str(error.value)
    assert not Payment.objects.exists() and not Membership.objects.exists()


@pytest.mark.django_db
def test_a_payment_in_the_future_is_refused():
    with pytest.raises(ValidationError):
        rules.record_payment(
            UserFactory(), paid_on=timezone.localdate() + datetime.timedelta(days=1), amount=Decimal("30"), method="cash"
        )
    assert not Payment.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_renewals_recorded_at_once_follow_each_other(settings):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's shared in-memory test database fails a second writer at once; PostgreSQL runs this")
    user = UserFactory()
    today = timezone.localdate()
    Membership.objects.create(user=user, start_date=today - datetime.timedelta(days=300))
    barrier = threading.Barrier(2)
    errors = []

    def renew():
        try:
            barrier.wait()
            rules.record_payment(user, paid_on=today, amount=Decimal("30"), method="transfer")
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=renew) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    periods = list(Membership.objects.filter(user=user).order_by("start_date").values_list("start_date", "end_date"))
    assert len(periods) == 3
    for (_, end), (start, _) in zip(periods, periods[1:]):
        assert start == end + datetime.timedelta(days=1)  # no overlap, no gap
    numbers = sorted(Payment.objects.values_list("receipt_sequence", flat=True))
    assert numbers == [1, 2]


@pytest.mark.django_db
def test_a_lapsed_profile_leaves_the_directory_and_returns_on_renewal(network_site, client, django_capture_on_commit_callbacks):
    profile = MemberProfilePageFactory(parent=network_site["directory"], title="Lou Lapsed")
    Membership.objects.filter(user=profile.member).update(end_date=timezone.localdate() - datetime.timedelta(days=1))
    assert client.get(profile.url).status_code == 404  # at once, before any job
    unpublish_lapsed_profiles()
    profile.refresh_from_db()
    assert not profile.live
    with django_capture_on_commit_callbacks(execute=True):
        payment = paid_membership(profile.member)
    profile.refresh_from_db()
    assert profile.live and client.get(profile.url).status_code == 200
    assert payment.membership.start_date == timezone.localdate()


# --- The treasurer's screen ----------------------------------------------------------------

@pytest.fixture
def awaiting_member(db):
    user = UserFactory(username="newcomer", first_name="Nina", last_name="Nouvelle", groups=["Members"])
    today = timezone.localdate()
    Membership.objects.create(
        user=user, start_date=today - datetime.timedelta(days=3), end_date=today + datetime.timedelta(days=26),
        source=Membership.Source.ACCEPTANCE,
    )
    return user


def test_the_treasurer_records_a_payment_and_the_member_gets_the_receipt(
    client, treasurer, awaiting_member, django_capture_on_commit_callbacks
):
    client.force_login(treasurer)
    form = client.get(ADD)
    assert form.status_code == 200 and "Nina" in form.content.decode()
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD, {
            "user": awaiting_member.pk, "paid_on": today.isoformat(), "amount": "30.00",
            "method": "cheque", "reference": "Chèque 0001234",
        })
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert payment.recorded_by == treasurer and payment.reference == "Chèque 0001234"
    membership = Membership.objects.get(user=awaiting_member)
    assert membership.source == Membership.Source.PAYMENT
    assert (membership.start_date, membership.end_date) == rules.period_for_payment(None, today)
    assert mail.outbox[-1].to == [awaiting_member.email]
    assert mail.outbox[-1].attachments[0][1].startswith(b"%PDF")
    listing = client.get("/admin/cotisations/paiements/").content.decode()
    assert payment.receipt_number in listing and reverse("fees_receipt_pdf", args=[payment.pk]) in listing
    assert "Reçu n°" in listing and "Receipt number" not in listing  # headings in French
    pdf = client.get(reverse("fees_receipt_pdf", args=[payment.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("amount", ["0", "-5"])
def test_a_bad_amount_is_explained_and_what_was_typed_is_kept(client, treasurer, awaiting_member, amount):
    client.force_login(treasurer)
    response = client.post(ADD, {
        "user": awaiting_member.pk, "paid_on": timezone.localdate().isoformat(), "amount": amount,
        "method": "transfer", "reference": "VIR-TRESOR-77",
    })
    assert response.status_code == 200
    page = response.content.decode()
    assert "VIR-TRESOR-77" in page and ("supérieur à zéro" in page or "supérieure ou égale" in page)
    assert not Payment.objects.exists()


def test_a_csv_export_of_payments(client, treasurer, awaiting_member):
    paid_membership(awaiting_member, reference="CHQ-42")
    client.force_login(treasurer)
    response = client.get("/admin/cotisations/paiements/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    # The project's CSV (home.exports): BOM, semicolons, a decimal comma, the method's label.
    assert body.startswith("\ufeffReçu;")
    assert "CHQ-42" in body and ";30,00;Chèque;" in body


@pytest.mark.parametrize("who", ["anonymous", "member", "expired member", "editor"])
def test_only_the_treasurer_reaches_payments_and_receipts(client, who, awaiting_member, editor):
    from tests.network.conftest import expired_member

    payment = paid_membership(awaiting_member)
    if who == "member":
        client.force_login(UserFactory(groups=["Members"]))
    elif who == "expired member":
        client.force_login(expired_member())
    elif who == "editor":
        client.force_login(editor)
    for url in (ADD, "/admin/cotisations/paiements/", reverse("fees_receipt_pdf", args=[payment.pk]),
                "/admin/cotisations/paiements/?export=csv", reverse("receipts:receipt", args=[payment.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert b"%PDF" not in response.content and b"Nouvelle" not in response.content


# --- The member's side ------------------------------------------------------------------

def test_members_see_their_state_and_download_their_own_receipts(client, home_page, awaiting_member, settings):
    settings.HELLOASSO_CLIENT_ID = ""
    client.force_login(awaiting_member)
    page = client.get("/reseau/mon-espace/").content.decode()
    assert "première cotisation" in page and "HelloAsso" not in page
    payment = paid_membership(awaiting_member)
    page = client.get("/reseau/mon-espace/").content.decode()
    assert payment.receipt_number in page and "Régler ma cotisation" not in page
    response = client.get(reverse("receipts:receipt", args=[payment.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_lapsed_member_keeps_the_account_and_their_receipts(client, home_page, awaiting_member):
    payment = paid_membership(awaiting_member, paid_on=timezone.localdate() - datetime.timedelta(days=30))
    Membership.objects.filter(pk=payment.membership_id).update(end_date=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(awaiting_member)
    page = client.get("/reseau/mon-espace/").content.decode()
    assert "a pris fin" in page and "Régler ma cotisation" in page
    assert client.get(reverse("receipts:receipt", args=[payment.pk])).status_code == 200


def test_the_pay_online_link_is_offered_only_when_helloasso_is_configured(client, home_page, awaiting_member, settings):
    settings.HELLOASSO_CLIENT_ID = "id"
    settings.HELLOASSO_CLIENT_SECRET = "secret"
    settings.HELLOASSO_ORGANIZATION_SLUG = "parentescence"
    settings.HELLOASSO_FORM_URL = "https://www.helloasso.com/associations/parentescence/adhesions/adhesion-2026"
    client.force_login(awaiting_member)
    assert settings.HELLOASSO_FORM_URL in client.get("/reseau/mon-espace/").content.decode()
    settings.HELLOASSO_CLIENT_SECRET = ""
    assert "helloasso.com" not in client.get("/reseau/mon-espace/").content.decode()


def test_the_member_data_export_lists_payments(client, home_page, awaiting_member):
    payment = paid_membership(awaiting_member, reference="CHQ-99")
    client.force_login(awaiting_member)
    data = client.get("/reseau/mon-espace/mes-donnees.json").json()
    assert data["payments"][0]["receipt_number"] == payment.receipt_number


def test_a_recorded_payment_cannot_be_rewritten_through_a_copy_or_an_edit(client, treasurer, awaiting_member):
    payment = paid_membership(awaiting_member, reference="CHQ-1")
    client.force_login(treasurer)
    for url in (f"/admin/cotisations/paiements/copy/{payment.pk}/", f"/admin/cotisations/paiements/edit/{payment.pk}/"):
        client.post(url, {"user": treasurer.pk, "paid_on": "2026-01-01", "amount": "999", "method": "cash",
                          "reference": "forged"})
    payment.refresh_from_db()
    assert (payment.user, payment.amount, payment.reference) == (awaiting_member, Decimal("30.00"), "CHQ-1")
    assert client.get(f"/admin/cotisations/paiements/copy/{payment.pk}/").status_code == 404


def test_helloasso_is_not_offered_when_typing_a_payment_by_hand(client, treasurer, awaiting_member):
    client.force_login(treasurer)
    assert 'value="helloasso"' not in client.get(ADD).content.decode()
    response = client.post(ADD, {"user": awaiting_member.pk, "paid_on": timezone.localdate().isoformat(),
                                 "amount": "30", "method": "helloasso", "reference": "x"})
    assert response.status_code == 200 and not Payment.objects.exists()


@pytest.mark.django_db
def test_the_receipt_mail_is_in_the_member_s_language_and_the_receipt_in_french(django_capture_on_commit_callbacks):
    person = UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        payment = paid_membership(person, paid_on=D(2026, 1, 5))
    assert "receipt" in mail.outbox[0].subject.lower() and "Merci" not in mail.outbox[0].body
    from fees.receipts import render_receipt_pdf

    assert render_receipt_pdf(payment).startswith(b"%PDF")


@pytest.mark.django_db
def test_an_erased_member_s_payments_stay_in_the_accounts_without_the_account():
    from network.member_space import erase_member
    from network.models import ErasureRequest

    person = UserFactory(first_name="Rose", last_name="Effacée")
    payment = paid_membership(person, reference="CHQ-7")
    erase_member(ErasureRequest.objects.create(user=person))
    payment.refresh_from_db()
    assert payment.user is None and payment.membership is None
    assert (payment.payer_name, payment.amount, payment.reference) == ("Rose Effacée", Decimal("30.00"), "CHQ-7")


# --- Cancelling a payment recorded by mistake ---------------------------------------------

def cancel_url(payment):
    return reverse("fees_cancel_payment", args=[payment.pk])


def test_the_treasurer_cancels_a_renewal_recorded_by_mistake(client, treasurer, network_site, django_capture_on_commit_callbacks):
    profile = MemberProfilePageFactory(parent=network_site["directory"], title="Rémi Renouvelé")
    person = profile.member
    with django_capture_on_commit_callbacks(execute=True):
        first = paid_membership(person, paid_on=timezone.localdate() - datetime.timedelta(days=100))
        second = paid_membership(person)  # the same cheque typed twice
    assert Membership.objects.filter(user=person).count() == 3  # the factory's, then two paid years
    client.force_login(treasurer)
    listing = client.get("/admin/cotisations/paiements/").content.decode()
    assert cancel_url(second) in listing
    # The earlier one can't go first: a later period depends on it.
    response = client.post(cancel_url(first), {"reason": "Saisie en double"})
    assert "abord le paiement du reçu" in response.content.decode()
    assert not Payment.objects.get(pk=first.pk).cancelled
    # A reason is required, and what was typed is kept on error.
    response = client.post(cancel_url(second), {"reason": ""})
    assert response.status_code == 200 and not Payment.objects.get(pk=second.pk).cancelled
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(second), {"reason": "Saisie en double"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.cancelled and second.cancellation_reason == "Saisie en double" and second.membership is None
    assert second.cancelled_by == treasurer
    assert not Membership.objects.filter(pk__in=[second.membership_id]).exists()
    assert Membership.objects.filter(user=person).count() == 2
    assert mail.outbox[0].to == [person.email] and "Saisie en double" in mail.outbox[0].body
    assert client.get(reverse("fees_receipt_pdf", args=[second.pk])).content.startswith(b"%PDF")
    profile.refresh_from_db()
    assert profile.live  # the first paid year is still current
    # Twice is refused; the receipt number is never reused.
    client.post(cancel_url(second), {"reason": "encore"})
    assert Payment.objects.get(pk=second.pk).cancellation_reason == "Saisie en double"
    third = paid_membership(person)
    assert third.receipt_sequence == second.receipt_sequence + 1


def test_cancelling_the_first_payment_after_acceptance_restores_the_period_to_pay(treasurer, django_capture_on_commit_callbacks):
    from network.factories import ApplicationFactory
    from network.models import Application

    person = UserFactory(groups=["Members"])
    accepted = timezone.now() - datetime.timedelta(days=5)
    application = ApplicationFactory(member=person, status=Application.Status.ACCEPTED, decided_at=accepted)
    start = timezone.localdate(accepted)
    Membership.objects.create(user=person, start_date=start, end_date=start + datetime.timedelta(days=29),
                              source=Membership.Source.ACCEPTANCE, application=application)
    payment = paid_membership(person)
    assert Membership.objects.get(user=person).source == Membership.Source.PAYMENT
    rules.cancel_payment(payment, by=treasurer, reason="Mauvais·e membre")
    membership = Membership.objects.get(user=person)
    assert (membership.source, membership.start_date, membership.end_date) == (
        Membership.Source.ACCEPTANCE, start, start + datetime.timedelta(days=29))


def test_cancelled_payments_are_left_out_of_the_fees_collected(treasurer):
    from fees.reports import board_report

    person = UserFactory()
    paid_membership(person, paid_on=D(2026, 1, 10))
    mistake = paid_membership(person, paid_on=D(2026, 1, 11))
    rules.cancel_payment(mistake, by=treasurer, reason="Double")
    assert sum(amount for _year, amount in board_report(2026, today=D(2026, 6, 1)).fees_by_year) == Decimal("30.00")


@pytest.mark.parametrize("who", ["member", "editor"])
def test_only_the_treasurer_cancels(client, who, awaiting_member, editor):
    payment = paid_membership(awaiting_member)
    client.force_login(editor if who == "editor" else UserFactory(groups=["Members"]))
    client.post(cancel_url(payment), {"reason": "x"})
    assert not Payment.objects.get(pk=payment.pk).cancelled


def test_no_api_serves_payments_memberships_or_orders(client, home_page, awaiting_member):
    payment = paid_membership(awaiting_member, reference="CHQ-API")
    schema = client.get("/api/v3/openapi.json").content.decode().lower()
    assert all(word not in schema for word in ("payment", "helloasso", "membership", "receipt"))
    for url in ("/api/v2/pages/?search=Nouvelle", f"/api/v2/pages/{payment.pk}/", "/api/v2/documents/"):
        response = client.get(url)
        assert b"CHQ-API" not in response.content and b"Nouvelle" not in response.content


def test_a_readmitted_member_s_cancelled_first_payment_restores_the_period_to_pay(treasurer):
    from network.factories import ApplicationFactory
    from network.models import Application

    person = UserFactory(groups=["Members"])
    Membership.objects.create(user=person, start_date=D(2023, 1, 1), end_date=D(2023, 12, 31))  # years ago
    accepted = timezone.now() - datetime.timedelta(days=2)
    application = ApplicationFactory(member=person, status=Application.Status.ACCEPTED, decided_at=accepted)
    start = timezone.localdate(accepted)
    Membership.objects.create(user=person, start_date=start, end_date=start + datetime.timedelta(days=29),
                              source=Membership.Source.ACCEPTANCE, application=application)
    payment = paid_membership(person)
    rules.cancel_payment(payment, by=treasurer, reason="Mauvais·e membre")
    assert rules.state_of(rules.latest_membership(person)) == rules.State.AWAITING_FIRST_FEE


def test_a_renewal_after_a_lapse_does_not_stop_cancelling_an_older_payment(treasurer):
    person = UserFactory()
    old = paid_membership(person, paid_on=D(2024, 1, 10))
    recent = paid_membership(person, paid_on=D(2026, 1, 10))  # after a lapse: its own start
    rules.cancel_payment(old, by=treasurer, reason="Chèque sans provision")
    assert Payment.objects.get(pk=old.pk).cancelled and not Payment.objects.get(pk=recent.pk).cancelled
    assert list(Membership.objects.filter(user=person).values_list("start_date", flat=True)) == [D(2026, 1, 10)]


def test_the_cancellation_date_is_the_day_in_paris(treasurer):
    payment = paid_membership(UserFactory())
    Payment.objects.filter(pk=payment.pk).update(
        cancelled_at=datetime.datetime(2026, 2, 28, 23, 30, tzinfo=datetime.timezone.utc)
    )
    assert "Annulé le 1 mars 2026" in str(Payment.objects.get(pk=payment.pk).state_label)


def test_the_payments_list_filters_cancelled_ones(client, treasurer):
    person = UserFactory()
    kept = paid_membership(person, paid_on=D(2026, 1, 10), reference="KEPT-1")
    gone = paid_membership(person, paid_on=D(2026, 1, 11), reference="GONE-1")
    rules.cancel_payment(gone, by=treasurer, reason="Double")
    client.force_login(treasurer)
    page = client.get("/admin/cotisations/paiements/?cancelled=false").content.decode()
    assert kept.receipt_number in page and gone.receipt_number not in page
    detail = client.get(f"/admin/cotisations/paiements/inspect/{gone.pk}/").content.decode()
    assert "Double" in detail
