"""The contact app's step of the site's content build (home/hooks.py, CONTENT_BUILD)."""

from contact.models import ContactSettings


def contact_settings_step(builder, site):
    """The drop-in sessions' and workshops' places the seed names, once; days, hours and the
    messages' recipient are left to editors."""
    values = builder.data.get("contact_settings")
    if not values or not builder.once("contact-settings"):
        return
    contact_settings = ContactSettings.for_site(site)
    for name, value in values.items():
        setattr(contact_settings, name, value)
    contact_settings.save()
