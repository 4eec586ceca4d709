"""Finding things in the browser: site search lands on items; the tool finder filters and links.

The query table lists things users remember ("something about social media before sharing")
with the tool, and where known the item, that must come up in the first five results.
"""

from __future__ import annotations

import re

import pytest

from toolkit.content.catalog import load_catalog

from .conftest import DOCS

pytestmark = pytest.mark.browser
CATALOG = load_catalog(DOCS)


@pytest.fixture(scope="module")
def site_server(searchable_site_server):
    """These tests search: the built site with its real search index."""
    return searchable_site_server

# (query, tool id, item id or None)
QUERIES = [
    ("social media", "ips-preparing-to-share", None),
    ("gory details", "preparing-to-share", "presenting"),
    ("friendship or anything closer", "sharing-risks", "relationship"),
    ("envious", "sharing-risks", "envy"),
    ("contest harder time", "sharing-risks", "competition"),
    ("Safewards", "sharing-benefits", None),
    ("languages music sport", "sharing-benefits", "talents"),
    ("biography", "practitioner-biography", None),
    ("supervision agenda", "supervision-agenda", None),
    ("warning signs", "warning-signs-when-sharing", None),
    ("Should I share", "should-i-share-now", None),
    # paper 17
    ("employing peer support workers achieve", "organisational-preparation-questions", "purpose"),
    ("advisory group job description", "hr-occupational-health-checklist", "advisory-group-shapes-role"),
    ("quarter voluntary user-led", "collective-voice-checklist", None),
    ("whole service run by peers", "who-employs-peer-support-workers", "whole-service"),
    # paper 19
    ("rank their own goals", "ten-top-tips-self-check", "their-goals"),
    ("hidden talents", "team-recovery-implementation-plan", "hidden-talents"),
    ("calls many times a day", "recovery-little-things-discussion", "frequent-callers"),
    # paper 26
    ("designated lived experience roles", "lived-experience-markers-self-assessment", "designated-roles"),
    ("under-represented communities", "lived-experience-strategy-planner", "under-represented"),
    ("role proposal", "lived-experience-role-proposal", None),
    # career pathway
    ("mutual aid groups", "peer-career-pathway", "mutual-aid"),
    ("recovery lasted staying well", "entry-level-peer-post-requirements", "sustained"),
    ("person specification", "job-description-and-person-specification", None),
    ("training another profession", "considering-training-in-another-profession", None),
    ("Where am I in my career", "where-am-i-next", None),
    # audiences, abbreviations, other spellings
    ("HR occupational health", "hr-occupational-health-checklist", None),
    ("TRIP", "team-recovery-implementation-plan", None),
    ("PSW", None, None),
    ("organization", None, None),
    ("Team leaders", None, None),
]


def search(page, base: str, query: str) -> list[str]:
    """The result links for `query`. The box is filled at once and Material reads it on the key
    up that follows: typed key by key, the first results shown could be those of a query still
    half typed ("is it a recovery pl") on a slow machine."""
    page.goto(f"{base}/")
    page.keyboard.press("/")
    page.wait_for_selector(".md-search__input:focus")
    page.wait_for_function("() => typeof window.tkSearchQuery === 'function'")  # loaded as search opens
    page.fill(".md-search__input", query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(200)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
    return [re.sub(r"^https?://[^/]+/|\?h=[^#]*", "", h) for h in hrefs]


def top_pages(hrefs: list[str], n: int = 5) -> list[str]:
    """The first n result pages (Material groups an item's results under its page)."""
    pages: list[str] = []
    for h in hrefs:
        page = h.split("#")[0]
        if page not in pages:
            pages.append(page)
    return pages[:n]


@pytest.mark.parametrize("query, tool_id, item_id", QUERIES, ids=[q[0] for q in QUERIES])
def test_search_finds_the_tool_and_lands_on_the_item(page, site_server, query, tool_id, item_id):
    hrefs = search(page, site_server, query)
    assert hrefs, f"no results for {query!r}"
    if tool_id is None:
        return
    assert f"tools/{tool_id}/" in top_pages(hrefs), (query, top_pages(hrefs))
    if item_id is not None:
        target = f"tools/{tool_id}/#{tool_id}--{item_id}"
        assert target in hrefs, (query, hrefs)
        page.goto(f"{site_server}/{target}")
        if CATALOG.tool(tool_id).tool.kind == "flow":
            # flows open at the linked step, drawn in their step-by-step view
            text = next(q.text for q in CATALOG.tool(tool_id).tool.questions if q.id == item_id)
            page.wait_for_function("t => [...document.querySelectorAll('.tk-flow-step, [data-flow-step], h2, h3, p, legend')].some(e => e.offsetParent && e.textContent.includes(t))", arg=text[:40])
        else:
            assert page.locator(f"#{tool_id}--{item_id}").is_visible()


def test_search_results_say_the_tool_and_its_kind(page, site_server):
    search(page, site_server, "envious")
    titles = page.eval_on_selector_all(".md-search-result__article h1", "els => els.map(e => e.textContent)")
    assert "When sharing personal experience goes wrong — Checklist" in titles


def counts(page) -> dict[str, int]:
    raw = page.eval_on_selector_all(".tk-finder-count", "els => els.map(e => [e.dataset.countFor, e.textContent])")
    return {key: int(text.strip("()")) for key, text in raw}


def visible_tools(page) -> set[str]:
    return set(page.eval_on_selector_all(
        ".tk-finder-item:not([hidden]) a", "els => els.map(e => e.getAttribute('href').replace(/\\/$|\\.html$/, ''))"))


def expected(audience=None, kind=None) -> set[str]:
    return {t for t, e in CATALOG.tools.items()
            if (audience is None or audience in e.tool.audiences) and (kind is None or e.tool.kind == kind)}


def test_finder_filters_counts_and_url_state(page, site_server):
    page.goto(f"{site_server}/tools/")
    assert page.locator("form[data-finder]").is_visible()
    assert visible_tools(page) == set(CATALOG.tools)
    assert counts(page)["kind:checklist"] == len(expected(kind="checklist"))
    page.get_by_label("Team leaders and managers").check()
    assert visible_tools(page) == expected(audience="team-leader")
    assert counts(page)["kind:reflection"] == len(expected(audience="team-leader", kind="reflection"))
    page.locator("input[name=kind][value=checklist]").check()
    assert visible_tools(page) == expected(audience="team-leader", kind="checklist")
    assert "audience=team-leader" in page.url and "kind=checklist" in page.url
    status = page.locator("#tk-finder-status").inner_text()
    assert f"Showing {len(expected(audience='team-leader', kind='checklist'))} of {len(CATALOG.tools)} tools." == status
    page.reload()
    assert page.locator("input[name=kind][value=checklist]").is_checked()
    assert visible_tools(page) == expected(audience="team-leader", kind="checklist")
    page.fill("#tk-finder-q", "supervision")
    assert visible_tools(page) == {t for t in expected(audience="team-leader", kind="checklist")
                                   if "supervision" in page.locator(f".tk-finder-item:has(a[href^='{t}'])").inner_text().lower()}
    assert "q=supervision" in page.url


def test_finder_link_from_a_course_opens_filtered(page, site_server):
    page.goto(f"{site_server}/tools/?kind=flow")
    assert visible_tools(page) == expected(kind="flow")


def test_finder_without_javascript_is_a_plain_grouped_list(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_server}/tools/")
    assert not page.locator("form[data-finder]").is_visible()
    assert visible_tools(page) == set(CATALOG.tools)
    headings = page.eval_on_selector_all("article h2", "els => els.map(e => e.textContent.replace('¶', '').trim())")
    assert "Checklists" in headings and "Reflection questions" in headings
    context.close()


# --------------------------------------------------------------------------- issue 26: typed as people type

#: (query, tool that must be in the first five result pages), typed as practitioners, managers, HR
#: staff and trainers type: questions, abbreviations, partial words, British and American spellings.
TYPED = [
    ("what if sharing goes wrong", "sharing-risks"),
    ("warning signs", "warning-signs-when-sharing"),
    ("organization culture personal experience", "building-a-culture"),  # American spelling
    ("behavior", "recovery-little-things-discussion"),  # American spelling
    ("behaviour", "recovery-little-things-discussion"),
    ("supervison agenda", "supervision-agenda"),  # misspelt
    ("peer supervision", "peer-supervision-checklist"),
    ("PSWs supervision", "peer-supervision-checklist"),  # abbreviation, plural
    ("supervision for peer support workers", "peer-supervision-checklist"),
    ("job description peer support worker", "job-description-and-person-specification"),
    ("job description", "job-description-and-person-specification"),
    ("person spec", "job-description-and-person-specification"),  # cut short
    ("HR checklist", "hr-occupational-health-checklist"),
    ("occupational health", "hr-occupational-health-checklist"),
    ("recruiting people with lived experience", "recruitment-wording"),
    ("career progression peer worker", "peer-career-pathway"),
    ("how do I become a senior peer support worker", "senior-peer-support-worker-checklist"),
    ("senior peer support worker", "senior-peer-support-worker-checklist"),
    ("where next in my career", "where-am-i-next"),
    ("biography", "practitioner-biography"),
    ("team not ready for peer workers", "team-preparation-checklist"),
    ("preparing the team", "team-preparation-checklist"),
    ("business case", "recovery-business-case-worksheet"),
    ("recovery college", "recovery-college-principles"),
    ("wellbeing plan", "live-well-wellbeing-plan"),
    ("lived experience strategy", "lived-experience-strategy-planner"),
    ("board self assessment lived experience", "lived-experience-markers-self-assessment"),
    ("who should employ peer workers", "who-employs-peer-support-workers"),
    ("organization prepare to employ peer workers", "organisational-preparation-questions"),
    ("competencies", "lived-experience-practitioner-competencies"),
    ("reflective practice after sharing", "learning-after-sharing"),
    ("after sharing", "learning-after-sharing"),
    ("IPS", "ips-preparing-to-share"),
    ("restraint", "restraint-reduction-strategies"),
    ("seclusion", "restraint-reduction-strategies"),
    ("community assets", "community-asset-mapping"),
    ("asset mapping", "community-asset-mapping"),
    ("ImROC challenges", "recovery-challenges-self-assessment"),
    ("collective voice", "collective-voice-checklist"),
    ("patient activation", "patient-activation-support"),
    ("ladder of participation", "coproduction-level-check"),
    ("TRIP team recovery plan", "team-recovery-implementation-plan"),
    ("co-production principles", "imroc-coproduction-principles"),
    ("coproduction workshop", "coproduction-workshop-plan"),  # other spelling
    ("recovery culture", "recovery-culture-questions"),
    ("what experience do I bring", "personal-experience-inventory"),
    ("healthy reasons to share", "healthy-reasons-for-sharing"),
    ("is it a recovery plan", "personal-recovery-plan-check"),
    ("should I share", "should-i-share-now"),
    ("entry level peer post", "entry-level-peer-post-requirements"),
    ("triangle that moves mountains", "triangle-that-moves-mountains"),
    # misspelt (toolkit/site/search.py: MISSPELLINGS)
    ("supervison for peer workers", "peer-supervision-checklist"),
    ("comissioner business case", "recovery-business-case-worksheet"),
    ("lived experience assesment", "lived-experience-markers-self-assessment"),
    ("apprasial", "recovery-supervision-appraisal"),
    ("occupatinal health", "hr-occupational-health-checklist"),
]


def _index_docs(built_site) -> dict[str, dict]:
    import json
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return {d["location"]: d for d in docs}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def test_query_table_is_long_enough():
    queries = [q[0] for q in TYPED]
    assert len(queries) >= 40 and len(set(queries)) == len(queries)


@pytest.mark.parametrize("query, tool_id", TYPED, ids=[q[0] for q in TYPED])
def test_typed_queries_find_the_tool_and_show_only_page_text(page, site_server, built_site, query, tool_id):
    hrefs = search(page, site_server, query)
    assert f"tools/{tool_id}/" in top_pages(hrefs), (query, top_pages(hrefs))
    docs = _index_docs(built_site)
    shown = page.eval_on_selector_all(
        ".md-search-result__link", "els => els.map(e => [e.getAttribute('href'), e.querySelector('article').innerText])")
    for href, text in shown:
        location = re.sub(r"^https?://[^/]+/|\?h=[^#]*", "", href)
        doc = docs[location]
        own = _words(f"{doc['title']} {doc['text']}")
        index_only = _words(doc.get("also", "")) - own
        leaked = (_words(text) & index_only) - _words("Missing")
        assert not leaked, (query, location, leaked)
    if " " not in query:  # every result matched the one word: nothing can be missing
        assert page.locator(".md-search-result__terms").count() == 0, query


def test_query_rewrite_drops_stop_words_and_keeps_quotes_and_modifiers(page, site_server):
    """toolkit/engine/theme/main.html rewrites a query before Material's own transform: stop
    words go unless nothing else is left; a whole word weighs more than words it begins; quoted
    parts, hyphenated words and Material's modifiers pass unchanged."""
    page.goto(f"{site_server}/")
    page.keyboard.press("/")  # the rewrite loads when search is first opened
    page.wait_for_function("() => typeof window.tkSearchQuery === 'function'")

    def rewrite(q: str) -> str:
        return page.evaluate("q => window.tkSearchQuery(q)", q)

    assert rewrite("should I share?") == "share^2 share"
    assert rewrite("Is it a recovery plan") == "recovery^2 recovery plan^2 plan"
    assert rewrite("what is it") == "what is it"  # only stop words: searched as typed
    assert rewrite('"lived experience" of it') == '"lived experience"'
    assert rewrite('"what is" the biography') == '"what is" biography^2 biography'
    assert rewrite("co-production in the NHS") == "co-production NHS^2 NHS"
    assert rewrite("+peer -it title:recovery") == "+peer -it title:recovery"
    assert rewrite("  ") == "  "


@pytest.mark.parametrize("query, tool_id", [
    ("is it a biography", "practitioner-biography"),  # stop words and one word
    ('"peer supervision"', "peer-supervision-checklist"),  # quoted
    ('"lived experience" strategy', "lived-experience-strategy-planner"),  # quoted and a word
    ('"co-production" principles', "imroc-coproduction-principles"),  # quoted, hyphenated
    ("what is it", None),  # only stop words: still searched
])
def test_rewritten_queries_still_find_the_tool(page, site_server, query, tool_id):
    hrefs = search(page, site_server, query)
    assert hrefs, query
    if tool_id is not None:
        assert f"tools/{tool_id}/" in top_pages(hrefs), (query, top_pages(hrefs))


def test_search_index_is_not_requested_until_search_is_opened(page, site_server):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    for path in ("", "tools/recovery-challenges-action-plan/", "tools/job-description-and-person-specification/", "tools/"):
        page.goto(f"{site_server}/{path}")
        page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "search_index" in u]
    assert not [u for u in requested if u.endswith("/assets/toolkit/search.js")]  # nor the query rewrite
    page.keyboard.press("/")  # opening search fetches both, and search works
    page.keyboard.type("biography")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert [u for u in requested if u.endswith("search/search_index.json")]
    assert [u for u in requested if u.endswith("/assets/toolkit/search.js")]


@pytest.mark.parametrize("audience", ["peer-support-worker", "hr-occupational-health", "trainer"])
def test_finder_puts_tools_made_for_the_role_first(page, site_server, audience):
    page.goto(f"{site_server}/tools/?audience={audience}")
    page.wait_for_selector("form[data-finder]:not([hidden])")
    groups = page.eval_on_selector_all(".tk-finder-group:not([hidden])", """gs => gs.map(g =>
        [...g.querySelectorAll('.tk-finder-item:not([hidden])')].map(i => [i.dataset.for, +i.dataset.minutes]))""")
    assert any(groups)
    for items in groups:
        made = [m for f, m in items if f == audience]
        assert [f == audience for f, _ in items] == sorted((f == audience for f, _ in items), reverse=True)
        assert made == sorted(made)
    assert counts(page)[f"audience:{audience}"] == len(expected(audience=audience))


def test_finder_controls_show_a_focus_ring(page, site_server):
    page.goto(f"{site_server}/tools/")
    page.wait_for_selector("form[data-finder]:not([hidden])")
    page.focus("#tk-finder-q")
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # keyboard focus: :focus-visible
    for selector in ("#tk-finder-q", ".tk-finder-option input"):
        page.focus(selector)
        style = page.eval_on_selector(selector, "e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth")
        assert style.split()[0] != "none" and style.split()[1] != "0px", (selector, style)


def test_glossary_definition_opens_from_the_keyboard(page, site_server):
    page.goto(f"{site_server}/tools/preparing-to-share/")
    term = page.locator("abbr[tabindex]").first
    term.focus()
    page.keyboard.press("Enter")
    shown = term.evaluate("e => getComputedStyle(e, '::after').content")
    assert shown not in ("none", "normal", "") and len(shown) > 10


def test_glossary_definition_opens_by_tap(browser, site_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{site_server}/")
        term = page.locator(".md-content p abbr[tabindex]").first
        term.scroll_into_view_if_needed()
        assert term.evaluate("e => getComputedStyle(e, '::after').content") in ("none", "normal")
        term.tap()
        shown = term.evaluate("e => getComputedStyle(e, '::after').content")
        assert term.get_attribute("title")[:20] in shown  # the definition, on screen
        box = term.evaluate("e => { const r = getComputedStyle(e, '::after'); return [r.position, r.bottom]; }")
        assert box[0] == "fixed"  # along the bottom of a phone's screen, not past its edge
    finally:
        context.close()
