"""Every address rule of the site, in one place.

Three kinds of address, each with its own rules here and nowhere else:

- a page's **source path** (``src_uri``, relative to docs/): ``tools/<id>.md``, ``team/<id>.md``,
  ``paths/<id>-plan.md`` ...; generated pages are written there and engines read them from there;
- a page's **web address**: :func:`url_path` (rooted at '/', as links.json and docs/links.lock
  hold it), :func:`page_url` (absolute when the site's address is known, as printed on paper),
  :func:`output_path` (the built file a URL is served from) and the links between them
  (:func:`rel` between source paths, :func:`relative_url` between web addresses);
- the **id of a part of a tool** on its page: :func:`anchor` (``tool--item`` or
  ``tool--item-part``).

Downloads and the print footers' stylesheets are site files with their own folders here too.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

# ----------------------------------------------------------------- pages (src_uri)

HOME_URI = "index.md"
TOOLS_DIR = "tools"
TOOLS_INDEX_URI = f"{TOOLS_DIR}/index.md"
PAPERS_URI = "papers.md"
GLOSSARY_URI = "glossary.md"
#: The stable links page; its directory is filled in once every page is rendered.
LINKS_URI = "links.md"
#: The accessibility statement (pages/accessibility.md.j2), completed through local/local.yml.
ACCESSIBILITY_URI = "accessibility.md"
AUTHORING_URI = "authoring.md"
OFFLINE_URI = "offline.md"
PATHS_DIR = "paths"
PATHS_INDEX_URI = f"{PATHS_DIR}/index.md"
AUDIENCES_DIR = "audiences"
AUDIENCES_INDEX_URI = f"{AUDIENCES_DIR}/index.md"
SCENARIOS_DIR = "scenarios"
SCENARIOS_INDEX_URI = f"{SCENARIOS_DIR}/index.md"
TEAM_DIR = "team"
TEAM_INDEX_URI = f"{TEAM_DIR}/index.md"
PACKS_DIR = "packs"
PACKS_INDEX_URI = f"{PACKS_DIR}/index.md"
#: The local overlay's pages (local/pages/ in a project) and their index.
LOCAL_DIR = "local"
LOCAL_INDEX_URI = f"{LOCAL_DIR}/index.md"

# ----------------------------------------------------------------- other site files

DOWNLOADS_DIR = "downloads"
FOOTER_DIR = "assets/toolkit/footer/"
TOOLS_JSON = "tools.json"
LINKS_JSON = "links.json"
#: The local overlay's files (its logo, its colours).
LOCAL_ASSETS_DIR = "assets/local"
LOCAL_CSS = f"{LOCAL_ASSETS_DIR}/local.css"


def tool_uri(tool_id: str) -> str:
    """The page a tool is published on."""
    return f"{TOOLS_DIR}/{tool_id}.md"


def tool_of(src_uri: str) -> str | None:
    """The tool whose own page `src_uri` is, else None (the tools index is no tool's page)."""
    prefix = TOOLS_DIR + "/"
    if src_uri.startswith(prefix) and src_uri.endswith(".md") and "/" not in src_uri[len(prefix) :]:
        stem = src_uri[len(prefix) : -3]
        return stem if stem != "index" else None
    return None


def team_uri(tool_id: str) -> str:
    """The team view page of one tool."""
    return f"{TEAM_DIR}/{tool_id}.md"


def is_team_page(src_uri: str) -> bool:
    """Whether a page is one tool's team view (kept out of the navigation, like tool pages)."""
    return src_uri.startswith(TEAM_DIR + "/") and src_uri != TEAM_INDEX_URI


def path_uri(path_id: str) -> str:
    """The page a learning path is published on."""
    return f"{PATHS_DIR}/{path_id}.md"


def audience_uri(audience: str) -> str:
    """The landing page of an audience."""
    return f"{AUDIENCES_DIR}/{audience}.md"


def plan_uri(path_id: str) -> str:
    """The facilitator plan of a session path."""
    return f"{PATHS_DIR}/{path_id}-plan.md"


def handout_uri(path_id: str) -> str:
    """The participant handout of a session path."""
    return f"{PATHS_DIR}/{path_id}-handout.md"


def cards_uri(path_id: str) -> str:
    """The print sheet of a session's scenario cards."""
    return f"{PATHS_DIR}/{path_id}-cards.md"


def session_uris(path_id: str) -> set[str]:
    """Every page a session path adds."""
    return {plan_uri(path_id), handout_uri(path_id), cards_uri(path_id)}


def scenario_uri(card_id: str) -> str:
    """The page a scenario card is published on."""
    return f"{SCENARIOS_DIR}/{card_id}.md"


def sheet_uri(name: str) -> str:
    """The page of a print sheet of scenario cards ('print-two' or 'print-four')."""
    return f"{SCENARIOS_DIR}/{name}.md"


def pack_uri(pack_id: str) -> str:
    """The page a print pack is published on."""
    return f"{PACKS_DIR}/{pack_id}.md"


def download_uri(name: str, ext: str) -> str:
    """The site path of a download, e.g. ``downloads/preparing-to-share.pdf``."""
    return f"{DOWNLOADS_DIR}/{name}.{ext}"


def footer_uri(page_uri: str) -> str:
    """Where the print footer stylesheet of a page is published."""
    stem = page_uri.removesuffix(".md")
    return FOOTER_DIR + stem.replace("/", "--") + ".css"


def anchor(tool_id: str, *parts: str) -> str:
    """The stable HTML id of a tool part: ``tool--item`` or ``tool--item-part``."""
    return tool_id + "--" + "-".join(parts) if parts else tool_id


# ----------------------------------------------------------------- web addresses


def url_path(src_uri: str, use_directory_urls: bool = True) -> str:
    """A page's web address rooted at '/', e.g. '/tools/x/' (or '/tools/x.html' without
    directory URLs); a folder's index (or README) is the folder, '/' for the home page."""
    stem = src_uri.removesuffix(".md")
    name = posixpath.basename(stem)
    if name in ("index", "README"):
        folder = posixpath.dirname(stem)
        return "/" + (folder + "/" if folder else "")
    return "/" + (stem + "/" if use_directory_urls else stem + ".html")


def page_url(src_uri: str, site_url: str = "") -> str:
    """A page's web address as printed: absolute when the site's address is known, else relative
    to the site's root ('tools/x/', './' for the home page)."""
    path = url_path(src_uri).lstrip("/")
    return (site_url.rstrip("/") + "/" + path) if site_url else (path or "./")


def output_path(url: str) -> str:
    """The file a web address (rooted at '/') is served from, relative to the site folder."""
    path = url.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def offline_page(src_uri: str) -> str:
    """The file a build without directory URLs writes a page to: a.md -> a.html,
    a/index.md -> a/index.html."""
    return src_uri.removesuffix(".md") + ".html"


@lru_cache(maxsize=65536)
def rel(target: str, page_uri: str) -> str:
    """A relative Markdown link from one page (src_uri) to another."""
    # Cached: posixpath.relpath looks up the working directory on every call, and tool pages
    # ask for the same few links thousands of times.
    return posixpath.relpath(target, posixpath.dirname(page_uri) or ".")


def relative_url(url: str, from_url: str) -> str:
    """A link from one web address to another that works wherever the site is hosted."""
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    out = posixpath.relpath(url, base)
    return out + "/" if url.endswith("/") and not out.endswith("/") else out
