"""A programme's charts, drawn on the server as SVG: no script, nothing from elsewhere.

Three kinds: bars (the score distribution, survey means), a funnel (enrolment
to the first meeting) and lines over months (meetings, health). Each chart is
a :class:`Chart`: the picture, with a ``<title>`` and a ``<desc>`` that say
what it shows, and the same figures as a table (``headers`` and ``rows``),
which the page renders beside it for screen readers, text browsers and
anyone who wants the numbers. Every text placed in the SVG is escaped here
(cohort names, survey questions come from people), so the result can be
marked safe.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = ["Chart", "Series", "bar_chart", "funnel_chart", "line_chart"]

WIDTH = 640
FONT = 'font-family="system-ui, sans-serif"'
INK = "#0f172a"
BAR = "#1d4ed8"
#: Colours of the lines, in order (distinct also in grey: they differ in lightness).
LINES = ("#15803d", "#ca8a04", "#c2410c", "#7f1d1d", "#1d4ed8", "#6b21a8")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "4 4")
_ids = itertools.count(1)


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    svg: SafeString
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _open(title: str, description: str, height: int) -> tuple[list[str], str]:
    n = next(_ids)
    tid, did = f"chart-{n}-title", f"chart-{n}-desc"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{tid} {did}" class="chart">',
        f'<title id="{tid}">{escape(title)}</title>',
        f'<desc id="{did}">{escape(description)}</desc>',
    ], f"chart-{n}"


def bar_chart(
    *,
    title: str,
    description: str,
    bars: Sequence[tuple[str, float | None]],
    label_header: str,
    value_header: str,
    high: float | None = None,
    empty: str = "—",
) -> Chart:
    """Vertical bars, one per ``(label, value)``; a None value is drawn as no bar and
    written as ``empty`` (e.g. "too few responses")."""
    height, top, bottom, left = 240, 20, 50, 40
    plot_h = height - top - bottom
    values = [v for _, v in bars if v is not None]
    scale = high if high is not None else max([*values, 1])
    out, _ = _open(title, description, height)
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - 10}" y2="{top + plot_h}" '
        f'stroke="{INK}"/>'
    )
    step = (WIDTH - left - 10) / max(len(bars), 1)
    for k, (label, value) in enumerate(bars):
        x = left + k * step
        if value is not None and scale:
            h = max(value, 0) / scale * plot_h
            out.append(
                f'<rect x="{x + step * 0.15:.1f}" y="{top + plot_h - h:.1f}" '
                f'width="{step * 0.7:.1f}" height="{h:.1f}" fill="{BAR}"/>'
            )
            out.append(
                f'<text x="{x + step / 2:.1f}" y="{top + plot_h - h - 4:.1f}" '
                f'text-anchor="middle" font-size="11" fill="{INK}" {FONT}>'
                f"{escape(_number(value))}</text>"
            )
        out.append(
            f'<text x="{x + step / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
            f'font-size="10" fill="{INK}" {FONT}>{escape(_short(label, 14))}</text>'
        )
    out.append("</svg>")
    rows = tuple((label, empty if v is None else _number(v)) for label, v in bars)
    return Chart(title, description, mark_safe("\n".join(out)), (label_header, value_header), rows)


def funnel_chart(
    *,
    title: str,
    description: str,
    steps: Sequence[tuple[str, int]],
    label_header: str,
    value_header: str,
) -> Chart:
    """Horizontal bars, widest first, each as wide as its count against the first."""
    row_h, left = 34, 190
    height = row_h * max(len(steps), 1) + 20
    widest = max([count for _, count in steps] + [1])
    out, _ = _open(title, description, height)
    for k, (label, count) in enumerate(steps):
        y = 10 + k * row_h
        w = count / widest * (WIDTH - left - 60)
        out.append(
            f'<text x="{left - 8}" y="{y + row_h / 2 + 4:.0f}" text-anchor="end" '
            f'font-size="12" fill="{INK}" {FONT}>{escape(_short(label))}</text>'
        )
        out.append(
            f'<rect x="{left}" y="{y + 4}" width="{w:.1f}" height="{row_h - 10}" fill="{BAR}"/>'
        )
        out.append(
            f'<text x="{left + w + 6:.1f}" y="{y + row_h / 2 + 4:.0f}" font-size="12" '
            f'fill="{INK}" {FONT}>{count}</text>'
        )
    out.append("</svg>")
    rows = tuple((label, str(count)) for label, count in steps)
    return Chart(title, description, mark_safe("\n".join(out)), (label_header, value_header), rows)


def line_chart(
    *,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    label_header: str,
) -> Chart:
    """One line per series over ``labels`` (months), with a legend."""
    height, top, bottom, left, right = 260, 20, 70, 40, 10
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    top_value = max([v for s in series for v in s.values] + [1])
    out, _ = _open(title, description, height)
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - right}" y2="{top + plot_h}" '
        f'stroke="{INK}"/>'
    )
    out.append(
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="10" fill="{INK}" '
        f"{FONT}>{escape(_number(top_value))}</text>"
    )
    step = plot_w / max(len(labels) - 1, 1)
    for k, label in enumerate(labels):
        out.append(
            f'<text x="{left + k * step:.1f}" y="{top + plot_h + 14}" text-anchor="middle" '
            f'font-size="10" fill="{INK}" {FONT}>{escape(label)}</text>'
        )
    for n, line in enumerate(series):
        colour, dash = LINES[n % len(LINES)], DASHES[n % len(DASHES)]
        points = " ".join(
            f"{left + k * step:.1f},{top + plot_h - v / top_value * plot_h:.1f}"
            for k, v in enumerate(line.values)
        )
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dashed}/>'
        )
        lx = left + n * 120
        ly = height - 18
        out.append(
            f'<line x1="{lx}" y1="{ly}" x2="{lx + 20}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="2"{dashed}/>'
            f'<text x="{lx + 24}" y="{ly + 4}" font-size="11" fill="{INK}" {FONT}>'
            f"{escape(_short(line.name, 14))}</text>"
        )
    out.append("</svg>")
    headers = (label_header, *(s.name for s in series))
    rows = tuple((label, *(_number(s.values[k]) for s in series)) for k, label in enumerate(labels))
    return Chart(title, description, mark_safe("\n".join(out)), headers, rows)
