from django import template

register = template.Library()


@register.simple_tag
def toggle_query(querystring, name, value):
    """The query string with `name=value` added, or removed if it was there (page reset)."""
    from django.http import QueryDict

    params = QueryDict(querystring, mutable=True)
    values = params.getlist(name)
    kept = [v for v in values if v.lower() != value.lower()]
    values = kept if len(kept) < len(values) else values + [value]
    params.setlist(name, values)
    params.pop("page", None)
    return params.urlencode()


@register.filter
def json_ld(data):
    """JSON for a <script type="application/ld+json"> element, safe inside HTML."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder
    from django.utils.html import _json_script_escapes
    from django.utils.safestring import mark_safe

    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_json_script_escapes))
