"""The tool finder: what each tool is filtered by (audience, kind, paper, time needed)."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.content.load import Loaded

#: Time filters: id -> (label, lowest minutes, highest minutes).
TIME_BANDS = {
    "short": ("Up to 10 minutes", 0, 10),
    "medium": ("11 to 30 minutes", 11, 30),
    "long": ("Over 30 minutes", 31, 10_000),
}


def minutes(entry: Loaded) -> int:
    """The tool's time needed: as declared, else estimated from its entries, to 5 minutes."""
    return entry.tool.time_needed()


def time_band(mins: int) -> str:
    """The time filter a number of minutes falls in."""
    for band, (_, low, high) in TIME_BANDS.items():
        if low <= mins <= high:
            return band
    return "long"


@dataclass(frozen=True)
class Facets:
    """The values a finder entry is filtered by."""

    kind: str
    audiences: tuple[str, ...]
    paper: str
    minutes: int
    time: str

    def values(self, facet: str) -> tuple[str, ...]:
        """The tool's values for one filter ('audience', 'kind', 'paper' or 'time'): several audiences."""
        return self.audiences if facet == "audience" else (getattr(self, facet),)


def facets(entry: Loaded) -> Facets:
    """Return the filter values of one tool."""
    mins = minutes(entry)
    return Facets(entry.tool.kind, tuple(entry.tool.audiences), entry.tool.source.paper, mins, time_band(mins))


def made_for(entry: Loaded, audiences: list[str] | tuple[str, ...]) -> bool:
    """Whether a tool is made for one of these roles: its first-listed audience is one of them.

    A tool lists the readers it serves, the one it was written for first; the others may use it.
    """
    return bool(entry.tool.audiences) and entry.tool.audiences[0] in audiences


def rank(entry: Loaded, audiences: list[str] | tuple[str, ...]) -> tuple[int, int]:
    """How a tool sorts for readers in these roles: made for them first, then shorter first."""
    return (0 if made_for(entry, audiences) else 1, minutes(entry))
