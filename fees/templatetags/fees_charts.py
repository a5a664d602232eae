"""Bar charts drawn on the server as inline SVG (no JavaScript, nothing fetched elsewhere).

    {% load fees_charts %}
    {% bar_chart "members" title desc categories series x_label=... y_label=... %}

`categories` are the labels along the category axis, `series` a list of (name, values)
pairs (one value per category). The SVG is an image (role="img") named by its <title> and
described by its <desc>; the figures themselves are given in a table next to each chart in
the report, which is what screen readers and keyboard users read.
"""

import math

from django import template
from django.utils import formats

register = template.Library()

# Mid-tone colours: at least 3:1 against both Wagtail's light and dark backgrounds.
SERIES_COLOURS = ["#3a78b5", "#c0670f", "#5a8a2a", "#8a5cb0"]

WIDTH = 720
ROW_HEIGHT = 26


def nice_ticks(maximum, count=5):
    """Round tick values from 0 covering `maximum` (steps of 1, 2 or 5 × 10^n)."""
    maximum = float(maximum)
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(step, 1)  # counts and euros: no fractional ticks
    top = math.ceil(maximum / step) * step
    return [int(i * step) for i in range(int(top / step) + 1)]


def format_value(value, decimals=0):
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.inclusion_tag("fees/includes/bar_chart.svg")
def bar_chart(chart_id, title, desc, categories, series, x_label="", y_label="", horizontal=False, decimals=0):
    categories = [str(c) for c in categories]
    series = [(str(name), [float(v or 0) for v in values]) for name, values in series]
    maximum = max([v for _name, values in series for v in values] or [0])
    ticks = nice_ticks(maximum)
    top = ticks[-1] or 1
    legend = len(series) > 1
    show_values = len(series) == 1
    count = max(len(categories), 1)

    if horizontal:
        left, right, upper, lower = 230, 70, 12 + (28 if legend else 0), 52
        height = upper + count * ROW_HEIGHT + lower
    else:
        left, right, upper, lower = 72, 16, 22 + (28 if legend else 0), 58
        height = 340
    plot_w, plot_h = WIDTH - left - right, height - upper - lower

    band = (plot_h if horizontal else plot_w) / count
    thickness = band * 0.75 / len(series) if series else 0
    bars, labels = [], []
    for index, category in enumerate(categories):
        band_start = index * band + band * 0.125
        if horizontal:
            labels.append({"x": left - 8, "y": upper + index * band + band / 2 + 4, "text": category})
        else:
            labels.append({"x": left + index * band + band / 2, "y": upper + plot_h + 18, "text": category})
        for s, (name, values) in enumerate(series):
            value = values[index] if index < len(values) else 0
            length = value / top * (plot_w if horizontal else plot_h)
            offset = band_start + s * thickness
            if horizontal:
                bar = {"x": left, "y": upper + offset, "width": length, "height": thickness}
                text = {"x": left + length + 4, "y": upper + offset + thickness / 2 + 4, "anchor": "start"}
            else:
                bar = {"x": left + offset, "y": upper + plot_h - length, "width": thickness, "height": length}
                text = {"x": left + offset + thickness / 2, "y": upper + plot_h - length - 4, "anchor": "middle"}
            bar.update(colour=SERIES_COLOURS[s % len(SERIES_COLOURS)], value=format_value(value, decimals), text=text)
            bars.append(bar)

    tick_marks = []
    for tick in ticks:
        if horizontal:
            x = left + tick / top * plot_w
            tick_marks.append({"x1": x, "y1": upper, "x2": x, "y2": upper + plot_h,
                               "tx": x, "ty": upper + plot_h + 16, "anchor": "middle", "text": format_value(tick)})
        else:
            y = upper + plot_h - tick / top * plot_h
            tick_marks.append({"x1": left, "y1": y, "x2": left + plot_w, "y2": y,
                               "tx": left - 8, "ty": y + 4, "anchor": "end", "text": format_value(tick)})

    legend_items = [
        {"x": left + i * 170, "y": 8, "colour": SERIES_COLOURS[i % len(SERIES_COLOURS)], "name": name}
        for i, (name, _values) in enumerate(series)
    ] if legend else []

    return _rounded({
        "id": f"chart-{chart_id}",
        "title": title,
        "desc": desc,
        "width": WIDTH,
        "height": height,
        "horizontal": horizontal,
        "bars": bars,
        "labels": labels,
        "ticks": tick_marks,
        "legend": legend_items,
        "show_values": show_values,
        "axis": {"x1": left, "y1": upper + plot_h, "x2": left + plot_w, "y2": upper + plot_h,
                 "vx1": left, "vy1": upper, "vx2": left, "vy2": upper + plot_h},
        "x_label": {"x": left + plot_w / 2, "y": height - 8, "text": x_label},
        "y_label": {"x": 16, "y": upper + plot_h / 2, "text": y_label},
    })


def _rounded(value):
    """Coordinates to one decimal (the template prints them with localisation off)."""
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value
