"""Decided applications are erased, or reduced to membership data, after the retention period."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from django_q.models import Schedule
from wagtail.models import ModelLogEntry, Revision, WorkflowState

from network.models import Application, ApplicationDocument, Vote
from network.retention import erase_old_applications

pytestmark = pytest.mark.django_db


def add_document(application):
    return ApplicationDocument.objects.create(
        application=application, file=ContentFile(b"%PDF-1.4", name="d.pdf"),
        original_name="d.pdf", content_type="application/pdf", size=8,
    )


def age(application, days):
    Application.objects.filter(pk=application.pk).update(decided_at=timezone.now() - timedelta(days=days))


def traces(application):
    content_type = ContentType.objects.get_for_model(Application)
    return {
        "revisions": Revision.objects.filter(base_content_type=content_type, object_id=str(application.pk)).count(),
        "workflow": WorkflowState.objects.filter(base_content_type=content_type, object_id=str(application.pk)).count(),
        "log": ModelLogEntry.objects.filter(content_type=content_type, object_id=str(application.pk)).count(),
    }


def test_the_job_is_scheduled_daily():
    schedule = Schedule.objects.get(func="network.retention.erase_old_applications")
    assert schedule.schedule_type == Schedule.DAILY


def test_rejected_applications_are_erased_after_the_period(
    sent_application, commission, vote, settings, django_capture_on_commit_callbacks
):
    document = add_document(sent_application)
    storage, name = document.file.storage, document.file.name
    for user in commission[:2]:
        vote(user, sent_application, "vote_against", "Non.")
    assert sent_application.status == Application.Status.REJECTED

    age(sent_application, settings.NETWORK_APPLICATION_RETENTION_DAYS - 1)
    assert erase_old_applications() == (0, 0)
    assert Application.objects.exists()

    age(sent_application, settings.NETWORK_APPLICATION_RETENTION_DAYS + 1)
    with django_capture_on_commit_callbacks(execute=True):  # files go once the deletion is committed
        assert erase_old_applications() == (1, 0)
    assert not Application.objects.exists() and not ApplicationDocument.objects.exists()
    assert not storage.exists(name)
    assert not Vote.objects.exists()
    assert traces(sent_application) == {"revisions": 0, "workflow": 0, "log": 0}


def test_accepted_applications_keep_only_what_membership_needs(sent_application, commission, vote, settings):
    add_document(sent_application)
    vote(commission[0], sent_application, "vote_for", "Oui.")
    vote(commission[1], sent_application, "vote_for", "Oui.")
    vote(commission[2], sent_application, "abstain", "")
    assert sent_application.status == Application.Status.ACCEPTED
    age(sent_application, settings.NETWORK_APPLICATION_RETENTION_DAYS + 1)

    assert erase_old_applications() == (0, 1)
    kept = Application.objects.get()
    assert kept.email == sent_application.email and kept.member_id and kept.charter_version
    assert kept.criterion_charter == "" and kept.criterion_involvement == ""
    assert not ApplicationDocument.objects.exists() and not Vote.objects.exists()
    assert traces(kept)["revisions"] == 0 and traces(kept)["workflow"] == 0
    content_type = ContentType.objects.get_for_model(Application)
    history = ModelLogEntry.objects.filter(content_type=content_type, object_id=str(kept.pk))
    assert not history.filter(action__in=["network.vote", "wagtail.workflow.approve"]).exists()
    assert all("Oui." not in str(entry.data) for entry in history)
    assert erase_old_applications() == (0, 0)  # done once


def test_unanswered_requests_for_changes_are_erased(sent_application, commission, vote, settings):
    vote(commission[0], sent_application, "request_changes", "Complétez le critère 4.")
    Application.objects.update(
        amend_token_expires_at=timezone.now() - timedelta(days=settings.NETWORK_APPLICATION_RETENTION_DAYS + 1)
    )
    assert erase_old_applications() == (1, 0)
    assert not Application.objects.exists()


def test_applications_in_review_are_never_erased(sent_application, settings):
    Application.objects.update(submitted_at=timezone.now() - timedelta(days=1000))
    assert erase_old_applications() == (0, 0)
    assert Application.objects.exists()
