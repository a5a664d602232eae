"""Dates and times in French typography ("7 décembre 2026", "18 h 30"); English keeps its own
format. Properties check generated datetimes against a plain reference written from the rule."""

import datetime
import zoneinfo

from django.template import Context, Template
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

NBSP = "\u00a0"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

moments = st.datetimes(
    min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2100, 12, 31),
    timezones=st.just(datetime.timezone.utc),
)


def render(source, value, language="fr"):
    with translation.override(language), timezone.override(PARIS):
        return Template("{% load date_tags %}" + source).render(Context({"value": value}))


def reference_date(local, weekday=False):
    day = "1er" if local.day == 1 else str(local.day)
    text = f"{day}{NBSP}{MONTHS[local.month - 1]} {local.year}"
    return f"{DAYS[local.weekday()]} {text}" if weekday else text


def reference_time(local):
    return f"{local.hour}{NBSP}h" + (f"{NBSP}{local.minute:02d}" if local.minute else "")


@given(moments)
def test_french_date_matches_the_reference(moment):
    local = moment.astimezone(PARIS)  # in Paris time, as the visitor reads it
    assert render("{{ value|long_date }}", moment) == reference_date(local)
    assert render('{{ value|long_date:"weekday" }}', moment) == reference_date(local, weekday=True)


@given(moments)
def test_french_time_matches_the_reference(moment):
    local = moment.astimezone(PARIS)
    assert render("{{ value|clock }}", moment) == reference_time(local)


@given(st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_plain_dates_too(day):
    assert render("{{ value|long_date }}", day) == reference_date(day)


def test_examples():
    moment = datetime.datetime(2026, 12, 7, 17, 30, tzinfo=datetime.timezone.utc)  # 18:30 in Paris
    assert render("{{ value|long_date }}", moment) == f"7{NBSP}décembre 2026"
    assert render('{{ value|long_date:"weekday" }}, {{ value|clock }}', moment) == (
        f"lundi 7{NBSP}décembre 2026, 18{NBSP}h{NBSP}30"
    )
    assert render("{{ value|clock }}", datetime.time(9, 0)) == f"9{NBSP}h"
    assert render("{{ value|long_date }}", datetime.date(2027, 3, 1)) == f"1er{NBSP}mars 2027"
    # Never the abbreviated, capitalised month ("7 Déc 2026").
    assert "Déc" not in render("{{ value|long_date }}", moment)


def test_english_keeps_its_own_format():
    moment = datetime.datetime(2026, 12, 7, 17, 30, tzinfo=datetime.timezone.utc)
    assert render('{{ value|long_date:"weekday" }}', moment, "en") == "Monday 7 December 2026"
    assert render("{{ value|clock }}", moment, "en") == "6:30 p.m."


def test_empty_values_render_nothing():
    assert render("{{ value|long_date }}{{ value|clock }}", None) == ""
