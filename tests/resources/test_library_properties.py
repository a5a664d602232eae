"""The vignette library's list (resources.views.library_index, the library page), checked
against a plain reference written from its rule.

The rule:
- Who reads: members whose membership is current today, editors, the commission. Anyone else
  sees no vignette at all: anonymous visitors are sent to log in, a lapsed member (or a member
  of the Members group without a membership) is refused.
- What is listed: the live vignettes of the library, never a draft.
- `periode` (one value, the last given): the vignette's period; an unknown value is ignored.
- `theme` (one value, the last given): vignettes tagged with that theme; an unknown theme is
  ignored.
- `q`: a text search; every word of it must be in the vignette's title, scenario or questions
  (case-insensitive; NUL characters are dropped). Different filters combine with AND.
- Order, without a search: the most recently published first; published at the same instant,
  the most recently created first (so pages never repeat or skip a vignette). With a search,
  by relevance: the set of results is the rule, not their order.
- The theme list offers the themes of at least one listed vignette, and the chosen theme even
  if none is left (so it can be seen and removed), in the themes' usual order.
- N per page (20; 4 in these tests, to cross pages with few pages); any page number gives a
  page (the first for nonsense, the last for a number beyond either end).
"""

import datetime
import html
import math
import re
import zoneinfo
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st
from wagtail.search.index import insert_or_update_object

from network.models import Theme
from resources import views
from resources.models import VignettePage
from tests.properties import last, page_number, examples, rolled_back

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
PER_PAGE = 4
PERIODS = list(VignettePage.Period.values)
THEMES = ["allaitement", "sommeil", "deuil-perinatal", "prematurite"]
# Words only these texts use, so that a word found is a word placed (no stemming involved).
VOCABULARY = ["fratrie", "jumeaux", "déménagement", "isolement", "berceuse"]
# Publication instants: ties, 29 February, midnight in Paris, a daylight saving change.
INSTANTS = [
    datetime.datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=PARIS),
    datetime.datetime(2024, 3, 1, 0, 0, tzinfo=PARIS),
    datetime.datetime(2024, 3, 31, 3, 0, tzinfo=PARIS),
    datetime.datetime(2025, 1, 1, 0, 0, tzinfo=PARIS),
    datetime.datetime(2026, 10, 25, 2, 30, tzinfo=datetime.timezone.utc),
]

vignette = st.fixed_dictionaries({
    "period": st.sampled_from(PERIODS),
    "themes": st.sets(st.sampled_from(THEMES), max_size=3),
    "live": st.sampled_from([True, True, False]),
    "published": st.sampled_from(INSTANTS),
    "title_words": st.sets(st.sampled_from(VOCABULARY), max_size=2),
    "scenario_words": st.sets(st.sampled_from(VOCABULARY), max_size=2),
    "question_words": st.sets(st.sampled_from(VOCABULARY), max_size=1),
})


def any_case(word):
    return st.sampled_from([word, word.upper(), word.capitalize()])


param = st.one_of(
    st.tuples(st.just("periode"), st.sampled_from(PERIODS) | st.sampled_from(["", "inconnue", "PREGNANCY", "birth\x00"])),
    st.tuples(st.just("theme"), st.sampled_from(THEMES) | st.sampled_from(["", "licorne", "pleurs", "sommeil\x00", "Sommeil"])),
    st.tuples(st.just("q"), st.one_of(
        st.lists(st.sampled_from(VOCABULARY).flatmap(any_case), min_size=1, max_size=2).map(" ".join),
        st.sampled_from(["", "  ", "licorne", "fra\x00trie", " jumeaux "]),
    )),
    st.tuples(st.just("page"), st.sampled_from(["1", "2", "3", "0", "-1", "", "x", "9" * 30])),
    st.tuples(st.sampled_from(["inconnu", "PERIODE"]), st.text(max_size=5)),
)
query = st.lists(param, min_size=1, max_size=6)


def make(library, vignettes):
    themes = {t.slug: t for t in Theme.objects.filter(slug__in=THEMES)}
    created = []
    for number, data in enumerate(vignettes):
        title = " ".join([f"Vignette {number}", *sorted(data["title_words"])])
        page = VignettePage(
            title=title, slug=f"vignette-{number:08x}", period=data["period"], live=data["live"],
            first_published_at=data["published"] if data["live"] else None,
            scenario=[("paragraph", " ".join(["Une famille", *sorted(data["scenario_words"]), "."]))],
            questions=[("question", " ".join(["Qu'auriez-vous proposé", *sorted(data["question_words"]), "?"]))],
        )
        page.themes = [themes[slug] for slug in data["themes"]]
        library.add_child(instance=page)
        insert_or_update_object(page)  # Wagtail indexes on commit, which a test never reaches
        page.words = {w.casefold() for w in data["title_words"] | data["scenario_words"] | data["question_words"]}
        page.data = data
        created.append(page)
    return created


def reference(created, pairs):
    period = last(pairs, "periode")
    theme = last(pairs, "theme").replace("\x00", "")
    theme = theme if theme in {t.slug for t in Theme.objects.all()} else ""
    text = last(pairs, "q").replace("\x00", "").strip()[:200]
    words = [word.casefold() for word in text.split()]

    def listed(v):
        return (
            v.data["live"]
            and (period not in PERIODS or v.data["period"] == period)
            and (not theme or theme in v.data["themes"])
            and all(word in v.words for word in words)
        )

    results = sorted((v for v in created if listed(v)), key=lambda v: (v.data["published"], v.pk), reverse=True)
    pages = max(1, math.ceil(len(results) / PER_PAGE))
    number = page_number(last(pairs, "page"), pages)
    used = {slug for v in created if v.data["live"] for slug in v.data["themes"]}
    return {
        "total": len(results),
        "all": [v.pk for v in results],
        "number": number,
        "shown": [v.pk for v in results[(number - 1) * PER_PAGE:number * PER_PAGE]],
        "searched": bool(words),
        "themes": [t.slug for t in Theme.objects.all() if t.slug in used or t.slug == theme],
        "theme": theme,
    }


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", PER_PAGE)


def check(got_total, got_number, got_shown, got_themes, expected):
    assert got_total == expected["total"]
    assert got_number == expected["number"]
    if expected["searched"]:
        # By relevance: the page holds results, and every result is found on some page.
        assert set(got_shown) <= set(expected["all"])
        if expected["total"] <= PER_PAGE:
            assert set(got_shown) == set(expected["all"])
    else:
        assert got_shown == expected["shown"]
    assert got_themes == expected["themes"]


@examples(50)
@given(vignettes=st.lists(vignette, max_size=10), pairs=query)
def test_library_index_follows_the_rule(library, reader, small_pages, vignettes, pairs):
    with rolled_back():
        created = make(library, vignettes)
        expected = reference(created, pairs)
        request = RequestFactory().get("/", QueryDict(urlencode(pairs)))
        request.user = reader
        context = views.library_index(request, library).context_data
        results = context["results"]
        check(results.paginator.count, results.number, [v.pk for v in results.object_list],
              [t.slug for t in context["themes"]], expected)
        assert (context["theme"].slug if context["theme"] else "") == expected["theme"]


def rendered(text):
    main = text.split('<section aria-labelledby="vignettes-heading">')[1].split('<section aria-labelledby="meetings-heading">')[0]
    titles = [html.unescape(t) for t in re.findall(r'<h3><a href="[^"]*">(.*?)</a></h3>', main)]
    total = int(re.search(r'<h2 id="vignettes-heading">([0-9]+) vignette', main).group(1))
    current = re.search(r"Page ([0-9]+) sur [0-9]+", main)
    select = text.split('name="theme">')[1].split("</select>")[0]
    themes = re.findall(r'<option value="([^"]+)"', select)
    selected = re.findall(r'<option value="([^"]+)" selected', select)
    return titles, total, int(current.group(1)) if current else 1, themes, selected


@examples(15)
@given(vignettes=st.lists(vignette, max_size=8), pairs=query,
       who=st.sampled_from(["anonymous", "lapsed", "member", "reader", "editor"]))
def test_the_page_shows_what_the_rule_says_to_who_may_read(client, library, reader, lapsed, member, editor,
                                                           small_pages, vignettes, pairs, who):
    """Through the real page: what a reader sees, in order; nothing for anyone else."""
    with rolled_back():
        created = make(library, vignettes)
        expected = reference(created, pairs)
        user = {"anonymous": None, "lapsed": lapsed, "member": member, "reader": reader, "editor": editor}[who]
        if user is not None:
            client.force_login(user)
        response = client.get(library.url + "?" + urlencode(pairs))
        text = response.content.decode()
        if who in ("anonymous", "lapsed", "member"):
            # "member": in the Members group, without a membership.
            assert response.status_code == (302 if who == "anonymous" else 403)
            assert not any(v.title in text for v in created)
            return
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        titles, total, number, themes, selected = rendered(text)
        by_pk = {v.pk: v.title for v in created}
        check(total, number, [pk for title in titles for pk, t in by_pk.items() if t == title], themes, expected)
        assert selected == ([expected["theme"]] if expected["theme"] else [])
        drafts = [v.title for v in created if not v.data["live"]]
        assert not any(re.search(rf"{re.escape(title)}\b", text) for title in drafts)
