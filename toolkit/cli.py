"""`toolkit` command: validate content, list tools, start a new file, show a tool's page, write the
JSON Schemas, and check or update the registry of public links."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from jinja2 import TemplateError

from toolkit import authoring
from toolkit.content import schemas
from toolkit.content.catalog import load_catalog
from toolkit.content.issue import ContentError
from toolkit.content.load import TOOL_ADAPTER
from toolkit.content.model import AUDIENCES, KINDS
from toolkit.site.addresses import tool_uri
from toolkit.site.tools import render_tool


def _catalog(args: argparse.Namespace):
    return load_catalog(Path(args.docs), root=Path.cwd())


def cmd_validate(args: argparse.Namespace) -> int:
    if args.paths:
        for path in args.paths:
            what = authoring.validate_file(Path(path), Path(args.docs), root=Path.cwd())
            print(f"ok: {path} ({what})")
        return 0
    catalog = _catalog(args)
    n_paths = authoring.validate_paths(Path(args.docs), catalog, root=Path.cwd())
    print(f"ok: {len(catalog.tools)} tools, {len(catalog.papers)} papers, {n_paths} learning paths")
    local = authoring.validate_overlay(Path(args.docs), Path(args.docs).resolve().parent)
    if local:
        print(f"ok: {local}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    for kind, entries in catalog.by_kind().items():
        for e in entries:
            t = e.tool
            source = f"{t.source.paper}: {t.source.section}" + (f" ({t.source.locator})" if t.source.locator else "")
            audiences = ", ".join(AUDIENCES[a] for a in t.audiences)
            print(f"{t.id}\t{KINDS[kind]}\t{source}\t{audiences}\t{t.title}\t{e.path}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    try:
        file = authoring.new_file(
            args.kind, args.id, Path(args.docs), folder=Path(args.dir) if args.dir else None, force=args.force
        )
    except FileExistsError as exc:
        print(f"error: {exc} already exists (use --force to replace it)", file=sys.stderr)
        return 2
    print(f"wrote {file}")
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if args.update:
        env["TOOLKIT_LINKS_UPDATE"] = "1"
    with tempfile.TemporaryDirectory() as site:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--quiet",
                "--strict",
                "--config-file",
                args.config,
                "--site-dir",
                site,
            ],
            env=env,
            check=False,
        )
    if done.returncode == 0:
        print(f"{'updated' if args.update else 'ok'}: {Path(args.docs) / 'links.lock'}")
    return done.returncode


def cmd_show(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    if args.id not in catalog.tools:
        print(f"error: unknown tool id {args.id!r}", file=sys.stderr)
        return 2
    print(render_tool(catalog.tool(args.id), catalog, page_uri=tool_uri(args.id)), end="")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from toolkit.engine import engines
    from toolkit.engine.publish import publish

    out = Path(args.out)
    if args.engine == "mkdocs":
        from toolkit.engine import mkdocs_adapter

        failed: tuple[type[Exception], ...] = (mkdocs_adapter.BuildFailed, engines.EngineFailed)

        def run(tmp: Path) -> None:
            mkdocs_adapter.build(Path(args.config), tmp)
    else:
        failed = (engines.EngineFailed,)

        def run(tmp: Path) -> None:
            tree = Path(args.config).resolve().parent / "build" / f"tree-{args.engine}"
            for note in engines.build(args.engine, Path(args.config), tree, tmp):
                print(f"ok: {note}")

    try:
        publish(out, run)
    except failed as exc:
        for message in getattr(exc, "messages", None) or [str(exc)]:
            print(message, file=sys.stderr)
        print(f"build failed: {out} is unchanged", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"interrupted: {out} is unchanged", file=sys.stderr)
        return 130
    except TemplateError as exc:
        where = f"{getattr(exc, 'filename', None) or 'template'}:{getattr(exc, 'lineno', None) or 1}"
        print(f"{where}: template error: {exc}", file=sys.stderr)
        print(f"build failed: {out} is unchanged", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{exc.filename or out}:1: {exc.strerror or exc}", file=sys.stderr)
        print(f"build failed: {out} is unchanged", file=sys.stderr)
        return 1
    print(f"published {out}")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from toolkit.site.generate import CONFIG_FILE, write_tree

    out = Path(args.dir)
    count = write_tree(Path(args.config), out, engine=args.engine)
    print(
        f"wrote {out}: {count} pages; build it with any engine, e.g. `mkdocs build -f {out / CONFIG_FILE}`, then run "
        f"`toolkit finish {out / 'site'}`"
    )
    return 0


def cmd_finish(args: argparse.Namespace) -> int:
    from toolkit.site.finish import finish_site

    for note in finish_site(Path(args.site), Path(args.config), update_links=args.update_links):
        print(f"ok: {note}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    if args.write is not None:
        for file in schemas.write(Path(args.write) if args.write else schemas.SCHEMA_DIR):
            print(f"wrote {file}")
        return 0
    print(json.dumps(TOOL_ADAPTER.json_schema(), indent=2, sort_keys=True))
    return 0


def parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    p = argparse.ArgumentParser(prog="toolkit", description=__doc__)
    p.add_argument("--docs", default="docs", help="the docs folder (default: docs)")
    sub = p.add_subparsers(dest="command", required=True)
    validate = sub.add_parser(
        "validate", help="check every tool, paper and path, or only the files named; exit 1 on problems"
    )
    validate.add_argument(
        "paths", nargs="*", help="tool, path, references.yml or local.yml files to check on their own"
    )
    validate.set_defaults(func=cmd_validate)
    sub.add_parser("list", help="list every tool: id, kind, source, audiences, title, file").set_defaults(func=cmd_list)
    new = sub.add_parser("new", help="write a valid starter YAML file for a tool, learning path or scenario card")
    new.add_argument("kind", choices=schemas.NEW_KINDS)
    new.add_argument("id", help="the new id: lower-case words joined by hyphens")
    new.add_argument(
        "--dir",
        help="folder to write into (default: docs/tools; docs/paths for a path, docs/scenarios for a scenario card)",
    )
    new.add_argument("--force", action="store_true", help="replace an existing file")
    new.set_defaults(func=cmd_new)
    links = sub.add_parser("links", help="build the site and check public links against docs/links.lock")
    links.add_argument("--update", action="store_true", help="rewrite docs/links.lock from the site as built")
    links.add_argument("--config", default="mkdocs.yml", help="the MkDocs configuration (default: mkdocs.yml)")
    links.set_defaults(func=cmd_links)
    show = sub.add_parser("show", help="print the page generated for one tool")
    show.add_argument("id")
    show.set_defaults(func=cmd_show)
    build = sub.add_parser(
        "build", help="build the site strictly and publish it to --out only if the whole build succeeds"
    )
    build.add_argument("--out", default="site", help="folder to publish (default: site)")
    build.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    build.add_argument(
        "--engine",
        choices=["mkdocs", "properdocs", "zensical"],
        default="mkdocs",
        help="mkdocs (default): in this process, through the hooks; properdocs, zensical: "
        "generate build/tree-ENGINE, build it with the engine from .cache/engines, finish",
    )
    build.set_defaults(func=cmd_build)
    gen = sub.add_parser(
        "generate",
        help="write a complete source tree (pages, assets, data, a mkdocs.yml without hooks) that any engine builds; "
        "no engine is used",
    )
    gen.add_argument("dir", help="folder to write (its docs/, overrides/ and mkdocs.yml are replaced)")
    gen.add_argument("--config", default="mkdocs.yml", help="the project's configuration (default: mkdocs.yml)")
    gen.add_argument(
        "--engine",
        choices=["mkdocs", "properdocs", "zensical"],
        default="mkdocs",
        help="the engine that will build it (zensical: without the fixes to Material's templates)",
    )
    gen.set_defaults(func=cmd_generate)
    fin = sub.add_parser(
        "finish", help="do the after-rendering work on a site built from `toolkit generate`'s tree (any engine)"
    )
    fin.add_argument("site", help="the built site folder")
    fin.add_argument("--config", default="mkdocs.yml", help="the project's configuration (default: mkdocs.yml)")
    fin.add_argument("--update-links", action="store_true", help="rewrite docs/links.lock instead of checking it")
    fin.set_defaults(func=cmd_finish)
    schema = sub.add_parser("schema", help="print the JSON Schema of a tool file, or write every schema")
    schema.add_argument(
        "--write",
        nargs="?",
        const="",
        default=None,
        metavar="DIR",
        help="write one schema per kind of file (default folder: toolkit/schema)",
    )
    schema.set_defaults(func=cmd_schema)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; problems in content print as `path:line: message`."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ContentError as exc:
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        print(f"{len(exc.issues)} problem(s) found", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
