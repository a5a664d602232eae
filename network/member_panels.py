"""The network's own cards of "Mon espace" (home/hooks.py, MEMBER_SPACE_PANELS)."""

from django.template.loader import render_to_string

from home.hooks import Panel
from network import member_space
from network.charter import needs_signature, required_version


def review_state(update):
    """How a change waiting for review stands, for the member."""
    if update is None:
        return None
    state = update.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        task_state = state.current_task_state
        comment = task_state.get_comment() if task_state else ""
        return {"status": "needs_changes", "comment": comment, "update": update}
    return {"status": "in_review", "update": update}


def charter_panel(request):
    user = request.user
    version = required_version()
    return Panel(20, "network/member_space/charter_panel.html", {
        "signature": user.charter_signatures.filter(charter_version=version).first() if version else None,
        "needs_signature": needs_signature(user),
        "required_version": version,
    })


def profile_panel(request):
    profile = member_space.member_profile(request.user)
    return Panel(30, "network/member_space/profile_panel.html", {
        "profile": profile,
        "pending": review_state(member_space.open_update(profile)) if profile else None,
        "erasure_request": request.user.erasure_requests.filter(completed_at__isnull=True).first(),
    })


def charter_notice(request):
    """On every page, for a member: the invitation to sign a new version of the charter."""
    if needs_signature(request.user):
        return render_to_string("network/includes/member_notice.html", {"needs_signature": True}, request=request)
    return None

