"""`ecuapass-tui serve` in a real headless Chromium: the page opens, Start connects, the demo
account logs in by keys sent to the page and home is drawn.

The terminal's text is read from the page's own xterm.js screen buffer (what its canvas
paints): a script added before the page's scripts keeps a reference to textual-serve's terminal
object when the page builds it. Chromium and chromedriver are Debian's (`.ci/run` installs
them); without them the test is skipped and says so.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import wheel_env
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from tests.helpers import copy_sqlite, shared_demo_template

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1100,760",
)
STEP = 15.0
APP = (sys.executable, "-m", "ecuapass_tui")

# textual.js sets `this.fitAddon` on its terminal object first thing; a setter on
# Object.prototype sees that assignment, keeps the object and then gets out of the way.
KEEP_TERMINAL = """
Object.defineProperty(Object.prototype, 'fitAddon', {
  configurable: true,
  set(value) {
    Object.defineProperty(this, 'fitAddon', {value, writable: true, configurable: true});
    window.ecuapassTerminal = this;
  },
  get() { return undefined; },
});
"""
SCREEN_TEXT = """
const owner = window.ecuapassTerminal;
if (!owner || !owner.terminal) { return null; }
const term = owner.terminal, buffer = term.buffer.active, lines = [];
for (let row = 0; row < term.rows; row++) {
  const line = buffer.getLine(buffer.viewportY + row);
  lines.push(line ? line.translateToString(true) : '');
}
return lines.join('\\n');
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, server: subprocess.Popen[bytes], timeout: float = STEP) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"serve ended: {server.communicate()[1].decode()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"serve is not listening on {port} after {timeout} s")


@pytest.fixture
def served(tmp_path_factory: pytest.TempPathFactory, app_home: Path) -> Iterator[str]:
    """`ecuapass-tui serve` on a free loopback port over a copy of the demo database."""
    database = copy_sqlite(
        shared_demo_template(tmp_path_factory, cheap=True), app_home / "demo.sqlite3"
    )
    port = free_port()
    server = subprocess.Popen(
        [*APP, "--db", f"sqlite:///{database}", "serve", "--port", str(port)],
        env=wheel_env.isolated_env(app_home, Path(sys.executable).parent),
        cwd=app_home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        _out, err = server.communicate(timeout=10)
        assert server.returncode == 0, err.decode()
        assert "Traceback" not in err.decode(), err.decode()


@pytest.fixture
def browser(app_home: Path) -> Iterator[WebDriver]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip(
            "no headless browser: /usr/bin/chromium and /usr/bin/chromedriver are needed "
            "(apt-get install chromium chromium-driver; .ci/run installs them as root)"
        )
    options = webdriver.ChromeOptions()
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={app_home / 'chromium'}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": KEEP_TERMINAL})
        yield driver
    finally:
        driver.quit()


def wait_for_text(driver: WebDriver, *needles: str, timeout: float = STEP) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = driver.execute_script(SCREEN_TEXT) or ""
        if all(needle in screen for needle in needles):
            return screen
        time.sleep(0.1)
    missing = [n for n in needles if n not in screen]
    raise AssertionError(f"not drawn in the page within {timeout} s: {missing}\n{screen}")


def test_demo_login_in_the_browser_reaches_home(served: str, browser: WebDriver) -> None:
    driver = browser
    driver.get(f"{served}/?delay=1")
    assert "ECUAPASS" in driver.find_element(By.CSS_SELECTOR, ".intro-dialog").text
    driver.find_element(By.ID, "start").click()
    wait_for_text(driver, "Iniciar sesión", "ID. Usuario", "Contraseña")

    keys = driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
    for text, end in (("1792060346001", Keys.TAB), ("agente", Keys.TAB), ("Aduana2026ec", "")):
        keys.send_keys(text)
        wait_for_text(driver, text if end else "•" * len(text))
        if end:
            keys.send_keys(end)
    keys.send_keys(Keys.ENTER)
    wait_for_text(driver, "Seleccione el tipo de OCE", "AGENTE DE ADUANA")
    keys.send_keys(Keys.ENTER)
    wait_for_text(driver, "Seleccione el código de OCE", "03907058")
    keys.send_keys(Keys.ENTER)
    home = wait_for_text(
        driver, "Buzón Electrónico", "Trámites Operativos", "Soporte al Cliente", "Mi menú"
    )
    assert "OCE 03907058" in home
