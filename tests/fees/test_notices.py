"""Reminders before and after a membership ends: each sent once per period, only the one
due today (no catch-up storm after the worker was stopped), safe to run twice at once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django_q.models import Schedule

from accounts.factories import UserFactory
from fees.models import MembershipNotice
from fees.notices import send_membership_notices, send_notice
from network.models import Membership

TODAY = datetime.date(2026, 6, 15)


def member_ending(end, start=None, source=Membership.Source.PAYMENT, **user):
    person = UserFactory(groups=["Members"], **user)
    Membership.objects.create(
        user=person, start_date=start or end - datetime.timedelta(days=364), end_date=end, source=source
    )
    return person


def run(today, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return send_membership_notices(today)


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "days_left, kind, words",
    [
        (30, "ends_in_30", "se termine le"),
        (8, "ends_in_30", "vous ne perdez aucun jour"),
        (7, "ends_in_7", "quittera l'annuaire"),
        (0, "ends_in_7", "quittera l'annuaire"),
        (-1, "lapsed", "n'apparaît plus dans l'annuaire"),
        (-13, "lapsed", "Vous gardez votre compte"),
        (-14, "lapsed_14", "Votre compte est toujours là"),
        (-30, "lapsed_14", "revient dans l'annuaire"),
    ],
)
def test_the_notice_due_today_is_sent_once(days_left, kind, words, django_capture_on_commit_callbacks):
    person = member_ending(days(days_left))
    assert run(TODAY, django_capture_on_commit_callbacks) == 1
    assert run(TODAY, django_capture_on_commit_callbacks) == 0  # the job ran twice
    assert run(TODAY + datetime.timedelta(days=1), django_capture_on_commit_callbacks) == 0 or days_left in (8, 0, -13)
    notice = MembershipNotice.objects.filter(membership__user=person).order_by("pk").first()
    assert notice.kind == kind
    assert mail.outbox[0].to == [person.email] and words in mail.outbox[0].body
    assert "/reseau/mon-espace/" in mail.outbox[0].body


@pytest.mark.django_db
@pytest.mark.parametrize("days_left", [31, 60, -31, -400])
def test_nothing_outside_the_windows(days_left, django_capture_on_commit_callbacks):
    member_ending(days(days_left))
    assert run(TODAY, django_capture_on_commit_callbacks) == 0 and mail.outbox == []


@pytest.mark.django_db
def test_a_year_walks_through_each_notice_once(django_capture_on_commit_callbacks):
    person = member_ending(days(30))
    for offset in range(0, 70):
        run(days(offset), django_capture_on_commit_callbacks)
    kinds = list(MembershipNotice.objects.filter(membership__user=person).order_by("sent_on").values_list("kind", flat=True))
    assert kinds == ["ends_in_30", "ends_in_7", "lapsed", "lapsed_14"]
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_a_worker_stopped_for_weeks_sends_only_what_is_due_now(django_capture_on_commit_callbacks):
    """The worker was down from 30 days before the end to 2 days after: one message, the
    lapse notice; not the two reminders it missed."""
    person = member_ending(days(-2))
    assert run(TODAY, django_capture_on_commit_callbacks) == 1
    assert [n.kind for n in MembershipNotice.objects.filter(membership__user=person)] == ["lapsed"]
    # Back after another long stop: only the last reminder, and never an earlier kind again.
    run(days(20), django_capture_on_commit_callbacks)
    run(days(-1), django_capture_on_commit_callbacks)
    assert sorted(MembershipNotice.objects.values_list("kind", flat=True)) == ["lapsed", "lapsed_14"]
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_renewed_member_gets_no_reminder(django_capture_on_commit_callbacks):
    person = member_ending(days(5))
    Membership.objects.create(user=person, start_date=days(6), end_date=days(370))
    assert run(TODAY, django_capture_on_commit_callbacks) == 0


@pytest.mark.django_db
def test_a_new_member_is_reminded_of_the_first_fee_not_of_a_year_ending(django_capture_on_commit_callbacks):
    person = member_ending(days(25), start=days(-4), source=Membership.Source.ACCEPTANCE)
    assert run(TODAY, django_capture_on_commit_callbacks) == 0  # no "ends in 30 days" after a welcome
    run(days(20), django_capture_on_commit_callbacks)
    assert MembershipNotice.objects.get(membership__user=person).kind == "ends_in_7"
    assert "première cotisation" in mail.outbox[0].body


@pytest.mark.django_db
def test_two_runs_at_once_send_one_message(django_capture_on_commit_callbacks):
    person = member_ending(days(7))
    membership = person.memberships.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_notice(membership, "ends_in_7", TODAY) is True
        assert send_notice(membership, "ends_in_7", TODAY) is False  # the unique constraint
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_inactive_accounts_and_missing_addresses_are_skipped(django_capture_on_commit_callbacks):
    member_ending(days(7), is_active=False)
    member_ending(days(7), email="")
    assert run(TODAY, django_capture_on_commit_callbacks) == 0


@pytest.mark.django_db
def test_how_to_pay_is_in_the_reminder(home_page, settings, django_capture_on_commit_callbacks):
    from wagtail.models import Site

    from fees.models import FeeSettings

    fee_settings = FeeSettings.for_site(Site.objects.get(is_default_site=True))
    fee_settings.payment_instructions = "Chèque à l'ordre de Parentescence"
    fee_settings.save()
    settings.HELLOASSO_CLIENT_ID, settings.HELLOASSO_CLIENT_SECRET = "id", "secret"
    settings.HELLOASSO_ORGANIZATION_SLUG = "parentescence"
    settings.HELLOASSO_FORM_URL = "https://www.helloasso.com/associations/parentescence/adhesions/2026"
    member_ending(days(7))
    run(TODAY, django_capture_on_commit_callbacks)
    body = mail.outbox[0].body
    assert "Chèque à l'ordre de Parentescence" in body and settings.HELLOASSO_FORM_URL in body


@pytest.mark.django_db
def test_the_job_is_scheduled_daily_and_logs_no_personal_data(caplog, django_capture_on_commit_callbacks):
    schedule = Schedule.objects.get(func="fees.notices.send_membership_notices")
    assert schedule.schedule_type == Schedule.DAILY
    assert timezone.localtime(schedule.next_run).hour == 8
    person = member_ending(days(7), first_name="Zélie", last_name="Confidentielle")
    with caplog.at_level("DEBUG"):
        run(TODAY, django_capture_on_commit_callbacks)
    assert person.email not in caplog.text and "Confidentielle" not in caplog.text


@pytest.mark.django_db
def test_reminders_are_written_in_the_member_s_language(django_capture_on_commit_callbacks):
    member_ending(days(7), preferred_language="en")
    run(TODAY, django_capture_on_commit_callbacks)
    assert "Your membership" in mail.outbox[0].subject or "membership" in mail.outbox[0].subject.lower()
    assert "l'annuaire" not in mail.outbox[0].body and "directory" in mail.outbox[0].body
    assert "/en/reseau/mon-espace/" in mail.outbox[0].body  # the member space in English
