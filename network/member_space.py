"""Business rules of the members' own space: profile changes (at once or after review),
leaving and rejoining the directory, the data export, erasure, and lapsed profiles."""

import json
import logging
import os
import secrets

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from accounts import roles
from home import exports
from home import hooks as site_hooks
from home.collections import restricted_collection
from home.models import CustomImage, SiteSettings

logger = logging.getLogger(__name__)

# Picked from lists or plain facts: they go live at once.
IMMEDIATE_FIELDS = [
    "profession",
    "structure",
    "postcode",
    "commune",
    "home_visits",
    "video_consultation",
    "accessible",
    "fee_conventionne",
    "fee_fixed",
    "fee_sliding_scale",
    "fee_details",
    "website",
    "show_phone",
    "show_email",
]
IMMEDIATE_RELATIONS = ["other_professions", "themes", "languages"]
# Free text and pictures: an editor reviews them first.
REVIEWED_FIELDS = ["presentation", "photo", "photo_alt", "remove_photo"]


MEMBER_PHOTOS = "Photos des membres"


def current_content(profile):
    """The page (a profile, a vignette) as last saved, draft included: a page not live keeps
    its changes in revisions only, and the page row holds the last published state."""
    fresh = type(profile).objects.get(pk=profile.pk)  # never the caller's instance
    revision = fresh.get_latest_revision() if fresh.has_unpublished_changes else None
    return revision.as_object() if revision is not None else fresh


def member_profile(user):
    from network.models import MemberProfilePage

    return MemberProfilePage.objects.filter(member=user).order_by("pk").first()


def publish_immediate_changes(profile, data, user):
    """Apply the immediate fields and publish the profile at once (if it is listed)."""
    profile = current_content(profile)
    for name in IMMEDIATE_FIELDS:
        setattr(profile, name, data[name])
    for name in IMMEDIATE_RELATIONS:
        setattr(profile, name, list(data[name]))
    revision = profile.save_revision(user=user, log_action=True)
    if profile.live:
        revision.publish(user=user, skip_permission_checks=True)
    return revision


def open_update(profile):
    """The member's change waiting for review, if any (one at a time)."""
    return profile.updates.filter(applied_at__isnull=True).order_by("-created_at").first()


def review_workflow():
    from wagtail.models import Workflow

    return Workflow.objects.get(name="Relecture des fiches")


@transaction.atomic
def submit_for_review(profile, user, presentation, photo=None, photo_alt="", remove_photo=False):
    """Put the new presentation or photo in review; an earlier change still waiting is
    replaced, and its review starts again."""
    from network.models import ProfileUpdate

    update = open_update(profile) or ProfileUpdate(profile=profile)
    update.presentation = presentation
    update.photo_alt = photo_alt
    update.remove_photo = remove_photo and not photo
    if (photo is not None or update.remove_photo) and update.photo:
        # A new photo replaces the one in review; "remove my photo" withdraws it too.
        storage, old_name = update.photo.storage, update.photo.name
        transaction.on_commit(lambda: storage.delete(old_name))
        update.photo = ""
    if photo is not None:
        # A random name: the file name a member chose may carry their name.
        extension = os.path.splitext(photo.name)[1].lower()[:5]
        update.photo.save(f"{secrets.token_hex(12)}{extension}", photo, save=False)
    update.save()
    update.save_revision(user=user, log_action=True)
    state = update.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    review_workflow().start(update, user)
    return update


def apply_update(update, user=None):
    """The editor approved: the profile shows the new presentation and photo."""

    profile = current_content(update.profile.specific)
    profile.presentation = update.presentation
    if update.photo:
        with update.photo.open("rb") as source:
            # No name in the title or the file name; the collection is left out of the
            # images APIs (config.api).
            image = CustomImage(
                title=f"Photo de membre {secrets.token_hex(4)}",
                collection=member_photos_collection(),
                default_alt_text=update.photo_alt,
                file=File(source, name=f"{secrets.token_hex(12)}{os.path.splitext(update.photo.name)[1]}"),
            )
            image.save()
        previous = profile.photo
        profile.photo = image
        if previous is not None:
            transaction.on_commit(previous.delete)
        name = update.photo.name
        transaction.on_commit(lambda: update.photo.storage.delete(name))
        update.photo = ""
    elif update.remove_photo and profile.photo is not None:
        previous, profile.photo = profile.photo, None
        transaction.on_commit(previous.delete)
    profile.photo_alt = update.photo_alt
    revision = profile.save_revision(user=user, log_action=True)
    if profile.live:
        revision.publish(user=user, skip_permission_checks=True)
    update.applied_at = timezone.now()
    update.save(update_fields=["applied_at", "photo"])


def unpublish(profile, user=None):
    """Take a profile out of the directory (the member, or the rules, decide: no page right needed)."""
    from wagtail.actions.unpublish_page import UnpublishPageAction

    UnpublishPageAction(profile, user=user, log_action=True).execute(skip_permission_checks=True)


def member_photos_collection():
    """Where approved member photos go, editors only: out of the images APIs; profile pages
    still show them, by renditions with unguessable names."""

    return restricted_collection(MEMBER_PHOTOS, [roles.EDITORS])


def leave_directory(profile, user):
    profile.hidden_by_member = True
    if profile.live:
        unpublish(profile, user)  # saves the page, flag included
    else:
        profile.save(update_fields=["hidden_by_member"])


def can_rejoin(user):
    from network.models import Membership

    current = Membership.objects.held_by(user)
    return current and not user.erasure_requests.filter(completed_at__isnull=True).exists()


def republish(profile, user=None):
    revision = profile.get_latest_revision() or profile.save_revision(user=user)
    revision.publish(user=user, skip_permission_checks=True)
    # The revision may date from when the profile was out of the directory.
    type(profile).objects.filter(pk=profile.pk).update(hidden_by_member=False, unlisted_for_lapse=False)


def rejoin_directory(profile, user):
    """Back in the directory, for a member whose membership is current (and who has not
    asked for erasure)."""
    if not can_rejoin(user):
        return False
    republish(profile, user)
    return True


def unlist_for_lapse(profile):
    profile.unlisted_for_lapse = True
    unpublish(profile)  # saves the page, flag included


def sync_listing(user, today=None):
    """Called when a membership changes. A profile leaves the directory when the membership
    is not current, and comes back when it is again, but only if it left for that reason:
    one the member took out, an editor unpublished or an erasure request removed stays out."""
    from network.models import Membership

    current = Membership.objects.held_by(user, today)
    for profile in user.profile_pages.all():
        if not current and profile.live:
            unlist_for_lapse(profile)
        elif current and not profile.live and profile.unlisted_for_lapse and not profile.hidden_by_member:
            if not user.erasure_requests.filter(completed_at__isnull=True).exists():
                republish(profile)


def unpublish_lapsed_profiles(today=None):
    """Daily job, just after midnight: unpublish the profile of every member whose
    membership ended, so it leaves the API, the sitemap and the search index too (pages
    already refuse to show it: MemberProfilePage.is_listed)."""
    from network.directory import lapsed_profiles

    count = 0
    for profile in lapsed_profiles(today):
        unlist_for_lapse(profile)
        count += 1
    logger.info("Unpublished %s lapsed profile(s).", count)
    return count


def sign_charter(user):
    from network.charter import required_version
    from network.models import CharterSignature

    version = required_version()
    if version:
        CharterSignature.objects.get_or_create(user=user, charter_version=version, defaults={"signed_at": timezone.now()})
    return version


# -- The member's data --------------------------------------------------------------------


def member_data(user):
    """Everything stored about a member, as plain data (the export)."""
    data = {
        "account": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "phone": user.phone,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "memberships": [
            {"start_date": m.start_date.isoformat(), "end_date": m.end_date.isoformat()} for m in user.memberships.all()
        ],
        "charter_signatures": [
            {"version": s.charter_version, "signed_at": s.signed_at.isoformat()} for s in user.charter_signatures.all()
        ],
        "profiles": [],
        "applications": [],
        "erasure_requests": [
            {"reference": r.reference, "requested_at": r.requested_at.isoformat()} for r in user.erasure_requests.all()
        ],
    }
    for profile in user.profile_pages.all():
        data["profiles"].append(
            {
                "title": profile.title,
                "url": profile.full_url,
                "live": profile.live,
                "profession": profile.profession.name,
                "other_professions": [p.name for p in profile.other_professions.all()],
                "presentation": profile.presentation,
                "themes": [t.name for t in profile.themes.all()],
                "languages": [lang.name for lang in profile.languages.all()],
                "structure": profile.structure,
                "postcode": profile.postcode,
                "commune": profile.commune,
                "home_visits": profile.home_visits,
                "video_consultation": profile.video_consultation,
                "accessible": profile.accessible,
                "fees": [str(kind) for kind in profile.fee_kinds],
                "fee_details": profile.fee_details,
                "website": profile.website,
                "show_phone": profile.show_phone,
                "show_email": profile.show_email,
                "photo": profile.photo.file.url if profile.photo else None,
                "photo_alt": profile.photo_alt,
                "member_since": profile.member_since.isoformat() if profile.member_since else None,
                "pending_changes": [
                    {"presentation": u.presentation, "created_at": u.created_at.isoformat()}
                    for u in profile.updates.filter(applied_at__isnull=True)
                ],
            }
        )
    for application in user.applications.all():
        row = {
            "submitted_at": application.submitted_at.isoformat(),
            "status": application.status,
            "decided_at": application.decided_at.isoformat() if application.decided_at else None,
            "profession": application.profession.name,
            "charter_version": application.charter_version,
        }
        if not application.minimised:
            for name in ("registration_number", "email", "phone", "criterion_charter", "criterion_practice",
                         "criterion_limits", "criterion_involvement"):
                row[name] = getattr(application, name)
        data["applications"].append(row)
    # What the other apps keep about the member (home/hooks.py, MEMBER_DATA): payments, the
    # library, the events.
    data.update(site_hooks.member_data(user))
    return data


def member_data_json(user):
    return json.dumps(member_data(user), ensure_ascii=False, indent=2)


def member_data_csv(user):
    """The same data, one line per value: section, item, field, value (home.exports: the
    project's CSV, text never read as a formula)."""

    def rows():
        for section, content in member_data(user).items():
            items = content if isinstance(content, list) else [content]
            for number, item in enumerate(items, start=1):
                for name, value in item.items():
                    if isinstance(value, list):
                        value = " | ".join(
                            json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else str(v) for v in value
                        )
                    yield [section, number, name, value]

    return exports.csv_text(["section", "item", "field", "value"], rows())


@transaction.atomic
def request_erasure(user):
    """The member asked for erasure: the profile leaves the directory now, the board is told."""
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string
    from django.utils import translation

    from network.models import ErasureRequest

    request = user.erasure_requests.filter(completed_at__isnull=True).first() or ErasureRequest.objects.create(user=user)
    for profile in user.profile_pages.live():
        unpublish(profile)
    # The board is told a request is waiting, by its reference only: no name in the e-mail.
    with translation.override("fr"):
        body = render_to_string(
            "network/emails/erasure_requested.txt",
            {"reference": request.reference, "admin_url": settings.WAGTAILADMIN_BASE_URL + "/admin/"},
        )
        subject = translation.gettext("Demande d'effacement %(reference)s") % {"reference": request.reference}
    EmailMessage(subject, body, to=board_addresses()).send()
    return request


def board_addresses():
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    address = SiteSettings.for_site(site).email if site else ""
    return [address or settings.DEFAULT_FROM_EMAIL]


@transaction.atomic
def erase_member(erasure_request, by=None):
    """Erase everything stored about the member: profile pages with their revisions and
    history, pending changes and their photos, applications with their documents and
    review, signatures, memberships, the account. What remains is the request's reference,
    its dates and who carried it out."""
    from wagtail.log_actions import log
    from wagtail.models import PageLogEntry

    from network.retention import erase_application, erase_traces

    user = erasure_request.user
    if user is None:
        return
    for profile in user.profile_pages.all():
        for update in profile.updates.all():
            erase_traces(update)
            update.delete()  # its photo file goes on commit
        if profile.photo is not None:
            profile.photo.delete()
        page_id = profile.pk
        profile.delete()  # revisions and workflow states go with the page
        PageLogEntry.objects.filter(page_id=page_id).delete()
    for application in user.applications.all():
        erase_application(application)
    # The other apps' steps (home/hooks.py, MEMBER_ERASURE): registrations, say.
    site_hooks.erase_member_data(user)
    user.delete()
    erasure_request.user = None
    erasure_request.completed_at = timezone.now()
    erasure_request.save(update_fields=["user", "completed_at"])
    log(instance=erasure_request, action="network.erasure", user=by, data={"reference": erasure_request.reference})
