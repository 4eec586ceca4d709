"""The Jinja environment of toolkit/templates: its filters (author Markdown, CSS strings) and globals.

Templates write Markdown headings and links (so the engine puts them in the table of contents
and checks them) around HTML fragments for the interactive parts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from toolkit import TOOLKIT_NAME
from toolkit.content.model import AUDIENCES, KIND_GROUPS, KINDS
from toolkit.site.addresses import anchor, tool_uri
from toolkit.site.markdown import md_block, md_inline
from toolkit.site.relink import relink

#: What a rebuilt or toolkit-made tool says at its top, in a few words (model: ToolBase.provenance) ...
PROVENANCE = {
    "rebuilt": "Rebuilt from the paper's text, as parts are missing from our copy.",
    "toolkit": "Made by this toolkit from the papers' advice, not taken from a paper.",
}
#: ... and in full under "About this tool".
PROVENANCE_LONG = {
    "rebuilt": "Part of the source is missing from our copy of the paper, so this tool is rebuilt from the "
    "paper's own text.",
    "toolkit": "The papers do not give this tool in this form: the toolkit made it from their advice.",
}


def css_string(text: str) -> Markup:
    """Quote text as a CSS string that is safe inside a <style> element."""
    return Markup('"' + re.sub(r'[\\"<>&\n]', lambda m: f"\\{ord(m.group()):x} ", text) + '"')


def _markdown_filter(convert: Callable[..., Markup]) -> Callable[..., Markup]:
    """A template filter converting author Markdown (md: blocks; mdi: one line) with the page's
    glossary; in a tool, its links are made relative to the page the tool is shown on."""

    @pass_context
    def convert_text(context: Any, text: str | None) -> Markup:
        html = convert(text, context.get("abbrs", ()))
        if "tool" not in context:
            return html
        return Markup(relink(str(html), tool_uri(context["tool"].id), context["page_uri"]))

    return convert_text


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Jinja's cache of compiled templates (in a private per-user temporary folder), so that a
    new build process does not compile them again; none if that folder cannot be made safely."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Return the Jinja environment holding the tool templates."""
    env = Environment(
        loader=PackageLoader("toolkit", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        # The templates ship with the package: no need to check their files for every page.
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["md"] = _markdown_filter(md_block)
    env.filters["mdi"] = _markdown_filter(md_inline)
    env.globals.update(
        anchor=anchor,
        PROVENANCE=PROVENANCE,
        PROVENANCE_LONG=PROVENANCE_LONG,
        AUDIENCES=AUDIENCES,
        KINDS=KINDS,
        KIND_GROUPS=KIND_GROUPS,
        TOOLKIT_NAME=TOOLKIT_NAME,
    )
    env.filters["css_string"] = css_string
    return env


def render_template(name: str, **context: Any) -> str:
    """Render one template from toolkit/templates."""
    return environment().get_template(name).render(**context)
