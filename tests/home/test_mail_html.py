"""Every e-mail carries an HTML part beside its text, in the association's letterhead,
built once from the text body (home/mail_html.py, templates/emails/base.html)."""

import email
import re
from email import policy
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from hypothesis import given
from hypothesis import strategies as st

from accounts.factories import UserFactory
from home.mail import send_to_user
from home.mail_html import render_html
from home.models import SiteSettings
from tests.properties import examples

IDENTITY = {
    "name": "Parentescence",
    "address": "12 rue des Lilas\n31000 Toulouse",
    "email": "contact@parentescence.example",
    "phone": "05 61 00 00 00",
    "site_url": "https://parentescence.example/",
    "site_host": "parentescence.example",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Document(HTMLParser):
    """What a reader sees and what a mail client could fetch, from Python's own parser;
    strict about nesting (every element closed, in order)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.tags, self.links, self.urls, self.errors, self.open = [], [], [], [], [], []
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        names = [name for name, _value in attrs]
        if len(names) != len(set(names)):
            self.errors.append(f"duplicate attribute in <{tag}>")
        for name, value in attrs:
            if name in ("href", "src", "srcset", "action", "background", "poster", "data"):
                self.urls.append(value)
            if name == "style" and re.search(r"url\(|@import|expression\(", value or "", re.I):
                self.errors.append(f"style loads something: {value}")
        if tag == "a":
            self.links.append([dict(attrs).get("href"), ""])
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.open[-1] if self.open else None}>")
        else:
            self.open.pop()

    def handle_data(self, data):
        if self.open and self.open[-1] in ("title", "style", "script"):
            return
        self.text.append(data)
        if self.open and self.open[-1] == "a":
            self.links[-1][1] += data


def parse(html):
    document = Document()
    document.feed(html)
    document.close()
    return document


def message_part(html):
    """The body of the message inside the letterhead (between the template's markers)."""
    return html.split("<!-- message -->", 1)[1].split("<!-- /message -->", 1)[0]


def words(text):
    return text.split()  # str.split: every Unicode space, the no-break space included


def as_shown(text):
    """The reference, from the rule: the body's words, control characters shown as spaces."""
    return re.sub(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]", " ", text)


URL_CHARS = st.text(st.sampled_from("abcxyz0123-_./?=&#%:~()<>\"'»é"), max_size=25)
urls = st.builds(lambda scheme, rest: scheme + rest, st.sampled_from(["http://", "https://", "HTTPS://"]), URL_CHARS)
fragments = st.one_of(
    st.text(max_size=30),
    urls,
    st.sampled_from(["\n", "\n\n", "\r\n\r\n", " : ", " !", "« ", " »", "<script>alert(1)</script>", "&amp;", "<b>", "javascript:alert(1)", "mailto:x@example.org", "<!-- /message -->"]),
)
bodies = st.lists(fragments, max_size=12).map("".join)


@examples(300)
@given(body=bodies)
def test_the_html_part_shows_the_text_and_links_nothing_else(body):
    html = render_html(body, "Objet", IDENTITY, "fr")
    document = parse(html)
    content = parse(message_part(html))

    # The same words, in the same order, every "<" and "&" of the body shown as text.
    assert words("".join(content.text)) == words(as_shown(body))
    assert set(content.tags) <= {"p", "br", "a"}  # nothing the body wrote became markup
    assert document.errors == [] and content.errors == [] and content.open == []

    # Links: the body's own http(s) links, shown as they are; the letterhead adds only the
    # site's address and the association's e-mail. Nothing is loaded from anywhere.
    for href, label in content.links:
        assert href == label and href.lower().startswith(("http://", "https://")) and href in body
    for token in words(as_shown(body)):
        if re.match(r"https?://\w", token, re.I):
            assert any(token.startswith(href) for href, _label in content.links), token
    allowed = {href for href, _label in content.links} | {IDENTITY["site_url"], "mailto:" + IDENTITY["email"]}
    assert set(document.urls) <= allowed
    assert not {"img", "link", "script", "style", "iframe", "object", "embed"} & set(document.tags)


def test_the_template_is_well_formed_html():
    """html5lib and lxml are not in the project's requirements and the suite has no Nu HTML
    checker: Python's parser, made strict about nesting, checks the document instead."""
    html = render_html("Bonjour,\n\nUn lien : https://parentescence.example/a?b=1&c=2.\n\nÀ bientôt", "Objet", IDENTITY, "fr")
    document = parse(html)
    assert document.doctype.lower() == "doctype html"
    assert document.errors == [] and document.open == []
    assert document.tags[:2] == ["html", "head"] and "body" in document.tags
    assert re.search(r'<html lang="fr" dir="ltr">', html)
    assert '<meta charset="utf-8">' in html and "<title>Objet</title>" in html
    assert "Parentescence" in "".join(document.text) and "31000 Toulouse" in "".join(document.text)
    # French typography: the space before ":" never breaks the line.
    assert "Un lien\u00a0: " in "".join(parse(message_part(html)).text)


def received(sent):
    """The message as a mail client reads it."""
    return email.message_from_bytes(sent.message().as_bytes(), policy=policy.default)


@pytest.mark.django_db
def test_a_sent_message_has_both_parts_in_utf8(home_page, django_capture_on_commit_callbacks):
    SiteSettings.objects.create(site=home_page.get_site(), address="12 rue des Lilas\n31000 Toulouse", email="contact@parentescence.example")
    body = "Bonjour Anh,\n\nVotre reçu : https://parentescence.example/reçus/1/ — merci !\n\nL'équipe"
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Votre reçu", body, None, ["anh@example.org"])
    [sent] = mail.outbox
    message = received(sent)
    assert message.get_content_type() == "multipart/alternative"
    text, html = message.iter_parts()
    assert text.get_content_type() == "text/plain" and text.get_content_charset() == "utf-8"
    assert html.get_content_type() == "text/html" and html.get_content_charset() == "utf-8"
    assert text.get_content() == body  # the text is sent as it was
    content = html.get_content()
    assert '<html lang="fr"' in content and "12 rue des Lilas" in content and "mailto:contact@parentescence.example" in content
    assert 'href="https://parentescence.example/reçus/1/"' in content
    assert message.get_body(preferencelist=("plain",)).get_content().startswith("Bonjour Anh,")


@pytest.mark.django_db
def test_attachments_stay_beside_both_parts(home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = EmailMessage("Reçu", "Votre reçu est joint.", to=["anh@example.org"])
        message.attach("recu.pdf", b"%PDF-1.4", "application/pdf")
        message.send()
    parsed = received(mail.outbox[0])
    assert parsed.get_content_type() == "multipart/mixed"
    alternative, attachment = parsed.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in alternative.iter_parts()] == ["text/plain", "text/html"]
    assert attachment.get_filename() == "recu.pdf" and attachment.get_content() == b"%PDF-1.4"


@pytest.mark.django_db
def test_a_message_that_has_its_own_html_keeps_it(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Objet", "Texte", None, ["anh@example.org"], html_message="<p>Le sien</p>")
    parsed = received(mail.outbox[0])
    html_parts = [part for part in parsed.walk() if part.get_content_type() == "text/html"]
    assert [part.get_content() for part in html_parts] == ["<p>Le sien</p>"]


@pytest.mark.django_db
def test_the_html_part_is_in_the_recipients_language(home_page, django_capture_on_commit_callbacks):
    user = UserFactory(email="parent@example.org", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        send_to_user(user, "accounts/emails/password_reset.txt", {"protocol": "https", "domain": "parentescence.example", "uid": "MQ", "token": "abc-123"}, "Password")
    html = mail.outbox[0].alternatives[0].content
    assert '<html lang="en"' in html
    assert "https://parentescence.example/" in html
