"""Receivers: the anonymisation check on every new version of a vignette; the authors told
when the review asks for changes or publishes their vignette."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageViewRestriction, Revision
from wagtail.signals import workflow_approved, workflow_rejected

from resources import library


def vignette_of(obj):
    from resources.models import VignettePage

    specific = getattr(obj, "specific", obj)
    return specific if isinstance(specific, VignettePage) else None


@receiver(post_save, sender=Revision)
def check_new_version(sender, instance, created, **kwargs):
    from resources.models import VignettePage

    if not created or instance.content_type_id != ContentType.objects.get_for_model(VignettePage).pk:
        return
    page = VignettePage.objects.filter(pk=instance.object_id).first()
    if page is not None:
        library.refresh_findings(page, instance.as_object())


@receiver(workflow_rejected)
def changes_requested(sender, instance, user=None, **kwargs):
    page = vignette_of(instance.content_object)
    if page is not None:
        task_state = instance.current_task_state
        library.notify_authors(
            page, "changes_requested", _("Votre vignette « %(title)s » : des modifications sont demandées"),
            {"comment": task_state.get_comment() if task_state else ""},
        )


@receiver(workflow_approved)
def vignette_published(sender, instance, user=None, **kwargs):
    page = vignette_of(instance.content_object)
    if page is not None:
        library.notify_authors(page, "published", _("Votre vignette « %(title)s » est publiée"))


@receiver(post_delete, sender=PageViewRestriction)
def keep_the_library_private(sender, instance, **kwargs):
    """The library's view restriction comes back if it is removed (the privacy switch in the
    admin): API v3 has no other rule to keep its titles from anonymous callers."""
    from resources.content import restrict
    from resources.models import VignetteLibraryPage

    page = VignetteLibraryPage.objects.filter(pk=instance.page_id).first()
    if page is not None:
        transaction.on_commit(lambda: restrict(page))


@receiver(post_delete, sender=PageViewRestriction)
def keep_members_only_resources_restricted(sender, instance, **kwargs):
    """Put back a members-only workshop resource's restriction removed in the admin (its
    privacy switch): API v3 would list its title to anonymous callers."""
    page_id = instance.page_id

    def restore():
        from resources.models import WorkshopResourcePage
        from resources.workshops import sync_view_restriction

        page = WorkshopResourcePage.objects.filter(pk=page_id, members_only=True).first()
        if page is not None:  # gone with the page, or made public: nothing to restore
            sync_view_restriction(page)

    transaction.on_commit(restore)


@receiver(pre_delete, sender="resources.Event")
def tell_registrants_of_a_deleted_event(sender, instance, **kwargs):
    """An event to come deleted from the admin: its registrants are told it will not take place."""
    from resources.registrations import tell_registrants

    tell_registrants(instance, "event_cancelled")
