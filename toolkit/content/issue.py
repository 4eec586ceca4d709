"""Problems found in content, reported as `path:line: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in one content file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """Raised when content has problems; carries every issue found, sorted."""

    def __init__(self, issues: list[Issue]):
        self.issues = sorted(issues)
        super().__init__("\n".join(str(i) for i in self.issues))


def display_path(file: Path, root: Path) -> str:
    """A file as messages show it: relative to the project (`root`) when it is inside it."""
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def dotted(loc: tuple[object, ...]) -> str:
    """Name a field by its location, e.g. ``items[2].text``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"
