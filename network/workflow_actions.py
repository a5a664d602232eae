"""Imported by Wagtail while its models load (WAGTAIL_FINISH_WORKFLOW_ACTION): import
nothing from Wagtail or the project at module level."""


def finish_workflow(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: what happens when a workflow is approved.

    Trap: Wagtail's default publishes as the last approver, with a permission check; the
    commission member whose vote decided has no publish right on applications (and needs
    none), so applications are published without that check, then accepted.
    """
    from wagtail.workflows import publish_workflow_state

    from network.member_space import apply_update
    from network.models import Application, ProfileUpdate
    from network.review import accept

    obj = workflow_state.content_object
    if isinstance(obj, Application):
        obj.get_latest_revision().publish(user=user, skip_permission_checks=True)
        accept(obj)
    elif isinstance(obj, ProfileUpdate):
        # Reviewing editors need no publish right on these: approving is the decision.
        obj.get_latest_revision().publish(user=user, skip_permission_checks=True)
        # As published: with the corrections the reviewing editor may have made.
        apply_update(ProfileUpdate.objects.get(pk=obj.pk), user=user)
    else:
        publish_workflow_state(workflow_state, user=user)
