"""The vignettes' anonymisation check (resources.anonymisation.scan), checked against plain
readings of its rule (README "The vignette library" and "First names"; the module's docstring).
No database.

The rule:
- The check marks what may identify a family: first names (the bundled list,
  resources/data/first_names.txt), exact dates and dates of birth, phone numbers, e-mail
  addresses, social security numbers (NIR), street addresses and postcodes. Each is marked
  with its category, over its whole extent, wherever it stands in the text: whatever the
  punctuation around it, the words before and after it, the case of its letters.
  The exceptions the rule states are kept out of what is planted: a first name is a
  capitalised word (a name in lower case is not looked for; one of three letters or fewer in
  capitals reads as an acronym); a name that is also a common word (Claire, Pierre, Rose…) is
  not taken for a name at the start of a sentence; a feast, a month or a day of the week is
  not a name; a day and a month without a year are a date after "le", "du" or "au" (not a
  fraction); a month and a year are a date of birth after a birth word; a street name in
  lower case is an address after a number (a name of one word: where a longer one ends cannot
  be told from the words after it); a number directly followed by another number or a
  unit is an amount, not a postcode.
- The check marks what looks like identifying data, nothing else: a text made only of
  clinical words, ages and measures, years alone, with any punctuation and case, and the
  common words of the names list at the start of a sentence, gives no finding.
"""

import datetime
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from resources.anonymisation import scan
from tests.properties import examples

FIRST_NAMES_FILE = Path(__file__).resolve().parents[2] / "resources" / "data" / "first_names.txt"


def plain(word):
    """Without accents, in lower case (to compare words with the names list)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


# Capitalised words that are never first names in a vignette, by the rule: feasts, months,
# days of the week, titles and family words.
NOT_NAMES = {plain(word) for word in """
    Noël Pâques Toussaint Dieu Madame Monsieur Mademoiselle Maman Papa Mamie Papi Bébé Docteur
    Janvier Février Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre Décembre
    Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche
""".split()}

with open(FIRST_NAMES_FILE, encoding="utf-8") as _file:
    LISTED = [line.strip() for line in _file if line.strip() and not line.startswith("#")]
NAMES = sorted(name for name in LISTED if plain(name) not in NOT_NAMES)
LISTED_PLAIN = {plain(name) for name in LISTED}

# --- Surrounding text: clinical words ----------------------------------------------------------

CLINICAL = [
    word for word in """
    sommeil pleurs allaitement biberon tétée portage fatigue angoisse consultation suivi
    accompagnement grossesse accouchement césarienne prématurité nourrisson bébé fratrie
    crèche psychologue sage-femme puéricultrice pédiatre ostéopathe coliques reflux
    régurgitations poids croissance éveil langage lien attachement séparation deuil isolement
    précarité soutien écoute visite domicile séance entretien difficulté épuisement baby-blues
    dépression post-partum anxiété colère culpabilité confiance retour hospitalisation
    néonatologie couveuse peau-à-peau tire-lait diversification sevrage réveils nuit soir matin
    semaine calme inquiète épuisée rassurée parentalité jumeaux berceuse bain repas sieste
    motricité tonus regard sourire câlin apaisement relais orientation synthèse vigilance
    """.split()
    # The vocabulary holds no listed first name (checked, not assumed).
    if plain(word) not in LISTED_PLAIN and not set(plain(word).split("-")) <= LISTED_PLAIN
]
CONNECTORS = "et de la le les du des avec pour sans chez dans sur une un elle il son sa ses leur mais puis très peu plus".split()
UNITS = ["mois", "ans", "semaines", "jours", "kg", "g", "ml", "cm"]
# Words of the names list that README gives as common words, safe at the start of a sentence.
COMMON_WORD_NAMES = ["Claire", "Pierre", "Rose"]
# French typography puts a no-break space (or a narrow one) before ; : ! ? » and after «.
NBSP, NNBSP = "\u00a0", "\u202f"
INNER_PUNCTUATION = [" ", " ", " ", ", ", " ; ", " : ", " – ", " (", ") ", f"{NBSP}; ", f"{NNBSP}: "]
SENTENCE_ENDS = [". ", " ! ", " ? ", "… ", ".\n", ". « ", ".\n— ", f"{NBSP}! ", f"{NNBSP}? ", f". «{NBSP}",
                 f". «{NNBSP}", f".{NNBSP}» « "]


def measure():
    return st.builds(lambda n, unit: f"{n} {unit}", st.integers(1, 99), st.sampled_from(UNITS))


def year_alone():
    return st.builds(lambda year: f"en {year}", st.integers(1990, 2030))


# A filler starts and ends with a clinical word (never a connector or a number, which would
# join or change the meaning of what is next to it); inside, connectors, ages, measures.
filler = st.builds(
    lambda first, middle, last, separators: first + "".join(
        sep + word for sep, word in zip(separators, [*middle, last])),
    st.sampled_from(CLINICAL),
    st.lists(st.one_of(st.sampled_from(CLINICAL), st.sampled_from(CONNECTORS), measure()), max_size=4),
    st.sampled_from(CLINICAL),
    st.lists(st.sampled_from([" ", " ", " ", ", "]), min_size=5, max_size=5),
)

# --- Identifying data, written as people write it --------------------------------------------

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]
# The usual French abbreviations (with their dot); months of four letters or fewer are not shortened.
MONTH_ABBREVIATIONS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                       "nov.", "déc."]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
CASES = [str.lower, str.capitalize, str.upper]


def _item(category, before, value, after):
    return {"category": category, "before": before, "value": value, "after": after}


AFTER = [",", ".", " ;", " :", " !", " ?", ")", " »", "…", "", "\u00a0:", "\u202f;", "\u202f»"]


@st.composite
def first_name(draw):
    name = draw(st.sampled_from(NAMES))
    if len(name) > 3 and draw(st.booleans()):
        name = name.upper()
    prefixes = ["", "avec ", "chez ", "de ", "pour ", "(", "et ", "M. ", "Mme ", "sa fille ", "son fils "]
    if plain(name[0]) in "aeiouy":
        prefixes.append("d'")
        prefixes.append("d’")
    return _item("first_name", draw(st.sampled_from(prefixes)), name, draw(st.sampled_from(AFTER)))


DATE_FORMS = ["numeric", "short_year", "iso", "words", "words_no_year", "day_month", "birth"]


@st.composite
def date(draw, form=None):
    day = draw(st.dates(datetime.date(1950, 1, 1), datetime.date(2035, 12, 31)))
    form = form or draw(st.sampled_from(DATE_FORMS))
    before = draw(st.sampled_from(["le ", "du ", "au ", "depuis le ", "(", "", "né le ", "rendez-vous le "]))
    zero = draw(st.booleans())  # 03/04/2021 or 3/4/2021

    def two(n):
        return f"{n:02d}" if zero else str(n)

    if form in ("numeric", "short_year"):
        separator = draw(st.sampled_from(["/", "-", "."]))
        year = str(day.year) if form == "numeric" else f"{day.year % 100:02d}"
        value = f"{two(day.day)}{separator}{two(day.month)}{separator}{year}"
    elif form == "iso":
        value = day.isoformat()
    elif form == "day_month":  # without a year: a date after "le", "du", "au"
        before = draw(st.sampled_from(["le ", "du ", "au ", "sortie le "]))
        value = f"{two(day.day)}/{two(day.month)}"
    elif form == "birth":  # a month and a year after a birth word
        before = draw(st.sampled_from(["née en ", "né en ", "naissance en ", "née fin ", "né début ",
                                        "accouchement prévu en ", "venue au monde en "]))
        value = draw(st.sampled_from(CASES))(f"{MONTHS[day.month - 1]} {day.year}")
    else:
        month = draw(st.sampled_from([MONTHS, MONTH_ABBREVIATIONS]))[day.month - 1]
        number = draw(st.sampled_from(["1er", "premier"])) if day.day == 1 and draw(st.booleans()) else str(day.day)
        value = f"{number} {month}" + (f" {day.year}" if form == "words" else "")
        value = draw(st.sampled_from(CASES))(value)
        if draw(st.booleans()):
            before = draw(st.sampled_from(["le ", "", "depuis le "])) + WEEKDAYS[day.weekday()] + " "
    return _item("date", before, value, draw(st.sampled_from(AFTER)))


@st.composite
def phone(draw):
    first = draw(st.integers(1, 9))
    pairs = draw(st.lists(st.integers(0, 99), min_size=4, max_size=4))
    separators = draw(st.one_of(
        st.sampled_from([" ", ".", "-", "", "\u00a0", "\u202f"]).map(lambda sep: [sep] * 4),
        st.lists(st.sampled_from([" ", ".", "-", ""]), min_size=4, max_size=4),
    ))
    rest = "".join(sep + f"{pair:02d}" for sep, pair in zip(separators, pairs))
    lead = draw(st.sampled_from(["0{d}", "+33 {d}", "+33{d}", "+33 (0){d}", "0033 {d}", "+33 (0) {d}"]))
    before = draw(st.sampled_from(["au ", "tél. ", "Tél : ", "(", "", "portable ", "joignable au "]))
    return _item("phone", before, lead.format(d=first) + rest, draw(st.sampled_from(AFTER)))


@st.composite
def email(draw):
    word = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
    local = draw(word) + "".join(
        draw(st.lists(st.builds(lambda sep, part: sep + part, st.sampled_from([".", "_", "-", ""]),
                                st.one_of(word, st.integers(0, 2099).map(str))), max_size=2)))
    if draw(st.booleans()):
        local += "+" + draw(word)
    domain = draw(st.one_of(
        st.sampled_from(["gmail.com", "laposte.net", "orange.fr", "free.fr", "yahoo.fr", "wanadoo.fr",
                         "chu-toulouse.fr", "cd31.fr", "outlook.com", "maternite-exemple.fr"]),
        st.builds(lambda label, tld: f"{label}.{tld}", word, st.sampled_from(["fr", "com", "net", "org", "eu", "info"])),
    ))
    value = draw(st.sampled_from([str.lower, str.upper, str.capitalize]))(f"{local}@{domain}")
    before = draw(st.sampled_from(["à ", "(", "<", "courriel : ", "", "mail "]))
    return _item("email", before, value, draw(st.sampled_from(AFTER + [">"])))


@st.composite
def nir(draw):
    """A social security number: sex, year, month of birth, place of birth (département and
    commune, Corsica 2A/2B, born abroad 99), order number; the key (97 minus the number modulo
    97, Corsica counted as 19 and 18) or not; grouped 1 2 2 2 3 3 2, or written in one."""
    sex = draw(st.sampled_from("12"))
    year = draw(st.integers(0, 99))
    month = draw(st.one_of(st.integers(1, 12), st.integers(20, 42), st.integers(50, 99)))
    department = draw(st.one_of(
        st.integers(1, 95).filter(lambda n: n != 20).map(lambda n: f"{n:02d}"),
        st.sampled_from(["2A", "2B", "97", "98", "99"]),
    ))
    commune = draw(st.integers(1, 999))
    order = draw(st.integers(1, 999))
    body = f"{sex}{year:02d}{month:02d}{department}{commune:03d}{order:03d}"
    key = 97 - int(body.replace("2A", "19").replace("2B", "18")) % 97
    groups = [sex, f"{year:02d}", f"{month:02d}", department, f"{commune:03d}", f"{order:03d}"]
    if draw(st.booleans()):
        groups.append(f"{key:02d}")
    separator = draw(st.sampled_from([" ", "", ".", "\u00a0", "\u202f"]))
    before = draw(st.sampled_from(["NIR : ", "n° de sécurité sociale ", "(", "", "numéro "]))
    return _item("nir", before, separator.join(groups), draw(st.sampled_from(AFTER)))


STREET_TYPES = ["rue", "avenue", "boulevard", "bd", "allée", "impasse", "quai", "square", "résidence",
                "lotissement", "esplanade", "faubourg"]
# Street types that are also everyday words ("au cours de", "à la place de", "quel chemin"):
# an address only with a number before them.
EVERYDAY_STREET_TYPES = ["chemin", "place", "route", "cours", "passage"]
# Names of one word after "de la", "des"...: in lower case too. In lower case, where a longer
# name ends cannot be told from the words after it ("12 rue jean jaurès et..."): those are
# planted capitalised.
ONE_WORD_STREET_NAMES = ["des Lilas", "de la Gloire", "Pasteur", "de Metz", "des Tilleuls", "du Capitole",
                         "de la République", "d'Alsace-Lorraine", "de l'Église", "Les Chênes", "Saint-Exupéry"]
LONGER_STREET_NAMES = ["Jean Jaurès", "Victor Hugo", "Pierre et Marie Curie", "du Général de Gaulle",
                       "des Arènes Romaines", "Anatole France"]


@st.composite
def address(draw, numbered=None, lower_case=None):
    numbered = draw(st.booleans()) if numbered is None else numbered
    street_type = draw(st.sampled_from(STREET_TYPES + (EVERYDAY_STREET_TYPES if numbered else [])))
    name = draw(st.sampled_from(ONE_WORD_STREET_NAMES + LONGER_STREET_NAMES))
    street_type = draw(st.sampled_from([str.lower, str.capitalize]))(street_type)
    if numbered:
        number = str(draw(st.integers(1, 250))) + draw(st.sampled_from(["", "", " bis", " ter", "b"]))
        if lower_case is None:
            lower_case = draw(st.booleans())
        if lower_case and name in ONE_WORD_STREET_NAMES and street_type.lower() != "cours":
            name = name.lower()  # after a number a street name may be written in lower case
        value = f"{number}{draw(st.sampled_from([' ', ', ']))}{street_type} {name}"
        before = draw(st.sampled_from(["au ", "vit au ", "", "(", "habite "]))
    else:
        value = f"{street_type} {name}"
        before = draw(st.sampled_from(["vit ", "habite ", "", "(", "domiciliée "]))
    if draw(st.booleans()):
        value = value.upper()
    return _item("address", before, value, draw(st.sampled_from(AFTER)))


TOWNS = ["Toulouse", "Blagnac", "Paris", "Albi", "Muret", "Colomiers", "Marseille", "Lyon", "Bourg-en-Bresse", "Ajaccio"]


@st.composite
def postcode(draw):
    value = draw(st.one_of(
        st.integers(1000, 95999).filter(lambda n: n // 1000 != 20),
        st.integers(20000, 20620),  # Corsica
        st.integers(97100, 97699), st.integers(98000, 98999),
    ))
    value = f"{value:05d}"
    town = draw(st.sampled_from(TOWNS))
    layout = draw(st.sampled_from(["town_first", "code_first", "brackets", "alone"]))
    if layout == "town_first":
        return _item("postcode", f"{town} ", value, draw(st.sampled_from(AFTER)))
    if layout == "code_first":
        return _item("postcode", draw(st.sampled_from(["", "à ", "au "])), value, f" {town}" + draw(st.sampled_from(AFTER)))
    if layout == "brackets":
        return _item("postcode", f"{town} (", value, ")")
    return _item("postcode", draw(st.sampled_from(["code postal ", "CP ", "(", ""])), value, draw(st.sampled_from(AFTER)))


identifying = st.one_of(first_name(), date(), phone(), email(), nir(), address(), postcode())


def assemble(parts):
    """The text, and the (category, start, end) of each planted value."""
    text, planted = "", []
    for part in parts:
        if isinstance(part, str):
            text += part
            continue
        text += part["before"]
        planted.append((part["category"], len(text), len(text) + len(part["value"])))
        text += part["value"] + part["after"]
    return text, planted


@st.composite
def vignette_with_data(draw):
    # Each category, each form of date and of address, and more drawn at random, in any order.
    every_form = st.tuples(
        first_name(), *(date(form) for form in DATE_FORMS), phone(), email(), nir(),
        address(numbered=True, lower_case=True), address(numbered=False), postcode(),
    )
    items = draw(st.permutations([*draw(every_form), *draw(st.lists(identifying, max_size=4))]))
    parts = [draw(filler).capitalize(), " "]
    for item in items:
        # A sentence may end in the filler, never just before an item: a planted name never
        # starts a sentence.
        ending = draw(st.sampled_from(["", ". ", " ! ", f"{NNBSP}? "]))
        parts += [item, " ", draw(filler), ending]
        if ending:
            parts.append(draw(filler).capitalize())
        # Not a dash: "–" and "—" also open a line of dialogue, a new sentence.
        parts.append(draw(st.sampled_from([" ", ", ", " ; ", " : ", f"{NBSP}: "])))
    return assemble(parts)


@examples(40)
@given(generated=vignette_with_data())
def test_property_every_planted_identifying_item_is_found(generated):
    text, planted = generated
    matches = scan(text)
    for category, start, end in planted:
        covered = [m for m in matches if m.category == category and m.start <= start and end <= m.end]
        assert covered, (
            f"{category} {text[start:end]!r} not found in {text!r}; "
            f"findings: {[(m.category, m.text) for m in matches]}"
        )


@st.composite
def safe_vignette(draw):
    """Sentences of clinical words, connectors, ages and measures and years alone, each in
    lower case, capitalised or in capitals, sometimes opening with a common word of the names
    list (never elsewhere)."""
    sentences = []
    for _ in range(draw(st.integers(1, 4))):
        words = [draw(st.one_of(st.sampled_from(CLINICAL), st.sampled_from(COMMON_WORD_NAMES).map(str.lower)))]
        for _ in range(draw(st.integers(1, 10))):
            word = draw(st.one_of(st.sampled_from(CLINICAL), st.sampled_from(CONNECTORS), measure(), year_alone()))
            words.append(draw(st.sampled_from(INNER_PUNCTUATION)) + word)
        sentence = "".join(words)
        sentences.append(draw(st.sampled_from([str.lower, str.capitalize, str.upper]))(sentence))
    text = sentences[0]
    for sentence in sentences[1:]:
        text += draw(st.sampled_from(SENTENCE_ENDS)) + sentence
    return text + draw(st.sampled_from([".", " !", "", "…"]))


@examples(40)
@given(text=safe_vignette())
def test_property_a_text_of_clinical_words_gives_no_finding(text):
    assert [(m.category, m.text) for m in scan(text)] == []


def test_examples_the_properties_found():
    """A street name "Les ..." in lower case after a number is found whole (it was cut after
    "le"); a sentence opened by a guillemet and a narrow no-break space starts a sentence
    (a common word there was taken for a first name)."""
    assert [(m.category, m.text) for m in scan("Elle vit au 12 rue les tilleuls, au calme.")] == [
        ("address", "12 rue les tilleuls")]
    assert scan("Elle hésite.\u202f«\u202fClaire et nette, sa demande est simple\u202f»") == []
    assert scan("Elle hésite. «\u00a0Claire et nette, sa demande est simple\u00a0»") == []


def test_every_listed_first_name_is_found_mid_sentence():
    """The whole list, not a sample: each name, as listed and in capitals (longer than three
    letters), inside a sentence."""
    missed = []
    for name in NAMES:
        for variant in {name, name.upper() if len(name) > 3 else name}:
            text = f"Au retour de la maternité, sa fille {variant} dort mal ; le suivi avec {variant}."
            found = [(m.category, m.text) for m in scan(text)]
            if found != [("first_name", variant)] * 2:
                missed.append((variant, found))
    assert missed == []


def test_the_generators_vocabulary_is_what_it_claims():
    """The clinical words hold no listed first name, the three common words are listed, and
    the list holds the names the rule excludes (so excluding them means something)."""
    assert len(CLINICAL) > 80
    assert {plain(word) for word in COMMON_WORD_NAMES} <= LISTED_PLAIN
    assert len(NAMES) > 900 and "Noël" not in NAMES
