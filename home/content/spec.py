"""The vocabulary the site's content is written in (see seed.py).

Every text the visitor reads is given in French and English together, so the content build
can create the French page and then its English translation through wagtail-localize.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class T:
    """A plain text in French and English."""

    fr: str
    en: str


@dataclass(frozen=True)
class R:
    """A rich text (HTML: <p>, <ul>/<ol>/<li>, <b>, <i>, <a href>) in French and English.
    Both languages must have the same block structure (same paragraphs, lists, items and
    links, in the same order) so that each French segment has its English counterpart."""

    fr: str
    en: str


@dataclass(frozen=True)
class PageRef:
    """A link to another page of the content, by its key."""

    key: str


@dataclass
class PageSpec:
    """One page of the site: its type, place in the tree and fields."""

    key: str
    type: str  # "home.HomePage", "home.StandardPage", "network.CharterPage"
    parent: str | None  # key of the parent page; None for the home page
    title: T
    slug: T
    fields: dict  # field name -> T / R / stream (list of (block_type, value)) / plain value
    search_description: T | None = None
