from .anonymisation import AnonymisationFinding, AnonymisationReviewTask, IdentifyingTerm
from .contributions import Contribution
from .events import CalendarFeedKey, Event, EventCalendarPage, EventSeries, Registration, Venue
from .library import VignetteLibraryPage, VignettePage
from .workshops import WorkshopResourceIndexPage, WorkshopResourcePage

__all__ = [
    "AnonymisationFinding",
    "AnonymisationReviewTask",
    "CalendarFeedKey",
    "Contribution",
    "Event",
    "EventCalendarPage",
    "EventSeries",
    "IdentifyingTerm",
    "Registration",
    "Venue",
    "VignetteLibraryPage",
    "VignettePage",
    "WorkshopResourceIndexPage",
    "WorkshopResourcePage",
]
