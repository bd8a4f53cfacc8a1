"""Where the user's files may be read from and written to: the home folder and, when the
configuration names one, one more folder (`[files] folder`). A copy is saved under a name from
`sanitize_name()`, inside one of those folders, never through a symlink that leaves them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from ecuapass_tui.core.text import sanitize_name

Reason = Literal["outside", "no_folder"]


class PathRefused(Exception):
    """A typed path the app will not use: `outside` the allowed folders, or `no_folder`."""

    def __init__(self, reason: Reason, path: Path | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path


def allowed_roots(extra: Path | str | None = None) -> tuple[Path, ...]:
    """The home folder, then `extra` when it is a folder; each resolved (symlinks followed)."""
    found: list[Path] = []
    for root in (Path.home(), Path(extra).expanduser() if extra else None):
        if root is None:
            continue
        try:
            real = root.resolve()
        except (OSError, RuntimeError, ValueError):
            continue
        if real.is_dir() and real not in found:
            found.append(real)
    return tuple(found)


def inside(path: Path, roots: tuple[Path, ...]) -> bool:
    """True when `path`, once symlinks are followed, is one of `roots` or under one."""
    try:
        real = path.expanduser().resolve()
    except (OSError, RuntimeError, ValueError):
        return False
    return any(real.is_relative_to(root) for root in roots)


def typed_path(text: str, roots: tuple[Path, ...]) -> Path:
    """What the user typed as a path: `~` expanded, a relative path taken from the first root
    (the home folder), an empty one is that root."""
    base = roots[0] if roots else Path.home()
    path = Path(text.strip()).expanduser() if text.strip() else base
    return path if path.is_absolute() else base / path


def folder_target(folder_text: str, name: object, roots: tuple[Path, ...]) -> Path:
    """The file `name` (sanitised) inside the typed folder; PathRefused when the folder is
    outside `roots` or does not exist."""
    folder = typed_path(folder_text, roots)
    if not inside(folder, roots):
        raise PathRefused("outside", folder)
    try:
        is_folder = folder.is_dir()
    except (OSError, ValueError):
        is_folder = False
    if not is_folder:
        raise PathRefused("no_folder", folder)
    return folder.resolve() / sanitize_name(name)


def path_target(path_text: str, name: object, roots: tuple[Path, ...]) -> Path:
    """A typed folder (the file keeps `name`, sanitised) or a typed file path (its own name,
    sanitised too), inside `roots`; PathRefused otherwise."""
    path = typed_path(path_text, roots)
    try:
        is_folder = path.is_dir()
    except (OSError, ValueError):
        is_folder = False
    if is_folder:
        return folder_target(str(path), name, roots)
    return folder_target(str(path.parent), path.name, roots)


def exists(path: Path) -> bool:
    """Something is at `path` (a dangling symlink counts)."""
    return os.path.lexists(path)
