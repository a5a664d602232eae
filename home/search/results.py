"""What a search result shows: its kind of page and an excerpt with the query's words marked."""

import html
import re
import unicodedata

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelsearch.index import RelatedFields, SearchField

from .text import WORD, word_key

# The kind of page a parent sees beside each result; any other page is a "Page".
KINDS = {
    "network.memberprofilepage": _("Professionnel·le"),
    "network.directoryindexpage": _("Annuaire"),
    "network.partnerdirectorypage": _("Structures partenaires"),
    "network.helpfinderpage": _("Orientation"),
    "resources.workshopresourcepage": _("Atelier / ressource"),
    "resources.workshopresourceindexpage": _("Ateliers / ressources"),
    "resources.eventcalendarpage": _("Agenda des événements"),
}
DEFAULT_KIND = _("Page")

MAX_PAGE = 10**6  # a page number past it is read as past the last page
EXCERPT_WORDS = 32  # words shown around the first match
LEAD_WORDS = 8  # of which before it


def results_page(fetch, requested, per_page):
    """The page `requested` (any text) of search results, as a Paginator's page: as
    Paginator.get_page reads it, the first page for nonsense, the last beyond either end.
    `fetch(start, stop)` gives (the objects of that slice, the number of hits in all):
    backend.search_page reads both at once."""
    # Digits only, as everywhere on the site: int() would also read " 2", "2_0" or "２".
    number = int(requested) if re.fullmatch(r"-?[0-9]+", requested or "") else 1
    if not 1 <= number <= MAX_PAGE:  # past either end (and an OFFSET SQL can hold)
        number = MAX_PAGE
    objects, total = fetch((number - 1) * per_page, number * per_page)
    paginator = Paginator([], per_page)
    paginator.count = total
    if not objects and total:
        number = paginator.num_pages
        objects, paginator.count = fetch((number - 1) * per_page, number * per_page)
    return Page(objects, number if objects else 1, paginator)


def specific_pages(pages):
    """The specific page of each of `pages` (a page of results), with what their search fields
    follow (profession, themes…) loaded in one query per page type and relation: as many
    queries for ten results whatever the number of hits."""
    by_type = {}
    for page in pages:
        by_type.setdefault(page.content_type_id, []).append(page.pk)
    specific = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        queryset = model.objects.filter(pk__in=ids)
        for field in model.get_search_fields():
            if isinstance(field, RelatedFields):
                # Not field.select_on_queryset: it leaves ParentalManyToManyFields (a
                # profile's themes, languages…) to one query per page.
                relation = model._meta.get_field(field.field_name)
                if relation.many_to_one or relation.one_to_one:
                    queryset = queryset.select_related(field.field_name)
                else:
                    queryset = queryset.prefetch_related(field.field_name)
        specific.update((page.pk, page) for page in queryset)
    return [specific.get(page.pk, page) for page in pages]


def kind(page):
    return KINDS.get(page._meta.label_lower, DEFAULT_KIND)


def _values(obj, field):
    """The texts a search field holds for `obj`, as modelsearch's indexer reads them."""
    if isinstance(field, SearchField):
        yield _text(field.get_value(obj))
    elif isinstance(field, RelatedFields):
        related = field.get_value(obj)
        if related is None:
            return
        related = related.all() if hasattr(related, "all") else [related() if callable(related) else related]
        for item in related:
            for sub_field in field.fields:
                yield from _values(item, sub_field)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_text(item) for item in value.values())
    return str(value)


# Fields left out of the excerpt: the title (shown above it) and a profile's place and
# structure (in `details`).
NOT_IN_EXCERPT = {"title", "commune", "structure"}


def page_texts(page):
    """The readable texts of a page for its excerpt, field by field: its own text fields
    (intro, body, presentation…), not the names its relations hold (those are in `details`)."""
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name not in NOT_IN_EXCERPT:
            for text in _values(page, field):
                text = " ".join(text.split())
                if text:
                    yield text


def page_excerpt(page, terms):
    """The excerpt of the first of the page's texts that has a word of `terms` (a long body
    is not read when the introduction has one); the beginning of the first text otherwise."""
    terms, first = set(terms), None
    for text in page_texts(page):
        if any(word_key(word) in terms for word in WORD.findall(text)):
            return excerpt(text, terms)
        first = first if first is not None else text
    return excerpt(first or "", terms)


def details(page):
    """For a professional: professions, commune, needs and themes, languages other than French,
    in the visitor's language, on one line ("" for other pages). A word found only there
    (a need, say) is marked there."""
    profession = getattr(page, "profession", None)
    if profession is None:
        return ""
    from django.utils.translation import get_language

    english = (get_language() or "").startswith("en")

    def name(item):
        return (item.name_en if english else "") or item.name

    professions = [name(profession)] + [name(p) for p in page.other_professions.all()]
    parts = [", ".join(professions), page.commune]
    parts.append(", ".join(name(theme) for theme in page.themes.all()))
    parts.append(", ".join(name(language) for language in page.languages.all() if language.code != "fr"))
    return " · ".join(part for part in parts if part)


def excerpt(text, terms):
    """About EXCERPT_WORDS words of `text` around the first word whose key is in `terms`, as
    safe HTML: the text is HTML-escaped piece by piece, then the matching words are wrapped in
    <mark>. The beginning of the text when no word matches (the title did)."""
    text = unicodedata.normalize("NFC", text)
    found = list(WORD.finditer(text))
    if not found:
        return ""
    terms = set(terms)
    first = next((i for i, match in enumerate(found) if word_key(match.group()) in terms), 0)
    start = max(0, first - LEAD_WORDS)
    stop = min(len(found), start + EXCERPT_WORDS)
    pieces = ["… " if start > 0 else ""]
    position = found[start].start() if start > 0 else 0
    for match in found[start:stop]:
        pieces.append(html.escape(text[position:match.start()]))
        word = html.escape(match.group())
        pieces.append(f"<mark>{word}</mark>" if word_key(match.group()) in terms else word)
        position = match.end()
    if stop < len(found):
        pieces.append(" …")
    else:
        pieces.append(html.escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - built from escaped pieces and our own tags
