"""Hosting recipes, tested: the built site served at /toolkit/ by Debian's nginx and Apache httpd
with the configuration in hosting/ (filled in by toolkit.site.hosting, as `make site` does),
and the offline zip the site offers, downloaded and opened from file://."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from unittest import mock

import pytest

from toolkit.site import hosting, offline

from .browse import search
from .conftest import build_site, shared
from .test_offline import _build_offline

NGINX = "/usr/sbin/nginx"
APACHE = "/usr/sbin/apache2"
APACHE_MODULES = "/usr/lib/apache2/modules"
PREFIX = "/toolkit/"
ANSWER = "Allotment on Saturdays 7f3k"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the server stopped: {log.read_text() if log.exists() else proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    pytest.fail("the server did not start in 15 s")


@contextlib.contextmanager
def _running(cmd: list[str], port: int, log: Path):
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(port, proc, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextlib.contextmanager
def nginx(site: Path, work: Path):
    """Debian's nginx in the foreground on a free loopback port, with the recipe's server block
    (hosting/nginx.conf) for `site` at /toolkit/; yields the server's base URL."""
    if not Path(NGINX).exists():
        pytest.fail(f"{NGINX} is missing: run `make test` as root or `apt-get install nginx`")
    port = _free_port()
    csp = (site / "csp.txt").read_text()
    (work / "toolkit.conf").write_text(hosting.fill("nginx.conf", csp, root=str(site), listen=f"127.0.0.1:{port}"))
    temp = "\n".join(f"    {kind}_temp_path {work}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temp}
    include {work}/toolkit.conf;
}}
""")
    with _running([NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")],
                  port, work / "error.log") as url:
        yield url


@contextlib.contextmanager
def apache(site: Path, work: Path, htaccess_only: bool = False):
    """Debian's Apache httpd in the foreground on a free loopback port, with the recipe
    (hosting/apache.conf) for `site` at /toolkit/; yields the server's base URL. `htaccess_only`:
    instead, a plain Alias that lets the site's own .htaccess set headers (a shared host)."""
    if not Path(APACHE).exists():
        pytest.fail(f"{APACHE} is missing: run `make test` as root or `apt-get install apache2-bin`")
    port = _free_port()
    if os.geteuid() == 0:  # Apache will not serve as root: its user must be able to read the site
        served = Path(tempfile.mkdtemp(prefix="toolkit-apache-"))
        os.chmod(served, 0o755)
        shutil.copytree(site, served / "site", copy_function=os.link)
        site = served / "site"
    csp = (site / "csp.txt").read_text()
    modules = "\n".join(f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so"
                        for m in ("mpm_event", "authz_core", "alias", "dir", "mime", "headers"))
    (work / "httpd.conf").write_text(f"""
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {work}/httpd.pid
DefaultRuntimeDir {work}
ErrorLog {work}/error.log
{modules}
{"User www-data" if os.geteuid() == 0 else ""}
{"Group www-data" if os.geteuid() == 0 else ""}
TypesConfig /etc/mime.types
<Directory />
    AllowOverride None
    Require all denied
</Directory>
{_htaccess_host(site) if htaccess_only else hosting.fill("apache.conf", csp, root=str(site))}
""")
    try:
        with _running([APACHE, "-f", str(work / "httpd.conf"), "-DFOREGROUND"], port, work / "error.log") as url:
            yield url
    finally:
        if os.geteuid() == 0:
            shutil.rmtree(site.parent, ignore_errors=True)


def _htaccess_host(site: Path) -> str:
    """A host that serves the folder and lets its .htaccess change headers, nothing more."""
    return f"""Alias "{PREFIX}" "{site}/"
<Directory "{site}">
    AllowOverride FileInfo
    Require all granted
    DirectoryIndex index.html
</Directory>"""


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def _check_server(base: str, site: Path) -> None:
    """What the recipe promises, over HTTP: the header from csp.txt on pages, files and errors,
    the folder redirect, index pages, no folder listings, no server files."""
    csp = (site / "csp.txt").read_text().strip()
    status, headers, body = _get(f"{base}{PREFIX}")
    assert status == 200 and b"<html" in body
    assert headers["Content-Security-Policy"] == csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, _ = _get(f"{base}{PREFIX.rstrip('/')}")
    assert status == 301 and headers["Location"].endswith(PREFIX)
    status, headers, _ = _get(f"{base}{PREFIX}tools")
    assert status == 301 and headers["Location"].endswith(f"{PREFIX}tools/")
    status, headers, _ = _get(f"{base}{PREFIX}search/search_index.json")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert headers["Content-Security-Policy"] == csp
    status, headers, body = _get(f"{base}{PREFIX}no-such-page/")
    assert status == 404 and headers["Content-Security-Policy"] == csp
    assert (site / "404.html").read_bytes() == body
    for name in (".htaccess", "web.config"):
        assert (site / name).is_file()
        assert _get(f"{base}{PREFIX}{name}")[0] in (403, 404), name
    status, _, body = _get(f"{base}{PREFIX}assets/")  # a folder without index.html
    assert status in (403, 404) and b"Index of" not in body


def _use_site(page, base: str) -> None:
    """Load a tool, save an answer, search and filter the finder at /toolkit/ in Chromium; fail on
    any Content-Security-Policy violation, page error or request off the site."""
    root = f"{base}{PREFIX}"
    violations: list[str] = []
    errors: list[str] = []
    requests: list[str] = []
    page.context.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script("document.addEventListener('securitypolicyviolation', e =>"
                         " console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))")


    def clean(step: str) -> None:
        assert violations == [], f"{step}: {violations}"
        assert errors == [], f"{step}: {errors}"
        assert [u for u in requests if not u.startswith(root)] == [], step

    page.goto(f"{root}tools/preparing-to-share/")
    page.wait_for_load_state("networkidle")
    clean("a tool page")
    box = page.locator("#preparing-to-share--experiences-input")
    box.fill(ANSWER)
    page.wait_for_function("t => Object.keys(localStorage).some(k => (localStorage.getItem(k) || '').includes(t))", arg=ANSWER)
    page.reload()
    assert page.locator("#preparing-to-share--experiences-input").input_value() == ANSWER
    clean("saving an answer")

    assert search(page, "sharing") > 0
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(root) and page.url.split("#")[0] != root
    clean("search")

    page.goto(f"{root}tools/")
    items = page.locator(".tk-finder-item:not([hidden])")
    every = items.count()
    page.get_by_label("Team leaders and managers").check()
    assert 0 < items.count() < every
    assert page.locator("#tk-finder-status").inner_text().startswith(f"Showing {items.count()} of {every} ")
    clean("the finder")
    page.goto(f"{root}offline/")
    page.wait_for_load_state("networkidle")
    clean("the offline page")


@pytest.fixture
def server_dir(tmp_path: Path) -> Path:
    return tmp_path


def test_recipes_carry_the_sites_own_header(built_site, tmp_path):
    csp = (built_site / "csp.txt").read_text().strip()
    assert f'Header always set Content-Security-Policy "{csp}"' in (built_site / ".htaccess").read_text()
    config = ET.parse(built_site / "web.config").getroot()
    headers = {h.get("name"): h.get("value") for h in config.iter("add") if h.get("name")}
    assert headers["Content-Security-Policy"] == csp
    assert [f.get("value") for f in config.find("system.webServer/defaultDocument/files").iter("add")] == ["index.html"]
    written = hosting.write_server_files(built_site, tmp_path)
    assert [p.name for p in written] == ["nginx.conf", "apache.conf"]
    for path in written:
        text = path.read_text()
        assert csp in text and "@" not in text.replace("@media", "")
        assert "/srv/toolkit" in text and "/toolkit/" in text
    assert "listen 80;" in (tmp_path / "nginx.conf").read_text()
    docker = (hosting.RECIPES / "Dockerfile").read_text()
    assert "COPY build/hosting/nginx.conf /etc/nginx/conf.d/default.conf" in docker and "COPY site/ /srv/toolkit/" in docker


def test_recipes_at_the_root_of_a_server_and_bad_values():
    text = hosting.fill("nginx.conf", "default-src 'self'", prefix="/", root="/srv/toolkit/")
    assert "location ^~ / {" in text and "location = " not in text and "alias /srv/toolkit/;" in text
    assert "RedirectMatch" not in hosting.fill("apache.conf", "default-src 'self'", prefix="/")
    with pytest.raises(ValueError, match="prefix"):
        hosting.fill("nginx.conf", "default-src 'self'", prefix="/toolkit")
    with pytest.raises(ValueError, match="double quote"):
        hosting.fill("nginx.conf", 'default-src "self"')


def test_a_published_site_is_readable_by_the_web_servers_user(tmp_path):
    from toolkit.engine.publish import publish

    old = os.umask(0o022)
    try:
        publish(tmp_path / "site", lambda staging: (staging / "index.html").write_text("x"))
    finally:
        os.umask(old)
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "site" / "index.html").stat().st_mode & 0o777 == 0o644


def test_server_files_without_a_built_site_say_so(tmp_path, capsys):
    assert hosting.main([str(tmp_path / "nothing"), str(tmp_path / "out")]) == 1
    assert "csp.txt:1: no csp.txt; build the site first" in capsys.readouterr().err


@pytest.mark.browser
def test_nginx_serves_the_site_under_a_sub_path(built_site, server_dir, page):
    with nginx(built_site, server_dir) as base:
        _check_server(base, built_site)
        _use_site(page, base)


@pytest.mark.browser
def test_apache_serves_the_site_under_a_sub_path(built_site, server_dir, page):
    with apache(built_site, server_dir) as base:
        _check_server(base, built_site)
        _use_site(page, base)


def test_apache_with_only_the_sites_htaccess_sends_the_header(built_site, server_dir):
    csp = (built_site / "csp.txt").read_text().strip()
    with apache(built_site, server_dir, htaccess_only=True) as base:
        status, headers, _ = _get(f"{base}{PREFIX}tools/")
        assert status == 200 and headers["Content-Security-Policy"] == csp
        status, headers, _ = _get(f"{base}{PREFIX}search/search_index.json")
        assert status == 200 and headers["Content-Security-Policy"] == csp


# --------------------------------------------------------------------------- the zip the site offers


def _site_offering_the_zip(folder: Path, zip_path: Path) -> None:
    """The small project built as `make site` builds it: with the offline zip to publish."""
    from .mini import mini_project

    root = mini_project(folder / "project")
    with mock.patch.dict(os.environ, {offline.ZIP_ENV: str(zip_path)}):
        os.environ.pop("OFFLINE", None)
        build_site(root / "mkdocs.yml", folder / "site")


@pytest.fixture(scope="session")
def offering_site(tmp_path_factory) -> Path:
    """A hosted build (the small project) publishing the real offline zip (the one test_offline.py
    checks, built once per run)."""
    zip_path = shared(tmp_path_factory, "offline", _build_offline) / "toolkit.zip"
    return shared(tmp_path_factory, "offering", lambda folder: _site_offering_the_zip(folder, zip_path)) / "site"


def test_build_without_the_zip_it_was_told_to_publish_fails(project, tmp_path):
    from toolkit.engine.mkdocs_adapter import BuildFailed

    with mock.patch.dict(os.environ, {offline.ZIP_ENV: str(tmp_path / "missing.zip")}), pytest.raises(BuildFailed) as failed:
        build_site(project / "mkdocs.yml", tmp_path / "site")
    assert f"{tmp_path / 'missing.zip'}:1: {offline.ZIP_ENV} names no file" in str(failed.value)


def test_offline_page_texts():
    assert offline.human_size(1_338_666) == "1.3 MB" and offline.human_size(840_000) == "840 KB"
    assert "already" in offline.download_text(None, offline_build=True)
    assert offline.ZIP_NAME in offline.download_text(None, offline_build=False)
    assert offline.expand_marker("a\n" + offline.MARKER + "\nb", 12_000_000, False).count("12.0 MB") == 1


@pytest.mark.browser
def test_the_zip_the_site_offers_unzips_and_works_from_file(offering_site, server_dir, page):
    published = offering_site / offline.ZIP_URI
    size = offline.human_size(published.stat().st_size)
    with nginx(offering_site, server_dir) as base:
        page.goto(f"{base}{PREFIX}offline/")
        link = page.get_by_role("link", name=f"Download the offline toolkit (ZIP file, {size})")
        assert page.locator("main").get_by_text(offline.ZIP_NAME).first.is_visible()
        with page.expect_download() as got:
            link.click()
        download = got.value
        saved = server_dir / download.suggested_filename
        download.save_as(saved)
    assert saved.name == offline.ZIP_NAME
    assert saved.read_bytes() == published.read_bytes()
    with zipfile.ZipFile(saved) as zf:
        names = zf.namelist()
        assert not any(n.endswith(".zip") for n in names), "the offline zip holds a zip"
        zf.extractall(server_dir / "unzipped")
    folder = server_dir / "unzipped" / offline.ZIP_FOLDER
    requests: list[str] = []
    page.context.on("request", lambda r: requests.append(r.url))
    page.goto((folder / "offline.html").as_uri())
    assert "You are using the offline copy already" in page.locator("main").inner_text()
    assert search(page, "sharing") > 0
    page.goto((folder / "tools" / "sharing-risks.html").as_uri())
    page.locator(".tk-checklist input[type=checkbox]").first.check()
    assert [u for u in requests if not u.startswith(("file://", "data:"))] == []
