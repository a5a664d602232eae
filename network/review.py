"""The life of an application: sent, reviewed by the commission, decided.

Business rules live here as plain functions; the workflow task (network.models.commission)
and the signal receivers (network.signals) call them.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.log_actions import log
from wagtail.models import TaskState, WorkflowContentType

from accounts import roles
from accounts.links import set_password_link
from accounts.models import User
from home import hooks as site_hooks
from network.membership import first_fee_period, latest_membership

AMEND_LINK_VALIDITY = timedelta(days=30)


def application_workflow():
    """The workflow applications enter when sent ("Commission review")."""
    from django.contrib.contenttypes.models import ContentType

    from network.models import Application

    link = WorkflowContentType.objects.filter(
        content_type=ContentType.objects.get_for_model(Application), workflow__active=True
    ).select_related("workflow").first()
    return link.workflow if link else None


def send_mail_to_applicant(application, template, context, subject):
    """An e-mail to the applicant (French), through the outbox and the worker."""
    with translation.override("fr"):
        body = render_to_string(f"network/emails/{template}.txt", {"application": application, **context})
        EmailMessage(str(subject), body, to=[application.email]).send()


def submit(application):
    """Send a new (or amended) application into the commission's review."""
    from network.models import Application

    workflow = application_workflow()
    if workflow is None:
        raise RuntimeError("No active workflow for applications (migration network.0003 creates it).")
    application.live = False
    application.status = Application.Status.IN_REVIEW
    application.save()
    application.save_revision(log_action=True)
    workflow.start(application, user=None)


def log_vote(application, vote):
    log(instance=application, action="network.vote", user=vote.voter, data={"choice": vote.choice})


def reasons_against(task_state):
    """The reasons given with the votes against; never empty (an applicant is always told why)."""
    from django.utils.translation import gettext

    from network.models import Vote

    comments = Vote.objects.filter(task_state=task_state, choice=Vote.Choice.AGAINST).exclude(comment="")
    return "\n\n".join(comments.values_list("comment", flat=True)) or gettext(
        "La commission n'a pas réuni assez de votes favorables pour accepter votre candidature."
    )


def _amend_token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def request_changes(task_state, user, comment):
    """A commission member asks the applicant for changes: the review stops, the applicant
    gets a private link (valid AMEND_LINK_VALIDITY) to amend the same application."""
    from network.models import Application

    application = task_state.workflow_state.content_object
    token = secrets.token_urlsafe(32)
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.CHANGES_REQUESTED,
        amend_token_hash=_amend_token_hash(token),
        amend_token_expires_at=timezone.now() + AMEND_LINK_VALIDITY,
    )
    log(instance=application, action="network.request_changes", user=user)
    task_state.reject(user=user, comment=comment)
    link = settings.WAGTAILADMIN_BASE_URL + reverse("network:amend_application", args=[token])
    send_mail_to_applicant(
        application,
        "changes_requested",
        {"comment": comment, "link": link, "expires": timezone.now() + AMEND_LINK_VALIDITY},
        subject=translation.gettext_lazy("Votre candidature au réseau Parentescence : modifications demandées"),
    )


def application_for_amend_token(token):
    """The application a still-valid amend link points to, or None."""
    from network.models import Application

    return Application.objects.filter(
        amend_token_hash=_amend_token_hash(token),
        amend_token_expires_at__gt=timezone.now(),
        status=Application.Status.CHANGES_REQUESTED,
    ).first()


@transaction.atomic
def reject(application, reason):
    from network.models import Application

    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.REJECTED, decision_reason=reason, decided_at=timezone.now(),
        amend_token_hash="", amend_token_expires_at=None,
    )
    send_mail_to_applicant(
        application,
        "rejected",
        {"reason": reason},
        subject=translation.gettext_lazy("Votre candidature au réseau Parentescence"),
    )


def unique_username(email):
    """The member's e-mail as username, made unique (and short enough) if need be."""

    base = email.lower()[:140]
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


@transaction.atomic
def accept(application):
    """The commission accepted: the applicant becomes a member who has signed the charter,
    with a membership record and a published profile in the public directory."""
    from network.directory import publish_profile
    from network.models import Application, CharterSignature, Membership

    now = timezone.now()
    user = User.objects.filter(email__iexact=application.email).first()
    if user is None:
        user = User(
            username=unique_username(application.email),
            email=application.email.lower(),
            first_name=application.first_name,
            last_name=application.last_name,
            phone=application.phone,
        )
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=roles.MEMBERS))
    CharterSignature.objects.get_or_create(
        user=user,
        charter_version=application.charter_version,
        defaults={"signed_at": application.charter_accepted_at, "application": application},
    )
    today = timezone.localdate(now)
    if not Membership.objects.filter(user=user, end_date__gte=today).exists():
        # A period to pay the first fee; the first payment turns it into a full year.
        start, end = first_fee_period(today)
        Membership.objects.create(
            user=user, start_date=start, end_date=end, source=Membership.Source.ACCEPTANCE, application=application
        )
    profile = user.profile_pages.first() or publish_profile(application, user)
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.ACCEPTED, decided_at=now, member=user,
        amend_token_hash="", amend_token_expires_at=None,
    )
    link = set_password_link(user)
    send_mail_to_applicant(
        application,
        "accepted",
        {
            "link": link,
            "profile_url": profile.full_url,
            # How to pay the first fee, from the app that records fees (home/hooks.py).
            **site_hooks.mail_context("network/accepted", user),
            "first_fee_due": latest_membership(user).end_date,
        },
        subject=translation.gettext_lazy("Bienvenue dans le réseau Parentescence"),
    )
    return user


def resubmit(application):
    """The applicant amended the application: the review starts again."""
    from network.models import Application

    application.status = Application.Status.IN_REVIEW
    application.amend_token_hash = ""
    application.amend_token_expires_at = None
    application.save()
    application.save_revision(log_action=True)
    state = application.current_workflow_state
    if state is not None and state.status in (state.STATUS_NEEDS_CHANGES, state.STATUS_IN_PROGRESS):
        state.cancel(user=None)
    application_workflow().start(application, user=None)


def apply_meeting_decisions(meeting, user):
    """Record the decisions taken in session as the collective decision, with who was
    present. Returns (applied, problems): problems are messages for the person saving."""
    from django.utils.translation import gettext as _

    from network.models import Application, MeetingDecision

    applied, problems = 0, []
    attendees = list(meeting.attendees.all())
    names = ", ".join(person.get_full_name() or person.get_username() for person in attendees)
    for decision in meeting.decisions.filter(applied_at__isnull=True).select_related("application"):
        application = decision.application
        task_state = application.current_workflow_task_state
        applicant_involved = [
            person for person in [*attendees, user]
            if person.email and person.email.strip().lower() == application.email.strip().lower()
        ]
        if applicant_involved:
            problems.append(_("%(application)s : la personne candidate ne peut ni être présente ni enregistrer la décision.") % {
                "application": application})
            continue
        if application.status != Application.Status.IN_REVIEW or task_state is None:
            problems.append(_("%(application)s n'est plus en cours d'examen : décision non appliquée.") % {
                "application": application})
            continue
        quorum = task_state.task.specific.min_voters
        if len(attendees) < quorum:
            problems.append(_("Il faut au moins %(quorum)s présent·es pour décider en réunion.") % {"quorum": quorum})
            break
        comment = _("Décision prise en réunion du %(date)s (présent·es : %(names)s). %(reason)s") % {
            "date": meeting.date.strftime("%d/%m/%Y"), "names": names, "reason": decision.reason}
        with transaction.atomic():
            # Locked, as a vote locks it: a last vote and a decision in session can't both act.
            task_state = TaskState.objects.select_for_update().get(pk=task_state.pk)
            if task_state.status != TaskState.STATUS_IN_PROGRESS:
                problems.append(_("%(application)s a déjà été décidée.") % {"application": application})
                continue
            log(instance=application, action="network.meeting_decision", user=user,
                data={"meeting": meeting.pk, "outcome": decision.outcome, "attendees": [p.pk for p in attendees]})
            if decision.outcome == MeetingDecision.Outcome.ACCEPT:
                task_state.approve(user=user, comment=comment)
            elif decision.outcome == MeetingDecision.Outcome.REJECT:
                task_state.reject(user=user, comment=comment)
                task_state.workflow_state.cancel(user=user)
                reject(application, decision.reason)
            else:
                request_changes(task_state, user, decision.reason)
            MeetingDecision.objects.filter(pk=decision.pk).update(applied_at=timezone.now())
        applied += 1
    return applied, problems
