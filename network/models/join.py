"""The "Rejoindre le réseau" page, where a professional applies."""

from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.ratelimit import count_submission, over_rate_limit

JOIN_RATE_LIMIT = 5  # applications per address per hour


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
            limited = over_rate_limit(request, "join", JOIN_RATE_LIMIT)
            if not limited and form.is_valid():
                self.create_application(form)
                count_submission(request, "join")
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
