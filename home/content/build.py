"""Build the association's site from its own words (home/content/seed.py).

Idempotent: a page built once is remembered (home.BuiltPage) and never built or
overwritten again, even if an editor renamed, moved, edited or deleted it. English
versions are real wagtail-localize translations: editors keep them in sync from the admin.
"""

import datetime
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings as django_settings
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.strings import StringValue, extract_strings

from home.content.spec import PageRef, R, T
from home.models import BuiltPage, FooterText, NavigationSettings, SiteSettings

SOURCE_LANGUAGE = "fr"
TARGET_LANGUAGE = "en"


class MissingTranslation(Exception):
    """A French text of the content has no English counterpart."""


def _plain_segment(text):
    return StringValue.from_plaintext(text).data


def _html_segments(html):
    return [string.data for string, _attrs in extract_strings(html)[1]]


def translation_table(value, table=None):
    """French segment -> English segment, for every text inside a content value."""
    table = {} if table is None else table
    if isinstance(value, T):
        table[_plain_segment(value.fr)] = _plain_segment(value.en)
    elif isinstance(value, R):
        french, english = _html_segments(value.fr), _html_segments(value.en)
        if len(french) != len(english):
            raise MissingTranslation(f"rich text structure differs: {french[:1]!r}")
        table.update(zip(french, english))
    elif isinstance(value, dict):
        for item in value.values():
            translation_table(item, table)
    elif isinstance(value, list | tuple):
        for item in value:
            translation_table(item, table)
    return table


class ContentBuilder:
    def __init__(self, pages, navigation, site_settings, footer, log=print):
        self.pages = pages
        self.navigation = navigation
        self.site_settings = site_settings
        self.footer = footer
        self.log = log
        self.built = {}  # key -> French page

    # --- values -------------------------------------------------------------
    def french(self, value):
        """A content value in French, with page references resolved."""
        if isinstance(value, T):
            return value.fr
        if isinstance(value, R):
            return RichText(value.fr)
        if isinstance(value, PageRef):
            return self.built.get(value.key)
        if isinstance(value, dict):
            return {name: self.french(item) for name, item in value.items()}
        if isinstance(value, list):
            return [self.french(item) for item in value]
        return value

    def stream(self, blocks_spec):
        """A stream field value from [(block_type, value)]."""
        # Wagtail normalises a list of (block type, native value) assigned to a StreamField.
        return [(block_type, self.french(value)) for block_type, value in blocks_spec]

    def field_values(self, model, fields):
        values = {}
        for name, value in fields.items():
            if isinstance(value, list):
                values[name] = self.stream(value)
            elif name == "version_date" and isinstance(value, str):
                values[name] = datetime.date.fromisoformat(value)
            else:
                values[name] = self.french(value)
        return values

    # --- pages --------------------------------------------------------------
    def build(self):
        fr = Locale.objects.get_or_create(language_code=SOURCE_LANGUAGE)[0]
        en = Locale.objects.get_or_create(language_code=TARGET_LANGUAGE)[0]
        created = [spec for spec in self.pages if self.build_page(spec, fr)]
        # A page may link to one built after it (home -> charter): fill those links in
        # now, only on the pages this run created, so an editor's work is never touched.
        for spec in created:
            self.link_forward(spec)
        # Publishing a translation renames the slug copied from French; Wagtail would record
        # a redirect from a path that never existed publicly.
        with override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False):
            for spec in self.pages:
                page = self.built.get(spec.key)
                if page is not None and not page.get_translations().filter(locale=en).exists():
                    table = translation_table(
                        [spec.title, spec.slug, spec.search_description, list(spec.fields.values())]
                    )
                    translate(page, en, table)
                    self.log(f"  {spec.key}: translated to {en.language_code}")
        self.configure_site(fr, en)

    def build_page(self, spec, locale):
        """Create and publish the French page unless it was built before. True if created."""
        record = BuiltPage.objects.filter(key=spec.key).select_related("page").first()
        if record is not None:
            if record.page_id:
                self.built[spec.key] = record.page.specific
            else:
                self.log(f"  {spec.key}: deleted by an editor, not rebuilt")
            return False
        model = apps.get_model(spec.type)
        ready = {name: value for name, value in spec.fields.items() if not self.unbuilt_refs(value)}
        page = model(
            title=spec.title.fr,
            slug=spec.slug.fr,
            locale=locale,
            search_description=spec.search_description.fr if spec.search_description else "",
            **self.field_values(model, ready),
        )
        with transaction.atomic():
            if spec.parent is None:
                self.install_home(page)
            else:
                self.built[spec.parent].add_child(instance=page)
            page.save_revision().publish()
            BuiltPage.objects.create(key=spec.key, page=page)
        self.built[spec.key] = page
        self.log(f"  {spec.key}: built ({page.title})")
        return True

    def link_forward(self, spec):
        page = self.built[spec.key]
        waiting = {name: value for name, value in spec.fields.items() if name not in self.fields_set(page, spec)}
        if waiting:
            for name, value in self.field_values(type(page), waiting).items():
                setattr(page, name, value)
            page.save_revision().publish()

    def fields_set(self, page, spec):
        return {name for name in spec.fields if getattr(page, name)}

    def unbuilt_refs(self, value):
        """Keys of the pages this value links to that are not built yet."""
        if isinstance(value, PageRef):
            return set() if value.key in self.built else {value.key}
        items = value.values() if isinstance(value, dict) else value if isinstance(value, list | tuple) else ()
        refs = set()
        for item in items:
            refs |= self.unbuilt_refs(item)
        return refs

    def install_home(self, page):
        """Put our home page at the top of the default site, in place of Wagtail's
        "Welcome to your new Wagtail site!" page."""
        Page.get_first_root_node().add_child(instance=page)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(hostname="localhost", port=80, is_default_site=True, root_page=page)
        old_root = site.root_page
        site.root_page = page
        site.site_name = "Parentescence"
        site.save()
        if old_root.pk != page.pk and old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()

    # --- site-wide values ---------------------------------------------------
    def configure_site(self, fr, en):
        site = Site.objects.get(is_default_site=True)
        if (site.hostname, site.port) == ("localhost", 80):
            # Wagtail's placeholder: use the site's real address (full URLs in the API, sitemap).
            address = urlsplit(django_settings.WAGTAILADMIN_BASE_URL)
            site.hostname = address.hostname or site.hostname
            site.port = address.port or (443 if address.scheme == "https" else 80)
            site.save()
        settings = SiteSettings.for_site(site)
        if not settings.address and not settings.email:
            for name, value in self.site_settings.items():
                setattr(settings, name, value)
            settings.save()
        nav = NavigationSettings.for_site(site)
        if not nav.main_navigation:
            nav.main_navigation = [("page", self.built[key]) for key in self.navigation if key in self.built]
            nav.save()
        if not FooterText.objects.exists():
            footer = FooterText.objects.create(locale=fr, body=self.footer.fr)
            translate(footer, en, translation_table(self.footer))


def translate(instance, target_locale, table):
    """Translate a page or snippet through wagtail-localize, as an editor would: a
    translation source, the strings filled in from `table` (as an uploaded PO file would),
    then the translated object saved (and published)."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=target_locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    missing = []
    for entry in po:
        english = table.get(entry.msgid)
        if english is None:
            missing.append(entry.msgctxt)
        else:
            entry.msgstr = english
    if missing:
        raise MissingTranslation(f"{instance}: no translation for {', '.join(missing)}")
    translation.import_po(po)
    translation.save_target(publish=True)


def build_site(log=print):
    from home.content import seed

    ContentBuilder(seed.PAGES, seed.NAVIGATION, seed.SITE_SETTINGS, seed.FOOTER, log=log).build()
