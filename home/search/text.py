"""French words for the site search.

What is indexed and what is searched go through the same function, `word_key`, so that upper or
lower case, accents or none, singular or plural give the same key: "Ateliers", "atelier" and
"ATELIER" are all `ateli`; "prématurité" and "prematurites" are both `prematurit`.

The key of a word: lower case, ligatures spelt out (œ → oe), accents dropped, a plural "s"
(and the "x" of "-eaux", "-eux") dropped, then the Snowball French stemmer (`snowballstemmer`,
the pure-Python build of the algorithm PostgreSQL's own `french` configuration uses; chosen over
PyStemmer, the same algorithms in C, because it needs no compiler and stems a query's few words
in microseconds). Accents go before stemming so that a word typed without them gets the same
key; the plural goes before Snowball because Snowball keeps the "s" after a vowel ("amis" stays
"amis" while "ami" is "ami").
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

# Letters and digits; everything else (spaces, hyphens, apostrophes, punctuation) separates
# words. The text is folded first, so no combining accent is left to split a word.
WORD = re.compile(r"[^\W_]+")
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})

# Left out of a query (never out of what is indexed): "sommeil du bébé" looks for `sommeil`
# and `beb`, not for pages that also say "du". A query made only of them is kept as typed.
STOP_WORDS = frozenset(
    "a au aux avec ce ces d dans de des du en et l la le les leur leurs ma mes mon ne nos notre "
    "nous ou par pas pour qu que qui s sa se ses son sur ta tes ton un une vos votre vous y".split()
)

# A query's first words only: 5,000 characters of text must not become 800 search terms.
MAX_QUERY_TERMS = 10

_local = threading.local()  # a Snowball stemmer object keeps state: one per thread


def _stemmer():
    if not hasattr(_local, "stemmer"):
        _local.stemmer = snowballstemmer.stemmer("french")
    return _local.stemmer


def fold(text):
    """Lower case, ligatures spelt out, accents and other combining marks dropped."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    """The folded words of a text, in order."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=100_000)
def _stem_folded(word):
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    elif len(word) > 4 and word.endswith(("eaux", "eux")):
        word = word[:-1]
    return _stemmer().stemWord(word)


@lru_cache(maxsize=100_000)
def word_key(word):
    """The search key of one word (as WORD finds it in a text, accents and case as typed)."""
    folded = words(word)
    return _stem_folded(folded[0]) if folded else ""


def index_text(text):
    """A text as the index holds it: the key of each of its words, separated by spaces."""
    return " ".join(_stem_folded(word) for word in words(text))


def query_terms(query):
    """The keys a query looks for: its words less the stop words (unless it has nothing else),
    each once, at most MAX_QUERY_TERMS of them."""
    found = words(query)
    kept = [word for word in found if word not in STOP_WORDS] or found
    terms = []
    for word in kept:
        key = _stem_folded(word)
        if key not in terms:
            terms.append(key)
    return terms[:MAX_QUERY_TERMS]
