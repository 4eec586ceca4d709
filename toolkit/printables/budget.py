"""How many A4 pages a tool may take when printed blank: its `print_pages`, or an estimate.

The estimate adds up rough heights (in millimetres) of what print.css prints for each part,
fills pages of about 240 mm, and allows one page more. The print tests hold every tool to it,
so a sheet that grows past its budget is noticed, and an author can declare `print_pages`.
"""

from __future__ import annotations

import math

PAGE_MM = 240
LINE_MM = 5.5
CHARS_PER_LINE = 95


def _text(text: str | None, chars: int = CHARS_PER_LINE) -> float:
    return math.ceil(len(text or "") / chars) * LINE_MM if text else 0.0


def estimate_mm(tool) -> float:
    """Return the rough printed height of a tool, in millimetres."""
    mm = 40 + _text(tool.summary) + _text(tool.intro) * 1.2 + _text(tool.notice) + 30
    mm += 10 + 7 * len(tool.related) if tool.related else 0
    return mm + tool.print_body_mm(_text)  # each kind adds up its own parts


def page_budget(tool) -> int:
    """Return the most pages a tool may print on: its declared `print_pages` or the estimate."""
    if tool.print_pages is not None:
        return tool.print_pages
    return math.ceil(estimate_mm(tool) / PAGE_MM) + 1
