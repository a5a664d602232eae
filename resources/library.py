"""The rules of the vignette library: proposing and changing a vignette, the automated
anonymisation check and its findings, contributions, meetings' syntheses, private documents.

Views and the admin call these functions; they hold no request logic.
"""

import logging
import os
import secrets
from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles
from home.collections import restricted_collection
from home.mail import send_to_user
from network.member_space import current_content, member_profile
from network.models import Membership, PartnerStructure
from resources import anonymisation

logger = logging.getLogger(__name__)

VIGNETTES_COLLECTION = "Vignettes"
WORKFLOW_NAME = "Relecture d'anonymisation"
FIELD_LABELS = {
    "title": _("Titre"),
    "scenario": _("Scénario"),
    "questions": _("Questions"),
}


class AnonymisationBlocked(ValidationError):
    """Publishing a vignette while a likely identifying element is open."""


# --- Private documents -------------------------------------------------------------------

def private_collection(name):
    """A collection of members' documents, editors only: out of the documents APIs, v2 and v3,
    and their Wagtail URLs closed, for everyone else. Readers download a document from the page
    that publishes it, which checks the membership's end date: never a document removed since,
    or one of a draft."""

    return restricted_collection(name, [roles.EDITORS])


def in_collection(document, name):
    """In the collection `name` or one of its sub-collections."""
    from wagtail.models import Collection

    root = Collection.objects.filter(name=name).first()
    if root is None or document is None:
        return False
    collection = document.collection
    return collection.pk == root.pk or collection.is_descendant_of(root)


def vignettes_collection():
    """The private collection for vignettes' attachments and meetings' syntheses (pages: a
    live vignette, a meeting)."""
    return private_collection(VIGNETTES_COLLECTION)


def in_private_collection(document):
    return in_collection(document, VIGNETTES_COLLECTION)


def is_author(page, user):
    """Wrote it (or created it in the admin): may not review or publish it."""
    # In the editor, `page` may be a revision's object: its relations are in memory.
    return user.pk is not None and (page.owner_id == user.pk or user.pk in {a.pk for a in page.authors.all()})


def document_response(document):
    """The file, as Wagtail's serve view sends it: a download, never run by the browser.
    A plain HttpResponse, not a streaming one: Wagtail's before_serve_document hook ignores
    anything else (the library's documents are small, 5 MB at most)."""
    from django.http import HttpResponse
    from django.utils.http import content_disposition_header

    with document.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.filename)
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def attachment(page, document_id):
    """A document among `page`'s attachments (as `page` holds them), or None."""
    for block in page.attachments:
        if block.value is not None and block.value.pk == document_id:
            return block.value
    return None


def documents_outside_private_collection(page):
    return [block.value for block in page.attachments if block.value is not None and not in_private_collection(block.value)]


def store_private_document(upload, title, user):
    """A member's upload, as a document of the private collection. The file gets a random
    name: the name someone chose may carry a family's name."""
    from wagtail.documents import get_document_model

    extension = os.path.splitext(upload.name)[1].lower()[:6]
    upload.name = f"{secrets.token_hex(12)}{extension}"
    document = get_document_model()(title=title[:255], file=upload, collection=vignettes_collection(),
                                    uploaded_by_user=user)
    document.save()
    return document


# --- The anonymisation check ------------------------------------------------------------

def structure_names():
    """The editable list of places and structures to spot, plus the partner structures."""
    from resources.models import IdentifyingTerm

    names = set(IdentifyingTerm.objects.values_list("name", flat=True))
    names.update(PartnerStructure.objects.values_list("name", flat=True))
    return sorted(names)


def text_fields(page):
    """What the check reads, field by field, as plain text."""
    return {
        "title": page.title or "",
        "scenario": scenario_text(page),
        "questions": "\n\n".join(str(block.value) for block in page.questions if block.value),
    }


def scan_fields(fields, names=None):
    names = structure_names() if names is None else names
    return [(field, match) for field, text in fields.items() for match in anonymisation.scan(text, names)]


def latest_content(page):
    """The vignette as last saved (draft included), read fresh, never a cached instance."""

    return current_content(page)


def dismissed_keys(page):
    from resources.models import AnonymisationFinding

    return set(
        page.findings.filter(status=AnonymisationFinding.Status.DISMISSED).values_list("field", "category", "text")
    ) if page.pk else set()


def open_matches(page, content=None):
    """What may identify a family in `content` (by default the latest version) and has not
    been dismissed by a reviewer. For the latest version, the recorded findings are brought
    up to date first (a place added to the list since), so that the screens, the workflow and
    publication agree."""
    if content is None:
        if not page.pk:
            content = page
        else:
            content = latest_content(page)
            refresh_findings(page, content)
    dismissed = dismissed_keys(page)
    return [
        (field, match)
        for field, match in scan_fields(text_fields(content))
        if (field, match.category, match.text[:200]) not in dismissed
    ]


@transaction.atomic
def refresh_findings(page, content):
    """Record what the check finds in a new version: new findings open; findings whose text
    is gone disappear (the author changed it); dismissed ones stay dismissed."""
    from resources.models import AnonymisationFinding

    found = {(field, match.category, match.text[:200]) for field, match in scan_fields(text_fields(content))}
    existing = {finding.key: finding for finding in page.findings.all()}
    gone = [finding.pk for key, finding in existing.items() if key not in found]
    AnonymisationFinding.objects.filter(pk__in=gone).delete()
    AnonymisationFinding.objects.bulk_create(
        [AnonymisationFinding(vignette=page, field=f, category=c, text=t) for f, c, t in found - existing.keys()],
        ignore_conflicts=True,
    )
    return page.findings.filter(status=AnonymisationFinding.Status.OPEN).count()


def sync_findings(page):
    """The findings of the latest version, recorded again with today's lists."""
    if page.pk:
        refresh_findings(page, latest_content(page))


def findings_with_status(page):
    sync_findings(page)
    return [
        {
            "id": finding.pk,
            "field": FIELD_LABELS.get(finding.field, finding.field),
            "category": finding.get_category_display(),
            "text": finding.text,
            "status": finding.status,
        }
        for finding in page.findings.all()
    ]


def highlighted(page, content=None):
    """Each field's text cut into segments, the findings marked with their status, for the
    reviewer's screen and the author's."""
    if content is None:
        content = latest_content(page)
    dismissed = dismissed_keys(page)
    names = structure_names()
    result = []
    for field, text in text_fields(content).items():
        matches = anonymisation.scan(text, names)
        segments = []
        for segment, match in anonymisation.highlight(text, matches):
            status = None
            if match is not None:
                status = "dismissed" if (field, match.category, match.text[:200]) in dismissed else "open"
            segments.append({
                "text": segment,
                "category": anonymisation.CATEGORIES[match.category] if match else None,
                "status": status,
            })
        result.append({"field": field, "label": FIELD_LABELS[field], "segments": segments,
                       "count": sum(1 for s in segments if s["status"] == "open")})
    return result


def dismiss(finding, user):
    finding.status = finding.Status.DISMISSED
    finding.dismissed_by = user
    finding.dismissed_at = timezone.now()
    finding.save(update_fields=["status", "dismissed_by", "dismissed_at"])


def reopen(finding):
    finding.status = finding.Status.OPEN
    finding.dismissed_by = None
    finding.dismissed_at = None
    finding.save(update_fields=["status", "dismissed_by", "dismissed_at"])


# --- Proposing a vignette ------------------------------------------------------------------

def library_page():
    from resources.models import VignetteLibraryPage

    return VignetteLibraryPage.objects.order_by("path").first()


def review_workflow():
    from wagtail.models import Workflow

    return Workflow.objects.get(name=WORKFLOW_NAME)


def paragraphs(text):
    """A member's text, one scenario paragraph per block of lines separated by a blank line."""
    parts = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return [part for part in parts if part]


def questions_from(text):
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def scenario_text(page):
    return "\n\n".join(str(block.value) for block in page.scenario if block.value)


def questions_text(page):
    return "\n".join(str(block.value) for block in page.questions if block.value)


NEUTRAL_SLUG = r"vignette-[0-9a-f]{8}"


def neutral_slug(parent=None):
    """A vignette's address says nothing of it: a title written before the review may name
    a family, and addresses end up in listings, e-mails, browser histories and access logs."""
    while True:
        slug = f"vignette-{secrets.token_hex(4)}"
        if parent is None or not parent.get_children().filter(slug=slug).exists():
            return slug


def fill(page, data):
    page.title = data["title"]
    page.period = data["period"]
    page.scenario = [("paragraph", part) for part in paragraphs(data["scenario"])]
    page.questions = [("question", question) for question in questions_from(data["questions"])]
    page.themes = list(data["themes"])


def author_profession(user):

    profile = member_profile(user)
    if profile is not None:
        return profile.profession
    membership = Membership.objects.filter(user=user, profession__isnull=False).order_by("-start_date").first()
    return membership.profession if membership else None


def vignette_state(page):
    """Where a vignette stands, for its authors: in review, changes requested, published."""
    state = page.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        task_state = state.current_task_state
        return {"status": "needs_changes", "comment": task_state.get_comment() if task_state else ""}
    if state is not None and state.status == state.STATUS_IN_PROGRESS:
        return {"status": "in_review", "comment": ""}
    if page.live:
        return {"status": "published", "comment": ""}
    return {"status": "draft", "comment": ""}


@transaction.atomic
def propose(user, data, attachment=None):
    """A member proposes a vignette from "Mon espace": it is saved as a draft and enters the
    anonymisation review. Nobody but its authors and the reviewers sees it until published."""
    from resources.models import VignettePage

    library = library_page()
    if library is None:
        raise RuntimeError("No vignette library page (manage.py build_content creates it).")
    page = VignettePage(live=False, owner=user)
    fill(page, data)
    page.slug = neutral_slug(library)
    profession = author_profession(user)
    page.author_professions = [profession] if profession else []
    page.authors = [user]
    if attachment is not None:
        document = store_private_document(attachment, str(_("Pièce jointe")), user)
        page.attachments = [("document", document)]
    library.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    # Started without a user: Wagtail's own approval and rejection e-mails go to the
    # submitting user with links into the admin, where members have no access; the authors
    # get ours instead (resources.signals).
    review_workflow().start(page, user=None)
    logger.info("vignette %s proposed", page.pk)
    return page


@transaction.atomic
def update(page, user, data, attachment=None, remove_attachment=False):
    """An author changes their vignette: a new version, checked again. A review waiting for
    changes resumes; a published vignette keeps its published version until the new one is
    reviewed."""
    content = latest_content(page)
    fill(content, data)
    if remove_attachment:
        content.attachments = []
    if attachment is not None:
        document = store_private_document(attachment, str(_("Pièce jointe")), user)
        content.attachments = [("document", document)]
    content.save_revision(user=user, log_action=True)
    state = page.current_workflow_state
    if state is not None and state.status == state.STATUS_IN_PROGRESS:
        # The reviewer must read what will be published: the review starts again on this
        # version (approving publishes the latest version).
        state.cancel(user=None)
        state = None
    if state is None:
        review_workflow().start(page, user=None)
    elif state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user=None)
    logger.info("vignette %s changed by an author", page.pk)
    return page


def member_vignettes(user):
    from resources.models import VignettePage

    return VignettePage.objects.filter(authors=user).order_by("-latest_revision_created_at")


def notify_authors(page, template, subject, context=None):
    """E-mail the authors, with the vignette's title as they last wrote it (not the one the
    page row or a cached instance may still hold)."""
    base_url = settings.WAGTAILADMIN_BASE_URL
    title = latest_content(page).title
    for author in page.authors.all():
        transaction.on_commit(
            lambda author=author: send_to_user(
                author, f"resources/emails/{template}.txt",
                {"vignette": page, "title": title, "base_url": base_url, **(context or {})}, subject,
                {"title": title},
            )
        )


# --- Contributions ---------------------------------------------------------------------

def contributions_by_profession(page, user):
    """The members' views, grouped by profession (professions in their usual order); hidden
    ones only to their author."""
    groups = OrderedDict()
    contributions = (
        page.contributions.select_related("author", "profession")
        .order_by("profession__sort_order", "profession__name", "created_at")
    )
    for contribution in contributions:
        if contribution.hidden and contribution.author_id != user.pk:
            continue
        key = contribution.profession.name if contribution.profession else _("Autre profession")
        groups.setdefault(str(key), []).append(contribution)
    return groups


def add_contribution(page, user, text):
    from resources.models import Contribution

    contribution = Contribution.objects.create(vignette=page, author=user, profession=author_profession(user), text=text)
    logger.info("contribution %s added to vignette %s", contribution.pk, page.pk)
    return contribution


# --- Meetings ----------------------------------------------------------------------------

def meetings():
    """The network's meetings (Prorencontres and Intervisions): the only events the library
    shows, to all its readers. Family events and the commission's meetings never appear there."""
    from resources.models import Event

    return Event.objects.filter(kind__in=Event.NETWORK_KINDS)


def can_write_synthesis(event, user, now=None):
    """A facilitator, or who manages meetings (editors), attaches the synthesis once the
    meeting has begun."""
    now = now or timezone.now()
    if event.start > now or not event.is_network_meeting:
        return False
    return user.has_perm("resources.change_event") or event.facilitators.filter(pk=user.pk).exists()


def save_synthesis(event, user, text, document_upload=None):
    event.synthesis = text
    if document_upload is not None:
        event.synthesis_document = store_private_document(
            document_upload, _("Synthèse : %(title)s") % {"title": event.title}, user
        )
    event.synthesis_by = user
    event.synthesis_updated_at = timezone.now()
    event.save()
    logger.info("synthesis of event %s saved", event.pk)
