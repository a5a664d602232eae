from wagtail.admin.panels import Panel


class VotesPanel(Panel):
    """The application's documents and the commission's votes and comments, in the admin
    (the commission is the only group that can open applications)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "network/admin/votes_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["votes"] = self.instance.commission_votes() if self.instance.pk else []
            context["documents"] = self.instance.documents.all() if self.instance.pk else []
            return context


class ProfilePhotoPanel(Panel):
    """The photo a member proposed, shown to the reviewing editor from private storage."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "network/admin/profile_photo_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["update"] = self.instance
            return context


class ErasurePanel(Panel):
    """An erasure request and the button that carries it out."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "network/admin/erasure_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["erasure"] = self.instance
            return context
