"""Where ecuapass-tui keeps its files (platformdirs). Nothing is created at import time."""

from __future__ import annotations

import os
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
        """Create the folders; called when the app starts, never on import."""
        for folder in (self.data_dir, self.config_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)


def default_paths() -> Paths:
    """The per-user folders; ECUAPASS_SYSTEM_CONFIG moves the system file (tests)."""
    system = Path(os.environ.get("ECUAPASS_SYSTEM_CONFIG", str(SYSTEM_CONFIG)))
    return Paths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        system_config=system,
    )
