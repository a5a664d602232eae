"""Members' views on a vignette: "mon regard de professionnel·le"."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Contribution(models.Model):
    """A member's view on a vignette from their own speciality: the support they would have
    proposed, the questions the case raises for them. Shown to the library's readers with the
    member's name and profession, grouped by profession so that the crossing of professional
    approaches is visible at a glance. The author edits or deletes it; editors moderate."""

    vignette = models.ForeignKey(
        "resources.VignettePage", on_delete=models.CASCADE, related_name="contributions", verbose_name=_("vignette")
    )
    # Erasing a member erases their contributions.
    author = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="vignette_contributions", verbose_name=_("auteur·e")
    )
    # The profession the member wrote as, kept as it was when they wrote.
    profession = models.ForeignKey(
        "network.Profession", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("profession"),
    )
    text = models.TextField(_("mon regard de professionnel·le"), max_length=4000)
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    hidden = models.BooleanField(
        _("masqué par la modération"), default=False,
        help_text=_("Un regard masqué n'est plus montré aux membres ; son auteur·e le voit, avec le motif."),
    )
    moderation_note = models.CharField(_("motif de la modération"), max_length=300, blank=True)

    panels = [
        FieldPanel("vignette", read_only=True),
        FieldPanel("author", read_only=True),
        FieldPanel("profession", read_only=True),
        FieldPanel("text"),
        FieldPanel("hidden"),
        FieldPanel("moderation_note"),
    ]

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("regard de professionnel·le")
        verbose_name_plural = _("regards de professionnel·les")

    def __str__(self):
        return str(_("Regard de %(name)s sur « %(vignette)s »") % {
            "name": self.author.get_full_name() or self.author.username, "vignette": self.vignette.title,
        })
