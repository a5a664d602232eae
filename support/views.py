"""The family support space (`/suivi-familles/`): referring professionals, coordinators and
field referents. Every view goes through `two_factor.support_view` (log-in, role, second
factor, never cached); every view of one family goes through `access.family_or_404` (per-family
check and the read log). Lists never show a family's name: only its record does, and opening
it is logged."""

import json

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home import exports
from support import access, programme, retention, two_factor
from support import accounts as programme_accounts
from support.forms import (
    AccountForm, AssignForm, CloseForm, ConsentForm, ContactForm, DataRequestForm, DropInCountsForm,
    DropInSessionForm, IdentityForm, ReferralForm, StepForm,
)
from support.models import AccessLog, DataRequest, DropInSession, DropInTheme, ErasureRun, Family
from support.statistics import csv_rows, programme_statistics

support_view = two_factor.support_view
# Columns a list may load: nothing encrypted is read (nor decrypted) to draw a list.
LIST_FIELDS = ["pk", "referred_at", "reason", "status", "referent", "institution", "closed_at", "outcome", "assigned_at"]


def _list(queryset):
    return queryset.select_related("referent", "institution").only(
        *LIST_FIELDS, "referent__first_name", "referent__last_name", "institution__name"
    ).annotate(last_contact=Max("contacts__date"))


def _upcoming_drop_ins():
    return DropInSession.objects.filter(date__gte=timezone.localdate()).select_related("place")[:6]


@support_view()
def home(request):
    user = request.user
    context = {"is_coordinator": access.is_coordinator(user), "is_referent": access.is_referent(user),
               "is_referrer": access.is_referrer(user)}
    if not any((context["is_coordinator"], context["is_referent"], context["is_referrer"])):
        return redirect("support:statistics")
    if context["is_coordinator"]:
        families = _list(Family.objects.all())
        context.update(
            to_assign=families.filter(referent__isnull=True).exclude(status=Family.Status.CLOSED),
            # However many families: a page of the supports in progress at a time.
            in_progress=Paginator(
                families.filter(referent__isnull=False).exclude(status=Family.Status.CLOSED).order_by("referred_at", "pk"),
                100,
            ).get_page(request.GET.get("page")),
            closed=families.filter(status=Family.Status.CLOSED)[:20],
            last_erasure=ErasureRun.objects.first(),
            open_requests=DataRequest.objects.filter(completed_at__isnull=True)
            .only("pk", "kind", "received_on", "completed_at", "family_id"),
        )
    if context["is_referent"]:
        mine = _list(Family.objects.filter(referent=user))
        context.update(my_open=mine.exclude(status=Family.Status.CLOSED), my_closed=mine.filter(status=Family.Status.CLOSED))
    if context["is_referrer"]:
        referrals = list(access.referrals_for(user).only(
            "pk", "referred_at", "reason", "status", "closed_at", "closing_summary"
        ).prefetch_related("consents"))
        for family in referrals:
            if family.summary_shared:  # the referrer reads the family's summary: logged like a record
                access.log(user, family, AccessLog.Action.SUMMARY)
        context["referrals"] = referrals
    context["drop_ins"] = _upcoming_drop_ins()
    # A support with no contact for two months is flagged: to take up again, or to close.
    context["stale_before"] = timezone.localdate() - timezone.timedelta(days=61)
    return render(request, "support/home.html", context)


@support_view(lambda user: access.is_referrer(user) or access.is_coordinator(user))
def refer(request):
    coordinator_entry = not access.is_referrer(request.user)
    form = ReferralForm(request.POST or None, institution_choice=coordinator_entry)
    if request.method == "POST" and form.is_valid():
        if coordinator_entry:
            family = programme.refer(form.cleaned_data, institution=form.cleaned_data["institution"], by=request.user)
        else:
            family = programme.refer(form.cleaned_data, referrer=request.user.referrer, by=request.user)
        messages.success(request, _("Orientation envoyée, référence %(reference)s. La coordination vous tient informé·e de son état ici.")
                         % {"reference": family.reference})
        return redirect("support:home")
    return render(request, "support/refer.html", {"form": form})


def _family_context(request, family):
    user = request.user
    return {
        "family": family,
        "is_coordinator": access.is_coordinator(user),
        "contacts": family.contacts.select_related("author"),
        "steps": family.steps.select_related("event", "structure"),
        "consents": family.consents.select_related("recorded_by"),
        "requests": family.requests.all(),
        "support_consent": family.consent("support"),
        "can_record_steps": programme.can_record_steps(family),
        "open": family.status != Family.Status.CLOSED,
    }


@support_view(access.sees_families)
def family_detail(request, pk):
    family = access.family_or_404(request.user, pk)
    context = _family_context(request, family)
    if context["is_coordinator"]:
        context["assign_form"] = AssignForm(initial={"referent": family.referent_id})
    return render(request, "support/family.html", context)


@require_POST
@support_view(access.is_coordinator)
def family_assign(request, pk):
    family = access.family_or_404(request.user, pk, AccessLog.Action.CHANGE)
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            programme.assign(family, form.cleaned_data["referent"])
        except programme.AlreadyClosed:
            messages.error(request, _("Cet accompagnement est clôturé."))
            return redirect("support:family", pk=family.pk)
        messages.success(request, _("Famille confiée à %(name)s, qui en est prévenu·e par e-mail.")
                         % {"name": form.cleaned_data["referent"].get_full_name()})
    else:
        messages.error(request, _("Choisissez un·e référent·e de terrain."))
    return redirect("support:family", pk=family.pk)


def _form_view(request, pk, form_class, title, save, *, needs_open=True, check=None, form_kwargs=None, submit=None):
    """A form about one family: GET shows it, POST saves it (logged as a change)."""
    action = AccessLog.Action.CHANGE if request.method == "POST" else AccessLog.Action.VIEW
    family = access.family_or_404(request.user, pk, action)
    if needs_open and family.status == Family.Status.CLOSED:
        messages.error(request, _("Cet accompagnement est clôturé."))
        return redirect("support:family", pk=family.pk)
    if check and not check(family):
        messages.error(request, _("Enregistrez d'abord l'accord de la famille pour l'accompagnement."))
        return redirect("support:family", pk=family.pk)
    form = form_class(request.POST or None, **(form_kwargs(family) if form_kwargs else {}))
    if request.method == "POST" and form.is_valid():
        try:
            message = save(family, form)
        except programme.AlreadyClosed:
            messages.error(request, _("Cet accompagnement a été clôturé entre-temps : rien n'a été enregistré."))
            return redirect("support:family", pk=family.pk)
        messages.success(request, message)
        return redirect("support:family", pk=family.pk)
    return render(request, "support/family_form.html", {
        "family": family, "form": form, "title": title, "submit": submit or _("Enregistrer"),
    })


@support_view(access.sees_families)
def family_contact(request, pk):
    def save(family, form):
        programme.add_contact(family, form.cleaned_data, request.user)
        return _("Contact enregistré.")

    return _form_view(request, pk, ContactForm, _("Enregistrer un contact"), save)


@support_view(access.sees_families)
def family_contact_edit(request, pk, contact_pk):
    """Correcting a contact (the family's right to rectification, or a mistake)."""

    def save(family, form):
        form.save()
        return _("Contact corrigé.")

    def instance(family):
        return {"instance": get_object_or_404(family.contacts, pk=contact_pk)}

    return _form_view(request, pk, ContactForm, _("Corriger un contact"), save, needs_open=False, form_kwargs=instance)


@support_view(access.sees_families)
def family_step(request, pk):
    def save(family, form):
        data = {key: form.cleaned_data[key] for key in ("kind", "date", "event", "structure")}
        programme.add_step(family, data, request.user)
        return _("Étape enregistrée.")

    return _form_view(request, pk, StepForm, _("Enregistrer une étape du parcours"), save, check=programme.can_record_steps)


@support_view(access.sees_families)
def family_consent(request, pk):
    def save(family, form):
        programme.record_consent(family, form.cleaned_data["purpose"], form.cleaned_data["given"], request.user)
        return _("Réponse de la famille enregistrée.")

    def form_kwargs(family):
        # After the closing, a referent may still record a refusal (a family withdrawing its
        # agreement); a new agreement, which would share the summary, is the coordination's.
        closed = family.status == Family.Status.CLOSED
        return {"refusal_only": closed and not access.is_coordinator(request.user)}

    return _form_view(request, pk, ConsentForm, _("Enregistrer la réponse de la famille"), save, needs_open=False,
                      form_kwargs=form_kwargs)


@support_view(access.sees_families)
def family_close(request, pk):
    def save(family, form):
        programme.close(family, form.cleaned_data["outcome"], form.cleaned_data["closing_summary"],
                        form.cleaned_data.get("share_summary"), request.user)
        return _("Accompagnement clôturé.")

    return _form_view(request, pk, CloseForm, _("Clôturer l'accompagnement"), save,
                      form_kwargs=lambda family: {"instance": family}, submit=_("Clôturer"))


@support_view(access.sees_families)
def family_identity(request, pk):
    def save(family, form):
        form.save()
        for data_request in family.requests.filter(kind=DataRequest.Kind.CORRECTION, completed_at__isnull=True):
            data_request.completed_at, data_request.completed_by = timezone.now(), request.user
            data_request.save(update_fields=["completed_at", "completed_by"])
        return _("Coordonnées corrigées.")

    return _form_view(request, pk, IdentityForm, _("Corriger les informations de la famille"), save, needs_open=False,
                      form_kwargs=lambda family: {"instance": family})


@support_view(access.sees_families)
def family_request(request, pk):
    def save(family, form):
        DataRequest.objects.create(family=family, recorded_by=request.user, **form.cleaned_data)
        return _("Demande enregistrée. La coordination y répond dans le mois.")

    return _form_view(request, pk, DataRequestForm, _("Enregistrer une demande de la famille sur ses données"), save, needs_open=False)


@require_POST
@support_view(access.is_coordinator)
def family_export(request, pk):
    """The family's right of access: everything stored about it, as JSON (the download is logged)."""
    family = access.family_or_404(request.user, pk, AccessLog.Action.EXPORT)
    data = programme.export(family)
    family.requests.filter(kind=DataRequest.Kind.ACCESS, completed_at__isnull=True).update(
        completed_at=timezone.now(), completed_by=request.user
    )
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{family.reference}.json"'
    return response


@support_view(access.is_coordinator)
def family_erase(request, pk):
    family = access.family_or_404(request.user, pk, AccessLog.Action.ERASE if request.method == "POST" else AccessLog.Action.VIEW)
    if request.method == "POST":
        reference = family.reference
        requested = family.requests.filter(kind=DataRequest.Kind.ERASURE, completed_at__isnull=True).exists()
        retention.erase(family.pk, on_request=requested)
        messages.success(request, _("Les données de la famille %(reference)s sont effacées ; seuls des chiffres anonymes restent.")
                         % {"reference": reference})
        return redirect("support:home")
    return render(request, "support/erase_confirm.html", {"family": family})


@support_view(access.is_coordinator)
def family_log(request, pk):
    family = access.family_or_404(request.user, pk)
    entries = AccessLog.objects.filter(family=family).select_related("user")
    return render(request, "support/access_log.html", {"family": family, "page_obj": Paginator(entries, 50).get_page(request.GET.get("page"))})


@support_view(access.is_coordinator)
def access_log(request):
    entries = AccessLog.objects.select_related("user")
    reference = request.GET.get("reference", "").strip()[:12]
    if reference:
        entries = entries.filter(reference__iexact=reference)
    return render(request, "support/access_log.html", {
        "page_obj": Paginator(entries, 50).get_page(request.GET.get("page")), "reference": reference,
    })


@support_view(access.sees_families)
def drop_ins(request):
    coordinator = access.is_coordinator(request.user)
    form = DropInSessionForm(request.POST or None) if coordinator else None
    if request.method == "POST":
        if not coordinator:
            raise PermissionDenied
        if form.is_valid():
            form.save()
            messages.success(request, _("Permanence ajoutée."))
            return redirect("support:drop_ins")
    sessions = DropInSession.objects.select_related("place").order_by("-date", "-start_time")
    return render(request, "support/drop_ins.html", {
        "form": form, "page_obj": Paginator(sessions, 30).get_page(request.GET.get("page")), "today": timezone.localdate(),
    })


@support_view(access.sees_families)
def drop_in_counts(request, pk):
    session = get_object_or_404(DropInSession.objects.select_related("place"), pk=pk)
    if session.date > timezone.localdate():
        raise Http404
    form = DropInCountsForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            session.families_seen = form.cleaned_data["families_seen"]
            session.save(update_fields=["families_seen"])
            session.theme_counts.all().delete()
            DropInTheme.objects.bulk_create([
                DropInTheme(session=session, theme=theme, families=form.cleaned_data[f"theme_{theme.pk}"])
                for theme in form.themes if form.cleaned_data.get(f"theme_{theme.pk}")
            ])
        messages.success(request, _("Chiffres de la permanence enregistrés."))
        return redirect("support:drop_ins")
    return render(request, "support/drop_in_counts.html", {"session": session, "form": form})


def _year(request):
    try:
        year = int(request.GET.get("annee", ""))
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), timezone.localdate().year + 1)


@support_view(access.sees_statistics)
def statistics(request):
    year = _year(request)
    report = programme_statistics(year)
    if request.GET.get("format") == "csv":
        headings, *rows = csv_rows(report)
        return exports.csv_response(f"accompagnement-familles-{year}.csv", headings, rows)
    this_year = timezone.localdate().year
    return render(request, "support/statistics.html", {
        "report": report, "years": range(this_year, this_year - 6, -1),
    })


@support_view(access.is_coordinator)
def accounts(request):
    form = AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        programme_accounts.open_account(
            data["first_name"], data["last_name"], data["email"], data["role"],
            institution=data.get("institution"), job_title=data.get("job_title", ""),
        )
        messages.success(request, _("Compte ouvert : la personne reçoit un lien pour choisir son mot de passe."))
        return redirect("support:accounts")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    people = list(programme_accounts.programme_accounts())
    with_device = set(TOTPDevice.objects.filter(confirmed=True, user__in=people).values_list("user_id", flat=True))
    for person in people:
        person.has_second_factor = person.pk in with_device
        person.role_names = [group.name for group in person.groups.all()]
    return render(request, "support/accounts.html", {"form": form, "people": people})


@require_POST
@support_view(access.is_coordinator)
def account_action(request, user_pk):
    person = get_object_or_404(programme_accounts.programme_accounts(), pk=user_pk)
    action = request.POST.get("action")
    if person == request.user:
        messages.error(request, _("Vous ne pouvez pas modifier votre propre compte ici."))
    elif action == "deactivate":
        get_user_model().objects.filter(pk=person.pk).update(is_active=False)
        two_factor.reset(person)
        messages.success(request, _("Compte désactivé."))
    elif action == "reactivate":
        get_user_model().objects.filter(pk=person.pk).update(is_active=True)
        messages.success(request, _("Compte réactivé."))
    elif action == "reset_otp":
        two_factor.reset(person)
        messages.success(request, _("Double authentification réinitialisée : la personne configurera une nouvelle application à sa prochaine connexion."))
    return redirect("support:accounts")
