from wagtail.admin.panels import Panel


class AnonymisationPanel(Panel):
    """At the top of a vignette in the admin: what the automated check found in the latest
    version, open or dismissed, with a link to the screen where the reviewer deals with it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "resources/admin/anonymisation_panel.html"

        def get_context_data(self, parent_context=None):
            from resources.library import findings_with_status

            context = super().get_context_data(parent_context)
            page = self.instance
            context["page"] = page
            context["findings"] = findings_with_status(page) if page.pk else []
            context["authors"] = page.authors.all() if page.pk else []
            context["open_count"] = sum(1 for f in context["findings"] if f["status"] == "open")
            return context
