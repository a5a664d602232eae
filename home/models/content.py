from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentRecord(models.Model):
    """What the content build (`manage.py build_content`) has done, so that it never does
    it twice and never redoes what an editor has since changed or deleted.

    Keys: "page:<key>", "translation:<key>:<language>", "site-settings", "navigation",
    "footer". A page record whose page is gone means an editor deleted it: not rebuilt.
    `complete` is false while a step is unfinished (an interrupted build resumes it).
    """

    key = models.CharField(_("clé"), max_length=80, unique=True)
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    complete = models.BooleanField(_("terminé"), default=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("étape de la construction du contenu")
        verbose_name_plural = _("étapes de la construction du contenu")

    def __str__(self):
        return self.key
