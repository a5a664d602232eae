"""The events' admin views: a repetition on creation (resources.admin_forms.EventAdminForm);
on an edit, the waiting list promoted when places are added and registrants told when the
date, time or place changes."""

from wagtail.snippets.views.snippets import CreateView, EditView


class EventCreateView(CreateView):
    def save_instance(self):
        from resources import events

        instance = super().save_instance()
        frequency = self.form.cleaned_data.get("repeat")
        if frequency:
            events.repeat(instance, frequency, self.form.cleaned_data["occurrences"])
        return instance


class EventEditView(EditView):
    def save_instance(self):
        from resources import registrations

        before = when_and_where(type(self.object).objects.get(pk=self.object.pk))
        instance = super().save_instance()
        # More places (or no limit any more): who waits and now fits is confirmed and told,
        # in the same transaction as the edit.
        registrations.capacity_changed(instance)
        if when_and_where(instance) != before:
            registrations.tell_registrants(instance, "changed")
        return instance


def when_and_where(event):
    """What registrants are told about when it changes (to the minute: the form's precision)."""
    def minute(moment):
        return moment.replace(second=0, microsecond=0) if moment else None

    return minute(event.start), minute(event.end), event.venue_id
