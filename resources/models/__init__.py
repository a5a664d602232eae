from .anonymisation import AnonymisationFinding, AnonymisationReviewTask, IdentifyingTerm
from .contributions import Contribution
from .events import Event
from .library import VignetteLibraryPage, VignettePage

__all__ = [
    "AnonymisationFinding",
    "AnonymisationReviewTask",
    "Contribution",
    "Event",
    "IdentifyingTerm",
    "VignetteLibraryPage",
    "VignettePage",
]
