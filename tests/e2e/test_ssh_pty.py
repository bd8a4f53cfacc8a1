"""The SSH host of docs/deploy-ssh.md, for real: Debian's OpenSSH server with the shipped
`Match Group` block and launcher (deploy/ssh/), a throwaway analyst account, and `ssh -tt` in a
pseudo-terminal.

A dropped link (the client killed with SIGKILL) ends the app within 5 s and its draft is offered
at the next login; no key reaches a shell: a command given to ssh runs the app instead, the
session ends with the app, and without a terminal the launcher refuses.

The server runs on a free loopback port with its own host key; the account is created with
useradd and removed afterwards, so the test needs root (`.ci/run` runs as root and installs
openssh-server); without root or sshd it is skipped, saying why. The app is this checkout's
(the venv's `ecuapass-tui`) over a copy of the demo database with the layout the guide gives a
shared database: a folder root:<group> 2770 and a file 0660.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pty_screen import Terminal
from tests.helpers import copy_sqlite, shared_demo_template

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "deploy" / "ssh"
SSHD = Path("/usr/sbin/sshd")
APP = Path(sys.executable).parent / "ecuapass-tui"
STEP = 20.0
GONE_WITHIN = 5.0
TYPED = "Borrador por SSH"


def _missing() -> str | None:
    if os.geteuid() != 0:
        return "needs root: it creates a throwaway account and starts sshd (.ci/run runs as root)"
    for tool in (str(SSHD), "ssh", "ssh-keygen", "useradd", "userdel", "groupadd", "runuser"):
        if shutil.which(tool) is None:
            return f"{tool} not found: apt-get install openssh-server (.ci/run installs it as root)"
    return None


def run(*argv: str | Path, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in argv], check=True, capture_output=True, text=True, timeout=30, **options
    )  # type: ignore[call-overload,no-any-return]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Host:
    user: str
    uid: int
    port: int
    key: Path
    home: Path

    def ssh(self, *command: str, tty: bool = True) -> list[str | Path]:
        return [
            "ssh",
            *(["-tt"] if tty else ["-T"]),
            "-F", "/dev/null",
            "-p", str(self.port),
            "-i", str(self.key),
            "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null",
            "-o", "BatchMode=yes",
            "-o", "LogLevel=ERROR",
            "-o", "SendEnv=LANG",
            f"{self.user}@127.0.0.1",
            *command,
        ]  # fmt: skip

    def connect(self, *command: str) -> Terminal:
        env = {"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8"}
        return Terminal(self.ssh(*command), env=env, cwd=self.home)

    def processes(self) -> list[int]:
        """The account's processes (the app and anything it started)."""
        found = []
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and entry.stat().st_uid == self.uid:
                    found.append(int(entry.name))
            except OSError:
                continue
        return found


def needed() -> list[Path]:
    """What the account's app reads: this Python, its venv and this checkout (outermost only)."""
    paths = {Path(p).resolve() for p in (sys.base_prefix, sys.prefix, ROOT)}
    return sorted(p for p in paths if not any(o != p and o in p.parents for o in paths))


def closed_folders(user: str) -> list[Path]:
    """The folders the account cannot enter above what the app needs (a pyenv under /root, a
    clone in a private temporary folder), none when the account can run the app as it is."""
    probe = subprocess.run(
        ["runuser", "-u", user, "--", sys.executable, "-c", "import ecuapass_tui"],
        capture_output=True,
        timeout=30,
    )
    if probe.returncode == 0:
        return []
    closed = set()
    for path in needed():
        for folder in [*reversed(path.parents), path]:
            if folder != Path("/") and not folder.stat().st_mode & 0o001:
                closed.add(folder)
                break
    if not closed or any(a in b.parents for a in closed for b in closed):
        pytest.skip(f"the account cannot run {APP}: {probe.stderr.decode()[-300:]}")
    return sorted(closed)


def sshd_argv(config: Path, user: str, work: Path) -> list[str]:
    """sshd itself, or, when what the app needs lives in folders other accounts cannot enter
    (a pyenv under /root, a clone in a private temporary folder), sshd in a mount namespace of
    its own where each such folder is opened (0711) and holds only what the app needs. Nothing
    changes outside that namespace."""
    daemon = [str(SSHD), "-D", "-e", "-f", str(config)]
    closed = closed_folders(user)
    if not closed:
        return daemon
    inside = [p for p in needed() if any(c in p.parents for c in closed)]
    stages = [work / f"stage{n}" for n in range(len(inside))]
    steps = [f'mount --bind "{p}" "{st}"' for p, st in zip(inside, stages, strict=True)]
    steps += [f'mount -t tmpfs -o mode=0711,size=1m tmpfs "{folder}"' for folder in closed]
    for path, stage in zip(inside, stages, strict=True):
        stage.mkdir()
        steps.append(f'mkdir -p "{path}" && mount --move "{stage}" "{path}"')
    script = " && ".join([*steps, 'exec "$@"'])
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", *daemon]


def launcher(work: Path, config: Path) -> Path:
    """The shipped launcher with its two paths pointing at this checkout and the test's config."""
    text = (SHIPPED / "ecuapass-tui-session").read_text()
    for line, value in (
        ("APP=/opt/ecuapass-tui/bin/ecuapass-tui", f"APP={APP}"),
        ("SYSTEM_CONFIG=/etc/ecuapass-tui/config.toml", f"SYSTEM_CONFIG={config}"),
    ):
        assert line in text
        text = text.replace(line, value)
    path = work / "ecuapass-tui-session"
    path.write_text(text)
    path.chmod(0o755)
    return path


def sshd_config(work: Path, keys: Path, group: str, port: int, session: Path) -> Path:
    """A server on loopback that reads the shipped Match block, its names made the test's."""
    block = (SHIPPED / "ecuapass-tui.conf").read_text()
    for old, new in (
        ("Match Group ecuapass\n", f"Match Group {group}\n"),
        ("ForceCommand /usr/local/bin/ecuapass-tui-session", f"ForceCommand {session}"),
        ("AuthorizedKeysFile /etc/ssh/authorized_keys/%u", f"AuthorizedKeysFile {keys}/%u"),
    ):
        assert old in block
        block = block.replace(old, new)
    (work / "ecuapass-tui.conf").write_text(block)
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", work / "host_key")
    config = work / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {work / 'host_key'}\nPidFile none\n"
        f"UsePAM no\nPubkeyAuthentication yes\nLogLevel VERBOSE\n"
        f"Include {work / 'ecuapass-tui.conf'}\n"
    )
    run(SSHD, "-t", "-f", config)
    return config


def wait_listening(port: int, daemon: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STEP
    while time.monotonic() < deadline:
        if daemon.poll() is not None:
            raise AssertionError(f"sshd ended: {log.read_text()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"sshd not listening: {log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Host]:
    reason = _missing()
    if reason:
        pytest.skip(reason)
    tag = secrets.token_hex(3)
    user, group = f"ecuapass-e2e-{tag}", f"ecuapass-e2e-{tag}"
    work = Path(tempfile.mkdtemp(prefix="ecuapass-ssh-"))
    keys = Path(tempfile.mkdtemp(prefix="ecuapass-ssh-keys-", dir="/run"))
    daemon: subprocess.Popen[bytes] | None = None
    account = None
    try:
        work.chmod(0o755)
        keys.chmod(0o755)
        run("groupadd", group)
        run("useradd", "--create-home", "--shell", "/bin/sh", "--gid", group, user)
        run("usermod", "-p", "*", user)  # no password; '!' would lock out keys too
        account = Host(user, int(run("id", "-u", user).stdout), free_port(), work / "key", work)
        account.home = Path(run("sh", "-c", f"getent passwd {user} | cut -d: -f6").stdout.strip())
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", account.key)
        shutil.copy(f"{account.key}.pub", keys / user)
        (keys / user).chmod(0o644)

        # The shared database as the guide lays it out: root:<group> 2770, the file 0660.
        data = work / "data"
        data.mkdir()
        database = copy_sqlite(
            shared_demo_template(tmp_path_factory, cheap=True), data / "ecuapass.sqlite3"
        )
        for path, mode in ((data, 0o2770), (database, 0o660)):
            shutil.chown(path, "root", group)
            path.chmod(mode)
        config = work / "config.toml"
        config.write_text(f'[database]\nurl = "sqlite:///{database}"\n')
        config.chmod(0o644)

        session = launcher(work, config)
        sshd = sshd_config(work, keys, group, account.port, session)
        log = work / "sshd.log"
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation
        with log.open("wb") as sink:
            daemon = subprocess.Popen(
                sshd_argv(sshd, user, work), stdout=sink, stderr=subprocess.STDOUT
            )
        wait_listening(account.port, daemon, log)
        yield account
    finally:
        if daemon is not None:
            daemon.terminate()
            daemon.wait(timeout=10)
        if account is not None:
            end_processes(account)
        subprocess.run(["userdel", "--remove", user], capture_output=True, timeout=30)
        subprocess.run(["groupdel", group], capture_output=True, timeout=30)
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(keys, ignore_errors=True)


def end_processes(account: Host) -> None:
    """What the test started under the account (an app a failed test left running), ended by
    pid; userdel refuses an account that still has processes."""
    for pid in account.processes():
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while account.processes() and time.monotonic() < deadline:
        time.sleep(0.05)


def log_in_and_open_consulta(term: Terminal) -> None:
    term.wait_for("Iniciar sesión", "Contraseña", timeout=STEP)
    term.wait_quiet(0.2)
    term.mark()
    term.child.send("1792060346001\tagente\tAduana2026ec\r")  # one write, as a link delivers it
    term.wait_for("Seleccione el tipo de OCE", "AGENTE DE ADUANA", timeout=STEP)
    term.wait_quiet(0.2)
    term.mark()
    term.send("\r", pause=0)
    term.wait_for("Seleccione el código de OCE", "03907058", timeout=STEP)
    term.wait_quiet(0.2)
    term.mark()
    term.send("\r", pause=0)
    term.wait_for("Servicios Informativos", timeout=STEP)
    term.wait_quiet(0.2)
    term.mark()
    term.child.send("\x10")  # Ctrl+P: Consultar
    term.wait_quiet(0.2)
    term.child.send("3.9.2")
    term.wait_for("Mesa de Servicios: Consulta", timeout=STEP)
    term.wait_quiet(0.2)
    term.mark()
    term.send("\r", pause=0)
    term.wait_for("Soporte al Cliente > 3.9.2", "Nombres y apellidos", timeout=STEP)
    term.wait_quiet(0.2)


def test_a_dropped_link_ends_the_app_and_its_draft_is_offered_at_the_next_login(
    host: Host,
) -> None:
    term = host.connect()
    try:
        log_in_and_open_consulta(term)
        term.send("\x01\x0b", pause=0.2)  # Ctrl+A, Ctrl+K: the prefilled name cleared
        term.mark()
        term.child.send(TYPED)
        term.wait_for(TYPED, timeout=STEP)  # every key drawn: keys still in flight are lost
        term.wait_quiet(0.1)
        assert host.processes(), "no process of the account while its session is open"
        term.kill(signal.SIGKILL)  # the client dies without a word: only TCP tells sshd
        deadline = time.monotonic() + GONE_WITHIN
        while host.processes() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert host.processes() == [], f"still running {GONE_WITHIN} s after the link dropped"
    finally:
        term.close()

    # A command given to ssh is not run: the launcher starts the app in its place.
    again = host.connect("echo", "SHELL-REACHED;", "id")
    try:
        log_in_and_open_consulta(again)
        again.wait_for("Tiene un borrador de este formulario guardado", timeout=STEP)
        again.wait_quiet(0.3)
        again.mark()
        again.send("\r", pause=0)  # Restaurar
        again.wait_for(TYPED, timeout=STEP)
        again.wait_quiet(0.3)
        # Ctrl+Q twice: leaving a form with something typed asks first.
        again.send("\x11", pause=0.3)
        if again.child.isalive():
            again.send("\r", pause=0.3)
        status, _sig = again.wait_exit(timeout=STEP)
        # The session ended with the app: no shell took over, nothing ran the command.
        assert status == 0, again.text[-2000:]
        assert "SHELL-REACHED" not in again.text
        assert f"uid={host.uid}" not in again.text
    finally:
        again.close()


def test_a_command_without_a_terminal_is_refused(host: Host) -> None:
    """`ssh host command` without a terminal (as scp and sftp ask): refused, nothing run."""
    done = subprocess.run(
        host.ssh("echo SHELL-REACHED", tty=False),
        capture_output=True,
        text=True,
        timeout=STEP,
        env={"PATH": "/usr/bin:/bin"},
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1, done
    assert "SHELL-REACHED" not in done.stdout + done.stderr
    assert "conéctese con una terminal" in done.stderr
