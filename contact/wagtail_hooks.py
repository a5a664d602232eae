"""The editors' inbox: "Messages reçus" in the admin menu."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from contact.content import contact_settings_step
from contact.models import ContactMessage
from home import hooks as site_hooks

HANDLE_PERMISSION = "contact.handle_contactmessage"


class InboxPermissionPolicy(ModelPermissionPolicy):
    """Messages are written by visitors only: nobody adds or edits one in the admin, not even a
    superuser. Editors read them ("view"), mark them handled (own permission) and may delete
    spam ("delete")."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(ContactMessage, InboxPermissionPolicy(ContactMessage))


def handler_name(message):
    user = message.handled_by
    return (user.get_full_name() or user.get_username()) if user else ""


class InboxIndexView(IndexView):
    @property
    def columns(self):
        return [
            # An absolute date ("07/12/2026 09:14"), easier to match with the e-mail than "3 days ago".
            Column("received_at", label=_("Reçu le"), accessor=lambda m: date_format(timezone.localtime(m.received_at), "SHORT_DATETIME_FORMAT"), sort_key="received_at"),
            self._get_title_column("name"),
            Column("sender_kind", label=_("Vous êtes"), accessor="get_sender_kind_display"),
            Column("about", label=_("Au sujet de"), accessor="about_title"),
            StatusTagColumn(
                "status",
                label=_("État"),
                accessor="get_status_display",
                primary=lambda message: message.status == ContactMessage.Status.NEW,
                sort_key="status",
            ),
            Column("handled_by", label=_("Traité par"), accessor=handler_name),
        ]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("about", "handled_by")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == ContactMessage.Status.NEW and self.request.user.has_perm(HANDLE_PERMISSION):
            buttons.insert(
                0,
                ListingButton(
                    _("Marquer comme traité"),
                    url=reverse("contact_messages:handle", args=[instance.pk]),
                    icon_name="check",
                    priority=5,
                ),
            )
        return buttons


class InboxInspectView(InspectView):
    template_name = "contact/admin/inspect.html"

    def get_page_title(self):
        return _("Message")

    def get_message_display_value(self):
        return format_html("<div class='contact-message'>{}</div>", linebreaks(self.object.message))

    def get_email_display_value(self):
        return format_html("<a href='mailto:{0}'>{0}</a>", self.object.email)

    def get_about_display_value(self):
        about = self.object.about
        if about is None:
            return "—"
        return format_html("<a href='{}'>{}</a>", reverse("wagtailadmin_pages:edit", args=[about.pk]), about.title)

    def get_handled_by_display_value(self):
        return handler_name(self.object) or "—"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_handle"] = (
            self.object.status == ContactMessage.Status.NEW and self.request.user.has_perm(HANDLE_PERMISSION)
        )
        context["handle_url"] = reverse("contact_messages:handle", args=[self.object.pk])
        return context


def handle_message(request, pk):
    """"Marquer comme traité": GET asks to confirm, POST records who handled it and when."""
    if not request.user.has_perm(HANDLE_PERMISSION):
        raise PermissionDenied
    message = get_object_or_404(ContactMessage, pk=pk)
    if request.method == "POST":
        if message.mark_handled(request.user):
            messages.success(request, _("Message de %(name)s marqué comme traité.") % {"name": message.name})
        return redirect("contact_messages:index")
    return TemplateResponse(request, "contact/admin/handle.html", {"message": message})


class ContactMessageViewSet(ModelViewSet):
    """Messages sent from the contact page, for the editors to answer and mark handled."""

    model = ContactMessage
    name = "contact_messages"
    url_prefix = "messages-recus"
    icon = "mail"
    menu_label = _("Messages reçus")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = InboxIndexView
    inspect_view_enabled = True
    inspect_view_class = InboxInspectView
    inspect_view_fields = [
        "received_at", "name", "email", "phone", "sender_kind", "about", "message", "language",
        "status", "handled_at", "handled_by",
    ]
    # Wagtail requires a form even though the policy above refuses every add and edit view.
    form_fields = ["name"]
    list_filter = ["status"]
    search_fields = ["name", "email", "message"]
    ordering = ["-received_at"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("handle/<int:pk>/", handle_message, name="handle")]


@hooks.register("register_admin_viewset")
def register_inbox():
    return ContactMessageViewSet()


hooks.register(site_hooks.CONTENT_BUILD, contact_settings_step, order=5)
