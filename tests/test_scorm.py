"""SCORM 1.2 packages (make scorm): valid manifests that name exactly the files in each zip, nothing
fetched from outside a package, and, inside a real SCORM 1.2 run-time (scorm-again, from npm, as
`make test` installs it), completion at the path's end and nothing else sent."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from toolkit.content.issue import ContentError
from toolkit.engine import scorm
from toolkit.site import addresses
from toolkit.site.paths import load_path, path_files

from .conftest import DOCS, ROOT, serve, shared
from .test_offline import _build_offline

#: Where `make scorm-again` (a prerequisite of `make test`) installs the npm package.
SCORM_AGAIN = ROOT / ".cache" / "scorm-again" / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
ANSWER = "Volunteering at the food bank q8z"
PATH_ID = "induction-using-experience"


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The offline site as `make offline` builds it (shared with tests/test_offline.py)."""
    return shared(tmp_path_factory, "offline", _build_offline) / "site"


@pytest.fixture(scope="session")
def packages(offline_site, tmp_path_factory) -> dict[str, Path]:
    """Every learning path's package, as `make scorm` writes them."""
    def make(folder: Path) -> None:
        scorm.build(offline_site, folder, DOCS, ROOT)

    folder = shared(tmp_path_factory, "scorm", make)
    return {p.stem: p for p in sorted(folder.glob("*.zip"))}


def test_one_package_per_learning_path(packages):
    assert set(packages) == {f.stem for f in path_files(DOCS)} and PATH_ID in packages


def test_each_manifest_is_scorm_1_2_and_names_exactly_the_files_in_its_zip(packages):
    for path_id, package in packages.items():
        with zipfile.ZipFile(package) as zf:
            names = set(zf.namelist())
            root = ET.fromstring(zf.read(scorm.MANIFEST))
            launch = zf.read(scorm.LAUNCH).decode()
        assert root.tag == f"{CP}manifest", path_id
        assert root.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
        assert root.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
        organizations = root.find(f"{CP}organizations")
        organization = organizations.find(f"{CP}organization")
        assert organizations.get("default") == organization.get("identifier")
        title = load_path(DOCS / "paths" / f"{path_id}.yml", path_id).path.title
        assert organization.findtext(f"{CP}title") == title
        items = organization.findall(f"{CP}item")
        resources = root.findall(f"{CP}resources/{CP}resource")
        assert len(items) == 1 and len(resources) == 1
        resource = resources[0]
        assert items[0].get("identifierref") == resource.get("identifier")
        assert resource.get("type") == "webcontent" and resource.get(f"{ADLCP}scormtype") == "sco"
        assert resource.get("href") == scorm.LAUNCH
        listed = [f.get("href") for f in resource.findall(f"{CP}file")]
        assert len(listed) == len(set(listed))
        assert set(listed) == names - {scorm.MANIFEST}, path_id
        assert f'src="site/paths/{path_id}.html"' in launch and "site/paths/" in launch
        assert not any(n.endswith(".zip") or n.rpartition("/")[2] in {".htaccess", "web.config"} for n in names)


def test_nothing_in_a_package_points_outside_it(packages, offline_site, tmp_path):
    """The package's site is the offline site, file for file (whose links tests/test_offline.py
    checks); the launch page and its files point only inside the package."""
    with zipfile.ZipFile(packages[PATH_ID]) as zf:
        zf.extractall(tmp_path)
    packaged = {p.relative_to(tmp_path / scorm.SITE).as_posix(): p.read_bytes() for p in (tmp_path / scorm.SITE).rglob("*") if p.is_file()}
    assert packaged == {rel: (offline_site / rel).read_bytes() for rel in scorm.site_files(offline_site)}
    launch = (tmp_path / scorm.LAUNCH).read_text()
    refs = re.findall(r'(?:src|href|data-end)="([^"]+)"', launch)
    assert sorted(refs) == sorted(["scorm/launch.css", "scorm/sco.js", f"site/paths/{PATH_ID}.html", "site/tools/learning-after-sharing.html"])
    assert all((tmp_path / ref).is_file() for ref in refs)
    sco = (tmp_path / "scorm" / "sco.js").read_text()
    assert not any(word in sco for word in ("http", "fetch(", "XMLHttpRequest", "sendBeacon", "localStorage")), "sco.js reaches out"


def test_a_path_whose_last_page_is_missing_fails_with_its_line(offline_site, tmp_path):
    docs = tmp_path / "docs"
    (docs / "paths").mkdir(parents=True)
    text = (DOCS / "paths" / f"{PATH_ID}.yml").read_text()
    (docs / "paths" / "broken.yml").write_text(text.replace(f"id: {PATH_ID}", "id: broken"))
    with pytest.raises(ContentError) as failed:
        scorm.build(offline_site, tmp_path / "out", docs, tmp_path)
    assert "paths/broken.html is not in the offline site" in str(failed.value)
    assert str(failed.value).startswith("docs/paths/broken.yml:")
    with pytest.raises(ContentError, match="no offline site here"):
        scorm.build(tmp_path / "nothing", tmp_path / "out", docs, tmp_path)


def test_packages_are_reproducible(offline_site, packages, tmp_path):
    files = scorm.site_files(offline_site)
    base = scorm.site_zip(offline_site, files[:50], tmp_path / "site.zip")  # a part of the site is enough here
    lp = load_path(DOCS / "paths" / f"{PATH_ID}.yml", PATH_ID)
    pkg = scorm.plan(lp, offline_site, files[:50])
    one = scorm.write_package(pkg, base, tmp_path / "one.zip").read_bytes()
    (tmp_path / "site.zip").touch()
    assert scorm.write_package(pkg, base, tmp_path / "two.zip").read_bytes() == one
    with zipfile.ZipFile(tmp_path / "one.zip") as zf:
        assert len({i.date_time for i in zf.infolist()}) == 1  # one date, not the files' own


LMS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A learning platform</title>
<script src="scorm12.js"></script>
<script>
  window.calls = [];
  window.events = [];
  window.API = new Scorm12API({ logLevel: 5, autocommit: false });
  for (const name of ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
                      "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]) {
    const real = window.API[name].bind(window.API);
    window.API[name] = (...args) => {
      const result = real(...args);
      window.calls.push([name, ...args.map(String), String(result)]);
      return result;
    };
  }
  window.API.on("LMSInitialize", () => window.events.push(["LMSInitialize"]));
  window.API.on("LMSSetValue.cmi.*", (element, value) => window.events.push(["LMSSetValue", element, String(value)]));
  window.API.on("LMSFinish", () => window.events.push(["LMSFinish"]));
</script></head>
<body><iframe id="sco" title="The course" src="package/launch.html" width="1000" height="700"></iframe></body></html>
"""


@pytest.mark.browser
def test_a_learner_who_reaches_the_end_completes_the_path_and_no_answer_is_sent(packages, tmp_path, page):
    if not SCORM_AGAIN.is_file():
        pytest.fail(f"{SCORM_AGAIN} is missing: run `make test` (it installs scorm-again from npm)")
    lms = tmp_path / "lms"
    with zipfile.ZipFile(packages[PATH_ID]) as zf:
        zf.extractall(lms / "package")
    shutil.copy(SCORM_AGAIN, lms / "scorm12.js")
    (lms / "index.html").write_text(LMS_PAGE)
    steps = load_path(DOCS / "paths" / f"{PATH_ID}.yml", PATH_ID).path.steps

    requests: list[str] = []
    errors: list[str] = []
    page.context.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    with serve(lms) as base:
        page.goto(f"{base}/index.html")
        page.wait_for_function("window.calls.some(c => c[0] === 'LMSInitialize')")
        sco = page.frame_locator("#sco").frame_locator("#tk-sco-frame")
        inner = lambda: page.frame_locator("#sco").locator("#tk-sco-frame")  # noqa: E731
        # The path's page, then each step by its "Next" link, typing an answer on the way.
        sco.locator(f"main a[href$='{addresses.offline_page(steps[0].page)}']").first.click()
        sco.locator(f".tk-path-nav-row[data-path='{PATH_ID}'][data-step='1']").first.wait_for()
        for n in range(2, len(steps) + 1):
            sco.locator(f".tk-path-nav-row[data-path='{PATH_ID}'][data-step='{n - 1}'] .tk-path-nav-next a").first.click()
            sco.locator(f".tk-path-nav-row[data-path='{PATH_ID}'][data-step='{n}']").first.wait_for()
            if steps[n - 1].tool == "preparing-to-share":
                sco.locator("#preparing-to-share--experiences-input").fill(ANSWER)
                page.wait_for_timeout(600)  # the tool saves as the learner types
                saved = inner().evaluate("f => Object.values(f.contentWindow.localStorage).join(' ')")
                assert ANSWER in saved, "the answer was not kept in the browser"
            if n < len(steps):
                assert "completed" not in repr(page.evaluate("window.calls")), f"completed early, at step {n}"
        page.wait_for_function("window.calls.some(c => c[0] === 'LMSSetValue' && c[2] === 'completed')")
        page.evaluate("document.getElementById('sco').src = 'about:blank'")  # the platform closes the package
        page.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')")
        calls = page.evaluate("window.calls")
        events = page.evaluate("window.events")
        cmi = page.evaluate("JSON.stringify(window.API.cmi)")

    assert [c for c in calls if c[0] == "LMSInitialize"] == [["LMSInitialize", "", "true"]]
    assert [c for c in calls if c[0] == "LMSSetValue"] == [["LMSSetValue", "cmi.core.lesson_status", "incomplete", "true"],
                                                          ["LMSSetValue", "cmi.core.lesson_status", "completed", "true"]]
    assert [c for c in calls if c[0] == "LMSFinish"] == [["LMSFinish", "", "true"]]
    assert {c[0] for c in calls} <= {"LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish"}
    assert events == [["LMSInitialize"], ["LMSSetValue", "cmi.core.lesson_status", "incomplete"],
                      ["LMSSetValue", "cmi.core.lesson_status", "completed"], ["LMSFinish"]]
    assert page.evaluate("window.API.cmi.core.lesson_status") == "completed"
    assert ANSWER not in repr(calls) and ANSWER not in repr(events) and ANSWER not in cmi
    assert errors == []
    assert [u for u in requests if not u.startswith((base, "about:"))] == []
