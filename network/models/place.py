"""Where a professional practises or a structure receives: a postcode and a commune,
located with the bundled postcode table (network.postcodes)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from network import postcodes


class Located:
    """For models with `postcode`, `commune`, `latitude` and `longitude` fields: the postcode
    must be known, and the coordinates follow it on every save."""

    def clean(self):
        super().clean()
        if self.postcode and not postcodes.is_known(self.postcode):
            raise ValidationError({"postcode": _("Code postal inconnu.")})

    def save(self, *args, **kwargs):
        coordinates = postcodes.commune_coordinates(self.postcode, self.commune) if self.postcode else None
        self.latitude, self.longitude = coordinates or (None, None)
        super().save(*args, **kwargs)
