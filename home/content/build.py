"""Build the association's site from its own words (home/content/seed.py).

Idempotent and respectful of editors: every step is recorded (home.ContentRecord) and is
never done twice, so a page built once is never built again nor overwritten, even if an
editor renamed, moved, edited or deleted it; the same goes for its English translation,
the site settings, the navigation and the footer. An interrupted build resumes where it
stopped. English versions are real wagtail-localize translations: editors keep them in sync
from the admin.
"""

import datetime
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings as django_settings
from django.db import transaction
from django.test.utils import override_settings
from wagtail import hooks
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.strings import StringValue, extract_strings

from home.content.spec import PageRef, R, T
from home.hooks import CONTENT_BUILD
from home.models import ContentRecord, FooterText, NavigationSettings, SiteSettings

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


def translate(instance, target_locale, table):
    """Translate a page or snippet through wagtail-localize, as an editor would: a
    translation source, the strings filled in from `table` (as an uploaded PO file would),
    then the translated object saved (and published). Returns the translated object."""
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
        raise MissingTranslation(", ".join(missing))
    translation.import_po(po)
    translation.save_target(publish=True)
    return instance.get_translation(target_locale)


class ContentBuilder:
    def __init__(self, pages, navigation, site_settings, footer, data=None, log=print):
        self.pages = pages
        # The apps' own seed data, by name, for their steps (home/hooks.py, CONTENT_BUILD).
        self.data = data or {}
        self.navigation = navigation
        self.site_settings = site_settings
        self.footer = footer
        self.log = log
        self.built = {}  # key -> French page, for the pages that exist

    def build(self):
        fr = Locale.objects.get_or_create(language_code=SOURCE_LANGUAGE)[0]
        en = Locale.objects.get_or_create(language_code=TARGET_LANGUAGE)[0]
        for spec in self.pages:
            self.build_page(spec, fr)
        for spec in self.pages:
            self.complete_page(spec)
        # Publishing a translation renames the slug copied from French; Wagtail would record
        # a redirect from a path that never existed publicly.
        with override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False):
            for spec in self.pages:
                self.translate_page(spec, en)
        self.configure_site(fr, en)
        site = Site.objects.get(is_default_site=True)
        for step in hooks.get_hooks(CONTENT_BUILD):
            step(self, site)

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

    def field_values(self, fields):
        values = {}
        for name, value in fields.items():
            if isinstance(value, list):
                # Wagtail normalises a list of (block type, native value) given to a StreamField.
                values[name] = [(block_type, self.french(block)) for block_type, block in value]
            elif name == "version_date" and isinstance(value, str):
                values[name] = datetime.date.fromisoformat(value)
            else:
                values[name] = self.french(value)
        return values

    def unbuilt_refs(self, value):
        """Keys of the pages this value links to that do not exist (yet)."""
        if isinstance(value, PageRef):
            return set() if value.key in self.built else {value.key}
        items = value.values() if isinstance(value, dict) else value if isinstance(value, list | tuple) else ()
        refs = set()
        for item in items:
            refs |= self.unbuilt_refs(item)
        return refs

    # --- pages --------------------------------------------------------------
    def build_page(self, spec, locale):
        """Create and publish the French page, unless the build made it before."""
        record = ContentRecord.objects.filter(key=f"page:{spec.key}").select_related("page").first()
        if record is not None:
            if record.page_id:
                self.built[spec.key] = record.page.specific
            else:
                self.log(f"  {spec.key}: deleted by an editor, not rebuilt")
            return
        if spec.parent is not None and spec.parent not in self.built:
            self.log(f"  {spec.key}: its parent page is gone, not built")
            return
        model = apps.get_model(spec.type)
        ready = {name: value for name, value in spec.fields.items() if not self.unbuilt_refs(value)}
        page = model(
            title=spec.title.fr,
            slug=spec.slug.fr,
            locale=locale,
            search_description=spec.search_description.fr if spec.search_description else "",
            **self.field_values(ready),
        )
        with transaction.atomic():
            if spec.parent is None:
                self.install_home(page)
            else:
                self.built[spec.parent].add_child(instance=page)
            page.save_revision().publish()
            ContentRecord.objects.create(key=f"page:{spec.key}", page=page, complete=len(ready) == len(spec.fields))
        self.built[spec.key] = page
        self.log(f"  {spec.key}: built ({page.title})")

    def complete_page(self, spec):
        """Fill in the fields that had to wait for a page built later (home -> charter)."""
        record = ContentRecord.objects.filter(key=f"page:{spec.key}", complete=False).first()
        page = self.built.get(spec.key)
        if record is None or page is None:
            return
        waiting = {name: value for name, value in spec.fields.items() if not getattr(page, name)}
        if waiting:
            for name, value in self.field_values(waiting).items():
                setattr(page, name, value)
            page.save_revision().publish()
        record.complete = True
        record.save(update_fields=["complete"])

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

    def translate_page(self, spec, locale):
        key = f"translation:{spec.key}:{locale.language_code}"
        page = self.built.get(spec.key)
        if page is None or ContentRecord.objects.filter(key=key).exists():
            return
        existing = page.get_translations().filter(locale=locale).first()
        if existing is None:
            table = translation_table([spec.title, spec.slug, spec.search_description, list(spec.fields.values())])
            try:
                existing = translate(page, locale, table)
            except MissingTranslation as error:
                # The French page was edited since it was built: the editors translate it.
                self.log(f"  {spec.key}: not translated automatically (changed since built: {error})")
                return
            self.log(f"  {spec.key}: translated to {locale.language_code}")
        ContentRecord.objects.create(key=key, page=existing, complete=True)

    # --- site-wide values ---------------------------------------------------
    def once(self, key):
        """True the first time a site-wide step is asked for; it is then recorded."""
        record, created = ContentRecord.objects.get_or_create(key=key, defaults={"complete": True})
        return created

    def configure_site(self, fr, en):
        site = Site.objects.get(is_default_site=True)
        if self.once("site-address") and (site.hostname, site.port) == ("localhost", 80):
            # Wagtail's placeholder: use the site's real address (full URLs in the API, sitemap).
            address = urlsplit(django_settings.WAGTAILADMIN_BASE_URL)
            site.hostname = address.hostname or site.hostname
            site.port = address.port or (443 if address.scheme == "https" else 80)
            site.save()
        if self.once("site-settings"):
            site_settings = SiteSettings.for_site(site)
            for name, value in self.site_settings.items():
                setattr(site_settings, name, value)
            site_settings.save()
        if self.once("navigation"):
            navigation = NavigationSettings.for_site(site)
            navigation.main_navigation = [("page", self.built[key]) for key in self.navigation if key in self.built]
            navigation.save()
        record, _created = ContentRecord.objects.get_or_create(key="footer")
        if not record.complete:
            footer = FooterText.objects.filter(locale=fr).first() or FooterText.objects.create(
                locale=fr, body=self.footer.fr
            )
            if not FooterText.objects.filter(translation_key=footer.translation_key, locale=en).exists():
                try:
                    translate(footer, en, translation_table(self.footer))
                except MissingTranslation:
                    self.log("  footer: not translated automatically (changed by an editor)")
            record.complete = True
            record.save(update_fields=["complete"])


def build_site(log=print):
    from home.content import seed

    ContentBuilder(
        seed.PAGES,
        seed.NAVIGATION,
        seed.SITE_SETTINGS,
        seed.FOOTER,
        data={"partner_structures": seed.PARTNER_STRUCTURES, "contact_settings": seed.CONTACT_SETTINGS},
        log=log,
    ).build()
