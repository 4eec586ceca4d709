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
    kind = tool.kind
    if kind in ("checklist", "reflection", "template"):
        for section in tool.all_sections():
            mm += (12 if tool.sections is not None else 0) + _text(section.intro)
            for e in section.items:
                if kind == "checklist":
                    mm += 3 + _text(e.text, 85) + _text(e.hint, 100) + (5 if tool.statuses else 0)
                elif kind == "reflection":
                    mm += 6 + _text(e.text) + _text(e.hint, 100)
                    mm += sum(8 + 22 for _ in e.parts) if e.parts else 30
                else:
                    mm += 8 + _text(e.guidance, 100) + _text(e.example, 100) + (8 if e.input == "line" else 30)
    elif kind == "flow":
        mm += 10 + sum(10 + _text(q.text) + _text(q.hint) + 7 * len(q.answers) for q in tool.questions)
        mm += 12 + sum(16 + _text(o.text) + 7 * len(o.next_steps) for o in tool.outcomes)
    elif kind == "pathway":
        for s in tool.stages:
            entries = [*s.requirements, *s.skills, *s.learning, *(r.label for r in s.routes)]
            mm += 22 + _text(s.summary) + sum(2 + _text(e) for e in entries)
    return mm


def page_budget(tool) -> int:
    """Return the most pages a tool may print on: its declared `print_pages` or the estimate."""
    if tool.print_pages is not None:
        return tool.print_pages
    return math.ceil(estimate_mm(tool) / PAGE_MM) + 1
