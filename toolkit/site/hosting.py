"""Server configuration for the built site, with its security header filled in.

The recipes live in hosting/ at the root of the project, with placeholders; the header is the
value of the site's csp.txt, which changes when the theme's inline scripts do, so the files are
filled from each build rather than copied by hand:

- the build writes site/.htaccess (Apache, where the server allows it) and site/web.config (IIS),
  so a copy of site/ sends the header on those servers with no other step;
- `make site` runs this module to write build/hosting/nginx.conf and build/hosting/apache.conf
  (server configuration, never published), for a sub-path such as /toolkit/.

tests/test_hosting.py serves the built site with nginx and Apache httpd using these same files.
"""

from __future__ import annotations

import argparse
import html
from pathlib import Path

#: The recipes, with @PLACEHOLDERS@ (see fill).
RECIPES = Path(__file__).resolve().parents[2] / "hosting"
#: Files the build writes into the site: name in the site -> recipe.
SITE_FILES = {".htaccess": "htaccess", "web.config": "web.config"}
#: Server configuration `make site` writes to build/hosting/.
SERVER_FILES = ("nginx.conf", "apache.conf")
DEFAULT_PREFIX = "/toolkit/"
DEFAULT_ROOT = "/srv/toolkit"
DEFAULT_LISTEN = "80"


def fill(
    recipe: str, csp: str, *, prefix: str = DEFAULT_PREFIX, root: str = DEFAULT_ROOT, listen: str = DEFAULT_LISTEN
) -> str:
    """Return a recipe filled in for a site served at `prefix` from the folder `root`.

    Lines that name @PREFIX_NOSLASH@ (the redirect from /toolkit to /toolkit/) are left out when
    the site is served at the root of its server (prefix "/").
    """
    csp = csp.strip()
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError(f"prefix {prefix!r}: a path that starts and ends with '/', e.g. /toolkit/")
    if '"' in csp or "\n" in csp:
        raise ValueError("csp.txt: the policy holds a double quote or a line break; it cannot go in a header line")
    text = (RECIPES / recipe).read_text(encoding="utf-8")
    if prefix == "/":
        text = "".join(line for line in text.splitlines(keepends=True) if "@PREFIX_NOSLASH@" not in line)
    values = {
        "@CSP_XML@": html.escape(csp, quote=True),
        "@CSP@": csp,
        "@PREFIX_NOSLASH@": prefix.rstrip("/"),
        "@PREFIX@": prefix,
        "@ROOT@": root.rstrip("/") or "/",
        "@LISTEN@": listen,
    }
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def write_site_files(site_dir: Path, csp: str) -> list[Path]:
    """Write .htaccess and web.config into a built site; return them (none without hosting/)."""
    if not RECIPES.is_dir():  # an installed copy of the toolkit without the project folder
        return []
    written = []
    for name, recipe in SITE_FILES.items():
        path = site_dir / name
        path.write_text(fill(recipe, csp), encoding="utf-8")
        written.append(path)
    return written


def write_server_files(
    site_dir: Path,
    out_dir: Path,
    *,
    prefix: str = DEFAULT_PREFIX,
    root: str = DEFAULT_ROOT,
    listen: str = DEFAULT_LISTEN,
) -> list[Path]:
    """Write nginx.conf and apache.conf for the site in site_dir (its csp.txt) into out_dir."""
    policy = site_dir / "csp.txt"
    if not policy.is_file():
        raise FileNotFoundError(f"{policy}:1: no csp.txt; build the site first (make site)")
    csp = policy.read_text(encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SERVER_FILES:
        path = out_dir / name
        path.write_text(fill(name, csp, prefix=prefix, root=root, listen=listen), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """python -m toolkit.site.hosting SITE_DIR OUT_DIR [--prefix /toolkit/] [--root /srv/toolkit]"""
    p = argparse.ArgumentParser(prog="python -m toolkit.site.hosting", description=main.__doc__)
    p.add_argument("site", type=Path, help="the built site (its csp.txt)")
    p.add_argument("out", type=Path, help="folder to write nginx.conf and apache.conf into")
    p.add_argument("--prefix", default=DEFAULT_PREFIX, help=f"address path of the site (default {DEFAULT_PREFIX})")
    p.add_argument(
        "--root", default=DEFAULT_ROOT, help=f"folder the server serves the site from (default {DEFAULT_ROOT})"
    )
    p.add_argument("--listen", default=DEFAULT_LISTEN, help=f"nginx listen value (default {DEFAULT_LISTEN})")
    args = p.parse_args(argv)
    try:
        for path in write_server_files(args.site, args.out, prefix=args.prefix, root=args.root, listen=args.listen):
            print(f"wrote {path}")
    except (OSError, ValueError) as exc:
        print(str(exc), file=__import__("sys").stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
