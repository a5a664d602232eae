"""Dates and times as people read them: in French "mardi 7 décembre 2026", "1er mars",
"18 h 30" (French typography: a non-breaking space either side of the "h", "1er" for the
first of the month); other languages keep Django's own format for their locale."""

import datetime

from django import template
from django.utils import translation
from django.utils.formats import date_format, time_format

register = template.Library()

NBSP = "\u00a0"


def _french():
    return (translation.get_language() or "").split("-")[0] == "fr"


@register.filter(expects_localtime=True)
def long_date(value, arg=""):
    """"7 décembre 2026"; with arg "weekday", "lundi 7 décembre 2026". In English,
    "7 December 2026" / "Monday 7 December 2026" (as the site wrote it so far)."""
    if not isinstance(value, (datetime.date, datetime.datetime)):
        return ""
    weekday = arg == "weekday"
    if _french():
        day = "1er" if value.day == 1 else str(value.day)
        text = f"{day}{NBSP}{date_format(value, 'F')} {value.year}"
        return f"{date_format(value, 'l')} {text}" if weekday else text
    return date_format(value, "l j F Y" if weekday else "j F Y")


@register.filter(expects_localtime=True)
def clock(value):
    """"18 h 30", "9 h" in French; the locale's time format elsewhere ("6:30 p.m.")."""
    if not isinstance(value, (datetime.time, datetime.datetime)):
        return ""
    if _french():
        text = f"{value.hour}{NBSP}h"
        return f"{text}{NBSP}{value.minute:02d}" if value.minute else text
    return time_format(value, "TIME_FORMAT")
