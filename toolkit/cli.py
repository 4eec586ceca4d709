"""`toolkit` command: validate content, list tools, show a tool's page, print the schema."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from jinja2 import TemplateError

from .catalog import load_catalog
from .issue import ContentError
from .load import TOOL_ADAPTER
from .model import KINDS
from .render import render_tool, tool_uri


def _catalog(args: argparse.Namespace):
    return load_catalog(Path(args.docs), root=Path.cwd())


def cmd_validate(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    print(f"ok: {len(catalog.tools)} tools, {len(catalog.papers)} papers")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    for kind, entries in catalog.by_kind().items():
        for e in entries:
            print(f"{e.tool.id}\t{KINDS[kind]}\t{e.tool.title}\t{e.path}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    if args.id not in catalog.tools:
        print(f"error: unknown tool id {args.id!r}", file=sys.stderr)
        return 2
    print(render_tool(catalog.tool(args.id), catalog, page_uri=tool_uri(args.id)), end="")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from . import mkdocs_adapter
    from .publish import publish

    out = Path(args.out)
    try:
        publish(out, lambda tmp: mkdocs_adapter.build(Path(args.config), tmp))
    except mkdocs_adapter.BuildFailed as exc:
        for message in exc.messages:
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


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(TOOL_ADAPTER.json_schema(), indent=2, sort_keys=True))
    return 0


def parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    p = argparse.ArgumentParser(prog="toolkit", description=__doc__)
    p.add_argument("--docs", default="docs", help="the docs folder (default: docs)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every tool and paper; exit 1 on problems").set_defaults(func=cmd_validate)
    sub.add_parser("list", help="list every tool").set_defaults(func=cmd_list)
    show = sub.add_parser("show", help="print the page generated for one tool")
    show.add_argument("id")
    show.set_defaults(func=cmd_show)
    build = sub.add_parser("build", help="build the site strictly and publish it to --out only if the whole build succeeds")
    build.add_argument("--out", default="site", help="folder to publish (default: site)")
    build.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    build.set_defaults(func=cmd_build)
    sub.add_parser("schema", help="print the JSON Schema of a tool file").set_defaults(func=cmd_schema)
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
