from django import template
from django.utils import translation
from wagtail.models import Locale

register = template.Library()


@register.simple_tag
def contact_page():
    """The live "Nous contacter" page in the visitor's language (else in French), or None."""
    from contact.models import ContactPage

    pages = ContactPage.objects.live().public()
    return pages.filter(locale=Locale.get_active()).first() or pages.filter(locale=Locale.get_default()).first()


@register.simple_tag(takes_context=True)
def contact_about_url(context, profile):
    """The contact page's address with `profile` pre-filled ("" when there is no contact page)."""
    from contact.inbox import ABOUT_PARAMETER

    page = contact_page()
    if page is None:
        return ""
    return f"{page.get_url(context.get('request'))}?{ABOUT_PARAMETER}={profile.pk}"


@register.simple_tag
def permanences_hours(contact_settings):
    return contact_settings.permanences_hours_for(translation.get_language() or "fr") if contact_settings else ""
