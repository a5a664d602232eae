"""Forms of the members' own space."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.uploads import sniffed_mime
from network import postcodes
from network.models import Language, MemberProfilePage, Profession, Theme

PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp"}
MAX_PHOTO_SIZE = 3 * 1024 * 1024


def check_photo(upload):
    if upload.size > MAX_PHOTO_SIZE:
        raise ValidationError(_("La photo dépasse %(max)s Mo.") % {"max": MAX_PHOTO_SIZE // (1024 * 1024)})
    if sniffed_mime(upload) not in PHOTO_TYPES:
        raise ValidationError(_("La photo doit être une image JPEG, PNG ou WebP."))


class LabelledChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.label


class ProfileForm(forms.ModelForm):
    """The member's public profile: facts that go live at once, and the presentation and
    photo that an editor reviews first."""

    profession = forms.ModelChoiceField(Profession.objects.all(), label=_("Profession principale"))
    other_professions = LabelledChoiceField(Profession.objects.all(), required=False, label=_("Autres professions"))
    themes = LabelledChoiceField(Theme.objects.all(), required=False, label=_("Besoins et thèmes que j'accompagne"))
    languages = LabelledChoiceField(Language.objects.all(), required=False, label=_("Langues dans lesquelles je consulte"))
    phone = forms.CharField(label=_("Téléphone"), max_length=30, required=False)
    website = forms.URLField(label=_("Site web"), required=False, assume_scheme="https", max_length=200)
    new_photo = forms.FileField(
        label=_("Nouvelle photo"),
        required=False,
        help_text=_("JPEG, PNG ou WebP, 3 Mo au plus. Elle sera visible après relecture."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Retirer ma photo"), required=False)

    class Meta:
        model = MemberProfilePage
        fields = [
            "profession", "other_professions", "themes", "languages", "structure", "postcode", "commune",
            "home_visits", "video_consultation", "accessible", "fee_conventionne", "fee_fixed",
            "fee_sliding_scale", "fee_details", "website", "show_phone", "show_email", "presentation", "photo_alt",
        ]
        widgets = {"presentation": forms.Textarea(attrs={"rows": 8, "maxlength": 1500})}
        help_texts = {
            "show_email": _("Votre adresse e-mail de compte apparaîtra sur votre fiche."),
            "photo_alt": _("Décrivez la photo pour les personnes qui ne la voient pas (ex. : « Portrait de Léa Martin »)."),
        }

    def __init__(self, *args, user, pending=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["phone"].initial = user.phone
        self.fields["presentation"].required = True
        self.fields["presentation"].max_length = 1500
        self.fields["profession"].label_from_instance = lambda obj: obj.label
        if pending is not None and not self.is_bound:
            # What the member wrote last is kept while it waits for review.
            self.initial["presentation"] = pending.presentation
            self.initial["photo_alt"] = pending.photo_alt

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if not postcodes.is_known(postcode):
            raise ValidationError(_("Code postal inconnu : cinq chiffres, par exemple 31300."))
        return postcode

    def clean_new_photo(self):
        photo = self.cleaned_data.get("new_photo")
        if photo:
            check_photo(photo)
        return photo

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("show_phone") and not cleaned.get("phone"):
            self.add_error("phone", _("Indiquez le téléphone à afficher, ou décochez « afficher mon téléphone »."))
        if cleaned.get("new_photo") and not cleaned.get("photo_alt"):
            self.add_error("photo_alt", _("Décrivez la photo en quelques mots."))
        if self.errors and self.files.get("new_photo"):
            # A browser cannot send a file back: say so, rather than lose it silently.
            self.add_error("new_photo", _("Choisissez la photo à nouveau : elle n'a pas été enregistrée."))
        return cleaned

    def reviewed_changes(self, profile, pending):
        """Whether the presentation or photo differ from what the profile shows (or from
        the change already waiting)."""
        cleaned = self.cleaned_data
        reference = pending or profile
        return (
            cleaned["presentation"] != reference.presentation
            or cleaned["photo_alt"] != (reference.photo_alt or "")
            or bool(cleaned.get("new_photo"))
            or (cleaned.get("remove_photo") and (bool(profile.photo) or bool(pending and pending.photo)))
        )


class ConfirmPasswordForm(forms.Form):
    """Asked before an irreversible request (erasure)."""

    password = forms.CharField(label=_("Votre mot de passe"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Mot de passe incorrect."))
        return password
