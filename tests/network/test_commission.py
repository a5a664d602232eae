"""The commission's collective review: each transition, the state it reaches, the mail it sends."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import ModelLogEntry, WorkflowState

from accounts.factories import UserFactory
from network.models import Application, CharterSignature, Membership, MemberProfilePage, Vote

pytestmark = pytest.mark.django_db


def test_a_sent_application_is_in_review_and_acknowledged(sent_application):
    assert sent_application.status == Application.Status.IN_REVIEW
    assert sent_application.workflow_in_progress
    assert sent_application.current_workflow_task.specific.__class__.__name__ == "CommissionVoteTask"
    assert not sent_application.live


def test_commission_members_see_it_on_their_dashboard(client, sent_application, commission):
    client.force_login(commission[0])
    response = client.get("/admin/")
    assert sent_application.first_name in response.content.decode()


def test_three_votes_accept_and_make_a_member(sent_application, commission, vote):
    mail.outbox.clear()
    assert vote(commission[0], sent_application, "vote_for", "Très bonne candidature.").status_code == 200
    assert sent_application.status == Application.Status.IN_REVIEW
    vote(commission[1], sent_application, "vote_against", "Pratique trop éloignée.")
    assert sent_application.status == Application.Status.IN_REVIEW  # 1–1: still open
    vote(commission[2], sent_application, "vote_for", "D'accord.")

    assert sent_application.status == Application.Status.ACCEPTED
    assert sent_application.live and not sent_application.workflow_in_progress
    member = get_user_model().objects.get(email=sent_application.email)
    assert member.groups.filter(name="Members").exists() and not member.has_usable_password()
    assert CharterSignature.objects.get(user=member).charter_version == sent_application.charter_version
    membership = Membership.objects.get(user=member)
    # A period to pay the first fee, listed in the directory meanwhile (fees.membership).
    assert membership.source == Membership.Source.ACCEPTANCE
    assert (membership.end_date - membership.start_date).days == 29
    profile = MemberProfilePage.objects.get(member=member)
    assert profile.live and profile.title == sent_application.full_name
    assert [message.to for message in mail.outbox] == [[sent_application.email]]
    assert "/compte/mot-de-passe/" in mail.outbox[0].body
    assert "30 €" in mail.outbox[0].body
    assert Vote.objects.count() == 3
    assert ModelLogEntry.objects.filter(action="network.vote").count() == 3


def test_votes_against_reject_with_the_reasons(sent_application, commission, vote):
    mail.outbox.clear()
    vote(commission[0], sent_application, "vote_against", "Les réponses aux critères sont trop courtes.")
    assert sent_application.status == Application.Status.IN_REVIEW
    vote(commission[1], sent_application, "vote_against", "Pas d'engagement dans l'association.")
    # 0 for, 2 against, one member left: a majority for can no longer happen.
    assert sent_application.status == Application.Status.REJECTED
    assert "trop courtes" in sent_application.decision_reason
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_CANCELLED
    assert [message.to for message in mail.outbox] == [[sent_application.email]]
    assert "trop courtes" in mail.outbox[0].body
    assert not get_user_model().objects.filter(email=sent_application.email).exists()


def test_a_vote_against_needs_a_reason(sent_application, commission, vote):
    vote(commission[0], sent_application, "vote_against", "")
    assert not Vote.objects.exists()


def test_one_vote_per_member(sent_application, commission, vote):
    vote(commission[0], sent_application, "vote_for", "Oui.")
    second = vote(commission[0], sent_application, "vote_against", "Non.")
    assert second.status_code == 403  # no action offered to someone who voted
    assert list(Vote.objects.values_list("choice", flat=True)) == ["for"]


def test_a_double_submission_counts_once(sent_application, commission):
    task_state = sent_application.current_workflow_task_state
    task = task_state.task.specific
    task.on_action(task_state, commission[0], "vote_for", comment="Oui.")
    task.on_action(task_state, commission[0], "vote_for", comment="Oui.")
    assert Vote.objects.count() == 1


def test_no_vote_on_ones_own_application(sent_application, commission, vote):
    own = UserFactory(username="candidate-member", email=sent_application.email, groups=["Commission"])
    assert vote(own, sent_application, "vote_for").status_code == 403
    assert not Vote.objects.exists()


@pytest.mark.parametrize("groups", [["Editors"], ["Members"], ["Treasurer"]])
def test_only_the_commission_votes(sent_application, vote, groups):
    outsider = UserFactory(username="outsider", groups=groups)
    response = vote(outsider, sent_application, "vote_for")
    assert response.status_code in (302, 403)
    assert not Vote.objects.exists()


def test_no_vote_once_decided(sent_application, commission, vote):
    task_state = sent_application.current_workflow_task_state
    for user in commission[:2]:
        vote(user, sent_application, "vote_against", "Non.")
    assert sent_application.status == Application.Status.REJECTED
    late = UserFactory(username="late", groups=["Commission"])
    response = vote(late, sent_application, "vote_for", "Oui.", task_state=task_state)
    assert response.status_code in (302, 403, 404)
    assert Vote.objects.count() == 2


def test_request_changes_sends_a_private_link_and_amending_restarts_the_review(
    client, sent_application, commission, vote, django_capture_on_commit_callbacks
):
    from network.factories import application_form_data

    mail.outbox.clear()
    vote(commission[0], sent_application, "request_changes", "Précisez votre engagement (critère 4).")
    assert sent_application.status == Application.Status.CHANGES_REQUESTED
    assert [message.to for message in mail.outbox] == [[sent_application.email]]
    body = mail.outbox[0].body
    assert "Précisez votre engagement" in body
    link = next(line for line in body.splitlines() if "/reseau/candidature/modifier/" in line)
    path = link.replace("http://testserver", "")
    client.logout()

    page = client.get(path)
    from django.utils.html import escape

    assert page.status_code == 200 and escape(sent_application.criterion_charter) in page.content.decode()

    data = application_form_data(
        first_name=sent_application.first_name,
        last_name=sent_application.last_name,
        email=sent_application.email,
        criterion_involvement="Je co-animerai des Parencontres.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, data)
    assert response.status_code == 200
    sent_application.refresh_from_db()
    assert sent_application.status == Application.Status.IN_REVIEW
    assert sent_application.criterion_involvement == "Je co-animerai des Parencontres."
    assert sent_application.workflow_in_progress
    assert Application.objects.count() == 1
    assert client.get(path).status_code == 404  # the link served once


def test_an_expired_link_amends_nothing(client, sent_application, commission, vote):
    from datetime import timedelta

    from django.utils import timezone

    vote(commission[0], sent_application, "request_changes", "Complétez.")
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/modifier/" in line)
    Application.objects.update(amend_token_expires_at=timezone.now() - timedelta(minutes=1))
    client.logout()
    assert client.get(link.replace("http://testserver", "")).status_code == 404


def test_the_commission_reads_the_application_and_earlier_votes_while_reviewing(client, sent_application, commission, vote):
    from django.urls import reverse

    vote(commission[0], sent_application, "vote_for", "Belle présentation du critère 2.")
    client.force_login(commission[1])
    response = client.get(reverse("wagtailsnippets_network_application:edit", args=[sent_application.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Belle présentation du critère 2." in content
    assert "Voter pour" in content and "Demander des modifications" in content


def test_nothing_personal_is_logged_from_application_to_membership(
    caplog, client, network_site, commission, vote, django_capture_on_commit_callbacks
):
    import logging

    from network.factories import ProfessionFactory, application_form_data

    ProfessionFactory()
    caplog.set_level(logging.DEBUG)
    data = application_form_data(first_name="Zoéline", last_name="Discrète", email="zoeline.discrete@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(network_site["join"].url, data)
    application = Application.objects.get()
    for user in commission:
        vote(user, application, "vote_for", "Oui.")
    assert application.status == Application.Status.ACCEPTED
    for secret in ("Zoéline", "Discrète", "zoeline.discrete", "0611223344"):
        assert secret not in caplog.text


def test_a_superusers_vote_counts_among_the_voters(sent_application, commission):
    commission[2].groups.clear()  # two members left, and the quorum is three
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    task_state = sent_application.current_workflow_task_state
    task = task_state.task.specific
    task.on_action(task_state, superuser, "vote_for", comment="Oui.")
    task.on_action(task_state, commission[0], "vote_for", comment="Oui.")
    sent_application.refresh_from_db()
    # Three may vote (two members and the superuser who did): the last member still can.
    assert sent_application.status == Application.Status.IN_REVIEW
    task.on_action(task_state, commission[1], "vote_for", comment="Oui.")
    sent_application.refresh_from_db()
    assert sent_application.status == Application.Status.ACCEPTED


def test_a_rejection_always_gives_the_applicant_a_reason(sent_application, commission, vote):
    mail.outbox.clear()
    for user in commission:
        vote(user, sent_application, "abstain", "")
    assert sent_application.status == Application.Status.REJECTED
    assert sent_application.decision_reason and "votes favorables" in mail.outbox[0].body


def test_a_vote_against_without_reason_is_refused_whatever_the_path(sent_application, commission):
    task_state = sent_application.current_workflow_task_state
    task = task_state.task.specific
    task.on_action(task_state, commission[0], "vote_against", comment="")
    task.on_action(task_state, commission[0], "request_changes", comment=["not", "text"])
    assert not Vote.objects.exists()
    sent_application.refresh_from_db()
    assert sent_application.status == Application.Status.IN_REVIEW


def test_acceptance_finds_a_free_username(sent_application, commission, vote):
    UserFactory(username=sent_application.email.lower(), email="someone.else@example.org")
    for user in commission:
        vote(user, sent_application, "vote_for", "Oui.")
    member = get_user_model().objects.get(email=sent_application.email)
    assert member.username == sent_application.email.lower() + "-2"
