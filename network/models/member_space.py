"""What members do from their own space: changes to their profile that an editor reviews
first, and requests to erase their data."""

import secrets

from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from home.storage import private_storage
from network.panels import ProfilePhotoPanel


class ProfileUpdate(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A member's new presentation or photo, waiting for an editor's review
    ("Relecture des fiches" workflow) before it replaces what the profile shows.

    Free text and pictures go through review because they are what could name a family,
    promise what the network does not offer, or break the charter's discretion; the facts
    picked from lists (themes, languages, place, fees, contact visibility) go live at once.
    """

    profile = models.ForeignKey(
        "network.MemberProfilePage", on_delete=models.CASCADE, related_name="updates", verbose_name=_("fiche")
    )
    presentation = models.TextField(_("présentation"), max_length=1500)
    # Kept in private storage until approved: an image becomes public only once reviewed.
    photo = models.FileField(_("nouvelle photo"), upload_to="profile-photos", storage=private_storage, blank=True)
    photo_alt = models.CharField(_("description de la photo"), max_length=200, blank=True)
    remove_photo = models.BooleanField(_("retirer la photo"), default=False)
    created_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    applied_at = models.DateTimeField(_("appliquée le"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("profile", read_only=True),
        FieldPanel("presentation"),
        ProfilePhotoPanel(heading=_("Photo proposée")),
        FieldPanel("photo_alt"),
        FieldPanel("remove_photo", read_only=True),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("modification de fiche")
        verbose_name_plural = _("modifications de fiches")

    def __str__(self):
        return str(_("Fiche de %(name)s") % {"name": self.profile.title})


@receiver(post_delete, sender=ProfileUpdate)
def delete_pending_photo(sender, instance, **kwargs):
    storage, name = instance.photo.storage, instance.photo.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def new_reference():
    return secrets.token_hex(4).upper()


class ErasureRequest(models.Model):
    """A member asked for everything stored about them to be erased. The profile leaves the
    directory at once; the association's board carries the erasure out from the admin (it
    first checks nothing must legally be kept, e.g. accounting records)."""

    user = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="erasure_requests"
    )
    reference = models.CharField(_("référence"), max_length=8, default=new_reference, editable=False)
    requested_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    completed_at = models.DateTimeField(_("effectuée le"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("demande d'effacement")
        verbose_name_plural = _("demandes d'effacement")

    def __str__(self):
        return str(_("Demande %(reference)s") % {"reference": self.reference})

    @property
    def pending(self):
        return self.completed_at is None
