"""The anonymisation review of vignettes: an editable list of places and structures to spot,
the findings of the automated check, and the workflow task that refuses publication while a
finding is open."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import AbstractGroupApprovalTask



def category_choices():
    from resources.anonymisation import CATEGORIES

    return list(CATEGORIES.items())


class IdentifyingTerm(models.Model):
    """The name of a hospital, maternity ward or structure that would situate a family
    (e.g. "CHU Purpan"). The anonymisation check flags it in vignettes; the partner
    structures of the directory are checked as well."""

    name = models.CharField(_("nom"), max_length=150, unique=True)
    note = models.CharField(_("remarque"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("note")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("lieu ou structure à repérer")
        verbose_name_plural = _("lieux et structures à repérer")

    def __str__(self):
        return self.name


class AnonymisationFinding(models.Model):
    """Something in a vignette that may identify a family, found by the automated check.
    Open until the author changes the text (the finding then disappears) or a reviewer
    dismisses it as a false positive."""

    class Status(models.TextChoices):
        OPEN = "open", _("à traiter")
        DISMISSED = "dismissed", _("faux positif")

    vignette = models.ForeignKey("resources.VignettePage", on_delete=models.CASCADE, related_name="findings")
    field = models.CharField(_("champ"), max_length=30)
    category = models.CharField(_("catégorie"), max_length=20, choices=category_choices)
    text = models.CharField(_("texte repéré"), max_length=200)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.OPEN)
    dismissed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["field", "id"]
        verbose_name = _("élément possiblement identifiant")
        verbose_name_plural = _("éléments possiblement identifiants")
        constraints = [
            models.UniqueConstraint(fields=["vignette", "field", "category", "text"], name="one_finding_per_text")
        ]

    def __str__(self):
        return f"{self.get_category_display()} : {self.text}"

    @property
    def field_label(self):
        from resources.library import FIELD_LABELS

        return FIELD_LABELS.get(self.field, self.field)

    @property
    def key(self):
        return (self.field, self.category, self.text)


class AnonymisationReviewTask(AbstractGroupApprovalTask):
    """A reviewer of the chosen groups reads the vignette for anything that could identify a
    family. "Publier" is offered only once every finding of the automated check is dealt
    with (the author changed the text, or the reviewer dismissed it as a false positive);
    nobody approves a vignette they wrote."""

    class Meta:
        verbose_name = _("relecture d'anonymisation")
        verbose_name_plural = _("relectures d'anonymisation")

    def get_actions(self, obj, user):
        from resources.library import is_author, open_matches

        actions = super().get_actions(obj, user)
        if not actions:
            return []
        obj = obj.specific
        if is_author(obj, user):
            return []
        if open_matches(obj):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        from resources.library import open_matches

        if action_name == "approve" and open_matches(task_state.workflow_state.content_object.specific):
            return None  # not offered by get_actions; never approve past an open finding
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Relecture d'une vignette : publication impossible tant qu'un élément possiblement identifiant reste à traiter.")
