"""The reviewer's anonymisation screen in the admin: the latest version of a vignette with
what the automated check found highlighted; each finding dismissed as a false positive (or
reopened) here. Publication stays refused while one is open."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from resources import library
from resources.models import AnonymisationFinding, VignettePage


def reviewable(request, page_id, deciding=False):
    """Who may edit the vignette sees the screen; its authors may not dismiss findings."""
    page = get_object_or_404(VignettePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if deciding and library.is_author(page, request.user):
        raise PermissionDenied
    return page


def anonymisation_review(request, page_id):
    page = reviewable(request, page_id)
    content = library.latest_content(page)
    library.refresh_findings(page, content)  # with today's lists of names and places
    context = {
        "page": page,
        "content": content,
        "fields": library.highlighted(page, content),
        "findings": page.findings.select_related("dismissed_by"),
        "open_count": page.findings.filter(status=AnonymisationFinding.Status.OPEN).count(),
        "attachments": [block.value for block in content.attachments if block.value is not None],
        "header_icon": "warning",
    }
    return TemplateResponse(request, "resources/admin/anonymisation_review.html", context)


@require_POST
def change_finding(request, page_id, finding_id):
    page = reviewable(request, page_id, deciding=True)
    finding = get_object_or_404(AnonymisationFinding, pk=finding_id, vignette=page)
    if request.POST.get("action") == "reopen":
        library.reopen(finding)
        messages.success(request, _("L'élément « %(text)s » est de nouveau à traiter.") % {"text": finding.text})
    else:
        library.dismiss(finding, request.user)
        messages.success(request, _("« %(text)s » est marqué comme faux positif.") % {"text": finding.text})
    return redirect(reverse("resources_anonymisation_review", args=[page.pk]))
