from django.db import models
from django.utils.translation import gettext_lazy as _


class BuiltPage(models.Model):
    """Remembers which pages the content build (`manage.py build_content`) created, so a
    second run creates no duplicate and never touches a page an editor has since renamed,
    moved, edited or deleted (a deleted page keeps its record with no page)."""

    key = models.CharField(_("clé"), max_length=50, unique=True)
    page = models.ForeignKey("wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+")
    built_at = models.DateTimeField(_("construite le"), auto_now_add=True)

    class Meta:
        verbose_name = _("page construite depuis le contenu initial")

    def __str__(self):
        return self.key
