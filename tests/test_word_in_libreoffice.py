"""The Word files open in LibreOffice (issue 25, point 4): the .docx made in the browser from a
filled template and the .docx made at build time (toolkit/printables/docx.py).

One headless `soffice --convert-to pdf` run converts them all, with a fresh user profile and a
timeout; the converted PDF's text (PDFium) must hold the document title, each heading of the
preview and each sample answer. `make test` installs Debian's libreoffice-writer-nogui as root.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from toolkit.content.model import KINDS
from toolkit.printables.docx import plain, tool_docx

from .test_documents_browser import BIO, CATALOG, fill, preview_blocks

pytestmark = pytest.mark.browser

SOFFICE = "/usr/bin/soffice"
#: Browser-made: the biography (no sections) and a template with sections and omitted fields.
BROWSER_MADE = [BIO, "senior-peer-support-worker-checklist"]
#: Build-time: the blank biography, and a rebuilt tool with source notes.
BUILD_MADE = [BIO, "senior-peer-support-worker-checklist"]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def pdf_text(path: Path) -> tuple[str, int]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        return norm(" ".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))), len(doc)
    finally:
        doc.close()


@pytest.fixture(scope="module")
def converted(browser, site_server, tmp_path_factory):
    """Make the Word files, convert them all to PDF in one LibreOffice run.

    Returns name -> (PDF path, what the document must hold)."""
    if not Path(SOFFICE).exists():
        pytest.fail(f"{SOFFICE} is missing: run `make test` as root or `apt-get install libreoffice-writer-nogui`")
    from .conftest import policy_proof

    folder = tmp_path_factory.mktemp("word")
    expected: dict[str, list[str]] = {}
    context = browser.new_context()
    try:
        page = policy_proof(context.new_page())
        for tool_id in BROWSER_MADE:
            page.goto(f"{site_server}/tools/{tool_id}/")
            answers = fill(page, tool_id)
            blocks = preview_blocks(page)
            with page.expect_download() as info:
                page.get_by_role("button", name="Download my document (Word)").click()
            shutil.copy(info.value.path(), folder / f"browser-{tool_id}.docx")
            tool = CATALOG.tool(tool_id).tool
            kept = [answers[f.id] for f in tool.entries() if f.document != "omit"]
            expected[f"browser-{tool_id}"] = [b[2] for b in blocks if b[0] == "h"] + kept
    finally:
        context.close()
    for tool_id in BUILD_MADE:
        entry = CATALOG.tool(tool_id)
        tool = entry.tool
        (folder / f"build-{tool_id}.docx").write_bytes(tool_docx(entry, CATALOG))
        headings = [plain(s.title) for s in tool.all_sections() if tool.sections is not None]
        headings += [plain(f.label) for f in tool.entries()]
        expected[f"build-{tool_id}"] = [tool.document_title, *headings, "About this tool", f"{KINDS[tool.kind]} for "]
    out = folder / "pdf"
    run = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out), *sorted(str(p) for p in folder.glob("*.docx"))],
        capture_output=True, text=True, timeout=180, check=False,
    )
    assert run.returncode == 0, run.stderr
    return {name: (out / f"{name}.pdf", want) for name, want in expected.items()}


@pytest.mark.parametrize("name", [f"browser-{t}" for t in BROWSER_MADE] + [f"build-{t}" for t in BUILD_MADE])
def test_word_file_opens_in_libreoffice_with_its_headings_and_answers(converted, name):
    path, want = converted[name]
    assert path.exists(), f"LibreOffice did not convert {name}.docx"
    text, pages = pdf_text(path)
    assert pages >= 1
    for part in want:
        assert norm(part) in text, f"{name}: {part!r} missing from LibreOffice's PDF"


def test_biography_in_libreoffice_keeps_the_answers_in_the_previews_order(converted):
    """LibreOffice lays the answers out in the order of the preview, under their headings."""
    path, want = converted[f"browser-{BIO}"]
    text, _ = pdf_text(path)
    tool = CATALOG.tool(BIO).tool
    answers = [norm(a) for a in want[-len([f for f in tool.entries() if f.document != "omit"]):]]
    places = [text.find(a) for a in answers]
    assert all(p >= 0 for p in places) and places == sorted(places)


def test_libreoffice_page_renders_with_ink(converted):
    """The first page, rendered to an image, has text on it (not a blank or broken page)."""
    import pypdfium2 as pdfium

    path, _ = converted[f"build-{BIO}"]
    doc = pdfium.PdfDocument(path)
    try:
        image = doc[0].render(scale=1).to_pil().convert("L")
    finally:
        doc.close()
    dark = sum(image.histogram()[:128])
    assert dark > 0.005 * image.width * image.height
