"""The contact page's form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from contact.models import ContactMessage


class ContactForm(forms.ModelForm):
    # A field people don't see and robots fill in (as on the join page).
    website = forms.CharField(label=_("Ne pas remplir ce champ"), required=False)

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "phone", "sender_kind", "message"]
        labels = {
            "name": _("Votre nom"),
            "email": _("Votre adresse e-mail"),
            "phone": _("Votre téléphone (facultatif)"),
            "sender_kind": _("Vous êtes"),
            "message": _("Votre message"),
        }
        help_texts = {
            "email": _("Pour vous répondre. Un e-mail vous confirmera que nous avons bien reçu votre message."),
            "phone": _("Si vous préférez que nous vous rappelions."),
            "message": _("5 000 caractères au plus."),
        }
        widgets = {
            "sender_kind": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "name": {"required": _("Indiquez votre nom.")},
            "email": {"required": _("Indiquez votre adresse e-mail."), "invalid": _("Cette adresse e-mail n'est pas valide : vérifiez-la, par exemple prenom@exemple.fr.")},
            "sender_kind": {"required": _("Dites-nous qui vous êtes.")},
            "message": {"required": _("Écrivez votre message.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sender_kind"].choices = ContactMessage.SenderKind.choices  # no empty choice
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["phone"].widget.input_type = "tel"

    def full_clean(self):
        super().full_clean()
        # Assistive technologies announce which fields are wrong, with their message.
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}_error"

    def clean_name(self):
        # One line: the name is shown in lists and e-mails.
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self):
        phone = " ".join(self.cleaned_data.get("phone", "").split())
        if phone and not all(c.isdigit() or c in " +.-()" for c in phone):
            raise ValidationError(_("Un numéro de téléphone ne contient que des chiffres, espaces et « + »."))
        if phone and sum(c.isdigit() for c in phone) < 6:
            raise ValidationError(_("Ce numéro de téléphone semble incomplet."))
        return phone

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Ce champ doit rester vide."))
        return ""
