"""Downloads made at build time: every tool's PDF and Word file holds every item and the citation;
the cache reuses files; print packs hold their tools in order."""

from __future__ import annotations

import fcntl
import io
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.content.catalog import Catalog, load_catalog
from toolkit.content.issue import ContentError
from toolkit.content.load import TOOL_ADAPTER, LineMap, Loaded
from toolkit.content.model import AUDIENCES, KINDS, Paper
from toolkit.printables import downloads
from toolkit.printables.budget import page_budget
from toolkit.printables.docx import plain, tool_docx
from toolkit.printables.pdf import tool_pdf
from toolkit.site.packs import packs
from toolkit.site.templating import PROVENANCE
from toolkit.site.tools import citation, render_tool

from .conftest import DOCS, ROOT, build_site

CATALOG = load_catalog(DOCS)
TOOL_IDS = sorted(CATALOG.tools)
#: The downloads `make site` offers (mkdocs.yml has no site_url), in the cache it uses.
PLAN = {d.uri: d for d in downloads.plan(CATALOG)}
CACHE = downloads.Cache(ROOT / ".cache" / "downloads")
SAMPLES = Path(__file__).parent / "fixtures" / "docs"


def made(uri: str) -> bytes:
    """The download at `uri` (e.g. downloads/<tool>.pdf), made as `make site` makes it.

    The session's site build makes none (too slow to make all in one process), so each test makes
    its own; a lock per file lets parallel workers (pytest -n) share .cache/downloads, and a file
    made for this exact content and code is reused, as an ordinary `make site` would.
    """
    d = PLAN[uri]
    CACHE.folder.mkdir(parents=True, exist_ok=True)
    with open(CACHE.folder / f".{d.uri.rpartition('/')[2]}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = CACHE.get(d)
        if data is None:
            data = d.make()
            CACHE.put(d, data)
    return data


def norm(text: str) -> str:
    """Compare text as read: ligatures undone, quotes straight, whitespace and line breaks at hyphens joined."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate({0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"', 0xAD: None})
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(?<=\w)- (?=\w)", "-", text)  # a line broken after a hyphen ("one-to- one")


def item_texts(tool) -> list[str]:
    """Every piece of text a printed tool must show: items, parts, fields, questions, outcomes, stages."""
    if tool.kind in ("checklist", "reflection"):
        out = [plain(e.text) for e in tool.entries()]
        out += [plain(p.text) for e in tool.entries() for p in getattr(e, "parts", [])]
        return out
    if tool.kind == "template":
        return [plain(f.label) for f in tool.entries()]
    if tool.kind == "flow":
        return [plain(q.text) for q in tool.questions] + [o.title for o in tool.outcomes] + [
            a.label for q in tool.questions for a in q.answers
        ]
    return [s.title for s in tool.stages] + [plain(x) for s in tool.stages for x in s.requirements]


def pdf_pages(data: bytes) -> tuple[list[str], object]:
    """Return the text of each page and a pypdf reader for the document's structure (tags, title).

    Text comes from PDFium (pypdfium2), which reads a page about twenty times faster than pypdf's
    pure-Python extraction; it marks a hyphen at a line end as U+0002, read here as a hyphen.
    """
    import pypdf
    import pypdfium2

    doc = pypdfium2.PdfDocument(data)
    try:
        pages = [norm(page.get_textpage().get_text_bounded().replace("\x02", "-")) for page in doc]
    finally:
        doc.close()
    return pages, pypdf.PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> tuple[str, int, object]:
    pages, reader = pdf_pages(data)
    return " ".join(pages), len(pages), reader


def docx_text(data: bytes) -> tuple[str, object]:
    import docx

    doc = docx.Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return norm(" ".join(parts)), doc


def sample_project(root: Path) -> Path:
    """A small project to build: mkdocs.yml, the hooks and one sample tool of each kind (tests/fixtures/docs)."""
    import shutil

    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(SAMPLES, root / "docs")
    (root / "docs" / "index.md").write_text("# Samples\n")
    return root


# --------------------------------------------------------------------------- every real tool


@pytest.mark.parametrize("tool_id", TOOL_IDS)
def test_tool_pdf_has_every_item_and_the_citation(tool_id: str):
    tool = CATALOG.tool(tool_id).tool
    text, pages, reader = pdf_text(made(f"downloads/{tool_id}.pdf"))
    for item in item_texts(tool):
        assert norm(item) in text, f"{tool_id}: {item!r} missing from the PDF"
    assert norm(citation(CATALOG.papers[tool.source.paper])) in text
    assert f"version {tool.version}" in text
    assert pages <= page_budget(tool), f"{tool_id}: {pages} pages, budget {page_budget(tool)}"
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"], "PDF is not tagged"
    assert str(root["/Lang"]).lower().startswith("en")
    assert reader.metadata.title == tool.title
    assert "Download PDF" not in text and "Print with my answers" not in text


@pytest.mark.parametrize("tool_id", TOOL_IDS)
def test_tool_docx_has_every_item_and_the_citation(tool_id: str):
    tool = CATALOG.tool(tool_id).tool
    text, doc = docx_text(made(f"downloads/{tool_id}.docx"))
    for item in item_texts(tool):
        assert norm(item) in text, f"{tool_id}: {item!r} missing from the Word file"
    assert norm(citation(CATALOG.papers[tool.source.paper])) in text
    # A template becomes the document it describes (a job description, a record): its own title.
    heading = getattr(tool, "document_title", None) or tool.title
    assert doc.paragraphs[0].style.name == "Title" and doc.paragraphs[0].text == heading
    assert doc.core_properties.title == heading
    styles = {p.style.name for p in doc.paragraphs}
    assert "Heading 1" in styles, "the Source heading is a real Word heading"
    footer = " ".join(p.text for p in doc.sections[0].footer.paragraphs)
    assert tool.title in footer and f"version {tool.version}" in footer


@pytest.mark.parametrize("tool_id", TOOL_IDS)
def test_tool_page_links_print_views(built_site: Path, tool_id: str):
    page = built_site / "tools" / tool_id / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    actions = soup.select(".tk-print-actions")
    assert len(actions) == 1, "one set of print actions per tool page"
    hrefs = {a.get_text(strip=True): a["href"] for a in actions[0].select("a")}
    if CATALOG.tool(tool_id).tool.kind == "pathway":  # nothing to fill in: one print, no answers
        assert hrefs["Print"] == "?print=blank" and "Print with my answers" not in hrefs
    else:
        assert hrefs["Print blank"] == "?print=blank"
        assert hrefs["Print with my answers"] == "?print=answers"
    # The session build makes no downloads, so the page links none (never a missing file).
    assert "Download PDF" not in hrefs and "Download Word file" not in hrefs
    about = soup.select_one(".tk-print-about").get_text(" ", strip=True)
    assert norm(citation(CATALOG.papers[CATALOG.tool(tool_id).tool.source.paper])) in norm(about)
    # The running footer (title, source, version, address) is a print-only stylesheet of its own:
    # no <style> in the page (invalid in the article; the strict CSP would need a hash each).
    assert soup.select_one("article style") is None
    footer = soup.select("article link[rel=stylesheet][media=print]")
    assert len(footer) == 1
    css = (page.parent / footer[0]["href"]).resolve().read_text(encoding="utf-8")
    tool = CATALOG.tool(tool_id).tool
    assert "@page" in css and "@bottom-left" in css
    assert f"version {tool.version}" in css and f"tools/{tool_id}/" in css


def test_built_downloads_are_linked_from_each_tool_page(tmp_path: Path, monkeypatch):
    """A build that makes downloads (as `make site` does) links each tool's PDF and Word file."""
    sample_project(tmp_path)
    monkeypatch.setenv("TOOLKIT_DOWNLOADS", "1")
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(CACHE.folder))
    site = tmp_path / "site"
    build_site(tmp_path / "mkdocs.yml", site)
    samples = load_catalog(SAMPLES)
    assert samples.tools
    for tool_id in samples.tools:
        page = site / "tools" / tool_id / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        hrefs = {a.get_text(strip=True): a["href"] for a in soup.select_one(".tk-print-actions").select("a")}
        for label, ext in (("Download PDF", "pdf"), ("Download Word file", "docx")):
            target = (page.parent / hrefs[label]).resolve()
            assert target == (site / "downloads" / f"{tool_id}.{ext}").resolve() and target.stat().st_size > 1000


# --------------------------------------------------------------------------- every kind


def synthetic_catalog() -> Catalog:
    """One tool of each kind, to check the generators on kinds the content may not have yet."""
    paper = Paper(id="test-paper", short="Test Paper 1", title="A Paper for Tests",
                  authors=["A. Author", "B. Author"], year="2020", publisher="Test Press", place="Leeds")
    base = {"audiences": ["trainer"], "source": {"paper": "test-paper", "section": "Part 2", "locator": "Box 1"},
            "version": 3, "summary": "What the tool is for."}
    raw = [
        {"id": "kit-checklist", "kind": "checklist", "title": "A sectioned checklist", "statuses": True,
         "sections": [{"id": "one", "title": "First things", "intro": "Read *this* first.",
                       "items": [{"id": "a", "text": "Check the **first** thing", "hint": "A hint"},
                                 {"id": "b", "text": "Check the second thing"}]}]},
        {"id": "kit-template", "kind": "template", "title": "Job description template",
         "document_title": "Job description: peer support worker",
         "items": [{"id": "purpose", "label": "Purpose of the role", "guidance": "Say why the role exists.",
                    "example": "To offer hope."},
                   {"id": "grade", "label": "Pay band", "input": "line"}]},
        {"id": "kit-flow", "kind": "flow", "title": "Should I share?", "start": "q1",
         "questions": [{"id": "q1", "text": "Is it for their benefit?",
                        "answers": [{"id": "yes", "label": "Yes", "next": "q2"},
                                    {"id": "no", "label": "No", "next": "wait"}]},
                       {"id": "q2", "text": "Have you planned what to say?",
                        "answers": [{"id": "yes", "label": "Yes", "next": "go"},
                                    {"id": "no", "label": "No", "next": "wait"}]}],
         "outcomes": [{"id": "go", "title": "Go ahead", "text": "Share briefly.", "next_steps": ["Reflect after."]},
                      {"id": "wait", "title": "Hold back", "text": "Talk to your supervisor first."}]},
        {"id": "kit-pathway", "kind": "pathway", "title": "Career steps",
         "stages": [{"id": "entry", "title": "Peer support worker", "summary": "Where most start.",
                     "requirements": ["Lived experience"], "routes": [{"to": "senior", "label": "After two years"}]},
                    {"id": "senior", "title": "Senior peer support worker", "summary": "Leads others.",
                     "requirements": ["Supervision skills"]}]},
    ]
    tools = {r["id"]: Loaded(TOOL_ADAPTER.validate_python({**base, **r}), f"{r['id']}.yml",
                             f"tools/{r['id']}.yml", LineMap()) for r in raw}
    return Catalog(papers={paper.id: paper}, tools=tools)


KIT = synthetic_catalog()


@pytest.fixture(scope="module")
def kit_files() -> dict[str, tuple[bytes, bytes]]:
    """PDF and Word bytes for each synthetic tool, made once for the module."""
    return {t: (tool_pdf(KIT.tool(t), KIT, site_url="https://example.org/kit/"), tool_docx(KIT.tool(t), KIT))
            for t in KIT.tools}


@pytest.mark.parametrize("tool_id", sorted(KIT.tools))
def test_every_kind_prints_every_item(kit_files, tool_id: str):
    tool = KIT.tool(tool_id).tool
    pdf, word = kit_files[tool_id]
    ptext, pages, _ = pdf_text(pdf)
    wtext, _ = docx_text(word)
    for item in item_texts(tool):
        assert norm(item) in ptext, f"PDF lacks {item!r}"
        assert norm(item) in wtext, f"Word lacks {item!r}"
    cited = norm(citation(KIT.papers["test-paper"]))
    assert cited in ptext and cited in wtext
    assert "https://example.org/kit/tools/" + tool_id + "/" in ptext
    assert pages <= page_budget(tool)


@pytest.mark.parametrize("tool_id", ["senior-peer-support-worker-checklist", "practitioner-biography"])
def test_word_file_uses_the_pages_wording_for_what_the_tool_is(tool_id: str):
    """The Word download says what the page says: "About this tool" at the end with the audiences
    in sentence case ("for practitioners, peer support workers"), the source notes under "Source
    notes", and a rebuilt tool says so near the top; no "Please note", no capitalised audiences."""
    import docx

    entry = CATALOG.tool(tool_id)
    tool = entry.tool
    page = render_tool(entry, CATALOG, page_uri=f"tools/{tool_id}.md")
    about = re.search(rf"^\*\*{KINDS[tool.kind]}\*\* for (.+)$", page, re.M)
    assert about, "the page names the tool's kind and audiences"
    doc = docx.Document(io.BytesIO(tool_docx(entry, CATALOG)))
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    texts = [t for _, t in paras]
    assert ("Heading 1", "About this tool") in paras and "## About this tool" in page
    assert f"{KINDS[tool.kind]} for {about[1]}" in texts
    assert all("Please note" not in t for t in texts)
    assert [t for t in texts if t.startswith(f"{KINDS[tool.kind]} for ")] == [f"{KINDS[tool.kind]} for {about[1]}"]
    assert about[1].startswith(AUDIENCES[tool.audiences[0]].lower())
    # What an editor needs sits under "About this tool", after the tool, as on the page.
    after = texts[texts.index("About this tool"):]
    assert any(t.startswith("Source:") for t in after)
    if tool.notice:
        assert "Source notes" in after and "Source notes" in page
        assert norm(plain(tool.notice.split("\n\n")[0])) in norm(" ".join(after))
    if tool.provenance != "paper":
        assert any(t.startswith(PROVENANCE[tool.provenance]) for t in texts[: texts.index("About this tool")])


def test_template_is_an_editable_word_document_with_guidance(kit_files):
    import docx

    doc = docx.Document(io.BytesIO(kit_files["kit-template"][1]))
    assert doc.paragraphs[0].text == "Job description: peer support worker"
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Purpose of the role" in headings and "Pay band" in headings
    placeholders = [p.text for p in doc.paragraphs if p.text.startswith("[")]
    assert "[Say why the role exists.]" in placeholders
    comments = [c.text for c in doc.comments]
    assert any("Say why the role exists." in c and "Example: To offer hope." in c for c in comments)


def test_word_subject_is_the_summary_cut_to_words_limit():
    """Word's core properties hold at most 255 characters; a long summary must not break the file."""
    import docx

    entry = KIT.tool("kit-template")
    long_summary = "A summary that goes on for much longer than Word allows in a property. " * 6
    assert len(long_summary) > 255
    tool = entry.tool.model_copy(update={"summary": long_summary})
    catalog = Catalog(papers=KIT.papers, tools={tool.id: Loaded(tool, entry.path, entry.src_uri, entry.lines)})
    doc = docx.Document(io.BytesIO(tool_docx(catalog.tool(tool.id), catalog)))
    assert doc.core_properties.subject == long_summary[:255]


def test_checklist_word_file_is_a_table_with_statuses(kit_files):
    import docx

    doc = docx.Document(io.BytesIO(kit_files["kit-checklist"][1]))
    table = doc.tables[0]
    assert table.rows[0].cells[1].text.startswith("Status")
    assert table.rows[1].cells[0].text.splitlines() == ["Check the first thing", "A hint"]
    assert any(p.style.name == "Heading 1" and p.text == "First things" for p in doc.paragraphs)


def test_flow_prints_the_whole_tree(kit_files):
    text, _, _ = pdf_text(kit_files["kit-flow"][0])
    assert "If Yes, go to question 2." in text
    assert "If No, the outcome is Hold back." in text
    assert text.index("Have you planned what to say?") < text.index("Go ahead")


# --------------------------------------------------------------------------- cache


def test_cache_reuses_files_and_replaces_stale_ones(tmp_path: Path):
    made: list[str] = []

    def item(key: str, body: bytes) -> downloads.Download:
        def make() -> bytes:
            made.append(key)
            return body
        return downloads.Download("tool:x", "downloads/x.pdf", "Download PDF", key * 20, make)

    cache = downloads.Cache(tmp_path)
    first = downloads.build([item("a", b"one")], cache)
    again = downloads.build([item("a", b"one")], cache)
    assert first.files == again.files == {"downloads/x.pdf": b"one"}
    assert made == ["a"] and (first.made, again.cached) == (1, 1)
    changed = downloads.build([item("b", b"two")], cache)
    assert changed.files["downloads/x.pdf"] == b"two" and made == ["a", "b"]
    assert [p.name for p in tmp_path.iterdir()] == ["x-" + "b" * 20 + ".pdf"]
    skipped = downloads.build([item("c", b"three")], cache, make=False)
    assert skipped.files == {} and skipped.skipped == 1 and made == ["a", "b"]


def test_download_key_follows_content_not_build():
    first = {d.uri: d.key for d in downloads.plan(CATALOG)}
    assert first == {d.uri: d.key for d in downloads.plan(load_catalog(DOCS))}
    assert first != {d.uri: d.key for d in downloads.plan(CATALOG, site_url="https://example.org/")}


def test_serve_mode_skips_downloads_and_says_so(tmp_path: Path, monkeypatch, caplog):
    project = sample_project(tmp_path)
    monkeypatch.setenv("TOOLKIT_DOWNLOADS", "0")
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "empty-cache"))
    site = tmp_path / "out"
    with caplog.at_level("INFO", logger="mkdocs.plugins.toolkit"):
        build_site(project / "mkdocs.yml", site)
    assert not (site / "downloads").exists()
    assert any("TOOLKIT_DOWNLOADS=0" in r.getMessage() for r in caplog.records)
    soup = BeautifulSoup((site / "tools" / "sample-checklist" / "index.html").read_text(), "html.parser")
    labels = [a.get_text(strip=True) for a in soup.select(".tk-print-actions a")]
    assert "Print blank" in labels and "Download PDF" not in labels


def test_print_pages_must_be_positive(project: Path):
    rel = next(r for r in (CATALOG.tool(t).src_uri for t in TOOL_IDS) if (project / "docs" / r).is_file())
    path = project / "docs" / rel  # tools/<area>/<id>.yml, a tool the small project has
    path.write_text(path.read_text() + "print_pages: 0\n")
    with pytest.raises(ContentError) as exc:
        load_catalog(project / "docs", root=project)
    assert re.search(rf"docs/{re.escape(rel)}:\d+: .*print_pages", str(exc.value))


# --------------------------------------------------------------------------- packs


def test_each_role_pack_holds_its_start_tools_first_and_at_most_ten():
    by_id = {p.id: p for p in packs(CATALOG)}
    assert set(by_id["everything"].tools) == set(CATALOG.tools)
    for audience in AUDIENCES:
        start = [t for t, _ in CATALOG.starts.start(audience)]
        assert 3 <= len(start) <= 5, audience
        pack = by_id[audience].tools
        assert list(pack[: len(start)]) == start, audience
        assert len(pack) <= 10 and len(set(pack)) == len(pack), audience
        # what follows from the start tools is still written for the role
        assert all(audience in CATALOG.tool(t).tool.audiences for t in pack), audience


@pytest.mark.parametrize("pack", packs(CATALOG), ids=lambda p: p.id)
def test_pack_page_holds_every_tool_in_order(built_site: Path, pack):
    soup = BeautifulSoup((built_site / "packs" / pack.id / "index.html").read_text(), "html.parser")
    assert [li["data-tool"] for li in soup.select(".tk-pack-contents li[data-tool]")] == list(pack.tools)
    assert [d["data-tool"] for d in soup.select(".tk-pack .tk-tool")] == list(pack.tools)
    ids = {tag["id"] for tag in soup.select(".tk-pack [id]")}  # one pass: a find() per item is quadratic
    for tool_id in pack.tools:
        tool = CATALOG.tool(tool_id).tool
        items = ([*tool.questions, *tool.outcomes] if tool.kind == "flow"
                 else tool.stages if tool.kind == "pathway" else tool.entries())
        for item in items:
            assert f"{tool_id}--{item.id}" in ids, f"{tool_id}--{item.id}"
    sources = norm(soup.find(id="pack-sources").find_next("ul").get_text())
    for paper in {CATALOG.tool(t).tool.source.paper for t in pack.tools}:
        assert norm(citation(CATALOG.papers[paper])) in sources


_ABBR = re.compile(r"""<abbr\b[^>]*>([^<]*)</abbr>""")  # BeautifulSoup writes attributes sorted: tabindex before title


def test_audience_packs_repeat_the_pack_of_everythings_tools(built_site: Path):
    # The accessibility sweep checks each tool of a pack once, in the pack of everything
    # (tests/sweep.py: repeats_pack_of_everything); that holds only while an audience's pack
    # shows the same markup. Glossary tooltips differ: each page keeps a term's first use only.
    from .sweep import repeats_pack_of_everything

    def tools(pack_id: str) -> dict[str, str]:
        soup = BeautifulSoup((built_site / "packs" / pack_id / "index.html").read_text(), "html.parser")
        return {t["data-tool"]: _ABBR.sub(r"\1", str(t)) for t in soup.select(".tk-pack .tk-tool[data-tool]")}

    everything = tools("everything")
    audience_packs = [p for p in packs(CATALOG) if p.id != "everything"]
    assert audience_packs and all(repeats_pack_of_everything(f"packs/{p.id}/") for p in audience_packs)
    assert not repeats_pack_of_everything("packs/everything/") and not repeats_pack_of_everything("packs/")
    for pack in audience_packs:
        shown = tools(pack.id)
        assert list(shown) == list(pack.tools)
        assert [t for t in shown if shown[t] != everything[t]] == [], pack.id


def test_printed_documents_name_the_toolkit_from_one_constant(monkeypatch):
    # The toolkit's name is toolkit.TOOLKIT_NAME, which the templates have as a Jinja global:
    # renaming it renames every pack and print document (nothing writes the name out again).
    from toolkit.printables.pdf import page_html
    from toolkit.site.packs import render_pack
    from toolkit.site.templating import environment

    monkeypatch.setitem(environment().globals, "TOOLKIT_NAME", "Another toolkit")
    pack = render_pack(packs(CATALOG)[0], CATALOG)
    html = page_html("Text", page_uri="tools/x.md", site_url="", title="T", description="D")
    assert "<p>Another toolkit. Web address:" in pack
    assert '<meta name="generator" content="Another toolkit">' in html
    assert "Lived Experience at Work" not in pack + html


def test_downloads_are_remade_when_the_toolkit_name_changes(tmp_path: Path, monkeypatch):
    # The name is in every PDF's and Word file's properties, and it lives in toolkit/__init__.py.
    import shutil

    copy = tmp_path / "toolkit"
    shutil.copytree(downloads.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "vendor", "schema"))
    monkeypatch.setattr(downloads, "PACKAGE", copy)
    before = downloads.code_fingerprint()
    init = copy / "__init__.py"
    init.write_text(init.read_text().replace('TOOLKIT_NAME = "', 'TOOLKIT_NAME = "Renamed '), encoding="utf-8")
    assert downloads.code_fingerprint() != before


@pytest.mark.parametrize("tool_id", sorted(t for t, e in CATALOG.tools.items() if getattr(e.tool, "item_fields", None)))
def test_checklist_word_file_has_a_column_for_each_box_beside_the_items(tool_id: str):
    """item_fields (e.g. "What we will do, and who") are columns of the Word table, as they are
    boxes beside each item on the page."""
    tool = CATALOG.tool(tool_id).tool
    _, doc = docx_text(made(f"downloads/{tool_id}.docx"))
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert header[-1] == "Notes" and [f.label for f in tool.item_fields] == header[-1 - len(tool.item_fields) : -1], header
