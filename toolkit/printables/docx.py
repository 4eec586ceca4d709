"""Word (.docx) version of a tool, written from the tool data with python-docx.

Headings are Word headings, lists are Word lists and checklists are Word tables, so the file can
be edited. A template becomes the document it describes: each field a heading with its guidance
as placeholder text to type over, and the guidance and example as a Word comment beside it.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from toolkit import TOOLKIT_NAME
from toolkit.content.model import KINDS, audience_in_text
from toolkit.site.addresses import page_url, tool_uri
from toolkit.site.markdown import md_inline
from toolkit.site.related import related
from toolkit.site.templating import PROVENANCE, PROVENANCE_LONG
from toolkit.site.tools import citation

GREY = RGBColor(0x55, 0x55, 0x55)
AUTHOR = TOOLKIT_NAME
#: Fixed dates keep the file's bytes the same for the same content (downloads are cached by hash).
STAMP = datetime(2024, 1, 1, tzinfo=UTC)
_LIST = re.compile(r"^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$")


def plain(text: str | None) -> str:
    """Author Markdown for one line -> plain text (emphasis and link targets dropped)."""
    return md_inline(text).striptags() if text else ""


def _example(text: str) -> str:
    """An example on one line: a list field's example, one entry a line, joined by semicolons."""
    return "; ".join(plain(line) for line in text.strip().splitlines() if line.strip())


def blocks(text: str | None) -> list[tuple[str, str]]:
    """Split author Markdown into ("p" | "ul" | "ol", plain text) blocks."""
    out: list[tuple[str, str]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append(("p", plain(" ".join(para))))
            para.clear()

    for line in (text or "").splitlines():
        match = _LIST.match(line)
        if not line.strip():
            flush()
        elif match:
            flush()
            out.append(("ul" if match[1] else "ol", plain(match[3])))
        elif out and out[-1][0] != "p" and not para and line.startswith((" ", "\t")):
            kind, prev = out[-1]
            out[-1] = (kind, prev + " " + plain(line.strip()))
        else:
            para.append(line.strip())
    flush()
    return out


class _Writer:
    """Adds the parts of a tool to one Word document."""

    def __init__(self, title: str):
        self.doc = Document()
        self.doc.core_properties.title = title
        styles = self.doc.styles
        styles["Normal"].font.name = "Arial"
        styles["Normal"].font.size = Pt(11)
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(18)
        section.top_margin, section.bottom_margin = Mm(16), Mm(18)

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(text, level)

    def para(
        self, text: str, style: str | None = None, *, bold: bool = False, italic: bool = False, grey: bool = False
    ):
        p = self.doc.add_paragraph(style=style)
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if grey:
            run.font.color.rgb = GREY
        return p

    def markdown(self, text: str | None, *, italic: bool = False) -> None:
        for kind, body in blocks(text):
            style = {"p": None, "ul": "List Bullet", "ol": "List Number"}[kind]
            self.para(body, style, italic=italic)

    def labelled(self, label: str, text: str) -> None:
        p = self.doc.add_paragraph()
        p.add_run(label).bold = True
        p.add_run(" " + text)

    def answer_box(self, lines: int) -> None:
        """A one-cell bordered table to write or type in."""
        table = self.doc.add_table(rows=1, cols=1)
        table.style = "Table Grid"
        row = table.rows[0]
        row.height, row.height_rule = Mm(8 * lines), WD_ROW_HEIGHT_RULE.AT_LEAST
        _cant_split(row)
        self.doc.add_paragraph()

    def table(self, header: list[str], rows: list[list[str]], widths: list[int]) -> None:
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text, width in zip(table.rows[0].cells, header, widths, strict=False):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
            cell.width = Mm(width)
        _repeat_header(table.rows[0])
        for values in rows:
            row = table.add_row()
            _cant_split(row)
            for cell, text, width in zip(row.cells, values, widths, strict=False):
                cell.width = Mm(width)
                lines = text.split("\n")
                cell.text = lines[0]
                for extra in lines[1:]:
                    run = cell.add_paragraph().add_run(extra)
                    run.italic, run.font.size, run.font.color.rgb = True, Pt(9.5), GREY
        self.doc.add_paragraph()

    def footer(self, text: str) -> None:
        footer = self.doc.sections[0].footer
        p = footer.paragraphs[0]
        run = p.add_run(text)
        run.font.size = Pt(8)
        p = footer.add_paragraph()
        for part in ("Page ", "PAGE", " of ", "NUMPAGES"):
            run = p.add_run()
            run.font.size = Pt(8)
            if part.isupper():
                _field(run, part)
            else:
                run.text = part

    def save(self) -> bytes:
        props = self.doc.core_properties
        props.created = props.modified = STAMP
        props.last_modified_by = props.author = AUTHOR
        props.revision = 1
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def _field(run, code: str) -> None:
    """Put a Word field (PAGE, NUMPAGES) in a run."""
    for tag, attrs in (
        ("w:fldChar", {"w:fldCharType": "begin"}),
        ("w:instrText", None),
        ("w:fldChar", {"w:fldCharType": "end"}),
    ):
        el = OxmlElement(tag)
        if attrs:
            for key, value in attrs.items():
                el.set(qn(key), value)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = f" {code} "
        run._r.append(el)


def _cant_split(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_header(row) -> None:
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


# --------------------------------------------------------------------------- kinds


def _sections(w: _Writer, tool, write_items) -> None:
    for section in tool.all_sections():
        if tool.sections is not None:
            w.heading(section.title, 1)
        w.markdown(section.intro)
        write_items(section.items)


def _checklist(w: _Writer, tool, _catalog) -> None:
    def items(entries) -> None:
        def text(i) -> str:
            return plain(i.text) + ("\n" + plain(i.hint) if i.hint else "")

        # The boxes beside each item (item_fields: "What we will do, and who") are columns of
        # their own, as on the page; the notes column makes room for them.
        fields = [f.label for f in tool.item_fields]
        blank = [""] * len(fields)
        notes = 30 if fields else None
        if tool.statuses:
            words = ", ".join(word.label[:1].lower() + word.label[1:] for word in tool.status_words())
            item = 175 - 40 - 35 * len(fields) - (notes or 40)
            head, widths = ["Item", f"Status ({words})"], [item, 40]
            rows = [[text(i), ""] for i in entries]
        else:
            item = 174 - 14 - 35 * len(fields) - (notes or 44)
            head, widths, rows = ["Done", "Item"], [14, item], [["\u2610", text(i)] for i in entries]
        widths += [35] * len(fields) + [notes or (40 if tool.statuses else 44)]
        w.table([*head, *fields, "Notes"], [[*r, *blank, ""] for r in rows], widths)

    _sections(w, tool, items)


def _reflection(w: _Writer, tool, _catalog) -> None:
    def items(entries) -> None:
        for q in entries:
            w.para(plain(q.text), "List Number", bold=True)
            if q.hint:
                w.para(plain(q.hint), italic=True, grey=True)
            if q.parts:
                for part in q.parts:
                    w.para(plain(part.text), "List Bullet")
                    w.answer_box(4)
            else:
                w.answer_box(5)

    _sections(w, tool, items)


def _template(w: _Writer, tool, _catalog) -> None:
    def items(entries) -> None:
        for f in entries:
            w.heading(plain(f.label), 3 if tool.sections is not None else 2)
            placeholder = plain(f.guidance) or f"Write the {plain(f.label).lower()} here."
            p = w.para(f"[{placeholder}]", italic=True, grey=True)
            note = " ".join(x for x in (plain(f.guidance), f"Example: {_example(f.example)}" if f.example else "") if x)
            if note:
                w.doc.add_comment(p.runs, text=note, author=AUTHOR, initials="LEW")
            if f.example:
                w.para(f"Example: {_example(f.example)}", italic=True, grey=True)

    _sections(w, tool, items)


def _flow(w: _Writer, tool, _catalog) -> None:
    numbers = tool.numbering()
    outcomes = {o.id: o for o in tool.outcomes}
    questions = {q.id: q for q in tool.questions}
    w.para("Start at question 1 and follow your answers. Each answer says where to go next.")
    for node, number in sorted(numbers.items(), key=lambda kv: kv[1]):
        q = questions[node]
        w.heading(f"Question {number}. {plain(q.text)}", 2)
        if q.hint:
            w.markdown(q.hint, italic=True)
        for a in q.answers:
            where = (
                f"the outcome is {outcomes[a.next].title}"
                if a.next in outcomes
                else f"go to question {numbers[a.next]}"
            )
            w.para(f"If {a.label}, {where}.", "List Bullet")
    w.heading("Outcomes", 1)
    for o in tool.outcomes:
        w.heading(o.title, 2)
        w.markdown(o.text)
        if o.next_steps:
            w.para("What to do next:")
            for step in o.next_steps:
                w.para(plain(step), "List Bullet")


def _pathway(w: _Writer, tool, _catalog) -> None:
    titles = {s.id: s.title for s in tool.stages}
    for s in tool.stages:
        w.heading(s.title, 1)
        w.markdown(s.summary)
        for label, entries in (
            ("What it asks for", s.requirements),
            ("Skills", s.skills),
            ("Learning and development", s.learning),
        ):
            if entries:
                w.para(label, bold=True)
                for e in entries:
                    w.para(plain(e), "List Bullet")
        if s.routes:
            w.para("Routes from here", bold=True)
            for r in s.routes:
                w.para(f"{titles[r.to]}: {plain(r.label)}", "List Bullet")


WRITERS = {
    "checklist": _checklist,
    "reflection": _reflection,
    "template": _template,
    "flow": _flow,
    "pathway": _pathway,
}


def _no_preface(w: _Writer, tool) -> None:
    pass


def _template_preface(w: _Writer, tool) -> None:
    w.para(
        f"Made with the template \u201c{tool.title}\u201d. Replace the grey text in brackets.",
        italic=True,
        grey=True,
    )


#: What a kind's document says under its title, before the summary (most say nothing).
PREFACES = {"template": _template_preface}


def tool_docx(entry, catalog, *, site_url: str = "") -> bytes:
    """Return the bytes of a .docx file for one tool."""
    tool = entry.tool
    paper = catalog.papers[tool.source.paper]
    address = page_url(tool_uri(tool.id), site_url)
    where = tool.source.section + (f", {tool.source.locator}" if tool.source.locator else "")
    w = _Writer(tool.printed_title())
    props = w.doc.core_properties
    # Word's core properties hold at most 255 characters each.
    props.subject, props.keywords = plain(tool.summary)[:255], KINDS[tool.kind]
    props.category, props.language, props.version = paper.short, "en-GB", str(tool.version)
    props.comments = f"Source: {citation(paper)} {where}."[:255]
    w.heading(tool.printed_title(), 0)
    PREFACES.get(tool.kind, _no_preface)(w, tool)
    w.para(plain(tool.summary))
    if tool.provenance != "paper":
        w.para(f"{PROVENANCE[tool.provenance]} More under \u201cAbout this tool\u201d at the end.", italic=True)
    w.markdown(tool.intro)
    WRITERS[tool.kind](w, tool, catalog)
    others = related(tool.id, catalog)
    if others:
        w.heading("Related tools", 1)
        for r in others:
            other = catalog.tools[r].tool
            w.para(f"{other.title} ({page_url(tool_uri(r), site_url)})", "List Bullet")
    # The page's wording: "About this tool" at the foot (partials/about-tool.md.j2), audiences in
    # sentence case, the source notes under their own title; then the full citation and address.
    w.heading("About this tool", 1)
    w.labelled(KINDS[tool.kind], "for " + ", ".join(audience_in_text(a) for a in tool.audiences) + ".")
    locator = f" ({tool.source.locator})" if tool.source.locator else ""
    w.labelled("Source:", f"{paper.short}, {tool.source.section}{locator}. Version {tool.version}.")
    if tool.provenance != "paper":
        w.labelled("How it was made:", PROVENANCE_LONG[tool.provenance])
    if tool.guides:
        w.labelled("Guidance:", "; ".join(g.title for g in tool.guides) + ".")
    if tool.notice:
        w.para("Source notes", bold=True)
        w.markdown(tool.notice)
    w.para(f"{citation(paper)} {where}.")
    w.para(f"{tool.title}, version {tool.version}. Web address: {address}")
    w.footer(f"{tool.title} \u00b7 {paper.short} \u00b7 version {tool.version} \u00b7 {address}")
    return w.save()
