"""What the toolkit adds to the site's search index.

Every tool item, question, field, flow step and pathway stage becomes its own entry that
links to the item's anchor; tool pages are titled with their kind; and each entry carries
the other spellings (American forms of British words) and synonyms (from the glossary) of
the words it contains, so a search for either finds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from toolkit.content.catalog import Catalog
from toolkit.content.load import Loaded
from toolkit.content.model import AUDIENCES, KINDS
from toolkit.site.addresses import anchor
from toolkit.site.glossary import TermIndex

#: British spellings whose American forms are not made by the -ise/-ize rule below.
SPELLINGS = {
    "behaviour": "behavior",
    "behaviours": "behaviors",
    "colour": "color",
    "favour": "favor",
    "labour": "labor",
    "neighbour": "neighbor",
    "neighbourhood": "neighborhood",
    "honour": "honor",
    "centre": "center",
    "centres": "centers",
    "programme": "program",
    "programmes": "programs",
    "judgement": "judgment",
    "licence": "license",
    "counselling": "counseling",
    "travelling": "traveling",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "practise": "practice",
    "defence": "defense",
    "paediatric": "pediatric",
    "ageing": "aging",
    "focussed": "focused",
    "towards": "toward",
    "whilst": "while",
    "stigmatised": "stigmatized",
    "learnt": "learned",
}
_ISE = re.compile(r"\b([a-z]{2,}?)is(e|es|ed|ing|ation|ations|er|ers)\b", re.I)
_NOT_ISE = {
    "advise",
    "advised",
    "advising",
    "adviser",
    "advisers",
    "exercise",
    "exercises",
    "exercised",
    "comprise",
    "comprises",
    "otherwise",
    "promise",
    "promises",
    "promised",
    "raise",
    "raised",
    "raises",
    "raising",
    "rise",
    "rises",
    "arise",
    "arises",
    "arising",
    "arisen",
    "wise",
    "precise",
    "concise",
    "premise",
    "premises",
    "surprise",
    "surprised",
    "supervise",
    "supervised",
    "supervising",
    "supervises",
    "revise",
    "revised",
    "devise",
    "devised",
    "expertise",
    "enterprise",
    "enterprises",
    "franchise",
    "merchandise",
    "compromise",
    "televise",
    "improvise",
    "disguise",
    "despise",
    "noise",
    "poise",
    "praise",
    "praised",
    "cruise",
    "bruise",
    "chemise",
    "paradise",
    "crises",
    "crisis",
    "basis",
    "analysis",
    "emphasis",
    "demise",
}


#: How much more a tool page or tool item weighs in search than guidance that restates it:
#: people search the toolkit for something to use.
BOOST = 2


def american(text: str) -> set[str]:
    """Return American spellings of the British words in `text`."""
    return _american(_words(text.lower()))


def _words(lower: str) -> set[str]:
    """The words of lower-cased text (found once per entry, then looked up in each table)."""
    return set(_WORD.findall(lower))


def _american(words: set[str]) -> set[str]:
    found = {_american_word(word) for word in words}
    found.discard("")
    return found


_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=65536)
def _american_word(low: str) -> str:
    # Cached: the same few thousand words recur across every entry of the index.
    if low in SPELLINGS:
        return SPELLINGS[low]
    match = None if low in _NOT_ISE else _ISE.fullmatch(low)
    return f"{match.group(1)}iz{match.group(2)}" if match else ""


#: Common misspellings of words the toolkit uses a lot: an entry with the word also carries these
#: (in the index-only field), so "supervison" or "experiance" still finds it.
MISSPELLINGS = {
    "experience": ("experiance", "expierence", "experince"),
    "supervision": ("supervison", "supervission", "superviosion"),
    "assessment": ("assesment", "assessement"),
    "recruitment": ("recruitement", "recrutment"),
    "colleague": ("collegue", "colleage"),
    "colleagues": ("collegues", "colleages"),
    "occupational": ("occupatinal", "ocupational"),
    "development": ("developement", "devlopment"),
    "professional": ("proffesional", "profesional"),
    "boundaries": ("boundries", "boundarys"),
    "confidentiality": ("confidentality", "confidentialty"),
    "commissioner": ("comissioner", "commisioner"),
    "commissioners": ("comissioners", "commisioners"),
    "appraisal": ("apprasial", "appraisel"),
    "wellbeing": ("wellbeeing", "welbeing"),
    "recovery": ("recovary", "recoverey"),
}


def misspellings(text: str) -> set[str]:
    """Common misspellings of the words in `text` (see MISSPELLINGS)."""
    return _looked_up(_words(text.lower()), MISSPELLINGS)


def _looked_up(words: set[str], table: Mapping[str, tuple[str, ...]]) -> set[str]:
    return {other for word in words & table.keys() for other in table[word]}


#: Other forms of a word that people type for it and that search would not find by its prefix
#: (search matches "reflect..." from "reflective" only if the entry has a word so spelt): an
#: entry with the word also carries them, so "reflective practice" finds reflection questions.
FORMS = {
    "reflect": ("reflective",),
    "reflection": ("reflective",),
    "reflections": ("reflective",),
}


def other_forms(text: str) -> set[str]:
    """Other forms people type of the words in `text` (see FORMS)."""
    return _looked_up(_words(text.lower()), FORMS)


def synonyms(text: str, terms: TermIndex, lower: str | None = None) -> set[str]:
    """Return every form of each glossary term that `text` mentions in any form (`lower`:
    `text.lower()` when the caller has it)."""
    found: set[str] = set()
    for term in terms.mentioned(text, lower):
        found |= {term.term, *term.also}
        if term.stands_for:
            found.add(term.stands_for)
    return found


def extra_words(text: str, terms: TermIndex) -> str:
    """Words to add to an entry so other spellings and synonyms find it (none already there)."""
    lower = text.lower()
    seen = _words(lower)  # the text is read once for all four tables
    words = _american(seen) | synonyms(text, terms, lower) | _looked_up(seen, MISSPELLINGS) | _looked_up(seen, FORMS)
    return " ".join(sorted(w for w in words if w.lower() not in lower))


_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"(\*\*|__|(?<!\w)[*_]|[*_](?!\w)|`)")


def _unmark(text: str) -> str:
    """Markdown as it reads: link text without its target, no emphasis marks."""
    return " ".join(_MD_MARK.sub("", _MD_LINK.sub(r"\1", text)).split())


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def tool_title(entry: Loaded) -> str:
    """The title search shows for a tool: its name and kind, e.g. 'Before you share — Checklist'."""
    return f"{entry.tool.title} — {KINDS[entry.tool.kind]}"


def item_docs(catalog: Catalog, url_of: Callable[[str], str]) -> list[dict[str, Any]]:
    """Return one search entry per tool item, titled with what it says, linking to its anchor.

    Material shows these under their tool's page result, which carries the tool's title and kind.
    """
    docs = []
    for tool_id in sorted(catalog.tools):
        entry = catalog.tool(tool_id)
        for item_id, title, text in entry.tool.search_entries():
            docs.append(
                {
                    "location": f"{url_of(tool_id)}#{anchor(tool_id, item_id)}",
                    "title": _short(_unmark(title)),
                    "text": _unmark(text),
                    "boost": BOOST,
                }
            )
    return docs


#: The index-only field: other spellings, synonyms and a tool's kind, readers and paper. Search
#: finds pages by it (it is one of the index's fields), but Material shows only a result's title
#: and text, so none of these words appears in a result unless the page itself has it.
ALSO = "also"
_TAG = re.compile(r"<[^>]+>")


#: Pages that list tools found elsewhere in the index (the All tools page, the roles' pages):
#: their sections keep only their first words, enough for a snippet.
LISTING = 200


def _is_listing(location: str) -> bool:
    return "#" in location and location.startswith(("tools/", "audiences/"))


def plain(html: str) -> str:
    """An entry's text without markup: what a result's snippet shows, in fewer bytes."""
    return " ".join(_TAG.sub(" ", html).split())


def augment(index: dict[str, Any], catalog: Catalog, url_of: Callable[[str], str]) -> dict[str, Any]:
    """Add item entries, kind-bearing titles and alternative words to a Material search index.

    Alternative words go in the index-only field ALSO, never into what a result shows. A tool
    page's sections keep only their own introduction: their items have entries of their own.
    """
    pages = {url_of(tool_id): catalog.tool(tool_id) for tool_id in catalog.tools}
    docs = [dict(doc) for doc in index.get("docs", [])]
    sections: dict[str, str] = {}  # location of a tool's section -> its introduction
    for tool_id in catalog.tools:
        for section in getattr(catalog.tool(tool_id).tool, "sections", None) or []:
            sections[f"{url_of(tool_id)}#{anchor(tool_id, section.id)}"] = section.intro or ""
    for doc in docs:
        location = doc.get("location", "")
        if location in pages:
            entry = pages[location]
            doc["title"] = tool_title(entry)
            doc["boost"] = 2 * BOOST  # the tool itself first, then its items
            meta = " ".join(
                [
                    KINDS[entry.tool.kind],
                    *(AUDIENCES[a] for a in entry.tool.audiences),
                    catalog.papers[entry.tool.source.paper].short,
                ]
            )
            doc[ALSO] = meta
        elif location in sections:
            doc["text"] = sections[location]
        elif location.partition("#")[0] in pages:
            tool = pages[location.partition("#")[0]].tool
            if location.endswith(f"#{tool.id}"):  # the tool's opening: what it is, not its items again
                doc["text"] = _unmark(f"{tool.summary} {getattr(tool, 'intro', None) or ''}")
            else:
                doc["text"] = _short(plain(doc.get("text", "")), LISTING)
        elif _is_listing(location):
            doc["text"] = _short(plain(doc.get("text", "")), LISTING)
        doc["text"] = plain(doc.get("text", ""))
    docs += item_docs(catalog, url_of)
    terms = TermIndex(catalog.glossary)  # once per index: thousands of entries look terms up
    for doc in docs:
        seen = f"{doc.get('title', '')} {doc.get('text', '')} {doc.get(ALSO, '')}"
        extra = extra_words(seen, terms)
        if extra:
            doc[ALSO] = f"{doc.get(ALSO, '')} {extra}".strip()
    config = dict(index.get("config", {}))
    config["fields"] = {
        **config.get("fields", {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}),
        ALSO: {"boost": 1.0},
    }
    return dict(index, config=config, docs=docs)
