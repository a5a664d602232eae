"""The network's steps of the site's content build (home/hooks.py, CONTENT_BUILD)."""

from home.content.spec import T
from network.models import PartnerStructure


def partner_structures_step(builder, site):
    """The partner structures the association's description names, once (editors complete
    and correct them)."""
    structures = builder.data.get("partner_structures")
    if not structures or not builder.once("partner-structures"):
        return
    for fields in structures:
        values = {name: (value.fr if isinstance(value, T) else value) for name, value in fields.items()}
        if "description" in fields and isinstance(fields["description"], T):
            values["description_en"] = fields["description"].en
        PartnerStructure.objects.get_or_create(name=values.pop("name"), defaults=values)
    builder.log(f"  {len(structures)} partner structures")
