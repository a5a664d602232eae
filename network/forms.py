"""The application form, for applicants without an account."""

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.uploads import sniffed_mime
from network.models import Application, Profession
from network.models.applications import CRITERIA

ALLOWED_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_FILES = 3


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


def check_document(upload):
    """A supporting document must really be a PDF, JPEG or PNG (read from its content, not
    its name) and not too large."""
    if upload.size > MAX_FILE_SIZE:
        raise ValidationError(
            _("« %(name)s » dépasse %(max)s Mo.") % {"name": upload.name, "max": MAX_FILE_SIZE // (1024 * 1024)}
        )
    mime = sniffed_mime(upload)
    if mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("« %(name)s » n'est pas un PDF, un JPEG ou un PNG.") % {"name": upload.name}
        )
    return mime


class ApplicationForm(forms.ModelForm):
    """Identity, practice, private contact details, the four criteria, the charter."""

    accept_charter = forms.BooleanField(
        label=_("J'ai lu la charte des valeurs et postures et je m'engage à la respecter."),
        required=True,
        error_messages={"required": _("Pour rejoindre le réseau, il faut accepter la charte.")},
    )
    consent = forms.BooleanField(
        label=_("J'accepte que l'association conserve ces informations pour examiner ma candidature."),
        required=True,
        error_messages={"required": _("Nous ne pouvons pas examiner votre candidature sans votre accord.")},
    )
    documents = MultipleFileField(
        label=_("Pièces jointes (facultatif)"),
        required=False,
        help_text=_("Jusqu'à 3 fichiers PDF, JPEG ou PNG de 5 Mo au plus (diplôme, attestation…)."),
    )
    # Identifies this filled-in form (see Application.submission_key).
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    # A field people don't see and robots fill in.
    website = forms.CharField(label=_("Ne pas remplir ce champ"), required=False)

    class Meta:
        model = Application
        fields = [
            "first_name", "last_name", "profession", "registration_number",
            "structure", "commune", "postcode", "home_visits", "languages", "themes", "presentation",
            "email", "phone",
            *[name for name, _label in CRITERIA],
        ]
        widgets = {
            "presentation": forms.Textarea(attrs={"rows": 5}),
            **{name: forms.Textarea(attrs={"rows": 4}) for name, _label in CRITERIA},
        }
        help_texts = {
            "registration_number": _("Obligatoire si votre profession en a un (RPPS ou ADELI)."),
            "presentation": _("Quelques lignes publiées dans l'annuaire si vous êtes accepté·e."),
            "email": _("Privé : jamais publié."),
            "phone": _("Privé : jamais publié."),
            "languages": _("Par exemple : français, anglais, arabe."),
            "themes": _("Par exemple : allaitement, sommeil, périnatalité et handicap."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["submission_key"].initial = secrets.token_urlsafe(24)
        self.fields["profession"].queryset = Profession.objects.all()
        for name, label in CRITERIA:
            self.fields[name].label = label
        for name in ("first_name", "last_name", "email"):
            self.fields[name].widget.attrs["autocomplete"] = {
                "first_name": "given-name", "last_name": "family-name", "email": "email"
            }[name]
        self.fields["postcode"].widget.attrs.update(inputmode="numeric", autocomplete="postal-code")

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Ce champ doit rester vide."))
        return ""

    existing_documents = 0  # documents already sent with this application (amending it)

    def clean_documents(self):
        files = self.cleaned_data.get("documents") or []
        if len(files) + self.existing_documents > MAX_FILES:
            raise ValidationError(_("Trois fichiers au plus."))
        errors, self.document_types = [], []
        for upload in files:
            try:
                self.document_types.append(check_document(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return files

    def save_documents(self, application):
        """Store the checked supporting documents with the application (private storage)."""
        from network.models import ApplicationDocument

        for upload, content_type in zip(self.cleaned_data["documents"], self.document_types):
            ApplicationDocument.objects.create(
                application=application,
                file=upload,
                original_name=upload.name[:200],
                content_type=content_type,
                size=upload.size,
            )

    def clean(self):
        cleaned = super().clean()
        profession = cleaned.get("profession")
        if profession and profession.registration_label and not cleaned.get("registration_number"):
            self.add_error(
                "registration_number",
                _("Indiquez votre numéro %(label)s.") % {"label": profession.registration_label},
            )
        return cleaned
