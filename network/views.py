from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from network import review
from network.forms import ApplicationForm
from network.admin_views import not_own
from network.models import Application, ApplicationDocument, JoinPage


@never_cache
def amend_application(request, token):
    """The applicant amends their application through the private link the commission's
    request for changes sent them; sending it puts it back into review."""
    application = review.application_for_amend_token(token)
    if application is None:
        return render(request, "network/amend_expired.html", status=404)
    join_page = JoinPage.objects.live().first()
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES, instance=application)
        form.existing_documents = application.documents.count()
        if form.is_valid():
            with transaction.atomic():
                # Locked and checked again: a second click finds it already sent.
                locked = type(application).objects.select_for_update().get(pk=application.pk)
                if locked.status != locked.Status.CHANGES_REQUESTED:
                    return render(request, "network/amend_done.html")
                application = form.save(commit=False)
                charter = join_page.charter() if join_page else None
                application.charter_version = charter.version if charter else application.charter_version
                application.charter_accepted_at = timezone.now()
                application.save()
                form.save_documents(application)
                review.resubmit(application)
            return render(request, "network/amend_done.html")
    else:
        form = ApplicationForm(instance=application)
    return render(
        request,
        "network/amend_application.html",
        {"form": form, "application": application, "charter": join_page.charter() if join_page else None},
    )


@never_cache
def application_document(request, pk):
    """A supporting document, for the commission and superusers only."""
    user = request.user
    if not user.is_authenticated or not user.has_perm("network.view_application"):
        raise Http404
    document = ApplicationDocument.objects.filter(
        pk=pk, application__in=not_own(Application.objects.all(), user)
    ).first()
    if document is None:
        raise Http404
    from django.http import FileResponse

    return FileResponse(document.file.open("rb"), content_type=document.content_type, filename=document.original_name)
