"""The "Rejoindre le réseau" page, where a professional applies."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

RATE_LIMIT = 5  # applications per address per hour
RATE_WINDOW = 60 * 60


def client_address(request):
    """The visitor's address. Behind a proxy (production), CLIENT_IP_HEADER names the header
    the proxy sets (e.g. HTTP_X_FORWARDED_FOR); its last entry is the one the proxy saw."""
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _rate_key(request, scope):
    # Only a hash of the address is kept, in the cache, for an hour.
    return f"{scope}-rate:" + hashlib.sha256(client_address(request).encode()).hexdigest()[:32]


def over_rate_limit(request, scope="join", limit=None):
    """Whether this address sent `limit` forms of this kind (`scope`) within the hour
    (default: RATE_LIMIT applications)."""
    return cache.get(_rate_key(request, scope), 0) >= (RATE_LIMIT if limit is None else limit)


def count_application(request, scope="join"):
    """One more form of this kind from this address; the hour counts from the first one."""
    key = _rate_key(request, scope)
    if not cache.add(key, 1, RATE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.add(key, 1, RATE_WINDOW)


class JoinPage(Page):
    """Editors introduce the network and its commission; applicants fill in the form."""

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul", "ol"], blank=True)
    consent_text = RichTextField(
        _("ce que nous conservons"),
        features=["bold", "italic", "link", "ul"],
        help_text=_("Ce que l'association conserve, pourquoi et combien de temps."),
    )
    thank_you = RichTextField(_("message de confirmation"), features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("consent_text"), FieldPanel("thank_you")]

    class Meta:
        verbose_name = _("page « Rejoindre le réseau »")
        verbose_name_plural = _("pages « Rejoindre le réseau »")

    def serve(self, request, *args, **kwargs):
        from network.forms import ApplicationForm

        if request.GET.get("envoyee") == "1" and request.session.pop("application_sent", False):
            return TemplateResponse(request, "network/join_page_sent.html", self.get_context(request))
        form = ApplicationForm()
        limited = False
        if request.method == "POST":
            form = ApplicationForm(request.POST, request.FILES)
            limited = over_rate_limit(request)
            if not limited and form.is_valid():
                self.create_application(form)
                count_application(request)
                request.session["application_sent"] = True
                return redirect(self.url + "?envoyee=1")
        context = self.get_context(request)
        context.update(form=form, rate_limited=limited, charter=self.charter())
        return TemplateResponse(request, self.get_template(request), context, status=429 if limited else 200)

    def charter(self):
        from network.models import CharterPage

        return CharterPage.objects.live().filter(locale__language_code="fr").first()

    def create_application(self, form):
        from network.models import Application

        charter = self.charter()
        key = form.cleaned_data.get("submission_key", "")
        if key:
            existing = Application.objects.filter(submission_key=key).first()
            if existing is not None:
                return existing  # a double click or a resent form
        try:
            with transaction.atomic():
                return self._create(form, charter, key)
        except IntegrityError:  # the same form sent twice at the same moment
            return Application.objects.get(submission_key=key)

    def _create(self, form, charter, key):
        from network import review

        application = form.save(commit=False)
        application.charter_version = charter.version if charter else ""
        application.charter_accepted_at = timezone.now()
        application.submission_key = key
        application.live = False
        application.save()
        form.save_documents(application)
        review.submit(application)
        review.send_mail_to_applicant(application, "received", {}, subject=_("Nous avons bien reçu votre candidature"))
        return application
