from .content import ContentRecord
from .media import CustomDocument, CustomImage, CustomRendition
from .outbox import OutgoingEmail
from .pages import HomePage, StandardPage
from .site import FooterText, NavigationSettings, SiteSettings

__all__ = [
    "ContentRecord",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "FooterText",
    "HomePage",
    "NavigationSettings",
    "OutgoingEmail",
    "SiteSettings",
    "StandardPage",
]
