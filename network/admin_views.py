"""Admin views for applications that only the commission (and superusers) may use, and
never on one's own application."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import InspectView

VIEW_PERMISSION = "network.view_application"


def not_own(queryset, user):
    """Applications, less the user's own (a commission member who applies sees nothing of it)."""
    if user.is_superuser or not user.email:
        return queryset
    return queryset.exclude(email__iexact=user.email)


class CommissionOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object_list(self, *args, **kwargs):
        return not_own(super().get_object_list(*args, **kwargs), self.request.user)


class ApplicationChooseView(CommissionOnlyMixin, ChooseView):
    pass


class ApplicationChooseResultsView(CommissionOnlyMixin, ChooseResultsView):
    pass


class ApplicationChosenView(CommissionOnlyMixin, SnippetChosenView):
    def get_object(self, pk):
        obj = super().get_object(pk)
        if not not_own(type(obj).objects.filter(pk=obj.pk), self.request.user).exists():
            raise Http404
        return obj


class ApplicationChosenMultipleView(CommissionOnlyMixin, SnippetChosenMultipleView):
    pass


class ApplicationChooserViewSet(SnippetChooserViewSet):
    """Trap: Wagtail's snippet chooser only asks for admin access; applications are
    for the commission's eyes only."""

    choose_view_class = ApplicationChooseView
    choose_results_view_class = ApplicationChooseResultsView
    chosen_view_class = ApplicationChosenView
    chosen_multiple_view_class = ApplicationChosenMultipleView
    create_action_label = None


class ApplicationURLFinder(ModelAdminURLFinder):
    """Where an application opens in the admin (the dashboard's and the history's links):
    its review page, for whoever may read it; commission members cannot edit applications,
    so Wagtail's default (the edit view) would leave their names unlinked."""

    def construct_edit_url(self, instance):
        return reverse("wagtailsnippets_network_application:inspect", args=[instance.pk])

    def get_edit_url(self, instance):
        if self.user is not None:
            if not self.user.has_perm(VIEW_PERMISSION):
                return None
            if not not_own(type(instance).objects.filter(pk=instance.pk), self.user).exists():
                return None
        return self.construct_edit_url(instance)


class ApplicationInspectView(InspectView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not not_own(type(obj).objects.filter(pk=obj.pk), self.request.user).exists():
            raise Http404
        return obj


def erase_member(request, pk):
    """Carry out a member's erasure request (the board: treasurer or superuser)."""
    from django.contrib import messages
    from django.shortcuts import get_object_or_404, redirect
    from django.template.response import TemplateResponse
    from django.utils.translation import gettext as _

    from network import member_space
    from network.models import ErasureRequest

    if not request.user.has_perm("network.change_erasurerequest"):
        raise PermissionDenied
    erasure = get_object_or_404(ErasureRequest, pk=pk)
    if request.method == "POST" and erasure.pending:
        member_space.erase_member(erasure, by=request.user)
        messages.success(request, _("Les données de la demande %(reference)s ont été effacées.") % {"reference": erasure.reference})
        return redirect("wagtailsnippets_network_erasurerequest:list")
    return TemplateResponse(request, "network/admin/erase_member.html", {"erasure": erasure})


def charter_signatures(request):
    """For editors: the current members who have not signed the charter version in force."""
    from django.template.response import TemplateResponse

    from network.charter import members_without_signature, required_version

    if not request.user.has_perm("network.view_charterversion"):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "network/admin/charter_signatures.html",
        {"version": required_version(), "members": members_without_signature()},
    )
