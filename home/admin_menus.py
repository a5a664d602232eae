"""Admin menu entries shown only to those allowed to use them (the "Rapports" and
"Cotisations" menus of several apps)."""

from wagtail.admin.menu import MenuItem


class RestrictedMenuItem(MenuItem):
    """A menu entry shown to those `allowed(user)` says may see it, or who have `permission`."""

    def __init__(self, *args, allowed=None, permission=None, **kwargs):
        if (allowed is None) == (permission is None):
            raise TypeError("RestrictedMenuItem needs exactly one of `allowed` and `permission`.")
        super().__init__(*args, **kwargs)
        self.allowed = allowed or (lambda user: user.has_perm(permission))

    def is_shown(self, request):
        return self.allowed(request.user)
