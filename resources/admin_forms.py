"""Forms of the admin screens."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


class EventAdminForm(WagtailAdminModelForm):
    """The event form, with, when creating one, a repetition: the event and its next
    occurrences are created together, as a series."""

    repeat = forms.ChoiceField(
        label=_("Répéter"), required=False,
        choices=[("", _("Non, un seul événement"))],
        help_text=_("Crée d'un coup les occurrences suivantes, chacune modifiable ensuite."),
    )
    occurrences = forms.IntegerField(
        label=_("Nombre d'occurrences (celle-ci comprise)"), required=False, min_value=2, max_value=26,
    )

    def __init__(self, *args, **kwargs):
        from resources.models import EventSeries

        super().__init__(*args, **kwargs)
        self.fields["repeat"].choices = [("", _("Non, un seul événement"))] + list(EventSeries.Frequency.choices)
        if self.instance.pk:
            del self.fields["repeat"]
            del self.fields["occurrences"]
        if "audience" in self.fields:
            # Left empty, it follows the kind (members for a Prorencontre, the commission for its meetings).
            self.fields["audience"].required = False

    def clean(self):
        from resources.events import default_audience

        data = super().clean()
        kind = data.get("kind")
        if "audience" in self.fields and kind:
            required = default_audience(kind)
            # The network's and the commission's meetings have one possible audience: theirs.
            if not data.get("audience") or required != "public":
                data["audience"] = required
                self.instance.audience = required
        if data.get("repeat") and not data.get("occurrences"):
            self.add_error("occurrences", _("Indiquez combien d'occurrences créer (2 à 26)."))
        return data
