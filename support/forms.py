"""The support programme's forms. Free-text fields carry the reminder of what must not be
written (`NOTE_REMINDER`), shown beside the field."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import Language, PartnerStructure, Theme
from resources.models import Event
from support.models import NOTE_REMINDER, Consent, Contact, DataRequest, DropInSession, Family, Step

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("Cette date est dans le futur."))


def _reachable(data):
    if not data.get("phone") and not data.get("email") and not data.get("address"):
        raise forms.ValidationError(_("Indiquez au moins un moyen de joindre la famille : téléphone, e-mail ou adresse."))
    return data


class ReferralForm(forms.ModelForm):
    """What a referring professional sends: who to contact, why, in which language, and the
    family's agreement to be contacted (required)."""

    consent = forms.BooleanField(
        label=_("La famille a donné son accord pour être contactée par Parentescence."),
        error_messages={"required": _("Sans l'accord de la famille, l'association ne peut pas la contacter.")},
    )

    class Meta:
        model = Family
        fields = ["contact_name", "phone", "email", "address", "language", "reason", "reason_note"]
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "address": forms.TextInput(attrs={"autocomplete": "off"}),
            "reason_note": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "contact_name": _("Le ou les parents à contacter."),
            "address": _("Pour les visites à domicile : rue, code postal, commune."),
            "reason_note": NOTE_REMINDER,
        }

    def __init__(self, *args, institution_choice=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].queryset = Language.objects.all()
        self.fields["language"].empty_label = _("Français")
        self.fields["reason"].choices = [("", "---------")] + list(Family.Reason.choices)
        if institution_choice:  # a coordinator enters a referral received by phone or mail
            self.fields["institution"] = forms.ModelChoiceField(
                PartnerStructure.objects.order_by("name"), label=_("Institution qui oriente")
            )
            self.order_fields(["institution"])

    def clean(self):
        return _reachable(super().clean())


class AssignForm(forms.Form):
    referent = forms.ModelChoiceField(get_user_model().objects.none(), label=_("Référent·e de terrain"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from support.accounts import referents

        self.fields["referent"].queryset = referents()
        self.fields["referent"].label_from_instance = lambda user: user.get_full_name() or user.username


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["date", "kind", "with_whom", "note"]
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"note": NOTE_REMINDER}

    def clean_date(self):
        _not_in_future(self.cleaned_data["date"])
        return self.cleaned_data["date"]


class StepForm(forms.ModelForm):
    class Meta:
        model = Step
        fields = ["kind", "date", "event", "structure"]
        widgets = {"date": DATE}
        help_texts = {
            "event": _("Pour « A rejoint un espace collectif » : un temps d'échange ou un atelier des trois derniers mois."),
            "structure": _("Pour « Orientée vers une structure de proximité » : choisie dans l'annuaire des structures."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        since = timezone.now() - timezone.timedelta(days=92)
        self.fields["event"].queryset = Event.objects.filter(
            kind__in=[Event.Kind.DISCUSSION, Event.Kind.WORKSHOP], start__gte=since, start__lte=timezone.now()
        ).order_by("-start")
        self.fields["event"].label_from_instance = lambda event: f"{timezone.localtime(event.start):%d/%m/%Y} · {event.title}"
        self.fields["structure"].queryset = PartnerStructure.objects.order_by("name")
        self.fields["structure"].label_from_instance = lambda structure: f"{structure.name} ({structure.commune})"

    def clean_date(self):
        _not_in_future(self.cleaned_data["date"])
        return self.cleaned_data["date"]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind != Step.Kind.COLLECTIVE_SPACE:
            data["event"] = None
        if kind != Step.Kind.LOCAL_STRUCTURE:
            data["structure"] = None
        return data


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Objet"), choices=Consent.Purpose.choices[1:])
    given = forms.TypedChoiceField(
        label=_("Réponse de la famille"),
        choices=[("yes", _("La famille est d'accord")), ("no", _("La famille n'est pas d'accord (ou retire son accord)"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, refusal_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.refusal_only = refusal_only

    def clean_given(self):
        given = self.cleaned_data["given"]
        if given and self.refusal_only:
            raise forms.ValidationError(_("L'accompagnement est clôturé : seule la coordination peut enregistrer un nouvel accord."))
        return given


class CloseForm(forms.ModelForm):
    share_summary = forms.TypedChoiceField(
        label=_("La famille accepte que cette synthèse soit transmise à l'orienteur·rice"),
        choices=[("yes", _("Oui")), ("no", _("Non"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )

    class Meta:
        model = Family
        fields = ["outcome", "closing_summary"]
        widgets = {"closing_summary": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "closing_summary": _(
                "Quelques lignes pour l'orienteur·rice, seulement si la famille l'accepte. "
                "Rien de médical, rien sur des tiers : la famille peut la lire."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        self.fields["outcome"].choices = [("", "---------")] + list(Family.Outcome.choices)

    def clean(self):
        data = super().clean()
        if data.get("closing_summary") and data.get("share_summary") is None:
            self.add_error("share_summary", _("Indiquez si la famille accepte que la synthèse soit transmise."))
        return data


class IdentityForm(forms.ModelForm):
    """Correcting the family's contact details and the referral's words (the family's right
    to rectification)."""

    class Meta:
        model = Family
        fields = ["contact_name", "phone", "email", "address", "language", "reason_note"]
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "address": forms.TextInput(attrs={"autocomplete": "off"}),
            "reason_note": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"reason_note": NOTE_REMINDER}

    def clean(self):
        return _reachable(super().clean())


class DataRequestForm(forms.ModelForm):
    class Meta:
        model = DataRequest
        fields = ["kind", "received_on"]
        widgets = {"received_on": DATE}

    def clean_received_on(self):
        _not_in_future(self.cleaned_data["received_on"])
        return self.cleaned_data["received_on"]


class DropInSessionForm(forms.ModelForm):
    class Meta:
        model = DropInSession
        fields = ["date", "start_time", "end_time", "place"]
        widgets = {"date": DATE, "start_time": TIME, "end_time": TIME}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = PartnerStructure.objects.order_by("name")


class DropInCountsForm(forms.Form):
    """After a drop-in session: how many families came, how many raised each theme."""

    families_seen = forms.IntegerField(label=_("Nombre de familles reçues"), min_value=0, max_value=500)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        counts = {row.theme_id: row.families for row in session.theme_counts.all()}
        self.themes = list(Theme.objects.all())
        for theme in self.themes:
            self.fields[f"theme_{theme.pk}"] = forms.IntegerField(
                label=theme.label, min_value=0, max_value=500, required=False, initial=counts.get(theme.pk)
            )
        self.fields["families_seen"].initial = session.families_seen

    def theme_fields(self):
        return [self[f"theme_{theme.pk}"] for theme in self.themes]

    def clean(self):
        data = super().clean()
        seen = data.get("families_seen")
        if seen is not None:
            for theme in self.themes:
                count = data.get(f"theme_{theme.pk}")
                if count and count > seen:
                    self.add_error(f"theme_{theme.pk}", _("Plus de familles que de familles reçues."))
        return data


class AccountForm(forms.Form):
    """A coordinator opens an account for a referring professional, a field referent or
    another coordinator; the person receives a link to choose their password."""

    ROLE_CHOICES = [
        ("referrer", _("Professionnel·le d'une institution partenaire (orienteur·rice)")),
        ("referent", _("Référent·e de terrain")),
        ("coordinator", _("Coordinateur·rice")),
    ]
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    email = forms.EmailField(label=_("E-mail professionnel"))
    role = forms.ChoiceField(label=_("Rôle"), choices=ROLE_CHOICES)
    institution = forms.ModelChoiceField(
        PartnerStructure.objects.none(), label=_("Institution"), required=False,
        help_text=_("Pour un·e orienteur·rice : son institution (dans l'annuaire des structures)."),
    )
    job_title = forms.CharField(label=_("Fonction"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = PartnerStructure.objects.order_by("name")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        if users.exists():
            raise forms.ValidationError(_("Un compte existe déjà avec cette adresse."))
        return email

    def clean(self):
        data = super().clean()
        if data.get("role") == "referrer" and not data.get("institution"):
            self.add_error("institution", _("Choisissez l'institution de cette personne."))
        return data
