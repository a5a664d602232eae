from .content import BuiltPage
from .media import CustomDocument, CustomImage, CustomRendition
from .pages import HomePage, StandardPage
from .site import FooterText, NavigationSettings, SiteSettings

__all__ = [
    "BuiltPage",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "FooterText",
    "HomePage",
    "NavigationSettings",
    "SiteSettings",
    "StandardPage",
]
