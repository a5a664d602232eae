"""The network's retention job for applications (network.retention.erase_old_applications),
checked against a plain reference written from the rule (the module's docstring, README
"Retention" under the worker's jobs, and the commission's guide: "Une candidature refusée est
effacée avec ses pièces jointes au bout de 12 mois ; une candidature acceptée ne garde alors que
ce dont l'adhésion a besoin").

The rule:
- The period is NETWORK_APPLICATION_RETENTION_DAYS days of elapsed time, and an application is
  past it once more than that has passed since it was settled: since the decision for a
  rejected or accepted one; for one whose applicant was asked for changes, since the amend
  link expired (until then the applicant may still answer: it is not yet "never answered").
- Past it, a rejected application, or one whose applicant never answered a request for
  changes, is erased with its documents, revisions, review (workflow states, tasks, votes)
  and its admin history.
- Past it, an accepted application keeps only what membership needs (identity, profession,
  practice, contact details, charter acceptance): its answers to the criteria, documents,
  revisions, review and votes go; its history keeps the decision itself, not the votes,
  requests for changes and workflow steps that led to it.
- Nothing else is touched: applications in review (however old), applications not yet past
  the period, accepted ones reduced already. The job returns (erased, reduced), which is what
  it did; a second run at the same moment does nothing.
"""

import datetime
import zoneinfo
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from hypothesis import given
from hypothesis import strategies as st
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision, TaskState, WorkflowState

from network import review
from network.factories import ApplicationFactory
from network.models import Application, ApplicationDocument, Vote
from network.models.applications import CRITERIA
from network.retention import erase_old_applications
from tests.properties import examples, rolled_back

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
UTC = datetime.timezone.utc
CRITERIA_FIELDS = [name for name, _label in CRITERIA]
# What membership needs, kept on a reduced application.
MEMBERSHIP_FIELDS = [
    "first_name", "last_name", "profession_id", "registration_number", "structure", "commune", "postcode",
    "home_visits", "languages", "themes", "presentation", "email", "phone", "charter_version",
    "charter_accepted_at", "status", "decided_at", "member_id",
]
# History entries about how the decision was reached (not the decision itself).
REVIEW_ACTIONS = ("network.vote", "network.request_changes")

# Run days: month ends, 29 February, daylight saving changes in Paris (a day of 23 or 25 hours).
SPECIAL_DAYS = [
    datetime.date(2028, 2, 29), datetime.date(2027, 3, 1), datetime.date(2026, 8, 31),
    datetime.date(2026, 12, 31), datetime.date(2027, 3, 28), datetime.date(2026, 10, 25),
    datetime.date(2027, 10, 31),
]
TIMES = [datetime.time(0, 0), datetime.time(0, 30), datetime.time(2, 30), datetime.time(3, 0), datetime.time(23, 59, 59)]

# When the application was settled, relative to the end of the period: just inside, on the
# boundary, just past, or anywhere.
offset = st.one_of(
    st.sampled_from([
        datetime.timedelta(0), datetime.timedelta(seconds=1), -datetime.timedelta(seconds=1),
        datetime.timedelta(hours=1), -datetime.timedelta(hours=1), datetime.timedelta(days=1),
        -datetime.timedelta(days=1),
    ]),
    st.integers(-400 * 24 * 3600, 400 * 24 * 3600).map(lambda seconds: datetime.timedelta(seconds=seconds)),
)
applications = st.lists(
    st.fixed_dictionaries({
        "status": st.sampled_from(["in_review", "rejected", "accepted", "accepted_reduced", "changes_requested"]),
        "settled": offset,  # decision, or the amend link's expiry; before the end of the period when negative
        "documents": st.integers(0, 2),
        "votes": st.integers(0, 2),
    }),
    max_size=5,
)
now_strategy = st.builds(
    lambda day, time: datetime.datetime.combine(day, time, tzinfo=PARIS),
    st.one_of(st.sampled_from(SPECIAL_DAYS), st.dates(datetime.date(2026, 1, 1), datetime.date(2029, 12, 31))),
    st.sampled_from(TIMES),
)


def traces(application):
    """Everything of an application the job may remove, as comparable sets."""
    content_type = ContentType.objects.get_for_model(Application)
    states = WorkflowState.objects.filter(base_content_type=content_type, object_id=str(application.pk))
    return {
        "documents": set(ApplicationDocument.objects.filter(application_id=application.pk).values_list("pk", flat=True)),
        "revisions": set(Revision.objects.filter(base_content_type=content_type, object_id=str(application.pk))
                         .values_list("pk", flat=True)),
        "workflow": set(states.values_list("pk", flat=True)),
        "tasks": set(TaskState.objects.filter(workflow_state__in=states).values_list("pk", flat=True)),
        "votes": set(Vote.objects.filter(task_state__workflow_state__in=states).values_list("pk", flat=True)),
        "history": set(ModelLogEntry.objects.filter(content_type=content_type, object_id=str(application.pk))
                       .values_list("pk", "action")),
    }


def fields(application):
    """Every column of the application's row; None once it is erased."""
    return Application.objects.filter(pk=application.pk).values().first()


def make(spec, now, days, commission):
    """An application sent into review, then brought to the generated state (`now` in UTC)."""
    application = ApplicationFactory()
    review.submit(application)
    application.refresh_from_db()
    task_state = application.current_workflow_task_state
    for voter in commission[:spec["votes"]]:
        vote = Vote.objects.create(task_state=task_state, voter=voter, choice="for", comment="Motivation du vote.")
        review.log_vote(application, vote)
    for n in range(spec["documents"]):
        ApplicationDocument.objects.create(
            application=application, file=ContentFile(b"%PDF-1.4", name=f"piece{n}.pdf"),
            original_name=f"piece{n}.pdf", content_type="application/pdf", size=8)
    settled = now - datetime.timedelta(days=days) + spec["settled"]
    status = spec["status"]
    if status in ("rejected", "accepted", "accepted_reduced"):
        decided = min(settled, now)  # a decision is never in the future
        log(instance=application, action="network.meeting_decision", data={"outcome": status})
        Application.objects.filter(pk=application.pk).update(
            status="rejected" if status == "rejected" else "accepted", decided_at=decided,
            decision_reason="Motif de la commission." if status == "rejected" else "")
        if status == "accepted_reduced":  # what an application reduced earlier looks like
            Application.objects.filter(pk=application.pk).update(
                minimised=True, live_revision=None, latest_revision=None, **dict.fromkeys(CRITERIA_FIELDS, ""))
        return application, decided
    if status == "changes_requested":
        log(instance=application, action="network.request_changes")
        Application.objects.filter(pk=application.pk).update(
            status="changes_requested", amend_token_hash="x" * 64, amend_token_expires_at=settled)
        return application, settled
    Application.objects.filter(pk=application.pk).update(submitted_at=settled - datetime.timedelta(days=1000))
    return application, None


def expected_fate(spec, settled, now, days):
    """The reference: "erased", "reduced" or None (untouched). Both moments in UTC."""
    if settled is None or not now - settled > datetime.timedelta(days=days):
        return None
    return {"rejected": "erased", "changes_requested": "erased", "accepted": "reduced"}.get(spec["status"])


@examples(20)
@given(specs=applications, now=now_strategy, days=st.sampled_from([365, 30, 1]))
def test_property_the_job_erases_or_reduces_exactly_the_applications_past_the_period(
    specs, now, days, settings, profession, commission
):
    settings.NETWORK_APPLICATION_RETENTION_DAYS = days
    # Elapsed time: computed in UTC (Python subtracts wall-clock times when both sides are in
    # Paris, an hour off across a daylight saving change).
    now = now.astimezone(UTC)
    with rolled_back():
        created = []
        for spec in specs:
            application, settled = make(spec, now, days, commission)
            created.append((application, spec, expected_fate(spec, settled, now, days),
                            fields(application), traces(application)))

        with mock.patch("django.utils.timezone.now", return_value=now):
            result = erase_old_applications()
            after_first = [(fields(application), traces(application)) for application, *_rest in created]
            second = erase_old_applications()

        fates = [fate for _application, _spec, fate, _fields, _traces in created]
        assert result == (fates.count("erased"), fates.count("reduced")), f"run {now.astimezone(PARIS)}, {days=}, {fates=}"
        assert second == (0, 0)
        assert [(fields(application), traces(application)) for application, *_rest in created] == after_first

        for application, spec, fate, before, before_traces in created:
            now_fields, now_traces = fields(application), traces(application)
            context = f"{spec['status']} settled {spec['settled']} from the end of the period, run {now.astimezone(PARIS)}"
            if fate == "erased":
                assert now_fields is None, context
                assert now_traces == {key: set() for key in before_traces}, context
            elif fate == "reduced":
                assert now_fields is not None and now_fields["minimised"], context
                assert {name: now_fields[name] for name in MEMBERSHIP_FIELDS} == {
                    name: before[name] for name in MEMBERSHIP_FIELDS}, context
                assert all(now_fields[name] == "" for name in CRITERIA_FIELDS), context
                assert not any(now_traces[key] for key in ("documents", "revisions", "workflow", "tasks", "votes")), context
                # The history keeps the decision, not the review that led to it.
                assert now_traces["history"] == {
                    (pk, action) for pk, action in before_traces["history"]
                    if action not in REVIEW_ACTIONS and not action.startswith("wagtail.workflow.")
                }, context
                assert ("network.meeting_decision" in {action for _pk, action in now_traces["history"]}), context
            else:
                assert (now_fields, now_traces) == (before, before_traces), context
