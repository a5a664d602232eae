from django import template

from support import access

register = template.Library()


@register.simple_tag
def support_roles(user):
    """What the family support space offers `user` (the header link and the space's menu)."""
    return {
        "any": access.has_support_role(user),
        "coordinator": access.is_coordinator(user),
        "referent": access.is_referent(user),
        "referrer": access.is_referrer(user),
        "statistics": access.sees_statistics(user),
    }
