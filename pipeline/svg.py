"""Inline SVG charts for the HTML reports: no plotting library, no network, text escaped.

Two shapes cover the reports: grouped horizontal bars (edits per stage or rule, one bar
per version) and a histogram (a length distribution from stats.json).
"""

from __future__ import annotations

from html import escape

PALETTE = ("#8c9fb8", "#d9822b", "#4c9a5f", "#b04a5a")
FONT = "font-family:system-ui,sans-serif;font-size:12px"


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 100 or float(x).is_integer() else f"{x:,.2f}"


def bar_chart(labels: list[str], series: list[tuple[str, list[float]]], title: str, width: int = 720) -> str:
    """Horizontal bars, one group per label and one bar per series (e.g. old and new)."""
    bar, gap, label_w, top = 12, 8, 260, 40
    group = bar * len(series) + gap
    height = top + group * max(1, len(labels)) + 10
    peak = max((v for _, values in series for v in values), default=0) or 1
    scale = (width - label_w - 70) / peak
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" style="{FONT}"><title>{escape(title)}</title>',
             f'<text x="0" y="14" font-weight="bold">{escape(title)}</text>']
    for s, (name, _) in enumerate(series):
        x = label_w + s * 120
        parts.append(f'<rect x="{x}" y="22" width="10" height="10" fill="{PALETTE[s % len(PALETTE)]}"/>'
                     f'<text x="{x + 14}" y="31">{escape(name)}</text>')
    for i, label in enumerate(labels):
        y0 = top + i * group
        parts.append(f'<text x="{label_w - 6}" y="{y0 + bar * len(series) / 2 + 4}" text-anchor="end">'
                     f'{escape(label)}</text>')
        for s, (name, values) in enumerate(series):
            v = values[i]
            y = y0 + s * bar
            parts.append(f'<rect class="bar" x="{label_w}" y="{y}" width="{max(v * scale, 0.5):.1f}" height="{bar - 2}" '
                         f'fill="{PALETTE[s % len(PALETTE)]}"><title>{escape(f"{label} ({name}): {_fmt(v)}")}</title>'
                         f'</rect><text x="{label_w + v * scale + 4:.1f}" y="{y + bar - 3}">{_fmt(v)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def histogram(edges: list[float], counts: list[int], title: str, x_label: str, width: int = 560) -> str:
    """Vertical bars over the bins of `edges` (len(counts) + 1 values)."""
    height, left, bottom, top = 220, 50, 40, 30
    plot_w, plot_h = width - left - 10, height - top - bottom
    peak = max(counts, default=0) or 1
    bw = plot_w / max(1, len(counts))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" style="{FONT}"><title>{escape(title)}</title>',
             f'<text x="0" y="14" font-weight="bold">{escape(title)}</text>',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#555"/>',
             f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>',
             f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>']
    for i, n in enumerate(counts):
        h = n / peak * plot_h
        tip = f"{_fmt(edges[i])}–{_fmt(edges[i + 1])}: {n}"
        parts.append(f'<rect class="bar" x="{left + i * bw + 1:.1f}" y="{top + plot_h - h:.1f}" width="{max(bw - 2, 1):.1f}" '
                     f'height="{h:.1f}" fill="{PALETTE[0]}"><title>{escape(tip)}</title></rect>')
    if edges:
        for x, value, anchor in ((left, edges[0], "start"), (left + plot_w, edges[-1], "end")):
            parts.append(f'<text x="{x}" y="{top + plot_h + 16}" text-anchor="{anchor}">{_fmt(value)}</text>')
    parts.append(f'<text x="{left + plot_w / 2}" y="{height - 6}" text-anchor="middle">{escape(x_label)}</text></svg>')
    return "".join(parts)
