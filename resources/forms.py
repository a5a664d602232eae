"""Forms of the library, on the public site: proposing a vignette, a professional's view,
a meeting's synthesis."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.uploads import sniffed_mime
from network.models import Theme
from resources.models import VignettePage

ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.oasis.opendocument.text": "ODT",
}
MAX_FILE_SIZE = 5 * 1024 * 1024


def check_attachment(upload):
    """A PDF, DOCX or ODT (read from its content, not its name), 5 MB at most."""
    if upload is None:
        return None
    if upload.size > MAX_FILE_SIZE:
        raise ValidationError(_("Le fichier dépasse %(max)s Mo.") % {"max": MAX_FILE_SIZE // (1024 * 1024)})
    if sniffed_mime(upload) not in ALLOWED_TYPES:
        raise ValidationError(_("Le fichier doit être un PDF, un document Word (DOCX) ou OpenDocument (ODT)."))
    return upload


class VignetteForm(forms.Form):
    title = forms.CharField(
        label=_("Titre"), max_length=120,
        help_text=_("Un titre qui dit la situation, sans nom ni lieu : « Une mère seule face à l'allaitement »."),
    )
    period = forms.ChoiceField(label=_("Période"), choices=VignettePage.Period.choices, widget=forms.RadioSelect)
    scenario = forms.CharField(
        label=_("Le scénario"), max_length=12000, widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Construit en amont comme un scénario, anonymisé : initiales inventées, âges plutôt que dates, "
                    "« une maternité de la région » plutôt que son nom. Séparez les paragraphes par une ligne vide."),
    )
    questions = forms.CharField(
        label=_("Les questions posées au réseau"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Une question par ligne."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thèmes"), queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    attachment = forms.FileField(
        label=_("Pièce jointe (facultative)"), required=False,
        help_text=_("PDF, DOCX ou ODT, 5 Mo au plus. Elle est relue comme le texte : rien qui identifie une famille."),
    )
    remove_attachment = forms.BooleanField(label=_("Retirer la pièce jointe actuelle"), required=False)
    confirm = forms.BooleanField(
        label=_("J'ai relu mon texte : rien ne permet de reconnaître la famille ni les personnes (devoir de discrétion)."),
        error_messages={"required": _("Confirmez que le texte est anonymisé.")},
    )

    def __init__(self, *args, has_attachment=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_attachment:
            del self.fields["remove_attachment"]

    def clean_attachment(self):
        return check_attachment(self.cleaned_data.get("attachment"))

    def clean_questions(self):
        from resources.library import questions_from

        value = self.cleaned_data["questions"]
        if not questions_from(value):
            raise ValidationError(_("Posez au moins une question."))
        return value

    @classmethod
    def initial_from(cls, page):
        from resources.library import questions_text, scenario_text

        return {
            "title": page.title,
            "period": page.period,
            "scenario": scenario_text(page),
            "questions": questions_text(page),
            "themes": list(page.themes.all()),
        }


class ContributionForm(forms.Form):
    text = forms.CharField(
        label=_("Mon regard de professionnel·le"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("L'accompagnement que vous auriez proposé avec votre spécialité, les questions que la situation "
                    "vous pose. Ni nom, ni lieu, ni date : le devoir de discrétion s'applique ici aussi."),
    )
    # The digest of the text shown back with likely identifying elements highlighted: sent
    # again unchanged, it is posted; changed, it is checked again.
    checked = forms.CharField(required=False, widget=forms.HiddenInput)


class SynthesisForm(forms.Form):
    synthesis = forms.CharField(
        label=_("Synthèse de la rencontre"), max_length=10000, required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    document = forms.FileField(label=_("Document de synthèse (facultatif)"), required=False,
                               help_text=_("PDF, DOCX ou ODT, 5 Mo au plus."))
    checked = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_document(self):
        return check_attachment(self.cleaned_data.get("document"))

    def clean(self):
        data = super().clean()
        if not data.get("synthesis") and not data.get("document"):
            raise ValidationError(_("Écrivez la synthèse ou joignez un document."))
        return data


class RegistrationForm(forms.Form):
    """A parent's registration to a discussion time or a workshop: the minimum to welcome
    the family and reach them. No account needed."""

    name = forms.CharField(label=_("Votre nom (ou prénom)"), max_length=120)
    email = forms.EmailField(label=_("E-mail"), required=False,
                             help_text=_("Pour la confirmation, le rappel et le lien d'annulation."))
    phone = forms.CharField(label=_("Téléphone"), max_length=30, required=False,
                            help_text=_("Si vous préférez être appelé·e, ou n'avez pas d'e-mail."))
    adults = forms.IntegerField(label=_("Nombre d'adultes"), min_value=1, max_value=6, initial=1)
    children = forms.IntegerField(label=_("Nombre d'enfants"), min_value=0, max_value=8, initial=0)
    child_age_band = forms.ChoiceField(
        label=_("Âge de l'enfant (du plus jeune)"), required=False,
        choices=[("", _("— Choisir —"))],
    )
    needs = forms.CharField(
        label=_("Besoins particuliers (facultatif)"), required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Accessibilité, langue, poussette… Pas d'information médicale, s'il vous plaît."),
    )
    consent = forms.BooleanField(
        label=_("J'accepte que ces informations servent à organiser l'accueil ; elles sont effacées après "
                "l'événement."),
    )
    # A field people never see: robots fill it in.
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def __init__(self, *args, **kwargs):
        from resources.models import Registration

        super().__init__(*args, **kwargs)
        self.fields["child_age_band"].choices = [("", _("— Choisir —"))] + list(Registration.AgeBand.choices)

    def clean_phone(self):
        import re

        phone = self.cleaned_data["phone"].strip()
        if phone and not re.fullmatch(r"[+0-9 ().-]{6,30}", phone):
            raise ValidationError(_("Un numéro de téléphone, avec des chiffres, espaces ou points."))
        return phone

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.errors.get("email"):
            raise ValidationError(_("Indiquez un e-mail ou un téléphone, pour que nous puissions vous prévenir."))
        return data
