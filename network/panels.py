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
