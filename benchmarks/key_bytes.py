"""Bytes written per key in every form, beside the minimal app's per-key figure.

    .venv/bin/python benchmarks/key_bytes.py [--no-readme] [--only 3.9.1 ...]
    .venv/bin/python benchmarks/key_bytes.py --smoke   # one form; a test runs it

ecuapass-tui runs logged in (`--demo`, its database built by `demo reset` first, untimed) in a
pseudo-terminal of 80x24 (`pty_harness.py`), one start per form: the account logs in, the form
is opened by its option number in the palette (Ctrl+P) or by the keys a user presses, and
once it is drawn and quiet these keys are sent one at a time, each followed by QUIET s
without output (longer than the form's quiet time before it saves its draft, so what a key
causes later is still counted as the key's):

  Tab        three Tabs from the field the form opens on (the largest is shown)
  Shift+Tab  three Shift+Tabs back (the largest)
  first key  a letter typed into a text field right after a Tab brought the focus there
  letter     the next letters typed into that field (the largest of three)

A form without a text field shows "—" for the letters. Before its keys, one form (3.8) is left
open IDLE s without a key, past the home screen's mailbox refresh (every 15 s) under it: the
bytes written meanwhile must be 0. The minimal app (`minimal_app.py`:
Header, Input, Footer) types 20 letters in the same run, as `run_all.py` does; its per-key
figure is the goal for every column. Not a test; the figures go into the marked section of
benchmarks/README.md unless --no-readme. `--smoke` measures one form (3.9.1) and the minimal
app once, prints the table and leaves README.md alone.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from minimal_app import PLACEHOLDER  # noqa: E402
from pty_harness import PtyProcess, strip_escapes  # noqa: E402
from run_all import Target, clean_env, machine, run_once  # noqa: E402

QUIET = 1.0  # > FormView.CHANGED_DELAY (0.5 s): what a key causes later (a draft saved, a
# changed field marked) is still the key's, on a loaded machine too
IDLE = 16.0  # > the home screen's mailbox refresh (15 s), which runs under an open form
IDLE_FORM = "3.8 Sugerencias"
OPEN_QUIET = 0.8
OPEN_PAUSE = 0.4  # after each key that opens the form (the palette's input blinks meanwhile)
README = HERE / "README.md"
BEGIN = "<!-- bench:keys:begin -->"
END = "<!-- bench:keys:end -->"
TAB, BACKTAB, ENTER, DOWN = "\t", "\x1b[Z", "\r", "\x1b[B"
ACCOUNTS = {
    "agente": ("1792060346001", "agente", "Aduana2026ec"),
    "analista": ("", "analista", "Analista2026ec"),
}


@dataclass
class Form:
    name: str
    who: str | None  # None: from the login screen, as a guest
    opening: tuple[str, ...]  # keys that open the form, each followed by OPEN_QUIET
    marker: str  # text drawn once the form is open
    text_at: int | None  # Tabs from the opening field to a text field (None: none)
    letters: str = "abc"
    figures: dict[str, int | None] = field(default_factory=dict)
    idle: int | None = None  # bytes written in IDLE s without a key (IDLE_FORM only)


def palette(number: str) -> tuple[str, ...]:
    return ("\x10", number, ENTER)


def registration(index: int) -> tuple[str, ...]:
    return ("\x1b[17~", *([DOWN] * index), ENTER)  # F6 Solicitud, the type, Enter


FORMS = [
    Form("3.9.1 Incidente", "agente", palette("3.9.1"), "Nombres", 0),
    Form("3.9.2 Consulta", "agente", palette("3.9.2"), "Nombres", 0),
    Form("3.8 Sugerencias", "agente", palette("3.8"), "Asunto", 2),
    Form("1.11 Facilidades de pago", "agente", palette("1.11"), "liquidación", 1, "123"),
    Form("3.2 Representante", None, registration(0), "ID libre", 0, "179"),
    Form("3.2 Empleado", None, registration(1), "ID libre", 0, "179"),
    Form("3.2 General", None, registration(2), "ID libre", 0),
    Form("3.2 Repr. de la entidad", None, registration(3), "ID libre", 0, "176"),
    Form("3.2 Entidad u organismo", None, registration(4), "ID libre", 0),
    Form("3.2.3 Actualizar datos", "agente", palette("3.2.3"), "Provincia", 3),
    Form("3.11.2 Configurar Mi página", "agente", palette("3.11.2"), "Idioma", None),
    Form("2.1.1 Arancel (búsqueda)", "agente", palette("2.1.1"), "Fuente", 0),
    Form("2.1.2 Conversor de moneda", "agente", palette("2.1.2"), "Monto", 2, "125"),
    Form("4.1 Solicitud VUE", "agente", (*palette("4.1"), ENTER, ENTER), "Identificación", 0),
    Form("4.2 Documento de soporte", "agente", (*palette("4.2"), "n"), "^s", 1),
    Form("4.3 DJO", "agente", (*palette("4.3"), "d"), "^s", 1),
    Form("MS.2 Ticket por teléfono", "analista", palette("MS.2"), "^s", 0),
    Form("MS.3 Evento de carga", "analista", palette("MS.3"), "MRN", 0),
]
COLUMNS = ("Tab", "Shift+Tab", "first key", "letter")


SOURCE: Path | None = None  # --src: run another copy of the package (before and after)


def program() -> list[str]:
    if SOURCE is not None:
        return [sys.executable, "-m", "ecuapass_tui", "--demo"]
    return [str(Path(sys.executable).parent / "ecuapass-tui"), "--demo"]


def key_bytes(proc: PtyProcess, key: str) -> int:
    before = proc.total_bytes
    proc.send(key)
    proc.wait_quiet(QUIET)
    return proc.total_bytes - before


def wait_for_text_after(proc: PtyProcess, start: int, needle: str, timeout: float = 30) -> None:
    """Wait until `needle` is drawn by output from chunk `start` on."""
    end = proc.elapsed + timeout
    while needle not in strip_escapes(proc.output(start)):
        if proc.elapsed > end or proc.read(0.05) < 0:
            raise TimeoutError(f"{needle!r} not drawn: {strip_escapes(proc.output(start))[-600:]}")


def log_in(proc: PtyProcess, who: str) -> None:
    ruc, username, password = ACCOUNTS[who]
    start = len(proc.chunks)
    for text in (ruc, TAB, username, TAB, password, ENTER):
        if text:
            proc.send(text)
            proc.wait_quiet(0.1)
    if who == "agente":  # the OCE type (AGENTE DE ADUANA, 2 codes), then the code
        proc.wait_for_text("Seleccione el tipo de OCE")
        proc.wait_quiet(0.3)
        proc.send(ENTER)
        proc.wait_for_text("Seleccione el código de OCE")
        proc.wait_quiet(0.3)
        proc.send(ENTER)
    wait_for_text_after(proc, start, "Cerrar sesión")  # the home's menu bar
    proc.wait_quiet(OPEN_QUIET)


def measure(form: Form, env: dict[str, str], home: Path) -> None:
    with PtyProcess(program(), env=env, cwd=home) as proc:
        proc.wait_for_text("Iniciar sesión", timeout=60)
        proc.wait_quiet(0.3)
        if form.who is not None:
            log_in(proc, form.who)
        start = len(proc.chunks)
        for key in form.opening:  # the palette's input blinks: no quiet while it is open
            proc.send(key)
            proc.collect(OPEN_PAUSE)
        wait_for_text_after(proc, start, form.marker)
        proc.wait_quiet(OPEN_QUIET)
        if form.name == IDLE_FORM and IDLE:
            form.idle = proc.collect(IDLE)
        tabs = [key_bytes(proc, TAB) for _ in range(3)]
        backs = [key_bytes(proc, BACKTAB) for _ in range(3)]
        form.figures = {"Tab": max(tabs), "Shift+Tab": max(backs), "first key": None}
        form.figures["letter"] = None
        if form.text_at is None:
            return
        # Leave the text field and come back, so the first letter follows a focus change.
        tabs.append(key_bytes(proc, TAB))
        backs.append(key_bytes(proc, BACKTAB))
        tabs.extend(key_bytes(proc, TAB) for _ in range(form.text_at))
        form.figures["Tab"], form.figures["Shift+Tab"] = max(tabs), max(backs)
        first, *rest = (key_bytes(proc, letter) for letter in form.letters)
        form.figures["first key"] = first
        form.figures["letter"] = max(rest)


def table(forms: list[Form], minimal: float) -> tuple[str, list[str]]:
    head = ("form", *COLUMNS, "met")
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    missed = []
    for form in forms:
        values = [form.figures.get(c) for c in COLUMNS]
        ok = all(v is None or v <= minimal for v in values)
        if not ok:
            missed.append(form.name)
        cells = ["—" if v is None else str(v) for v in values]
        lines.append(f"| {form.name} | " + " | ".join(cells) + f" | {'yes' if ok else 'NO'} |")
    return "\n".join(lines), missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="one form, README untouched")
    parser.add_argument("--only", nargs="*", help="forms whose name starts with these")
    parser.add_argument("--src", type=Path, help="the package's folder to run (default: ours)")
    args = parser.parse_args(argv)
    global SOURCE, QUIET, OPEN_QUIET, OPEN_PAUSE, IDLE
    SOURCE = args.src
    forms = FORMS
    if args.only:
        forms = [f for f in FORMS if f.name.startswith(tuple(args.only))]
        args.no_readme = True
    if args.smoke:  # a guest's form: no demo database to build first; shorter waits
        forms, args.no_readme = [f for f in FORMS if f.name == "3.2 General"], True
        QUIET, OPEN_QUIET, OPEN_PAUSE, IDLE = 0.2, 0.3, 0.2, 0.0

    header = machine()
    minimal = Target("minimal app", [sys.executable, str(HERE / "minimal_app.py")], PLACEHOLDER)
    with tempfile.TemporaryDirectory(prefix="ecuapass-key-bytes-") as tmp:
        home = Path(tmp)
        env = clean_env(home)
        if SOURCE is not None:
            env["PYTHONPATH"] = str(SOURCE)
        if not args.smoke:
            subprocess.run(
                [*program(), "demo", "reset"], env=env, cwd=home, check=True, capture_output=True
            )
        run_once(minimal, env, REPO, 0.2, timed=True)
        for form in forms:
            measure(form, env, home)
            print(form.name, form.figures, flush=True)
    baseline = statistics.median(minimal.per_key)
    body, missed = table(forms, baseline)
    section = (
        f"Measured {header}; 80x24, TERM=xterm-256color. Bytes written by one key; the goal"
        f" for every figure is the minimal app's bytes per key typed in the same run:"
        f" **{baseline:.0f} B**.\n\n{body}"
    )
    idle = [f for f in forms if f.idle is not None]
    if idle:
        section += "".join(
            f"\n\nWith {f.name} open and no key pressed for {IDLE:.0f} s (the home's mailbox"
            f" refresh under it included): **{f.idle} B** written (goal: 0)."
            for f in idle
        )
    print(section)
    if missed:
        print("over the minimal app's figure:", ", ".join(missed))
    if not args.no_readme:
        update_readme(section)
    return 0


def update_readme(section: str) -> None:
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    README.write_text(head + f"{BEGIN}\n{section}\n{END}" + rest.split(END, 1)[1], "utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
