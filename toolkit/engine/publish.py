"""Atomic publishing: build into a folder beside the target and swap it in only on success.

Whatever goes wrong during the build (bad content, a template error, a full disk, Ctrl-C),
the folder already published stays exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def publish(target: Path, build: Callable[[Path], None]) -> None:
    """Run `build(tmp)` into a fresh folder next to `target`, then replace `target` with it."""
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    # mkdtemp makes the folder readable by its owner only; a web server running as another user
    # (nginx's www-data) would answer 403 for the whole site. Give it the usual permissions.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(staging, 0o777 & ~umask)
    try:
        build(staging)
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(new: Path, target: Path) -> None:
    """Put `new` at `target`; the old folder is kept until the new one is in place."""
    if not target.exists():
        os.rename(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
