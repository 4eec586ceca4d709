"""Build with any engine: generate the source tree, run the engine on it, finish the site.

MkDocs runs in this process through the hooks (:mod:`toolkit.engine.mkdocs_adapter`). ProperDocs
and Zensical run from virtual environments of their own under `.cache/engines/<name>`, made on
first use with pip and kept; they never import the toolkit: they build the tree `toolkit
generate` wrote, and `toolkit finish` does the rest here.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

from toolkit.site import finish, generate

#: name -> (packages pip installs into its environment, command, arguments before the config).
ENGINES: dict[str, tuple[list[str], str, list[str]]] = {
    # A fork of MkDocs 1.6 that Material still runs on; Material and its extensions alongside.
    "properdocs": (
        ["properdocs==1.6.7", "mkdocs-material>=9.7.5,<10", "pymdown-extensions>=10.0"],
        "properdocs",
        ["build", "--strict", "-f"],
    ),
    # Material's successor. pip picks the newest release whose theme package installs here.
    "zensical": (["zensical"], "zensical", ["build", "--clean", "-f"]),
}
DEFAULT_HOME = Path(".cache") / "engines"


class EngineFailed(Exception):
    """The engine could not be installed or did not build the tree; the message says why."""


def home(root: Path) -> Path:
    return Path(os.environ.get("TOOLKIT_ENGINES_DIR") or root / DEFAULT_HOME)


def ensure(name: str, root: Path) -> Path:
    """Return the engine's command, installing it into its own environment the first time."""
    packages, command, _ = ENGINES[name]
    folder = home(root) / name
    exe = folder / "bin" / command
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f".{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test workers, one install
        stamp = folder / ".installed"
        if stamp.is_file() and stamp.read_text() == " ".join(packages) and exe.exists():
            return exe
        venv.EnvBuilder(with_pip=True, clear=True).create(folder)
        done = subprocess.run(
            [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", *packages],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not exe.exists():
            raise EngineFailed(f"could not install {name} into {folder}: {done.stderr.strip()[-2000:]}")
        stamp.write_text(" ".join(packages))
    return exe


def version(name: str, root: Path) -> str:
    exe = ensure(name, root)
    done = subprocess.run(
        [str(exe.parent / "python"), "-m", "pip", "show", name], capture_output=True, text=True, check=False
    )
    return next(
        (line.split(":", 1)[1].strip() for line in done.stdout.splitlines() if line.startswith("Version:")), "?"
    )


def build(name: str, config_file: Path, tree: Path, site_dir: Path) -> list[str]:
    """Generate `tree` from the project, build it into `site_dir` with the engine, finish it.

    Returns notes; raises EngineFailed, or ContentError (path:line) from generate and finish.
    """
    root = config_file.resolve().parent
    exe = ensure(name, root)
    pages = generate.write_tree(config_file, tree, engine=name)
    _, command, args = ENGINES[name]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [str(exe), *args, str(tree / generate.CONFIG_FILE)]
    if name != "zensical":  # zensical always builds into the tree's site_dir (default: site/)
        cmd += ["-d", str(site_dir.resolve())]
    done = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise EngineFailed(f"{name} build failed:\n{(done.stdout + done.stderr).strip()[-4000:]}")
    if name == "zensical":  # it builds into the tree's site_dir (default: site/)
        built = tree / "site"
        if built.resolve() != site_dir.resolve():
            shutil.rmtree(site_dir, ignore_errors=True)
            shutil.move(str(built), str(site_dir))
    notes = [f"{name}: built {pages} pages from {tree}"]
    return notes + finish.finish_site(site_dir, config_file)


if __name__ == "__main__":  # python -m toolkit.engine.engines NAME: install it, print its command
    print(ensure(sys.argv[1], Path.cwd()))
