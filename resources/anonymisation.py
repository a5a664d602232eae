"""Likely identifying data in French clinical vignettes, found by rules (no model, no database).

`scan(text, structure_names)` returns the spans of a vignette that look like a first name, an
exact date, a phone number, an e-mail address, a social security number (NIR), a street
address, a postcode or one of the named structures (maternities, PMI, crèches...) it is given.
It is a reviewing aid: it flags what an author should check before sharing a vignette, it
does not prove that a text is anonymous (surnames, towns, rare professions... are not looked
for). `highlight(text, matches)` cuts the text into segments for a template.

First names come from data/first_names.txt, built by bin/build_first_names.py.
"""

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _

CATEGORIES = {
    "first_name": _("Prénom"),
    "date": _("Date précise ou date de naissance"),
    "phone": _("Numéro de téléphone"),
    "email": _("Adresse e-mail"),
    "nir": _("Numéro de sécurité sociale"),
    "address": _("Adresse postale"),
    "postcode": _("Code postal"),
    "structure": _("Établissement ou structure nommé"),
}

FIRST_NAMES_FILE = Path(__file__).parent / "data" / "first_names.txt"

# When two findings overlap, the longer one is kept; at equal length, the first category here
# (the most specific rule) wins.
PRIORITY = ("nir", "phone", "email", "date", "postcode", "address", "structure", "first_name")
_RANK = {category: rank for rank, category in enumerate(PRIORITY)}


@dataclass(frozen=True)
class Match:
    category: str
    start: int  # offsets in the scanned text
    end: int
    text: str  # text[start:end]


# --- Folding: accent- and case-insensitive comparison --------------------------------------

def _fold_table():
    """Each accented Latin letter mapped to its base letter, one character for one, so that a
    folded text keeps the offsets of the original; typographic apostrophes become plain ones."""
    table = {ord("’"): "'", ord("‘"): "'", ord("\u00a0"): " "}
    for code in range(0xC0, 0x250):
        base = "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c))
        if len(base) == 1 and base != chr(code):
            table[code] = base
    return table


_FOLD = _fold_table()


def fold(value):
    """`value` without accents, in lower case (for comparing names)."""
    return value.translate(_FOLD).lower()


# --- First names -----------------------------------------------------------------------------

# First names that are also common French words: flagged only when they are not the first word
# of a sentence ("Claire et nette, sa demande..." / "Grâce à la PMI..." are not names).
COMMON_WORD_NAMES = frozenset(fold(name) for name in """
    Aimé Aimée Ange Aurore Blanche Brune Capucine Céleste Cerise Claire Clémence Colombe
    Constance Désirée Éden Espérance Félicité Fleur Grâce Honoré Iris Jade Léger Lys Marguerite
    Marin Marine Mélodie Olive Patience Perle Pierre Prudence Prune Rose Victoire Violette
""".split())
# First names that are also places: not flagged after "à" or "en" ("vit en Lorraine").
PLACE_NAMES = frozenset(fold(name) for name in "Florence Lorraine".split())
# Capitalised words of vignettes that are never taken for first names, even when a first-name
# list holds them: titles, family words, days, months ("Avril"), feasts ("Noël").
STOP_WORDS = frozenset(fold(word) for word in """
    Madame Mesdames Monsieur Messieurs Mme Mmes Mlle Mademoiselle Maman Papa Mamie Mamy Papi
    Papy Bébé Docteur Dr Pr Professeur Dieu Noël Pâques Toussaint
    Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche
    Janvier Février Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre Décembre
""".split())


@functools.cache
def first_names():
    """The folded first names of data/first_names.txt (read once)."""
    with open(FIRST_NAMES_FILE, encoding="utf-8") as file:
        return frozenset(fold(line.strip()) for line in file if line.strip() and not line.startswith("#"))


_UPPER = "".join(re.escape(chr(code)) for code in range(0x41, 0x250) if chr(code).isupper())
_LETTER = r"[^\W\d_]"
# A capitalised word, with its hyphenated parts ("Jean-Pierre", "Saint-Pierre", "Aix-en-Provence").
_CAPITALISED = re.compile(rf"(?<![\w-])[{_UPPER}]{_LETTER}+(?:-{_LETTER}+)*(?!\w)")
# What may come between a sentence's end (or a line start, a dialogue dash, a quote) and its
# first word; French typography puts a no-break space, wide or narrow, after "«".
_SENTENCE_LEAD = frozenset(" \t\"'‘’([\u00a0\u202f")
_SENTENCE_OPENERS = frozenset("\n\r«“—–•*")
# Abbreviations whose dot does not end a sentence ("M. Pierre").
_ABBREVIATION = re.compile(r"(?<![\w.])(?:M|MM|Dr|Pr|Me|Mr|Mgr|St|Ste|cf)\.\Z")
_AFTER_SAINT = re.compile(r"(?<!\w)(?:saint|sainte|st|ste)[\s.-]*\Z", re.IGNORECASE)
_AFTER_PLACE_PREPOSITION = re.compile(r"(?<!\w)(?:à|en)\s+\Z", re.IGNORECASE)


def _starts_sentence(text, start):
    """Whether the word at `start` is the first of a sentence, a line or a quotation."""
    i = start - 1
    while i >= 0:
        char = text[i]
        if char in _SENTENCE_OPENERS:
            return True
        if char not in _SENTENCE_LEAD:
            break
        i -= 1
    if i < 0 or text[i] in "!?…":
        return True
    if text[i] == ".":
        return not _ABBREVIATION.search(text, max(0, i - 5), i + 1)
    return False


def _is_first_name(word, text, start):
    """Whether the capitalised `word` found at `start` in `text` is likely a first name."""
    if len(word) <= 3 and word.isupper():
        return False  # likely an acronym ("ION", "RIM"; so "LÉA" in capitals is missed)
    names = first_names()
    key = fold(word)
    if "-" in key:  # a compound: a listed name, or only first names ("Marie-Claire")
        return key in names or all(part in names for part in key.split("-"))  # "Jean-Noël" too
    if key not in names or key in STOP_WORDS:
        return False
    if _AFTER_SAINT.search(text, max(0, start - 12), start):  # "Saint Pierre", "rue Sainte Claire"
        return False
    if key in PLACE_NAMES and _AFTER_PLACE_PREPOSITION.search(text, max(0, start - 6), start):
        return False
    if key in COMMON_WORD_NAMES and _starts_sentence(text, start):
        return False
    return True


def _first_names(text):
    for found in _CAPITALISED.finditer(text):
        if _is_first_name(found.group(), text, found.start()):
            yield "first_name", found.start(), found.end()


# --- Dates -----------------------------------------------------------------------------------

_MONTH = (
    r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre"
    r"|d[ée]cembre"
    # Abbreviations, with their dot or before a year ("sept" alone is also "seven").
    r"|(?:janv|f[ée]vr?|avr|juil|sept|oct|nov|d[ée]c)(?:\.|(?=\s+(?:19|20)\d\d\b)))"
)
_DAY = r"(?:1er|1ᵉʳ|premier|0?[1-9]|[12]\d|3[01])"
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_YEAR = r"(?:19|20)\d\d"
_DATE_PATTERNS = [
    # 12/03/2021, 12-03-21, 12.03.2021
    rf"(?<![\d/.-])(?:0?[1-9]|[12]\d|3[01])([/.-])(?:0?[1-9]|1[0-2])\1(?:{_YEAR}|\d\d)(?![\d]|[/.-]\d)",
    # 2021-03-12
    rf"(?<![\d/.-]){_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d]|[/.-]\d)",
    # (mardi) 12 mars (2021), 1er mars, le premier juin
    rf"\b(?:{_WEEKDAY}\s+)?{_DAY}\s+{_MONTH}(?!\w)(?:\s+{_YEAR}\b)?",
    # "le 12/03" (day and month only: with "le", "du", "au" before it, not a fraction)
    r"(?<=\ble\s|\bdu\s|\bau\s)(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?![\d/])",
]
# The lookahead on the first character lets the search skip most positions quickly.
_DATES = re.compile(
    "(?=[0-9lmjvsdp])(?:" + "|".join(f"(?:{pattern})" for pattern in _DATE_PATTERNS) + ")", re.IGNORECASE
)
# A month and a year after a birth word ("née en mars 2019", "naissance fin juin 2020"): a date
# of birth, where a month and a year elsewhere ("en mars 2019, elle consulte") are not flagged.
_BIRTH_DATE = re.compile(
    r"\b(?:née?s?|naissance|naît|nait|accouch\w*|venue?s?\s+au\s+monde)\b[^.!?;\n]{0,40}?"
    rf"\b({_MONTH}\s+{_YEAR})\b",
    re.IGNORECASE,
)


def _dates(text):
    for found in _DATES.finditer(text):
        yield "date", found.start(), found.end()
    for found in _BIRTH_DATE.finditer(text):
        yield "date", found.start(1), found.end(1)


# --- Numbers and e-mail addresses ------------------------------------------------------------

_PHONES = re.compile(
    r"(?<![\d+])(?:(?:\+|00)\s?33[\s.-]?(?:\(0\)[\s.-]?)?[1-9]|0[1-9])(?:[\s.-]?\d\d){4}(?!\d)"
)
# NIR: sex (1, 2, 7, 8), year, month (01-12, or 20-42 and 50-99 when unknown), département (or
# 2A/2B), commune, order number, then an optional 2-digit key; spaces or dots between groups.
_NIRS = re.compile(
    r"(?<![\w+])[1278][\s.]?\d\d[\s.]?(?:0[1-9]|1[0-2]|[23]\d|4[0-2]|[5-9]\d)[\s.]?(?:\d\d|2[AaBb])"
    r"[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?\d\d)?(?![\w])"
)
_EMAILS = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}(?![\w-])")
# 01000 to 98999, alone (not a piece of a longer number) and not an amount or a measure.
_POSTCODES = re.compile(
    r"(?<![\w,.])(?<!\d\s)(?:0[1-9]|[1-8]\d|9[0-8])\d{3}(?!\w|[.,]\d|\s\d)"
    r"(?!\s*(?:€|euros?\b|eur\b|e\b|k?g\b|grammes?\b|ml\b|km\b|m\b|habitants\b|%))",
    re.IGNORECASE,
)


def _numbers(text):
    for category, pattern in (("nir", _NIRS), ("phone", _PHONES), ("email", _EMAILS), ("postcode", _POSTCODES)):
        for found in pattern.finditer(text):
            yield category, found.start(), found.end()


# --- Street addresses ------------------------------------------------------------------------

_STREET_TYPES = (
    r"rue|ruelle|avenue|av\.|boulevard|bd|bld|allées?|impasse|chemin|place|route|quai|cours"
    r"|square|résidence|residence|cité|cite|lotissement|passage|voie|sentier|hameau|lieu-dit"
    r"|lieudit|faubourg|esplanade|promenade|parvis|rond-point|traverse|venelle|montée"
)
# Street types that are also everyday words ("au cours de", "à la place de", "le chemin de
# Léa"): with no number before them, not an address when the name is only a first name.
_AMBIGUOUS_TYPES = frozenset(fold(word) for word in "chemin place route cours passage voie cité".split())
# "cours" is also its own plural: after a number it needs a capitalised name ("3 cours de
# préparation à la naissance" is not an address, "12 cours Dillon" is).
_INVARIABLE_TYPES = frozenset({"cours"})
_CONNECTOR = r"(?i:de\s+la|de\s+l'|de\s+l’|des|du|de|d'|d’|la|les|le|l'|l’|aux|au)"
_CAP_WORD = rf"[{_UPPER}]{_LETTER}*(?:[-'’]{_LETTER}+)*"
_ANY_WORD = rf"{_LETTER}+(?:[-'’]{_LETTER}+)*"
_JOIN = rf"(?:[\s-]+(?:(?:{_CONNECTOR}|(?i:et|sur|sous))\s*)*)"
# A street's name: connectors, then a capitalised word and more capitalised words joined by
# connectors ("de la Gloire", "Les Tilleuls", "Pierre et Marie Curie").
_STREET_NAME = rf"(?:{_CONNECTOR}\s*)*{_CAP_WORD}(?:{_JOIN}{_CAP_WORD})*"
# After a number, the name may be in lower case ("12 rue des lilas").
_NUMBERED_NAME = rf"(?:{_CONNECTOR}\s*)*{_ANY_WORD}(?:{_JOIN}{_CAP_WORD})*"
_NUMBER = r"\d{1,4}(?:\s?(?i:bis|ter|quater|[a-d])\b)?\s*,?\s+"
_ADDRESSES = re.compile(
    rf"(?<![\w-])(?P<number>{_NUMBER})?(?P<type>(?i:{_STREET_TYPES}))(?![\w-])\s+"
    rf"(?:(?P<name>{_STREET_NAME})|(?P<numbered>{_NUMBERED_NAME}))"
)
_IDIOM_BEFORE = {
    "place": re.compile(r"(?<!\w)(?:à\s+la|sa|ma|ta|leur|une|en|notre|votre)\s+\Z", re.IGNORECASE),
    "cours": re.compile(r"(?<!\w)(?:au|en|un|les|des|aux)\s+\Z", re.IGNORECASE),
}
_LEADING_CONNECTORS = re.compile(rf"^(?:{_CONNECTOR}\s*)*")


def _addresses(text):
    for found in _ADDRESSES.finditer(text):
        street_type = fold(found.group("type"))
        number = found.group("number")
        name = found.group("name")
        if name is None and (not number or street_type in _INVARIABLE_TYPES):
            continue  # a lower-case name is an address only after a number: not "dans la rue"
        if not number and street_type in _AMBIGUOUS_TYPES:
            idiom = _IDIOM_BEFORE.get(street_type)
            if idiom and idiom.search(text, max(0, found.start() - 12), found.start()):
                continue  # "à la place de", "au cours de"
            bare = _LEADING_CONNECTORS.sub("", name or "")
            if bare != name and fold(bare) in first_names():
                continue  # "le chemin de Léa": a first name, found as such
        yield "address", found.start(), found.end()


# --- Named structures ------------------------------------------------------------------------

@functools.lru_cache(maxsize=64)
def _structure_pattern(names):
    """One regex for the folded `names`, longest first; None when there is none to look for."""
    words = sorted(
        {tuple(re.split(r"[\s-]+", fold(name).strip())) for name in names if len(name.strip()) >= 3},
        key=lambda parts: (-len(" ".join(parts)), parts),
    )
    if not words:
        return None
    alternatives = "|".join(r"[\s-]+".join(re.escape(part) for part in parts) for parts in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _structures(text, structure_names):
    names = tuple(name for name in structure_names if isinstance(name, str))
    pattern = _structure_pattern(names) if names else None
    if pattern is not None:
        for found in pattern.finditer(text.translate(_FOLD)):  # same length: same offsets
            yield "structure", found.start(), found.end()


# --- Scanning --------------------------------------------------------------------------------

def scan(text: str, structure_names=()) -> list[Match]:
    """The likely identifying spans of `text`, sorted and not overlapping.

    `structure_names` are names of establishments or structures to look for (accent- and
    case-insensitive, whole words). When two findings overlap, the longer is kept (at equal
    length the more specific category, in PRIORITY order).
    """
    if not text or text.isspace():
        return []
    candidates = [
        *_numbers(text), *_dates(text), *_addresses(text),
        *_structures(text, structure_names), *_first_names(text),
    ]
    candidates.sort(key=lambda item: (item[1] - item[2], _RANK[item[0]], item[1]))
    kept = {}  # start -> (end, category) of the findings kept so far, which do not overlap
    starts = []  # their starts, sorted
    for category, start, end in candidates:
        index = bisect.bisect_right(starts, start)
        if start >= end or (index and kept[starts[index - 1]][0] > start):
            continue  # empty, or overlaps the kept finding starting before it
        if index < len(starts) and starts[index] < end:
            continue  # overlaps the kept finding starting after it
        starts.insert(index, start)
        kept[start] = (end, category)
    return [Match(kept[start][1], start, kept[start][0], text[start:kept[start][0]]) for start in starts]


def highlight(text: str, matches) -> list[tuple[str, Match | None]]:
    """`text` cut into (segment, match or None) pairs, in order; the segments rebuild `text`.

    Matches that overlap an earlier one or fall outside the text are ignored.
    """
    segments, position = [], 0
    for match in sorted(matches, key=lambda match: (match.start, -match.end)):
        if match.start < position or match.end > len(text) or match.start >= match.end:
            continue
        if match.start > position:
            segments.append((text[position:match.start], None))
        segments.append((text[match.start:match.end], match))
        position = match.end
    if position < len(text):
        segments.append((text[position:], None))
    return segments
