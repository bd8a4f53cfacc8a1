"""FormView on the largest form (solicitud_representante, ~35 fields) against a plain Input.

    .venv/bin/python benchmarks/form_bench.py [--runs 5] [--no-readme]
    .venv/bin/python benchmarks/form_bench.py --smoke   # one run, short idle; a test runs it

Measured in one run, on the same machine:

  mount      seconds to mount the widget into an App already running headless (Textual's
             run_test at 80x24), until the next refresh: FormView for the spec, and one
             plain Textual Input. Median of --runs.
  validate   seconds for forms.engine.validate on a filled, valid form (median of 200).
  start      seconds from the fork until the first screen is drawn and quiet for 100 ms, in
             a pty of 80x24: benchmarks/form_app.py (marker: the first section's title)
             and benchmarks/minimal_app.py (Header, Input, Footer).
  per key    bytes written per key while typing 20 letters into a text field, 100 ms of
             quiet after each (the form gets one Tab first: RUC -> Razón Social).

Not a test. Appends (or rewrites) the "Forms" section of benchmarks/README.md. `--smoke`
(tests/unit/test_benchmarks_smoke.py) takes the same steps once, with 0.2 s of idle and 5
validations, prints the table and leaves README.md alone: the figures mean nothing then.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from minimal_app import PLACEHOLDER  # noqa: E402
from run_all import Target, clean_env, machine, run_once  # noqa: E402
from textual.app import App  # noqa: E402
from textual.widgets import Input  # noqa: E402

from ecuapass_tui.forms.attachments import Attachment  # noqa: E402
from ecuapass_tui.forms.engine import Valid, validate  # noqa: E402
from ecuapass_tui.forms.spec import load_spec  # noqa: E402
from ecuapass_tui.widgets.form import FormView  # noqa: E402

FORM = "solicitud_representante"
README = HERE / "README.md"
HEADING = "## Forms"
IDLE = 2.0  # seconds of idle output measured
NOW = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)
VALUES = {
    "ruc_empresa": "1792060346001",
    "razon_social": "Importadora Andina S.A.",
    "direccion_empresa": "Av. 9 de Octubre 100",
    "telefono_empresa": "042345678",
    "id_usuario": "arepresentante",
    "documento": {"type": "cedula", "number": "1710034065"},
    "nombre_usuario": "Ana Pérez",
    "contrasena": "Clave2026ok",
    "contrasena__confirm": "Clave2026ok",
    "pregunta_clave1": "ciudad_preferida",
    "respuesta_clave1": "Quito",
    "pregunta_clave2": "primera_mascota",
    "respuesta_clave2": "Firulais",
    "pregunta_clave3": "escuela_primaria",
    "respuesta_clave3": "Maria",
    "provincia": "09",
    "ciudad": "0916",
    "direccion": "Cdla. Kennedy, calle 3",
    "telefono1": "042345678",
    "correo": "ana@example.ec",
    "correo_confirmacion": "ana@example.ec",
    "recibir_sms": "no_recibir",
    "tipos_oce": [{"codigo": "03907058", "tipo": "agente_aduana", "inicio": "2/2020", "fin": ""}],
    "certificado_id": "CN=ANA PEREZ 2026",
}
PNG = b"\x89PNG\r\n\x1a\n" + bytes(2000)


async def mount_seconds(make: str) -> float:
    spec = load_spec(FORM)
    app: App[None] = App()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        widget = FormView(spec, language="es") if make == "form" else Input(placeholder="x")
        start = time.perf_counter()
        await app.mount(widget)
        await pilot.pause()
        return time.perf_counter() - start


def validate_seconds(repeat: int = 200) -> float:
    spec = load_spec(FORM)
    files = {"adjuntos": [Attachment("respaldo.png", PNG)]}
    result = validate(spec, VALUES, files, now=NOW)
    if not isinstance(result, Valid):
        raise RuntimeError(f"the benchmark values are not valid: {result}")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        validate(spec, VALUES, files, now=NOW)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="one short run, README untouched")
    args = parser.parse_args(argv)
    idle = IDLE
    if args.smoke:
        args.runs, args.no_readme, idle = 1, True, 0.2

    form_mount, input_mount = [], []
    for _ in range(args.runs):
        form_mount.append(asyncio.run(mount_seconds("form")))
        input_mount.append(asyncio.run(mount_seconds("input")))
    check = validate_seconds(5 if args.smoke else 200)
    spec = load_spec(FORM)
    fields = sum(1 for _ in spec.fields())

    python = sys.executable
    minimal = Target("minimal app", [python, str(HERE / "minimal_app.py")], PLACEHOLDER)
    form = Target(
        "FormView",
        [python, str(HERE / "form_app.py"), FORM],
        spec.sections[0].title("es"),
        before_typing=b"\t",
    )
    with tempfile.TemporaryDirectory(prefix="ecuapass-form-bench-") as tmp:
        env = clean_env(Path(tmp))
        env["PYTHONPATH"] = str(REPO / "src")
        for target in (minimal, form):
            if not args.smoke:
                run_once(target, env, REPO, idle, timed=False)
        for _ in range(args.runs):
            for target in (minimal, form):
                run_once(target, env, REPO, idle, timed=True)

    med = statistics.median
    rows = [
        ("mount (s)", med(input_mount), med(form_mount), "plain Input / FormView"),
        ("start to first screen in a pty (s)", med(minimal.start), med(form.start), ""),
        ("idle output (B/s)", med(minimal.idle), med(form.idle), ""),
        ("bytes per key typed (B)", med(minimal.per_key), med(form.per_key), ""),
    ]
    lines = [
        f"Measured {machine()}; median of {args.runs} runs;"
        f" form `{FORM}` ({fields} fields, {len(spec.sections)} sections), 80x24.",
        "",
        "| metric | plain Input | FormView | ratio |",
        "|---|---|---|---|",
    ]
    for name, base, ours, _note in rows:
        ratio = f"{ours / base:.2f}x" if base else "—"
        lines.append(f"| {name} | {base:.3f} | {ours:.3f} | {ratio} |".replace(".000 |", " |"))
    lines.append(f"| validate() on the filled form (s) | — | {check:.5f} | — |")
    section = "\n".join(lines)
    print(section)
    if not args.no_readme:
        update_readme(section)
    return 0


def update_readme(section: str) -> None:
    """Rewrite the figures between the Forms markers (adding the section the first time)."""
    begin, end = "<!-- bench:forms:begin -->", "<!-- bench:forms:end -->"
    text = README.read_text(encoding="utf-8")
    block = f"{begin}\n{section}\n{end}"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        intro = (
            f"{HEADING}\n\n`benchmarks/form_bench.py` (not part of `make bench`): FormView"
            f" showing `{FORM}` against a plain Textual Input, in the same run. See the"
            " script's docstring for what each figure means.\n\n"
        )
        text = text.rstrip("\n") + "\n\n" + intro + block + "\n"
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
