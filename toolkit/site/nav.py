"""The site's menu: what readers need first, then what organisations need.

Top level, in order: Tools (with Team view), Start by role, Learning paths (with Scenario cards),
Guides, Print packs, Glossary, then "For organisations" (Authoring and adapting, Using the toolkit
offline, Source papers, Stable links, Accessibility statement). Guide areas, roles, paths and packs
are found from the pages themselves, so a new guide or path joins the menu without editing
mkdocs.yml. A page the rules do not place (a local overlay's pages, say) goes at the end, under its
folder. mkdocs.yml's own `nav:`, if set, wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from toolkit.site import addresses as a

#: Pages under "For organisations", in order: (title, page).
FOR_ORGANISATIONS = [
    ("Authoring and adapting", a.AUTHORING_URI),
    ("Using the toolkit offline", a.OFFLINE_URI),
    ("Source papers", a.PAPERS_URI),
    ("Stable links", a.LINKS_URI),
    ("Accessibility statement", a.ACCESSIBILITY_URI),
]
#: Sections made from a folder (index first, then the rest in file order): (title, folder).
_FOLDERS = {a.AUDIENCES_DIR: "Start by role", a.PATHS_DIR: "Learning paths", a.PACKS_DIR: "Print packs"}


def _folder(uris: list[str], folder: str, first: Iterable[str] = ()) -> list[Any]:
    inside = [u for u in uris if u.startswith(folder + "/") and u.count("/") == folder.count("/") + 1]
    index = [u for u in inside if u.endswith("/index.md")]
    lead = [u for u in first if u in inside and u not in index]
    return index + lead + sorted(u for u in inside if u not in index and u not in lead)


def site_nav(doc_uris: Iterable[str], titles: Mapping[str, str], *, role_order: Iterable[str] = ()) -> list[Any]:
    """The menu as MkDocs' `nav` setting, from the site's page paths (tool pages left out).

    `titles` names each guide area by its index page's title; `role_order` lists the roles'
    pages in the order the toolkit names the roles.
    """
    uris = [u for u in doc_uris if u != a.HOME_URI]
    placed: set[str] = set()
    nav: list[Any] = []

    def take(items: list[Any]) -> list[Any]:
        for item in items:
            if isinstance(item, str):
                placed.add(item)
            else:
                for value in item.values():
                    take(value if isinstance(value, list) else [value])
        return items

    tools, team = a.TOOLS_INDEX_URI, a.TEAM_INDEX_URI
    if tools in uris:  # team view combines people's answers to one tool: it sits with the tools
        nav += take([{"Tools": [tools, {"Team view": team}] if team in uris else tools}])
    roles = _folder(uris, a.AUDIENCES_DIR, [a.audience_uri(r) for r in role_order])
    if roles:
        nav += take([{"Start by role": roles}])
    learning = _folder(uris, a.PATHS_DIR)
    if a.SCENARIOS_INDEX_URI in uris:  # the cards session plans use
        learning = [*learning, {"Scenario cards": a.SCENARIOS_INDEX_URI}]
    if learning:
        nav += take([{"Learning paths": learning}])
    areas = sorted({u.split("/")[1] for u in uris if u.startswith("guides/") and u.count("/") >= 2})
    guides = [_folder(uris, f"guides/{a}") for a in areas]
    if any(guides):
        nav += take([{"Guides": [{_area_title(g[0], titles): g} if len(g) > 1 else g[0] for g in guides if g]}])
    print_packs = _folder(uris, a.PACKS_DIR, [a.pack_uri("everything")])
    if print_packs:
        nav += take([{"Print packs": print_packs}])
    if a.GLOSSARY_URI in uris:
        nav += take([{"Glossary": a.GLOSSARY_URI}])
    organisations = [{title: uri} for title, uri in FOR_ORGANISATIONS if uri in uris]
    if organisations:
        nav += take([{"For organisations": organisations}])
    rest = [u for u in uris if u not in placed and not u.startswith(a.TOOLS_DIR + "/")]
    nav += rest
    return nav


def titled_pages(nav: list[Any]) -> dict[str, str]:
    """The pages the menu names itself, page -> title ({title: page} entries): an engine titles a
    page by its menu entry, so the finishing step must too."""
    out: dict[str, str] = {}
    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    out[value] = title
                elif isinstance(value, list):
                    out |= titled_pages(value)
    return out


def _area_title(uri: str, titles: Mapping[str, str]) -> str:
    return titles.get(uri) or uri.split("/")[-2].replace("-", " ").capitalize()
