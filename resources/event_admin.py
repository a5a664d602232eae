"""The events' admin views: a repetition on creation (resources.admin_forms.EventAdminForm),
and the waiting list promoted when places are added."""

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
        from django.db import transaction

        from resources import registrations

        instance = super().save_instance()
        # More places (or no limit any more): who waits and now fits is confirmed and told.
        transaction.on_commit(lambda: registrations.capacity_changed(instance))
        return instance
