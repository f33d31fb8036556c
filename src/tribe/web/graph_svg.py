"""Draw the tribe graph as an accessible SVG, on the server, with no script.

Layers from top to bottom: my mentors' mentors, my mentors, me, my mentees;
the people I was introduced to (or introduced someone to) sit at the right of
the mentors' layer. The picture has a title and a description; the page
shows the same graph as a list of sentences for screen readers and text
browsers.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.translation import gettext

from tribe.outreach.graph import TribeGraph

WIDTH = 760
ROW = 110
NODE_W, NODE_H = 150, 40
LAYERS = ("mentors_mentor", "mentor", "me", "mentee")
FILL = {
    "me": "#1d4ed8",
    "mentor": "#e0e7ff",
    "mentors_mentor": "#f1f5f9",
    "mentee": "#dcfce7",
    "introduced": "#fef3c7",
}
INK = {"me": "#ffffff"}


def _short(name: str) -> str:
    return name if len(name) <= 20 else name[:19] + "…"


def render(graph: TribeGraph, *, title: str) -> str:
    positions: dict[str, tuple[float, float]] = {}
    rows = [r for r in LAYERS if graph.by_role(r)]
    introduced = graph.by_role("introduced")
    height = max(len(rows), 1) * ROW + 40
    for depth, role in enumerate(rows):
        nodes = graph.by_role(role)
        usable = WIDTH - (NODE_W + 40 if introduced else 0)
        step = usable / (len(nodes) + 1)
        for k, node in enumerate(nodes, start=1):
            positions[node.key] = (step * k, 30 + depth * ROW + NODE_H / 2)
    for k, node in enumerate(introduced):
        positions[node.key] = (WIDTH - NODE_W / 2 - 10, 30 + NODE_H / 2 + k * (NODE_H + 14))
    height = max(height, 30 + len(introduced) * (NODE_H + 14) + 20)

    description = " ".join(graph.sentences()) or gettext("No relationships yet.")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="graph-title graph-desc" class="tribe-graph">',
        f'<title id="graph-title">{escape(title)}</title>',
        f'<desc id="graph-desc">{escape(description)}</desc>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#334155"/></marker></defs>',
    ]
    for edge in graph.edges:
        if edge.source not in positions or edge.target not in positions:
            continue
        (x1, y1), (x2, y2) = positions[edge.source], positions[edge.target]
        dash = ' stroke-dasharray="6 4"' if edge.kind == "introduced" else ""
        dy = NODE_H / 2 if y2 > y1 else -NODE_H / 2 if y2 < y1 else 0
        out.append(
            f'<line x1="{x1:.0f}" y1="{y1 + dy:.0f}" x2="{x2:.0f}" y2="{y2 - dy:.0f}" '
            f'stroke="#334155" stroke-width="1.5"{dash} marker-end="url(#arrow)"/>'
        )
    for key, (x, y) in positions.items():
        node = graph.nodes[key]
        fill, ink = FILL[node.role], INK.get(node.role, "#0f172a")
        out.append(
            f'<g><rect x="{x - NODE_W / 2:.0f}" y="{y - NODE_H / 2:.0f}" '
            f'width="{NODE_W}" height="{NODE_H}" rx="8" fill="{fill}" stroke="#334155"/>'
            f'<text x="{x:.0f}" y="{y + 5:.0f}" text-anchor="middle" font-size="14" fill="{ink}" '
            f'font-family="system-ui, sans-serif">{escape(_short(node.name))}</text></g>'
        )
    out.append("</svg>")
    return "\n".join(out)
