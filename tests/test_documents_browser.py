"""Templates produce the document, and the career pathway opens with its map (issue 25, points
4 and 5), in headless Chromium on the real site.

Every template, filled with sample answers: the preview holds every answer meant for the
document and no guidance or example; the Word file made in the browser opens with python-docx
and holds each answer under the preview's headings. The biography, filled at the lengths its
guidance suggests, prints as one A4 page with "Print my document". The pathway's map is made of
real links that keyboard and touch can choose; choosing one opens that stage's details.
LibreOffice opens the same Word files in tests/test_word_in_libreoffice.py.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from toolkit.content.catalog import load_catalog

from .conftest import ROOT
from .sweep import axe_violations

pytestmark = pytest.mark.browser

CATALOG = load_catalog(ROOT / "docs")
TEMPLATES = sorted(t for t, e in CATALOG.tools.items() if e.tool.kind == "template")
BIO = "practitioner-biography"
# The biography at the lengths its guidance asks for: a line or two a field.
BIO_ANSWERS = {
    "name": "Sam Okafor",
    "role": "Peer employment specialist in the IPS team",
    "photo": "Team photo from March, cropped",
    "background": "I grew up on the coast, and I have two teenagers and an elderly dog. I moved here twelve years ago.",
    "why": "Work helped me through a hard few years, and I like helping other people find that too. "
    "Seeing someone start a job they chose is the best part of my week.",
    "experience": "Six years as an occupational therapist, two of them in this team. I trained at the local university.",
    "previous-jobs": "Café work, a call centre, three years in retail management, then training.",
    "interests": "Five-a-side football on Tuesdays, my allotment, and learning Spanish.",
    "favourites": "Favourite film Paddington 2; favourite book anything by Terry Pratchett. I cannot stand cold tea.",
    "culture": "I speak Yoruba and English and know the local faith groups well.",
    "life-experience": "I have had my own mental health ups and downs and know how hard going back to work can be.",
    "audience": "Meet the team leaflet and noticeboard",
    "reviewed": "14 May",
}


def answer_for(tool_id: str, field_id: str) -> str:
    if tool_id == BIO:
        return BIO_ANSWERS[field_id]
    return f"Sample answer {field_id} for {tool_id}."


def fill(page, tool_id: str) -> dict[str, str]:
    """Type an answer into every field of a template; return field id -> answer."""
    answers = {}
    for field in CATALOG.tool(tool_id).tool.entries():
        answers[field.id] = answer_for(tool_id, field.id)
        page.locator(f"#{tool_id}--{field.id}-input").fill(answers[field.id])
    page.wait_for_timeout(150)  # the preview is redrawn 60 ms after the last keystroke
    return answers


def preview_blocks(page) -> list[tuple]:
    """The preview as (kind, level, text): headings by level from the document title (1), then p and li."""
    return page.evaluate(
        """() => {
        const out = [], root = document.querySelector('.tk-preview');
        const first = root.querySelector('h1,h2,h3,h4,h5,h6'), base = first ? Number(first.tagName[1]) : 1;
        for (const n of root.children) {
          if (/^H[1-6]$/.test(n.tagName)) out.push(['h', Number(n.tagName[1]) - base + 1, n.innerText.trim()]);
          else if (n.tagName === 'UL') for (const li of n.children) out.push(['li', 0, li.innerText.trim()]);
          else out.push(['p', 0, n.innerText.trim()]);
        }
        return out;
      }"""
    )


def docx_blocks(data: bytes) -> list[tuple]:
    import docx

    out = []
    for para in docx.Document(io.BytesIO(data)).paragraphs:
        style = para.style.name
        if style.startswith("Heading "):
            out.append(("h", int(style.split()[1]), para.text))
        elif style == "List Bullet":
            out.append(("li", 0, para.text.lstrip("\u2022\t")))
        else:
            out.append(("p", 0, para.text))
    return out


@pytest.fixture
def errors(page) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda e: found.append(str(e)))
    return found


@pytest.mark.parametrize("tool_id", TEMPLATES)
def test_template_preview_and_word_file_hold_the_answers(page, site_server, errors, tool_id):
    tool = CATALOG.tool(tool_id).tool
    page.goto(f"{site_server}/tools/{tool_id}/")
    answers = fill(page, tool_id)
    preview = page.locator(".tk-preview")
    text = preview.inner_text()
    for field in tool.entries():
        if field.document == "omit":
            assert answers[field.id] not in text, field.id
        else:
            assert answers[field.id] in text, field.id
    # No guidance and no examples: only answers, labels and headings.
    hints = page.locator(".tk-doc-form .tk-hint p").all_inner_texts()
    assert hints or not any(f.guidance or f.example for f in tool.entries())
    for hint in hints:
        if len(hint) > 12:
            assert hint not in text, hint
    blocks = preview_blocks(page)
    assert blocks[0] == ["h", 1, tool.document_title]
    headings = [b[2] for b in blocks if b[0] == "h"]
    for section in tool.all_sections():
        shown = [f for f in section.items if f.document != "omit"]
        if tool.sections is not None and shown and shown[0].document != "heading":
            assert section.title in headings, section.title
    # The Word file, made in the browser: the same headings, in order, with each answer under its own.
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my document (Word)").click()
    download = info.value
    assert download.suggested_filename == f"{tool_id}.docx"
    data = Path(download.path()).read_bytes()
    assert data[:2] == b"PK"
    assert docx_blocks(data) == [tuple(b) for b in blocks]
    assert errors == []


def test_word_file_keeps_lists_line_breaks_and_awkward_text(page, site_server, errors):
    page.goto(f"{site_server}/tools/{BIO}/")
    page.locator(f"#{BIO}--name-input").fill("Ana <b>&</b> \"Zoë\" 🙂")
    page.locator(f"#{BIO}--why-input").fill("First line\nsecond line\n\nA new paragraph \u0007with a control character")
    page.wait_for_timeout(150)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my document (Word)").click()
    import docx

    doc = docx.Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    assert ("Heading 2", "Ana <b>&</b> \"Zoë\" 🙂") in paras
    assert ("Normal", "First line\nsecond line") in paras
    assert ("Normal", "A new paragraph with a control character") in paras
    assert doc.sections[0].page_width == 11906 * 635  # A4, in EMU
    assert errors == []


def test_biography_prints_as_one_a4_page(page, site_server, errors):
    import pypdf

    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{site_server}/tools/{BIO}/")
    fill(page, BIO)
    page.emulate_media(media="print")
    whole = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(whole.pages) > 1  # the page itself, fields and guidance, is longer: the mode matters
    page.emulate_media(media="screen")
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    page.get_by_role("button", name="Print my document").click()
    page.wait_for_function("window.__printed === 1")
    page.emulate_media(media="print")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    for field in ("name", "why", "life-experience"):
        assert BIO_ANSWERS[field].split(".")[0][:40] in " ".join(text.split()), field
    for left_out in ("Team photo", "14 May", "Example:", "Not part of the finished document", "Print my document", "Version"):
        assert left_out not in text, left_out
    assert errors == []


def test_preview_sits_beside_the_fields_on_wide_screens_and_a_link_away_on_phones(page, site_server):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{site_server}/tools/{BIO}/")
    doc, field = page.locator(".tk-document"), page.locator(f"#{BIO}--name-input")
    assert doc.bounding_box()["x"] >= field.bounding_box()["x"] + field.bounding_box()["width"]
    expect(page.locator(".tk-doc-jump").first).to_be_hidden()
    page.locator(f"#{BIO}--life-experience-input").scroll_into_view_if_needed()
    box = doc.bounding_box()
    assert 0 <= box["y"] < 768  # sticky: still in view far down the fields
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_server}/tools/{BIO}/")
    jump = page.get_by_role("link", name="Show my document").first
    expect(jump).to_be_visible()
    jump.click()
    expect(page.locator(".tk-preview")).to_be_in_viewport()
    page.get_by_role("link", name="Back to the fields").click()
    expect(page.locator(f"#{BIO}--name-input")).to_be_in_viewport()


def test_without_javascript_no_empty_preview_or_document_buttons(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_server}/tools/{BIO}/")
        expect(page.locator(".tk-document")).to_be_hidden()
        expect(page.get_by_role("link", name="Show my document")).to_have_count(0)
        page.locator(".tk-print-save > summary").click()  # "Print and save" opens without JavaScript too
        expect(page.get_by_text("Print blank", exact=True)).to_be_visible()
    finally:
        context.close()


PATHWAY = "peer-career-pathway"


def test_pathway_opens_with_a_map_chosen_by_keyboard(page, site_server, errors):
    pathway = CATALOG.tool(PATHWAY).tool
    page.goto(f"{site_server}/tools/{PATHWAY}/")
    stages = page.locator("nav.tk-map a.tk-map-stage")
    expect(stages).to_have_count(len(pathway.stages))
    assert page.locator(".tk-stage details[open]").count() == 0
    where = page.locator(".tk-where-next a")
    assert where.get_attribute("href").rstrip("/").endswith("where-am-i-next")
    # Keyboard: from the where-next link, Tab reaches the map's first stage; Enter chooses it.
    where.focus()
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('tk-map-stage')"):
            break
    first = pathway.map_groups()[0][1][0]
    assert page.evaluate("document.activeElement.dataset.stageLink") == first.id
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '#{PATHWAY}--{first.id}'")
    stage = page.locator(f".tk-stage[data-stage='{first.id}']")
    expect(stage.locator("details")).to_have_attribute("open", "")
    expect(page.locator(f"[data-stage-link='{first.id}']")).to_have_attribute("aria-current", "location")
    # A route inside the details leads to another stage, which opens in turn.
    route = stage.locator(".tk-routes a").first
    to = route.evaluate("a => a.closest('li').dataset.to")
    route.click()
    expect(page.locator(f".tk-stage[data-stage='{to}'] details")).to_have_attribute("open", "")
    expect(page.locator(f"[data-stage-link='{first.id}']")).not_to_have_attribute("aria-current", "location")
    # Read, not filled in: no print with answers, no answers bar.
    assert "with my answers" not in page.locator(".tk-print-actions").inner_text()
    assert page.locator(".tk-bar").count() == 0
    assert errors == []


def test_pathway_stage_chosen_by_touch(browser, site_server):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{site_server}/tools/{PATHWAY}/")
        link = page.locator("a.tk-map-stage").nth(9)
        stage_id = link.get_attribute("data-stage-link")
        box = link.bounding_box()
        assert box["height"] >= 44
        link.tap()
        expect(page.locator(f".tk-stage[data-stage='{stage_id}'] details")).to_have_attribute("open", "")
        expect(page.locator(f"#{PATHWAY}--{stage_id}")).to_be_in_viewport()
    finally:
        context.close()


@pytest.mark.parametrize("tool_id", [BIO, PATHWAY])
def test_axe_on_biography_and_pathway_blank_and_filled(browser, site_server, tool_id):
    from axe_playwright_python.base import AXE_SCRIPT

    context = browser.new_context()
    context.add_init_script(script=AXE_SCRIPT)
    page = context.new_page()
    try:
        page.goto(f"{site_server}/tools/{tool_id}/")
        found = axe_violations(page, f"{tool_id} blank")
        if tool_id == BIO:
            fill(page, BIO)
            page.get_by_role("button", name="Start a \u201cMeet the team\u201d sheet").click()
            page.get_by_role("button", name="Add mine from this page").click()
        else:
            page.locator("a.tk-map-stage").nth(3).click()
            page.locator(".tk-stage details[open]").first.wait_for()
        found += axe_violations(page, f"{tool_id} filled")
    finally:
        context.close()
    assert found == []
