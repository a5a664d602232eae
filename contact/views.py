"""The contact page's form: what the visitor sees and sends."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from wagtail.models import Site

from contact import inbox
from contact.forms import ContactForm
from home.ratelimit import count_submission, over_rate_limit

SENT_FLAG = "contact_message_sent"


def serve_contact_page(page, request):
    if request.GET.get("envoye") == "1" and request.session.pop(SENT_FLAG, False):
        return TemplateResponse(request, "contact/contact_page_sent.html", page.get_context(request))
    # From the profile's link (GET), then from the form's hidden field (POST): checked each time.
    about = inbox.listed_profile((request.POST if request.method == "POST" else request.GET).get(inbox.ABOUT_PARAMETER))
    form = ContactForm()
    limited = False
    if request.method == "POST":
        form = ContactForm(request.POST)
        limited = over_rate_limit(request, scope=inbox.RATE_SCOPE, limit=inbox.RATE_LIMIT)
        if not limited and form.is_valid():
            inbox.receive(form, page, about, Site.find_for_request(request))
            count_submission(request, scope=inbox.RATE_SCOPE)
            request.session[SENT_FLAG] = True
            return redirect(page.url + "?envoye=1")
    context = page.get_context(request)
    context.update(form=form, about=about, rate_limited=limited, retention_months=inbox.retention_months())
    response = TemplateResponse(request, page.get_template(request), context, status=429 if limited else 200)
    if request.method == "POST":
        patch_cache_control(response, private=True, no_store=True)  # it shows what was typed
    return response
