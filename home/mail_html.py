"""The HTML part of every e-mail the site sends (home.mail.QueuedEmailBackend).

Built once, centrally, from the text body: escaped, in paragraphs, its web links made
clickable, inside the association's letterhead (templates/emails/base.html: its name, its
contact details from the site settings). Inline styles only, nothing loaded from another
host: no image, font or style sheet a mail client would fetch (and no tracking). The text
part is sent unchanged beside it; a message that already carries an HTML part (Wagtail's
moderation notifications) is left alone.
"""

import re
import unicodedata
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

TEMPLATE = "emails/base.html"
# http(s) links only: anything else in a body (javascript:, data:) stays text.
URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
# Punctuation that ends a sentence rather than a link ("ouvrez ce lien : https://….").
TRAILING = ".,;:!?'\"»)]}"
NO_BREAK_BEFORE = re.compile(r" (?=[:;!?»])|(?<=«) ")
LINK_STYLE = "color:#8a3b5c;text-decoration:underline;word-break:break-all;"
PARAGRAPH_STYLE = "margin:0 0 16px 0;"


def split_link(candidate):
    """(link, trailing punctuation) for a URL-looking run of characters."""
    link = candidate
    while link and link[-1] in TRAILING:
        if link[-1] == ")" and link.count("(") >= link.count(")"):
            break  # https://fr.wikipedia.org/wiki/Parentalité_(psychologie)
        link = link[:-1]
    if link.rstrip("/").lower() in ("http:", "https:"):
        return "", candidate  # nothing after the scheme: not a link
    return link, candidate[len(link) :]


def visible(text):
    """The text as the HTML part shows it: control characters (not allowed in HTML, never
    meant to be seen) become spaces, line breaks stay."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        char if char in "\n\t\f" or unicodedata.category(char) not in ("Cc", "Cs") else " " for char in text
    )


def keep_together(text):
    """French typography on screen: the space before : ; ! ? » (and after «) must not break
    the line, or a narrow phone shows a lone ":" at the start of a line."""
    return NO_BREAK_BEFORE.sub("\u00a0", text)


def linkify(line):
    """One line of text as safe HTML: escaped, its web links clickable."""
    parts, position = [], 0
    for match in URL.finditer(line):
        link, _rest = split_link(match.group())
        if not link:
            continue
        parts.append(escape(keep_together(line[position : match.start()])))
        parts.append(f'<a href="{escape(link)}" style="{LINK_STYLE}">{escape(link)}</a>')
        position = match.start() + len(link)
    parts.append(escape(keep_together(line[position:])))
    return "".join(parts)


def text_to_html(text):
    """A text body as HTML paragraphs: blank lines separate paragraphs, a line break stays
    a line break. Everything is escaped; only the body's own http(s) links become links."""
    paragraphs = re.split(r"\n[ \t]*\n", visible(text).strip("\n"))
    return mark_safe(
        "\n".join(
            f'<p style="{PARAGRAPH_STYLE}">' + "<br>\n".join(linkify(line) for line in paragraph.split("\n")) + "</p>"
            for paragraph in paragraphs
            if paragraph.strip()
        )
    )


def site_identity():
    """The association as its e-mails present it: name, postal address, contact e-mail and
    phone (the site settings of the default site, when filled in), and the site's address."""
    from home.models import SiteSettings

    # Read only: SiteSettings.for_site() would create a row while a message is being sent.
    values = SiteSettings.objects.filter(site__is_default_site=True).first()
    name_default = SiteSettings._meta.get_field("organisation_name").default
    return {
        "name": (values.organisation_name if values else "") or name_default,
        "address": values.address.strip() if values else "",
        "email": values.email if values else "",
        "phone": values.phone if values else "",
        "site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/",
        "site_host": urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc,
    }


def render_html(text, subject, identity, language=None):
    """The whole HTML document for a message with this text body."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        return render_to_string(
            TEMPLATE,
            {
                "content": text_to_html(text),
                "subject": subject,
                "language": language,
                "bidi": translation.get_language_bidi(),
                **identity,
            },
        )


def has_html(message):
    return message.content_subtype == "html" or any(
        mimetype == "text/html" for _content, mimetype in getattr(message, "alternatives", [])
    )


def with_html_alternative(message):
    """The message with an HTML part beside its text, in the language active now (the
    message's own: send_to_user renders inside the recipient's language). Messages of other
    classes, or already carrying HTML, are returned as they are."""
    if has_html(message) or message.content_subtype != "plain":
        return message
    if type(message) is EmailMessage:
        text_only = message
        message = EmailMultiAlternatives.__new__(EmailMultiAlternatives)
        message.__dict__.update(text_only.__dict__)
        message.alternatives = []
    elif not isinstance(message, EmailMultiAlternatives):
        return message
    message.attach_alternative(render_html(message.body, message.subject, site_identity()), "text/html")
    return message
