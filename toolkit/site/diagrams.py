"""Diagrams drawn from data at build time: YAML -> checked model -> laid-out inline SVG.

A diagram file (docs/diagrams/**/<id>.yml) gives columns of boxes, arrows between boxes and
bands that run under the columns. This module loads and checks the files (problems as
`path:line: message`), works out where every box and arrow goes, and renders the figure
with its text alternative through the ``diagram.html.j2`` template. Nothing is drawn in the
browser and nothing is fetched: the page carries the finished SVG.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.content.ids import FileId, check_file_ids
from toolkit.content.issue import ContentError, Issue, dotted
from toolkit.content.load import LineMap, parse, read_yaml
from toolkit.content.model import Diagram
from toolkit.site.addresses import PAPERS_URI, rel

DIAGRAMS_DIR = "diagrams"

#: style -> (fill, stroke, text colour, stroke dash pattern). Dark text on light fills and
#: white on the dark fill keep a contrast of at least 4.5:1; the dash patterns mean no
#: category is told apart by colour alone.
STYLES: dict[str, tuple[str, str, str, str]] = {
    "grey": ("#e6e6e6", "#5f5f5f", "#1a1a1a", "6 3"),
    "dark-blue": ("#1c3f7a", "#0d2250", "#ffffff", ""),
    "light-blue": ("#d3e6f8", "#2b6cb0", "#0b1f3a", "2 2"),
    "white": ("#ffffff", "#4a4a4a", "#1a1a1a", ""),
    "red": ("#fde4e2", "#b3261e", "#3b0a07", ""),
    "green": ("#e0f2e5", "#2e7d32", "#0c2911", "8 2 2 2"),
    "amber": ("#fff1cc", "#8a5a00", "#2e1f00", "4 4"),
    "purple": ("#eee2f8", "#6a3fa0", "#21103a", "1 3"),
}

# Geometry, in SVG user units (about a CSS pixel at full width).
MARGIN = 16
COL_WIDTH = 200
COL_GAP = 72
PAD = 8
GAP_Y = 14
LABEL_SIZE, LABEL_LINE = 14, 17
DETAIL_SIZE, DETAIL_LINE = 12, 15
TITLE_SIZE, TITLE_LINE = 14, 18
BAND_HEIGHT = 34
LEGEND_ROW = 24
CHAR = 0.56  # average glyph width as a share of the font size, for wrapping


# --------------------------------------------------------------------------- loading


@dataclass
class LoadedDiagram:
    """A diagram together with where it came from."""

    diagram: Diagram
    path: str
    src_uri: str
    lines: LineMap

    def line(self, *loc: Any) -> int:
        """Return the line where `loc` is given."""
        return self.lines.line(loc)


def diagram_files(docs_dir: Path) -> list[Path]:
    """Return every diagram file under docs/diagrams, in a stable order."""
    return sorted((Path(docs_dir) / DIAGRAMS_DIR).rglob("*.yml"))


def is_diagram_file(src_uri: str) -> bool:
    """Tell whether a file under docs/ is diagram data (never published as a file)."""
    return src_uri.startswith(DIAGRAMS_DIR + "/") and src_uri.endswith(".yml")


def load_diagram(file: Path, path: str, src_uri: str) -> LoadedDiagram:
    """Load and validate one diagram file; raise ContentError with located issues."""
    data, lines = read_yaml(file, path)
    return LoadedDiagram(parse(Diagram, data, path, lines), path, src_uri, lines)


def check(entries: list[LoadedDiagram], papers: set[str]) -> list[Issue]:
    """Return every problem in ids, references, papers and file names across diagrams."""
    issues = check_file_ids((FileId(e.diagram.id, e.path, e.line("id")) for e in entries), "diagram")
    for entry in entries:
        issues += _check_one(entry, papers)
    return sorted(issues)


def _at(entry: LoadedDiagram, loc: tuple[Any, ...], message: str) -> Issue:
    return Issue(entry.path, entry.line(*loc), f"{dotted(loc)}: {message}")


def _check_one(entry: LoadedDiagram, papers: set[str]) -> list[Issue]:
    d = entry.diagram
    issues = []
    if d.source.paper not in papers:
        issues.append(_at(entry, ("source", "paper"), f"unknown paper {d.source.paper!r}"))
    categories: set[str] = set()
    for i, c in enumerate(d.categories):
        if c.id in categories:
            issues.append(_at(entry, ("categories", i, "id"), f"duplicate category id {c.id!r}"))
        categories.add(c.id)
    ids: set[str] = set()
    for i, col in enumerate(d.columns):
        if col.id in ids:
            issues.append(_at(entry, ("columns", i, "id"), f"duplicate id {col.id!r} in this diagram"))
        ids.add(col.id)
        for j, node in enumerate(col.nodes):
            if node.id in ids:
                issues.append(_at(entry, ("columns", i, "nodes", j, "id"), f"duplicate id {node.id!r} in this diagram"))
            ids.add(node.id)
            if node.category is not None and node.category not in categories:
                issues.append(
                    _at(
                        entry,
                        ("columns", i, "nodes", j, "category"),
                        f"unknown category {node.category!r} (known: {', '.join(sorted(categories)) or 'none'})",
                    )
                )
    column_of = {n.id: i for i, col in enumerate(d.columns) for n in col.nodes}
    nodes = set(column_of)
    for i, e in enumerate(d.edges):
        for key, target in (("from", e.source), ("to", e.to)):
            if target not in nodes:
                issues.append(_at(entry, ("edges", i, key), f"{target!r} is not a box of this diagram"))
        if e.source == e.to:
            issues.append(_at(entry, ("edges", i, "to"), "an arrow cannot lead back to its own box"))
        elif e.source in column_of and e.to in column_of and abs(column_of[e.source] - column_of[e.to]) > 1:
            issues.append(
                _at(
                    entry,
                    ("edges", i, "to"),
                    "an arrow may only join boxes in the same or neighbouring columns (it would pass behind the "
                    "boxes between)",
                )
            )
    columns = {c.id for c in d.columns}
    for i, b in enumerate(d.bands):
        for key in ("start", "end"):
            value = getattr(b, key)
            if value is not None and value not in columns:
                issues.append(_at(entry, ("bands", i, key), f"{value!r} is not a column of this diagram"))
    return issues


def load_diagrams(docs_dir: Path, papers: set[str], display) -> tuple[dict[str, LoadedDiagram], list[Issue]]:
    """Load and check every diagram; return them by id and every problem found.

    `display` turns a file path into the path shown in messages.
    """
    docs_dir = Path(docs_dir)
    entries: list[LoadedDiagram] = []
    issues: list[Issue] = []
    for file in diagram_files(docs_dir):
        try:
            entries.append(load_diagram(file, display(file), file.relative_to(docs_dir).as_posix()))
        except ContentError as exc:
            issues += exc.issues
    issues += check(entries, papers)
    return {e.diagram.id: e for e in entries}, issues


# --------------------------------------------------------------------------- layout


@dataclass
class Box:
    """A laid-out box: position, wrapped text and style."""

    id: str
    x: float
    y: float
    w: float
    h: float
    label: list[str]
    detail: list[str]
    style: tuple[str, str, str, str]


@dataclass
class Layout:
    """Everything the template draws, in SVG user units."""

    width: float
    height: float
    titles: list[tuple[float, float, list[str]]] = field(default_factory=list)
    boxes: dict[str, Box] = field(default_factory=dict)
    arrows: list[dict[str, Any]] = field(default_factory=list)
    bands: list[dict[str, Any]] = field(default_factory=list)
    legend: list[dict[str, Any]] = field(default_factory=list)


def wrap(text: str, size: int, width: float) -> list[str]:
    """Wrap text to lines that fit `width` at font `size` (an estimate, on the safe side)."""
    chars = max(8, int((width - 2 * PAD) / (size * CHAR)))
    return textwrap.wrap(" ".join(text.split()), chars, break_long_words=True) or [""]


def _box_height(label: list[str], detail: list[str]) -> float:
    extra = (len(detail) * DETAIL_LINE + 4) if detail else 0
    return 2 * PAD + len(label) * LABEL_LINE + extra


def layout(d: Diagram) -> Layout:
    """Place columns left to right, boxes top to bottom, then arrows, bands and legend."""
    styles = {c.id: STYLES[c.style] for c in d.categories}
    ncols = len(d.columns)
    # Room on the right for arrows that loop between boxes of the last column.
    width = 2 * MARGIN + ncols * COL_WIDTH + (ncols - 1) * COL_GAP + COL_GAP / 2
    out = Layout(width=width, height=0)
    titles = [wrap(c.title, TITLE_SIZE, COL_WIDTH) for c in d.columns]
    top: float = MARGIN + max(len(t) for t in titles) * TITLE_LINE + 10
    column_of: dict[str, int] = {}
    bottom = top
    for i, col in enumerate(d.columns):
        x = MARGIN + i * (COL_WIDTH + COL_GAP)
        out.titles.append((x + COL_WIDTH / 2, MARGIN + TITLE_SIZE, titles[i]))
        y = top
        for node in col.nodes:
            label = wrap(node.label, LABEL_SIZE, COL_WIDTH)
            detail = wrap(node.detail, DETAIL_SIZE, COL_WIDTH) if node.detail else []
            h = _box_height(label, detail)
            style = styles.get(node.category or "", STYLES["white"])
            out.boxes[node.id] = Box(node.id, x, y, COL_WIDTH, h, label, detail, style)
            column_of[node.id] = i
            y += h + GAP_Y
        bottom = max(bottom, y)
    out.arrows = _arrows(d, out.boxes, column_of)
    y = bottom + 6
    index = {c.id: i for i, c in enumerate(d.columns)}
    for band in d.bands:
        first = index.get(band.start, 0) if band.start else 0
        last = index.get(band.end, ncols - 1) if band.end else ncols - 1
        x0 = MARGIN + first * (COL_WIDTH + COL_GAP)
        x1 = MARGIN + last * (COL_WIDTH + COL_GAP) + COL_WIDTH
        fill, stroke, text, _ = STYLES[band.style]
        lines = wrap(band.label, LABEL_SIZE + 2, x1 - x0 - BAND_HEIGHT)  # bold runs wider
        h = max(BAND_HEIGHT, 2 * PAD + len(lines) * LABEL_LINE)
        tip, x1 = x1, x1 - 24
        points = f"{x0},{y} {x1},{y} {tip},{y + h / 2} {x1},{y + h} {x0},{y + h}"
        out.bands.append(
            {
                "points": points,
                "x": (x0 + x1) / 2,
                "y": y,
                "h": h,
                "lines": lines,
                "fill": fill,
                "stroke": stroke,
                "text": text,
            }
        )
        y += h + GAP_Y
    used = {n.category for col in d.columns for n in col.nodes if n.category}
    for c in d.categories:
        if c.id in used:
            out.legend.append({"label": c.label, "style": STYLES[c.style], "y": y})
            y += LEGEND_ROW
    out.height = y + MARGIN - (GAP_Y if not out.legend else 0)
    return out


def _arrows(d: Diagram, boxes: dict[str, Box], column_of: dict[str, int]) -> list[dict[str, Any]]:
    """Route each arrow between box sides; arrows sharing a side are spread along it."""
    sides: dict[tuple[str, str], list[int]] = {}
    plan = []
    for k, e in enumerate(d.edges):
        a, b = column_of[e.source], column_of[e.to]
        if a < b:
            out_side, in_side = "right", "left"
        elif a > b:
            out_side, in_side = "left", "right"
        else:  # same column: loop out through the gap on the right, clear of the boxes between
            out_side, in_side = "right", "right"
        plan.append((e, out_side, in_side))
        sides.setdefault((e.source, out_side), []).append(k)
        sides.setdefault((e.to, in_side), []).append(k)
    arrows = []
    for k, (e, out_side, in_side) in enumerate(plan):
        x0, y0 = _port(
            boxes[e.source], out_side, sides[(e.source, out_side)].index(k), len(sides[(e.source, out_side)])
        )
        x1, y1 = _port(boxes[e.to], in_side, sides[(e.to, in_side)].index(k), len(sides[(e.to, in_side)]))
        if out_side == in_side:
            reach = COL_GAP * 0.45
            path = f"M{x0:.1f},{y0:.1f} C{x0 + reach:.1f},{y0:.1f} {x1 + reach:.1f},{y1:.1f} {x1 + 2:.1f},{y1:.1f}"
        else:
            bend = max(24.0, abs(x1 - x0) / 2)
            sign = 1 if out_side == "right" else -1
            path = (
                f"M{x0:.1f},{y0:.1f} C{x0 + sign * bend:.1f},{y0:.1f} {x1 - sign * bend:.1f},{y1:.1f} {x1:.1f},{y1:.1f}"
            )
        arrows.append({"path": path, "dashed": e.dashed, "source": e.source, "to": e.to})
    return arrows


def _port(box: Box, side: str, i: int, n: int) -> tuple[float, float]:
    share = (i + 1) / (n + 1)
    if side == "right":
        return box.x + box.w, box.y + box.h * share
    if side == "left":
        return box.x - 2, box.y + box.h * share
    raise ValueError(f"unknown side {side!r}")


# --------------------------------------------------------------------------- text alternative


def describe(d: Diagram) -> list[dict[str, Any]]:
    """Return the text alternative: each column's boxes with category and where arrows lead."""
    labels = {n.id: n.label for col in d.columns for n in col.nodes}
    categories = {c.id: c.label for c in d.categories}
    out = []
    for col in d.columns:
        nodes = []
        for n in col.nodes:
            leads = [(labels[e.to], e.label) for e in d.edges if e.source == n.id]
            nodes.append({"node": n, "category": categories.get(n.category or ""), "leads": leads})
        out.append({"column": col, "nodes": nodes})
    return out


# --------------------------------------------------------------------------- rendering


def render_diagram(entry: LoadedDiagram, catalog: Any, *, page_uri: str) -> str:
    """Render a diagram: one HTML block (caption, inline SVG, text alternative), then its source.

    The source line is Markdown, after the block, so that MkDocs checks and rewrites its link.
    """
    from toolkit.site.templating import render_template

    d = entry.diagram
    html = render_template("files/diagram.html.j2", d=d, box=layout(d), described=describe(d))
    # A blank line could end the raw HTML block in Markdown; keep the block in one piece.
    block = "\n".join(line for line in html.splitlines() if line.strip())
    paper = catalog.papers[d.source.paper]
    where = d.source.section + (f" ({d.source.locator})" if d.source.locator else "")
    link = rel(PAPERS_URI, page_uri) + "#" + d.source.paper
    return f'{block}\n\n<p class="tk-diagram-source" markdown="1">**Source:** [{paper.short}]({link}), {where}.</p>\n'
