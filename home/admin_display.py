"""Field values in the admin's inspect views, in words a reader expects: "Oui"/"Non",
"—" for nothing, dates as "7 décembre 2026" in the site's time zone; never Python's True,
None or 2026-12-07 14:05:00+00:00. Registered for every model field (Wagtail's
display_class_registry); a view's own get_<field>_display_value still wins."""

import datetime
from decimal import Decimal

from django.db import models
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.fields import register_display_class

EMPTY = "—"


def readable(value):
    """The text shown for a field's value."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Oui") if value else _("Non")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return _("%(date)s à %(time)s") % {
            "date": formats.date_format(value, "j F Y"), "time": formats.time_format(value, "H:i")}
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, (Decimal, float)):
        return formats.number_format(value, use_l10n=True)
    return str(value)


class ReadableValue(Component):
    def __init__(self, value):
        self.value = value

    def render_html(self, parent_context=None):
        return conditional_escape(readable(self.value))


def register():
    for field_class in (models.Field,):
        register_display_class(field_class, display_class=ReadableValue)
    # Foreign keys are looked up by their target model: every model, less those that
    # Wagtail's own apps registered more precisely (images, documents).
    register_display_class(models.ForeignKey, to=models.Model, display_class=ReadableValue)
