"""Where ecuapass-tui keeps its files (platformdirs), and how it creates them: files 0600 and
folders 0700 whatever the umask (a shared host must not let other accounts read them).
Nothing is created at import time."""

from __future__ import annotations

import errno
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "ecuapass-tui"
SYSTEM_CONFIG = Path("/etc/ecuapass-tui/config.toml")


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path
    log_dir: Path
    system_config: Path = SYSTEM_CONFIG

    @property
    def user_config(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def default_database(self) -> Path:
        return self.data_dir / "ecuapass.sqlite3"

    @property
    def demo_database(self) -> Path:
        return self.data_dir / "demo.sqlite3"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "ecuapass-tui.log"

    def ensure(self) -> None:
        """Create the folders (0700; an existing one of ours is narrowed to 0700); called when
        the app starts, never on import."""
        for folder in (self.data_dir, self.config_dir, self.log_dir):
            private_dir(folder, narrow=True)


def default_paths() -> Paths:
    """The per-user folders; ECUAPASS_SYSTEM_CONFIG moves the system file (tests)."""
    system = Path(os.environ.get("ECUAPASS_SYSTEM_CONFIG", str(SYSTEM_CONFIG)))
    return Paths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        system_config=system,
    )


PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def private_dir(folder: Path, *, narrow: bool = False) -> Path:
    """Create `folder` and its missing parents, each 0700 whatever the umask. An existing
    folder keeps its mode unless `narrow` (the app's own folders): then group and others lose
    their access (the owner's is left as it is). Raises OSError as `mkdir` does."""
    for current in [*reversed(folder.parents), folder]:
        try:
            os.mkdir(current, PRIVATE_DIR)
        except FileExistsError:
            continue
        os.chmod(current, PRIVATE_DIR)
    if not folder.is_dir():
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(folder))
    if narrow:
        info = folder.stat()
        if info.st_mode & 0o077 and info.st_uid == os.getuid():
            os.chmod(folder, info.st_mode & 0o700)  # only takes away: a 0555 folder stays closed
    return folder


def create_private_file(path: Path) -> bool:
    """Create `path` empty and 0600 unless something (a symlink included) is already there;
    True when it was created."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE)
    except FileExistsError:
        return False
    try:
        os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)
    return True


def write_private(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Write `data` to a new 0600 file at `path`. Without `overwrite` an existing file (or
    symlink) raises FileExistsError; with it the old one is replaced whole, never followed
    through a symlink and never left half written."""
    if not overwrite:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE)
        _write_all(fd, data, path)
        return
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".ecuapass-", suffix=".part")
    _write_all(fd, data, Path(temporary))
    try:
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_all(fd: int, data: bytes, path: Path) -> None:
    """Write to a just created file and close it; on failure the partial file is removed."""
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), PRIVATE_FILE)
            out.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
