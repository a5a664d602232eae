"""Erasing what the association no longer needs (scheduled daily on the worker).

After NETWORK_APPLICATION_RETENTION_DAYS from the decision:
- a rejected application (or one whose applicant never answered a request for changes) is
  erased with its documents, revisions, review and votes, and its entries in the admin history;
- an accepted one keeps only what membership needs (identity, profession, practice and
  contact details, charter acceptance): its answers to the criteria, documents, revisions,
  votes, comments and reasons are erased; the history keeps that it was accepted.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision, TaskState, WorkflowState

logger = logging.getLogger(__name__)


def retention_cutoff():
    return timezone.now() - timedelta(days=settings.NETWORK_APPLICATION_RETENTION_DAYS)


def _review_traces(application):
    content_type = ContentType.objects.get_for_model(application)
    states = WorkflowState.objects.filter(base_content_type=content_type, object_id=str(application.pk))
    return content_type, states


def erase_traces(instance):
    """A snippet's workflow states (with their tasks: votes go with them), revisions and
    history entries."""
    content_type, states = _review_traces(instance)
    TaskState.objects.filter(workflow_state__in=states).delete()
    states.delete()
    Revision.objects.filter(base_content_type=content_type, object_id=str(instance.pk)).delete()
    ModelLogEntry.objects.filter(content_type=content_type, object_id=str(instance.pk)).delete()


@transaction.atomic
def erase_application(application):
    for document in application.documents.all():
        document.delete()
    erase_traces(application)
    application.delete()


@transaction.atomic
def minimise_application(application):
    from network.models import MeetingDecision
    from network.models.applications import CRITERIA

    content_type, states = _review_traces(application)
    # The history keeps the decision itself, not the comments and votes that led to it.
    ModelLogEntry.objects.filter(
        content_type=content_type, object_id=str(application.pk), action__startswith="wagtail.workflow."
    ).delete()
    ModelLogEntry.objects.filter(
        content_type=content_type, object_id=str(application.pk), action__in=["network.vote", "network.request_changes"]
    ).delete()
    MeetingDecision.objects.filter(application=application).update(reason="")
    for document in application.documents.all():
        document.delete()
    TaskState.objects.filter(workflow_state__in=states).delete()
    states.delete()
    type(application).objects.filter(pk=application.pk).update(
        live_revision=None, latest_revision=None, minimised=True, **{name: "" for name, _label in CRITERIA}
    )
    Revision.objects.filter(base_content_type=content_type, object_id=str(application.pk)).delete()


def erase_old_applications():
    """Scheduled task. Logs counts only."""
    from network.models import Application

    cutoff = retention_cutoff()
    rejected = Application.objects.filter(status=Application.Status.REJECTED, decided_at__lt=cutoff) | (
        # Changes were asked for and the applicant never came back.
        Application.objects.filter(
            status=Application.Status.CHANGES_REQUESTED, amend_token_expires_at__lt=cutoff
        )
    )
    accepted = Application.objects.filter(status=Application.Status.ACCEPTED, decided_at__lt=cutoff, minimised=False)
    erased = minimised = 0
    for application in rejected:
        erase_application(application)
        erased += 1
    for application in accepted:
        minimise_application(application)
        minimised += 1
    logger.info("applications past retention: %d erased, %d reduced to membership data", erased, minimised)
    return erased, minimised
