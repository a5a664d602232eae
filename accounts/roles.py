"""The association's roles, as Django groups, and exactly the permissions each needs.

The groups are created by the migration `accounts.0002_roles` (which keeps its own frozen
copy); this module is the current description of what each role may do, and a test checks
that the database matches it. A later capability that gives a role more rights adds a migration
and updates this description in the same commit.
"""

from django.utils.translation import gettext_lazy as _

EDITORS = "Editors"
COMMISSION = "Commission"
MEMBERS = "Members"
TREASURER = "Treasurer"
# Individual family support (support/): no Wagtail admin, a space of their own on the site.
COORDINATORS = "Coordinators"
FIELD_REFERENTS = "FieldReferents"
REFERRERS = "Referrers"

ROLE_DESCRIPTIONS = {
    EDITORS: _("Publient et traduisent les pages, images et documents du site ; relisent l'anonymisation des vignettes."),
    COMMISSION: _("Examinent collectivement les candidatures au réseau."),
    MEMBERS: _("Professionnel·les adhérent·es du réseau : espace membres."),
    TREASURER: _("Suivent les adhésions et les cotisations ; lisent les statistiques anonymisées de l'accompagnement des familles."),
    COORDINATORS: _("Coordonnent l'accompagnement des familles : reçoivent les orientations, confient les familles, voient tout le programme."),
    FIELD_REFERENTS: _("Référent·es de terrain : accompagnent les familles qui leur sont confiées, et elles seules."),
    REFERRERS: _("Professionnel·les des institutions partenaires : orientent des familles et suivent l'état de leurs orientations."),
}

# Model permissions ("app_label.codename") per role.
MODEL_PERMISSIONS = {
    EDITORS: {
        "wagtailadmin.access_admin",
        "home.add_footertext",
        "home.change_footertext",
        "home.delete_footertext",
        "home.change_sitesettings",
        "home.change_navigationsettings",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "wagtail_localize.submit_translation",
        "network.add_profession",
        "network.change_profession",
        "network.delete_profession",
        "network.add_theme",
        "network.change_theme",
        "network.delete_theme",
        "network.add_language",
        "network.change_language",
        "network.delete_language",
        "network.add_partnerstructure",
        "network.change_partnerstructure",
        "network.delete_partnerstructure",
        "network.change_profileupdate",
        "network.view_charterversion",
        # The vignette library: places to spot, the network's meetings, moderating members' views.
        "resources.add_identifyingterm",
        "resources.change_identifyingterm",
        "resources.delete_identifyingterm",
        "resources.add_event",
        "resources.change_event",
        "resources.delete_event",
        "resources.change_contribution",
        "resources.delete_contribution",
        # Events: reusable venues, series, registrations (attendance).
        "resources.add_venue",
        "resources.change_venue",
        "resources.delete_venue",
        "resources.add_eventseries",
        "resources.change_eventseries",
        "resources.delete_eventseries",
        "resources.view_registration",
        "resources.change_registration",
        # Messages from the contact page: read, mark handled, delete spam; the drop-in and
        # workshop places shown with the contact details.
        "contact.view_contactmessage",
        "contact.handle_contactmessage",
        "contact.delete_contactmessage",
        "contact.change_contactsettings",
    },
    COMMISSION: {
        "wagtailadmin.access_admin",
        "network.view_application",
        "network.add_commissionmeeting",
        "network.change_commissionmeeting",
        "network.view_commissionmeeting",
    },
    MEMBERS: set(),
    TREASURER: {
        "wagtailadmin.access_admin",
        "network.view_erasurerequest",
        "network.change_erasurerequest",
        "network.view_membership",
        "fees.add_payment",
        "fees.view_payment",
        "fees.view_board_report",
        "fees.import_members",
        "fees.cancel_payment",
        "fees.view_helloassoorder",
        "fees.change_helloassoorder",
        "fees.change_feesettings",
        "support.view_support_statistics",
    },
    COORDINATORS: {"support.coordinate_support", "support.view_support_statistics"},
    FIELD_REFERENTS: {"support.follow_families"},
    REFERRERS: {"support.refer_families"},
}

# Page permissions given on the root page (so on every locale's tree).
PAGE_PERMISSIONS = {
    EDITORS: {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"},
    COMMISSION: set(),
    MEMBERS: set(),
    TREASURER: set(),
    COORDINATORS: set(),
    FIELD_REFERENTS: set(),
    REFERRERS: set(),
}

# Collection permissions given on the root collection, for images and documents.
COLLECTION_PERMISSIONS = {
    EDITORS: {
        # Wagtail checks image and document rights against its own models' permissions,
        # even with custom image and document models.
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
    },
    COMMISSION: set(),
    MEMBERS: set(),
    TREASURER: set(),
    COORDINATORS: set(),
    FIELD_REFERENTS: set(),
    REFERRERS: set(),
}
