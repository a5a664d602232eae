"""Decisions taken in a commission meeting become the collective decision."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.factories import UserFactory
from network.models import Application, CommissionMeeting, MeetingDecision
from network.review import apply_meeting_decisions

pytestmark = pytest.mark.django_db


def meeting_with(attendees, application, outcome, reason=""):
    meeting = CommissionMeeting.objects.create(date=datetime.date(2026, 11, 20), minutes="Tour de table.")
    meeting.attendees.set(attendees)
    meeting.agenda.set([application])
    meeting.save()  # ParentalManyToManyField: written on save
    MeetingDecision.objects.create(meeting=meeting, application=application, outcome=outcome, reason=reason)
    return meeting


def test_an_acceptance_in_session_makes_a_member(sent_application, commission, django_capture_on_commit_callbacks):
    meeting = meeting_with(commission, sent_application, MeetingDecision.Outcome.ACCEPT)
    with django_capture_on_commit_callbacks(execute=True):
        applied, problems = apply_meeting_decisions(meeting, commission[0])
    assert (applied, problems) == (1, [])
    sent_application.refresh_from_db()
    assert sent_application.status == Application.Status.ACCEPTED and sent_application.member
    entry = ModelLogEntry.objects.get(action="network.meeting_decision")
    assert sorted(entry.data["attendees"]) == sorted(user.pk for user in commission)
    assert apply_meeting_decisions(meeting, commission[0]) == (0, [])  # applied once


def test_a_rejection_in_session_gives_the_reason(sent_application, commission, django_capture_on_commit_callbacks):
    from django.core import mail

    mail.outbox.clear()
    meeting = meeting_with(commission, sent_application, MeetingDecision.Outcome.REJECT, "Hors du champ périnatal.")
    with django_capture_on_commit_callbacks(execute=True):
        apply_meeting_decisions(meeting, commission[0])
    sent_application.refresh_from_db()
    assert sent_application.status == Application.Status.REJECTED
    assert "Hors du champ périnatal." in mail.outbox[0].body


def test_too_few_present_decide_nothing(sent_application, commission):
    meeting = meeting_with(commission[:2], sent_application, MeetingDecision.Outcome.ACCEPT)
    applied, problems = apply_meeting_decisions(meeting, commission[0])
    assert applied == 0 and "au moins 3" in problems[0]
    sent_application.refresh_from_db()
    assert sent_application.status == Application.Status.IN_REVIEW


def test_a_refusal_needs_a_reason(sent_application):
    decision = MeetingDecision(application=sent_application, outcome=MeetingDecision.Outcome.REJECT, reason=" ")
    with pytest.raises(ValidationError):
        decision.clean()


def test_the_commission_records_meetings_in_the_admin(client, commission, sent_application):
    client.force_login(commission[0])
    assert client.get(reverse("wagtailsnippets_network_commissionmeeting:add")).status_code == 200
    client.force_login(UserFactory(username="ed", groups=["Editors"]))
    assert client.get(reverse("wagtailsnippets_network_commissionmeeting:add")).status_code in (302, 403)


def test_saving_a_meeting_in_the_admin_applies_its_decisions(client, commission, sent_application, django_capture_on_commit_callbacks):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    client.force_login(commission[0])
    data = nested_form_data(
        {
            "date": "2026-11-20",
            "minutes": "Tour de table, puis décisions.",
            "decisions": inline_formset(
                [{"application": str(sent_application.pk), "outcome": "accept", "reason": ""}]
            ),
        }
    )
    data["attendees"] = [str(user.pk) for user in commission]  # multiple values of one field
    data["agenda"] = [str(sent_application.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailsnippets_network_commissionmeeting:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    sent_application.refresh_from_db()
    assert sent_application.status == Application.Status.ACCEPTED
    meeting = CommissionMeeting.objects.get()
    assert set(meeting.attendees.all()) == set(commission)
    assert meeting.decisions.get().applied_at is not None


def test_the_applicant_cannot_decide_their_own_application_in_session(sent_application, commission):
    own = UserFactory(username="own", email=sent_application.email, groups=["Commission"])
    meeting = meeting_with([*commission, own], sent_application, MeetingDecision.Outcome.ACCEPT)
    applied, problems = apply_meeting_decisions(meeting, commission[0])
    assert applied == 0 and "personne candidate" in problems[0]
    meeting = meeting_with(commission, sent_application, MeetingDecision.Outcome.ACCEPT)
    applied, problems = apply_meeting_decisions(meeting, own)
    assert applied == 0
    sent_application.refresh_from_db()
    assert sent_application.status == Application.Status.IN_REVIEW
