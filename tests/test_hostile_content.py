"""Content cannot run code: scripts, event handlers, javascript: addresses, iframes, objects and
embeds written into tool text, pages or local/ fail the build with the source's path:line, and
every page carries the Content-Security-Policy as a <meta> element as well as in csp.txt.
"""

from __future__ import annotations

import re
import shutil
from functools import lru_cache
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.content.catalog import load_catalog
from toolkit.engine.mkdocs_adapter import BuildFailed
from toolkit.site import csp, hostile
from toolkit.site.addresses import tool_uri
from toolkit.site.tools import render_tool

from .conftest import ROOT, build_site

FIXTURES = Path(__file__).parent / "fixtures" / "docs"

#: One of each: (what the message names, markup with a {m} marker to find where it landed).
HOSTILE = [
    ("a <script> element", "<script>go({m})</script>"),
    ("an inline event handler (onclick=)", "<span onclick='go({m})'>x</span>"),
    ("a javascript: address (href=)", "[link](javascript:go({m}))"),
    ("a <iframe> element", "<iframe src='x{m}.html'></iframe>"),
    ("a <object> element", "<object data='x{m}.svg'></object>"),
    ("a <embed> element", "<embed src='x{m}.svg'>"),
]


# ------------------------------------------------------------------ the check on rendered HTML

@pytest.mark.parametrize("markup, what", [
    ("<p>x</p><script>go()</script>", "a <script> element"),
    ("<p>x</p><SCRIPT SRC='evil.js'></SCRIPT>", "a <script> element"),
    ("<svg><script>go()</script></svg>", "a <script> element"),
    ('<img src="x.png" ONERROR="go()">', "an inline event handler (onerror=)"),
    # An attribute's name may follow a slash or a quote as well as a space.
    ("<svg/onload=go()>", "an inline event handler (onload=)"),
    ('<img src="x.png"onerror="go()">', "an inline event handler (onerror=)"),
    ("<img src='x.png'onerror=go()>", "an inline event handler (onerror=)"),
    ('<a href=" JavaScript:go()">x</a>', "a javascript: address (href=)"),
    ('<a href="&#106;avascript:go()">x</a>', "a javascript: address (href=)"),
    ('<a href="java\tscript:go()">x</a>', "a javascript: address (href=)"),
    ('<form action="javascript:go()"></form>', "a javascript: address (action=)"),
    ("<iframe src='x.html'></iframe>", "a <iframe> element"),
    ("<object data='x.svg'></object>", "a <object> element"),
    ("<embed src='x.svg'/>", "a <embed> element"),
])
def test_code_in_rendered_content_is_found(markup, what):
    assert [f.what for f in hostile.hostile(markup)] == [what]


@pytest.mark.parametrize("markup", [
    "<p>Use <code>&lt;script&gt;</code> and <code>onclick=</code> with care.</p>",
    '<pre><code>&lt;iframe src="javascript:go()"&gt;</code></pre>',
    '<a href="https://example.org/javascript:notes">notes</a> <p data-onclick="x">ok</p>',
    "<p>Talk about javascript: and iframes in prose.</p>",
])
def test_text_about_code_is_not_code(markup):
    assert hostile.hostile(markup) == []


def test_the_toolkits_own_scripts_are_allowed_by_address():
    html = '<script src="../../assets/toolkit/kinds/flow.js" defer></script><script src="x.js"></script>'
    assert [f.what for f in hostile.hostile(html, ["assets/toolkit/kinds/flow.js"])] == ["a <script> element"]


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """Page text to HTML with the site's own Markdown extensions, as the engine renders it."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_IgnoreTags)
    names, configs = [], {}
    for ext in config["markdown_extensions"]:
        name, options = next(iter(ext.items())) if isinstance(ext, dict) else (ext, None)
        names.append(name)
        if options:
            configs[name] = options
    return markdown.Markdown(extensions=names, extension_configs=configs)


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def _leaves(data, path=()):
    """Every string in a tool's YAML, with where it is: the fields an author writes text in."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _leaves(value, (*path, i))
    elif isinstance(data, str):
        yield path


def _set(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


class _Yaml12(yaml.SafeLoader):
    """YAML as the toolkit reads it: `yes` and `no` are words (answer ids), not booleans."""


_Yaml12.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def _read(path: Path):
    return yaml.load(path.read_text(), Loader=_Yaml12)


#: Values that are ids or set words, not text an author writes: left alone.
_NOT_TEXT = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _inject(original, docs, fixture, snippet_for):
    """Write the fixture with snippet_for(n) added to its n-th text field; render its page.
    Returns (YAML text, page HTML, {marker: field path})."""
    data = yaml.load(yaml.safe_dump(original), Loader=_Yaml12)
    markers = {}
    for n, path in enumerate(_leaves(original)):
        current = data
        for key in path:
            current = current[key]
        if path[-1] in ("id", "kind") or _NOT_TEXT.match(current):
            continue
        markers[f"m{n}x"] = path
        _set(data, path, f"{current} {snippet_for(n).format(m=f'm{n}x')}")
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**6)
    (docs / "tools" / fixture).write_text(text)
    catalog = load_catalog(docs)
    page = _markdown().reset().convert(render_tool(catalog.tool(data["id"]), catalog, page_uri=tool_uri(data["id"])))
    return text, page, markers


@pytest.mark.parametrize("fixture", sorted(p.name for p in (FIXTURES / "tools").glob("*.yml")))
def test_code_in_any_text_field_of_a_tool_is_refused_at_its_line(fixture, tmp_path):
    """Every text field of every kind's fixture tool gets each kind of hostile markup in turn;
    every field that reaches the page as HTML is refused at its own line of the YAML file."""
    original = _read(FIXTURES / "tools" / fixture)
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES, docs)
    # First a harmless element in every field: which fields does the page show as HTML?
    _, page, markers = _inject(original, docs, fixture, lambda n: "<b>{m}</b>")
    as_html = {m for m in markers if f"<b>{m}</b>" in page}
    assert len(as_html) >= 3, f"only {len(as_html)} fields of {fixture} reach the page as HTML"
    for turn in range(len(HOSTILE)):
        text, page, markers = _inject(original, docs, fixture, lambda n: HOSTILE[(n + turn) % len(HOSTILE)][1])
        sources = hostile.Sources(tmp_path, [docs])
        issues = hostile.content_issues(page, page="/tools/x/", own_sources=[docs / "tools" / fixture],
                                       sources=sources, fallback="docs/x.md")
        found = {(i.line, i.message.split(" would run")[0]) for i in issues}
        for marker in as_html:
            n = int(marker[1:-1])
            line = next(i for i, t in enumerate(text.splitlines(), 1) if marker in t)
            what = HOSTILE[(n + turn) % len(HOSTILE)][0]
            assert (line, what) in found, f"{fixture} {'.'.join(map(str, markers[marker]))}: {what} not refused at line {line}"
        assert {i.path for i in issues} == {f"docs/tools/{fixture}"}


# ------------------------------------------------------------------ whole builds of a tiny project

def _tiny_project(root: Path) -> Path:
    """mkdocs.yml and hooks, one tool, one guide page: a project that builds in a few seconds."""
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    docs = root / "docs"
    (docs / "tools").mkdir(parents=True)
    (docs / "guides").mkdir()
    shutil.copy(FIXTURES / "references.yml", docs / "references.yml")
    tool = (FIXTURES / "tools" / "sample-checklist.yml").read_text().replace("related: [sample-reflection]\n", "")
    (docs / "tools" / "sample-checklist.yml").write_text(tool)
    (docs / "index.md").write_text("# Home\n\nSee [the guide](guides/guide.md).\n")
    (docs / "guides" / "guide.md").write_text("# A guide\n\nSome text.\n\n<!-- toolkit:tool sample-checklist -->\n")
    return root


def _append(path: Path, text: str) -> int:
    """Add text at the end of a file; return the line it starts on."""
    old = path.read_text() if path.exists() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(old + text)
    return old.count("\n") + 1


_LOCAL_YML = "organisation:\n  name: Test Trust\n"


@pytest.mark.parametrize("where, what, snippet", [
    ("docs/guides/guide.md", "a <script> element", "\n<script>go()</script>\n"),
    ("docs/index.md", "an inline event handler (onmouseover=)", '\n<p onmouseover="go()">Hover</p>\n'),
    ("docs/tools/sample-checklist.yml", "a javascript: address (href=)", None),
    ("local/pages/help.md", "a <iframe> element", '# Help\n\n<iframe src="https://example.org"></iframe>\n'),
    ("local/tools/local-tool.yml", "a <embed> element", None),
    ("local/pages/more.md", "a <object> element", '# More\n\n<object data="x.svg"></object>\n'),
])
def test_hostile_content_fails_the_build_with_path_and_line(tmp_path, where, what, snippet):
    root = _tiny_project(tmp_path / "p")
    path = root / where
    if where.startswith("local/"):
        _append(root / "local" / "local.yml", _LOCAL_YML)
    if where == "docs/tools/sample-checklist.yml":
        text = path.read_text().replace("hint: A hint with **bold** text.", "hint: A hint with [a link](javascript:go()).")
        path.write_text(text)
        line = next(i for i, t in enumerate(text.splitlines(), 1) if "javascript:" in t)
    elif where == "local/tools/local-tool.yml":
        text = (FIXTURES / "tools" / "sample-reflection.yml").read_text()
        text = text.replace("id: sample-reflection", "id: local-tool", 1)
        text = re.sub(r"^summary: (.*)$", r"summary: \1 <embed src='x.svg'>", text, count=1, flags=re.M)
        _append(path, text)
        line = next(i for i, t in enumerate(text.splitlines(), 1) if "<embed" in t)
    else:
        start = _append(path, snippet)
        line = start + next(i for i, t in enumerate(snippet.splitlines()) if "<" in t and "# " not in t)
    with pytest.raises(BuildFailed) as failed:
        build_site(root / "mkdocs.yml", tmp_path / "site")
    message = str(failed.value)
    assert f"{where}:{line}: {what}" in message, message
    assert "Traceback" not in message


def test_every_page_carries_the_policy_as_a_meta_element(tmp_path):
    root = _tiny_project(tmp_path / "p")
    site = tmp_path / "site"
    build_site(root / "mkdocs.yml", site)
    header = (site / csp.POLICY_FILE).read_text().strip()
    expected = csp.meta_policy(header)
    assert "frame-ancestors" in header and "frame-ancestors" not in expected
    assert expected.startswith("default-src 'self'; script-src 'self' 'sha256-")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        html = page.read_text()
        metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        assert metas == [expected.replace("'", "&#x27;")], page
        head = html.split("</head>")[0]
        # Before every script and style of the page, so it governs them all.
        assert head.index("Content-Security-Policy") < min(i for i in (head.find("<script"), head.find("<style"), head.find("<link")) if i >= 0), page


def test_adding_the_meta_twice_keeps_one():
    page = b"<!doctype html><html><head><meta charset=utf-8><title>x</title></head><body></body></html>"
    once = csp.with_policy_meta(page, "default-src 'self'; frame-ancestors 'self'")
    twice = csp.with_policy_meta(once, "default-src 'none'")
    assert once.count(b"Content-Security-Policy") == 1 and b"frame-ancestors" not in once
    assert twice.count(b"Content-Security-Policy") == 1 and b"default-src &#x27;none&#x27;" in twice


@pytest.mark.browser
def test_the_real_site_runs_under_its_meta_policy_alone(built_site, browser):
    """Served with no policy header, as from a shared drive: the <meta> policy is the only one,
    the tool's script still works, and nothing is blocked or fetched from elsewhere."""
    from .conftest import serve
    from .sweep import _LISTEN

    assert "Content-Security-Policy" in (built_site / "tools" / "sharing-risks" / "index.html").read_text()
    with serve(built_site, unsearched=True) as url:
        context = browser.new_context()
        context.add_init_script(script=_LISTEN)
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            page.goto(f"{url}/tools/sharing-risks/")
            box = page.locator(".tk-checklist input[type=checkbox]").first
            box.check()
            page.wait_for_function("Object.keys(localStorage).some((k) => localStorage.getItem(k).includes('sharing-risks'))")
            page.reload()
            assert page.locator(".tk-checklist input[type=checkbox]").first.is_checked(), "the answer was not kept"
            assert page.evaluate("window.__csp || []") == []
            assert errors == []
            assert [u for u in requests if not u.startswith((url, "data:"))] == []
        finally:
            context.close()


# The quick look before parsing (hostile._maybe_hostile) was one case-insensitive regex; it is now
# case-sensitive searches of the lower-cased page. It must still say yes wherever the old one did.
_OLD_QUICK_LOOK = re.compile(
    r"<\s*(?:script|i?frame|frameset|object|embed|applet)\b|script\s*(?::|&)|\son[a-z]+\s*="
    r"|\b(?:href|src|action|formaction|poster|background|cite|ping|xlink:href)\s*=\s*[\"']?[^\"'>]*&#",
    re.I,
)
_PIECES = ["<", ">", " ", "\n", "=", '"', "'", "&#", "&amp;", "106;", "x", "A", "script", "SCRIPT", "Script:",
           "iframe", "EMBED", "on", "onClick", "href", "SRC", "xlink:href", "javascript:", "a", "p", "ſcript"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_quick_look_finds_at_least_what_the_old_one_did(text):
    if _OLD_QUICK_LOOK.search(text) and "ſ" not in text:  # long s: re.I folds it to s, browsers do not
        assert hostile._maybe_hostile(text), text


def test_quick_look_finds_an_entity_in_an_address_only_in_its_own_tag():
    assert hostile._maybe_hostile('<p>It&#39;s</p><a href="x">y</a>') is False
    assert hostile._maybe_hostile('<a title="x" HREF = "&#106;avascript:alert(1)">y</a>')
    assert hostile._maybe_hostile('<p>a</p><img src=&#106;avascript:x>')
    assert hostile._maybe_hostile("<a href='https://example.org/?q=1'>It&#39;s</a>") is False
