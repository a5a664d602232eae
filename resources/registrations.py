"""Registrations to events: within capacity, then a waiting list promoted in order when a
place frees up; the e-mails of each transition; the reminders the day before and the erasure
of registrants' personal data after the event (both scheduled on the worker).

Capacity counts people (adults and children). Every change of an event's registrations
locks the event's row first (select_for_update), so simultaneous registrations are decided
one after the other and an event never overbooks.
"""

from django.db.models import Sum


def confirmed_places(event):
    from resources.models import Registration

    total = event.registrations.filter(status=Registration.Status.CONFIRMED).aggregate(
        total=Sum("adults") + Sum("children")
    )["total"]
    return total or 0


def places_left(event):
    """Places still free (0 when full), or None when the event has no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - confirmed_places(event), 0)
