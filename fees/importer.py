"""Taking over the association's existing members from a spreadsheet (CSV).

The file has a header line; columns are recognised by their French name, whatever the case,
accents, spaces or hyphens:

- the name: either one column "nom" holding the full name (kept whole as the last name: the
  file does not say where a first name ends), or two columns "prénom" and "nom";
- "e-mail" (or "email", "courriel", "adresse e-mail");
- "date du dernier paiement" (or "dernier paiement", "date de paiement"), JJ/MM/AAAA or AAAA-MM-JJ;
- "profession" (optional): one of network.Profession, whatever the case. It is kept on the
  imported membership (Membership.profession), for the listing and the board's reports of
  members who have no profile yet.

UTF-8 with or without a BOM, separated by commas or semicolons (French Excel).

`parse` reads the file and plans each row (nothing written); `apply` carries the plan out in
one transaction, and refuses the whole file if one row has an error. Each imported person gets
an account (unusable password, group Members) and a membership with source IMPORT starting on
the last payment date and lasting one year, so that people who did not renew come in lapsed.
Someone who already has an account with that e-mail gets the membership only if it ends later
than theirs. No payment is recorded: historical payments get no receipt.

Never log names or e-mail addresses here: counts only.
"""

import csv
import datetime
import io
import logging
import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.models import User
from network.models import Membership, Profession
from network.models.membership import one_year_from
from network.review import unique_username

logger = logging.getLogger(__name__)

MAX_FILE_SIZE = 1024 * 1024  # 1 MB: some thousands of members
MAX_ROWS = 5000


class Outcome:
    CREATE = "create"
    UPDATE = "update"
    SKIP = "skip"
    ERROR = "error"

    LABELS = {
        CREATE: _("Sera créé·e"),
        UPDATE: _("Déjà inscrit·e : adhésion ajoutée"),
        SKIP: _("Déjà inscrit·e : ignoré·e"),
        ERROR: _("Erreur"),
    }


def _normalise(text):
    """Lower case, without accents, single spaces: how headers and professions are compared."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    for sep in "-_'’.":
        text = text.replace(sep, " ")
    return " ".join(text.casefold().split())


HEADERS = {
    "first_name": {"prenom", "prenoms"},
    "last_name": {"nom", "nom de famille", "nom complet", "nom et prenom", "nom prenom", "prenom et nom", "prenom nom"},
    "email": {"e mail", "email", "mail", "courriel", "adresse e mail", "adresse email", "adresse mail"},
    "paid_on": {"date du dernier paiement", "dernier paiement", "date de dernier paiement", "date de paiement",
                "date du paiement"},
    "profession": {"profession", "metier"},
}


@dataclass
class Row:
    """One line of the file, and what the import will do (or did) with it."""

    line: int
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    profession: object = None  # network.Profession
    paid_on: datetime.date = None
    errors: list = field(default_factory=list)
    outcome: str = ""
    detail: str = ""
    start: datetime.date = None
    end: datetime.date = None
    user: object = None  # the existing account with this e-mail, if any

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def outcome_label(self):
        return Outcome.LABELS.get(self.outcome, "")


@dataclass
class Report:
    """What an import found in a file: errors about the file itself, and each row."""

    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)
    applied: bool = False

    @property
    def has_errors(self):
        return bool(self.file_errors) or any(row.errors for row in self.rows)

    def count(self, outcome):
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def counts(self):
        return {outcome: self.count(outcome) for outcome in Outcome.LABELS}


class ImportRefused(Exception):
    """The file has errors: nothing was imported."""

    def __init__(self, report):
        super().__init__("import refused")
        self.report = report


def decode(data):
    """The text of an uploaded file (bytes), or raise ValueError with a message for the user."""
    if len(data) > MAX_FILE_SIZE:
        raise ValueError(_("Le fichier dépasse 1 Mo : découpez-le en plusieurs fichiers."))
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValueError(
            _("C'est un classeur Excel, pas un fichier CSV : dans Excel, choisissez « Enregistrer sous » puis "
              "« CSV UTF-8 (délimité par des virgules) ».")
        )
    if b"\x00" in data:
        raise ValueError(_("Ce fichier n'est pas un fichier texte CSV."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(
            _("Le fichier n'est pas encodé en UTF-8 : dans Excel, enregistrez-le au format "
              "« CSV UTF-8 (délimité par des virgules) ».")
        ) from None


def _delimiter(header_line):
    try:
        return csv.Sniffer().sniff(header_line, delimiters=";,\t").delimiter
    except csv.Error:
        return max(";,\t", key=header_line.count)


def parse_date(value, today):
    """A date written JJ/MM/AAAA or AAAA-MM-JJ: (date, None) or (None, error)."""
    value = value.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            date = datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if date.year < 1900:
            break
        if date > today:
            return None, _("la date du dernier paiement (%(date)s) est dans le futur") % {"date": value}
        return date, None
    return None, _(
        "date du dernier paiement invalide ou illisible (« %(date)s ») : écrivez JJ/MM/AAAA, par exemple 15/03/2024"
    ) % {"date": value[:30]}


def _professions():

    return {_normalise(p.name): p for p in Profession.objects.all()}


def parse(data, today=None):
    """Read an uploaded CSV (bytes or str) and plan each row against the database, writing
    nothing. Returns a Report."""
    try:
        return _parse(data, today)
    except csv.Error:
        report = Report()
        report.file_errors.append(
            str(_("Ce fichier CSV est illisible (un guillemet non fermé ?). Vérifiez-le dans un tableur puis "
                  "enregistrez-le à nouveau au format CSV."))
        )
        return report


def _parse(data, today=None):
    today = today or timezone.localdate()
    report = Report()
    if isinstance(data, bytes):
        try:
            text = decode(data)
        except ValueError as error:
            report.file_errors.append(str(error))
            return report
    else:
        text = data
    text = text.lstrip("\ufeff")
    if not text.strip():
        report.file_errors.append(str(_("Le fichier est vide.")))
        return report

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.splitlines()[0]))
    header = next(reader)
    columns = {}
    unknown = []
    for index, name in enumerate(header):
        key = next((k for k, names in HEADERS.items() if _normalise(name) in names), None)
        if key is None:
            if name.strip():
                unknown.append(name.strip())
        elif key not in columns:
            columns[key] = index
    # The column names a file must carry, in French whatever the admin's language.
    missing = [label for key, label in (
        ("last_name", "nom"), ("email", "e-mail"), ("paid_on", "date du dernier paiement")
    ) if key not in columns]
    if missing:
        report.file_errors.append(
            str(_("Colonnes manquantes : %(missing)s. La première ligne doit donner le nom des colonnes "
                  "(nom, prénom, profession, e-mail, date du dernier paiement) ; lue : %(header)s.")) % {
                "missing": ", ".join(str(m) for m in missing),
                "header": " | ".join(h.strip() for h in header)[:200] or "—",
            }
        )
        return report

    professions = _professions()
    known_professions = ", ".join(sorted((p.name for p in professions.values()), key=_normalise))
    seen = {}
    for values in reader:
        if not any(v.strip() for v in values):
            continue  # a blank line
        if len(report.rows) >= MAX_ROWS:
            report.file_errors.append(str(_("Plus de %(max)s lignes : découpez le fichier.")) % {"max": MAX_ROWS})
            break

        def cell(key):
            index = columns.get(key)
            return values[index].strip() if index is not None and index < len(values) else ""

        row = Row(line=reader.line_num, first_name=cell("first_name")[:150], last_name=cell("last_name")[:150])
        if not row.full_name:
            row.errors.append(_("nom manquant"))

        email = cell("email").lower()
        if not email:
            row.errors.append(_("e-mail manquant"))
        else:
            try:
                validate_email(email)
            except ValidationError:
                row.errors.append(_("e-mail invalide (« %(email)s »)") % {"email": email[:100]})
            else:
                if email in seen:
                    row.errors.append(_("même e-mail qu'à la ligne %(line)s") % {"line": seen[email]})
                else:
                    seen[email] = row.line
                row.email = email

        profession = cell("profession")
        if profession:
            row.profession = professions.get(_normalise(profession))
            if row.profession is None:
                row.errors.append(
                    _("profession inconnue (« %(name)s ») ; professions connues : %(known)s")
                    % {"name": profession[:100], "known": known_professions}
                )

        paid_on = cell("paid_on")
        if not paid_on:
            row.errors.append(_("date du dernier paiement manquante"))
        else:
            row.paid_on, error = parse_date(paid_on, today)
            if error:
                row.errors.append(error)
        report.rows.append(row)

    if not report.rows and not report.file_errors:
        report.file_errors.append(str(_("Le fichier ne contient aucune ligne d'adhérent·e sous les titres.")))
    plan(report)
    return report


def plan(report):
    """Decide each valid row's outcome from the database as it is now."""

    emails = [row.email for row in report.rows if row.email]
    accounts = {}
    for user in (
        User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails).prefetch_related("memberships")
    ):
        accounts.setdefault(user.email_lower, []).append(user)

    for row in report.rows:
        row.user = None
        if row.errors:
            row.outcome = Outcome.ERROR
            row.detail = "; ".join(str(e) for e in row.errors)
            continue
        row.start, row.end = row.paid_on, one_year_from(row.paid_on)
        users = accounts.get(row.email, [])
        if len(users) > 1:
            row.errors.append(_("plusieurs comptes ont cet e-mail : réglez-le à la main"))
            row.outcome, row.detail = Outcome.ERROR, str(row.errors[-1])
            continue
        end_text = row.end.strftime("%d/%m/%Y")
        if not users:
            row.outcome = Outcome.CREATE
            row.detail = str(_("adhésion du %(start)s au %(end)s")) % {
                "start": row.start.strftime("%d/%m/%Y"), "end": end_text
            }
            continue
        row.user = users[0]
        latest = max(row.user.memberships.all(), key=lambda m: m.end_date, default=None)
        if latest is not None and latest.end_date >= row.end:
            row.outcome = Outcome.SKIP
            row.detail = str(_("son adhésion court déjà jusqu'au %(end)s")) % {
                "end": latest.end_date.strftime("%d/%m/%Y")
            }
        else:
            row.outcome = Outcome.UPDATE
            row.detail = str(_("adhésion ajoutée, jusqu'au %(end)s")) % {"end": end_text}
    return report


def apply(report):
    """Carry out a parsed report in one transaction. Refuses the whole file (ImportRefused,
    nothing written) if any row has an error."""

    if report.has_errors:
        raise ImportRefused(report)
    with transaction.atomic():
        # Plan again inside the transaction, against accounts locked for the length of it.
        list(User.objects.select_for_update().annotate(email_lower=Lower("email")).filter(
            email_lower__in=[row.email for row in report.rows]
        ))
        plan(report)
        if report.has_errors:
            raise ImportRefused(report)
        members = Group.objects.get(name=roles.MEMBERS)
        for row in report.rows:
            if row.outcome == Outcome.SKIP:
                continue
            user = row.user
            if user is None:
                user = User(
                    username=unique_username(row.email),
                    email=row.email,
                    first_name=row.first_name,
                    last_name=row.last_name,
                )
                user.set_unusable_password()
                user.save()
                row.user = user
            user.groups.add(members)
            Membership.objects.create(
                user=user, start_date=row.start, end_date=row.end, source=Membership.Source.IMPORT,
                profession=row.profession,
            )
    report.applied = True
    logger.info(
        "Members import: %s created, %s updated, %s skipped.",
        report.count(Outcome.CREATE), report.count(Outcome.UPDATE), report.count(Outcome.SKIP),
    )
    return report
