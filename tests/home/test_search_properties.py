"""Property: the site search finds a page by any word of its title or text, whatever the case,
the accents and the number (singular or plural) of the word typed and of the word written;
a word of no page finds nothing; private and unpublished pages are never listed.

The reference is written here from the rule: a page matches a typed word when both are forms
of one base word (letters from BASE_LETTERS) that differ only by upper or lower case, by the
accents of ACCENTED and by a final plural "s". Words no page has are built on letters no page
word has ("kw…"), so that no stemming can bring them together.
"""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from home.factories import StandardPageFactory
from tests.properties import examples, page_number, rolled_back

pytestmark = pytest.mark.django_db

BASE_LETTERS = "abcdeilmnoprtu"
ACCENTED = {"a": "aàâ", "e": "eéèêë", "i": "iîï", "o": "oô", "u": "uùû", "c": "cç"}
# Whole French words that a query leaves out (articles, prepositions…): not base words here.
FUNCTION_WORDS = {"dans", "leur", "pour", "nous", "vous", "avec", "notre", "votre", "mais"}

base_words = st.text(alphabet=BASE_LETTERS, min_size=4, max_size=9).filter(
    lambda word: word not in FUNCTION_WORDS and not word.endswith("s")
)
absent_words = st.text(alphabet=BASE_LETTERS, min_size=2, max_size=6).map(lambda rest: "kw" + rest)


@st.composite
def written(draw, base):
    """One way of writing `base`: accents, case and number drawn at random."""
    letters = []
    for letter in base:
        letter = draw(st.sampled_from(ACCENTED.get(letter, letter)))
        letters.append(letter.upper() if draw(st.booleans()) else letter)
    return "".join(letters) + (draw(st.sampled_from(["s", "S"])) if draw(st.booleans()) else "")


def search(client, query):
    return client.get("/recherche/", {"q": query}).content.decode()


@examples(12)
@given(data=st.data())
def test_any_form_of_a_word_of_a_page_finds_it_and_nothing_else_leaks(client, home_page, data):
    words = data.draw(st.lists(base_words, min_size=4, max_size=4, unique=True))
    # The private word is built like the absent ones ("kw…"): a base word may be a French word
    # that the stemmer joins to one of the site's own ("period" and "période", in the home
    # page's introduction), which would be found there, rightly.
    private_word = data.draw(absent_words)
    absent = data.draw(absent_words.filter(lambda word: word != private_word))
    with rolled_back():
        pages = {}
        for n, (title_word, body_word) in enumerate([words[:2], words[2:]]):
            title = f"Page {n} {data.draw(written(title_word))}"
            page = StandardPageFactory(parent=home_page, title=title, intro=f"Texte {data.draw(written(body_word))}.")
            pages[page.title] = (title_word, body_word)
        restricted = StandardPageFactory(parent=home_page, title="Réservée", intro=f"{words[0]} {private_word}")
        PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
        StandardPageFactory(parent=home_page, title="Brouillon", intro=f"{words[2]} {private_word}", live=False)

        for title, own_words in pages.items():
            for word in own_words:
                content = search(client, data.draw(written(word)))
                assert title in content, (word, title)
                assert "Réservée" not in content and "Brouillon" not in content
        assert 'class="search-results"' not in search(client, data.draw(written(private_word)))
        assert 'class="search-results"' not in search(client, data.draw(written(absent)))


# -- Pages of results -------------------------------------------------------------------------

RESULT_TITLE = re.compile(r'<h3><a href="[^"]+">([^<]+)</a>')
PAGE_OF = re.compile(r"Page (\d+) sur (\d+)")
COUNT = re.compile(r"<h2>\s*([\d\s\u202f\xa0]+)résultat")
page_values = st.one_of(
    st.integers(-3, 6).map(str),
    st.sampled_from(["", "abc", "1e9", "2.0", "9" * 30, "-" + "9" * 30, "\x00", " 2", "０"]),
)


@examples(10)
@given(hits=st.integers(0, 25), misses=st.integers(0, 3), requested=st.lists(page_values, min_size=1, max_size=4))
def test_the_pages_of_results_hold_every_hit_once(client, home_page, hits, misses, requested):
    """Whatever page is asked for, it is the one the rule gives (the first for nonsense, the last
    beyond either end: tests.properties.page_number); its count is the number of pages with
    the word; and pages 1..n together list each of them exactly once."""
    with rolled_back():
        for n in range(hits):
            StandardPageFactory(parent=home_page, title=f"Zanzibar {n}", intro="Zanzibar " * (n % 3 + 1))
        for n in range(misses):
            StandardPageFactory(parent=home_page, title=f"Autre {n}")
        pages = max(1, -(-hits // 10))

        def shown(raw):
            content = client.get("/recherche/", {"q": "zanzibar", "page": raw}).content.decode()
            found = PAGE_OF.search(content)
            number = int(found.group(1)) if found else 1
            assert (int(found.group(2)) if found else 1) == pages
            count = COUNT.search(content)
            assert (int(re.sub(r"\D", "", count.group(1))) if count else 0) == hits
            return number, RESULT_TITLE.findall(content)

        listed = []
        for number in range(1, pages + 1):
            got, titles = shown(str(number))
            assert got == number and len(titles) == min(10, hits - (number - 1) * 10)
            listed += titles
        assert sorted(listed) == sorted(f"Zanzibar {n}" for n in range(hits))
        for raw in requested:
            number, titles = shown(raw)
            assert number == page_number(raw, pages), raw
            assert titles == listed[(number - 1) * 10 : number * 10]
