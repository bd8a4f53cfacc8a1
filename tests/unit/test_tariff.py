"""2.1.1 Consulta de arancel: the importer (CSV and SENAE's JSON, all or nothing, bad lines by
number), the consultation date, and `ecuapass-tui arancel import` run in-process."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import func, select

from ecuapass_tui import cli
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, PermissionDenied
from ecuapass_tui.services.informativos.tariff_import import ImportRefused
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models_tariff import TariffControl, TariffLine
from ecuapass_tui.texts import text

pytestmark = pytest.mark.cheap_hashes

ADMIN = Actor(90, "admin", "administrador", "Admin", None, "es")
ANALISTA = Actor(91, "analista", "analista", "Analista", None, "es")
HEADER = (
    "subpartida;complementario;suplementario;descripcion;unidad;advalorem;ice;"
    "vigente_desde;vigente_hasta;control_previo\n"
)
GOOD = HEADER + (
    "8501.10.10.00;0000;0000;Motores de juguete;u;15;;01/09/2023;;MPCEIP: Certificado INEN\n"
    "8501.10.10.00;0000;0001;Motores de juguete, los demás;u;12,5;;2023-09-01;31/12/2026;\n"
)
BAD = HEADER + (
    "8501.10.10.00;0000;0000;Motores de juguete;u;15;;01/09/2023;;\n"
    "9999.99.00.00;0000;0000;No existe;u;15;;01/09/2023;;\n"
    "8501.10.20.00;0000;0000;Motores;u;quince;;01/09/2023;;\n"
    "8501.10.30.00;0000;0000;Motores;u;5;;31/09/2023;;\n"
)


def stored(db: Database) -> int:
    with db.read() as s:
        return s.exec(select(func.count()).select_from(TariffLine)).one()


def test_csv_import_all_then_replace_and_the_date_picks_the_lines(desk: Desk, demo_db) -> None:  # type: ignore[no-untyped-def]
    samples = stored(demo_db)
    assert samples >= 30  # the demo's own, marked as a sample
    result = desk.import_tariff_lines(ADMIN, GOOD.encode())
    assert (result.added, result.replaced) == (2, 0)
    again = desk.import_tariff_lines(ADMIN, GOOD.encode())
    assert (again.added, again.replaced) == (0, 2)
    assert stored(demo_db) == samples + 2
    lines = desk.tariff_lines(ANALISTA, "850110", "").lines  # today: 24/11/2026
    assert [(str(x.ad_valorem), x.sample) for x in lines] == [("15", False), ("12.5", False)]
    assert lines[0].controls[0].institution == "MPCEIP"
    assert len(desk.tariff_lines(ANALISTA, "850110", "01/01/2027").lines) == 1
    assert desk.tariff_lines(ANALISTA, "850110", "2023-08-31").lines == ()
    with pytest.raises(FieldErrors) as bad_date:
        desk.tariff_lines(ANALISTA, "850110", "31/02/2026")
    assert text(bad_date.value.rules["fecha"]) == "Escriba la fecha como dd/mm/aaaa."
    coffee = desk.tariff_lines(ANALISTA, "090111", "")
    assert coffee.on == date(2026, 11, 24) and all(x.sample for x in coffee.lines)


def test_bad_csv_lines_by_number_nothing_stored_and_only_admins(desk: Desk, demo_db) -> None:  # type: ignore[no-untyped-def]
    before = stored(demo_db)
    with pytest.raises(ImportRefused) as refused:
        desk.import_tariff_lines(ADMIN, BAD.encode())
    found = [(p.line, p.column, text(p.code, **p.params)) for p in refused.value.problems]
    assert found == [
        (3, "subpartida", "La subpartida 999999 no existe en el Sistema Armonizado 2022."),
        (4, "advalorem", "Un porcentaje entre 0 y 1000 con hasta dos decimales."),
        (5, "vigente_desde", "Fecha: dd/mm/aaaa o aaaa-mm-dd."),
    ]
    assert stored(demo_db) == before
    with pytest.raises(PermissionDenied):
        desk.import_tariff_lines(ANALISTA, GOOD.encode())


def test_senae_json_and_its_bad_items(desk: Desk, demo_db) -> None:  # type: ignore[no-untyped-def]
    item = {
        "identif": "640299900000000000",
        "codigo_subpartida": "6402999000",
        "codigo_complementario": "0000",
        "codigo_suplementario": "0000",
        "descripcion_elemento": "Calzado",
        "fecha_inicio_vigencia": "01/01/2026",
        "fecha_fin_vigencia": "",
        "unidades_fisicas": "Par",
        "comentario_apertura": "",
    }
    result = desk.import_tariff_lines(ADMIN, json.dumps({"data": [item]}).encode())
    assert result.added == 1
    with demo_db.read() as s:
        row = s.exec(select(TariffLine).where(TariffLine.valid_from == date(2026, 1, 1))).one()
        assert (row.unit, row.ad_valorem, row.sample) == ("Par", None, False)
        assert s.exec(select(func.count()).select_from(TariffControl)).one() > 0
    wrong = {**item, "identif": "640299900000000001", "fecha_inicio_vigencia": "2026-02-01"}
    with pytest.raises(ImportRefused) as refused:
        desk.import_tariff_lines(ADMIN, json.dumps({"data": [item, wrong, 7]}).encode())
    assert [(p.line, p.code) for p in refused.value.problems] == [
        (2, "tar_identif"),
        (3, "tar_json_item"),
    ]
    with pytest.raises(ImportRefused) as shape:
        desk.import_tariff_lines(ADMIN, b'{"datos": []}')
    assert [(p.line, p.code) for p in shape.value.problems] == [(0, "tar_json")]


def test_cli_arancel_import_good_and_bad_files(
    demo_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    for variable in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "home"))
    monkeypatch.setenv("ECUAPASS_PASSWORD", "Admin2026ecuapass")
    good, bad = tmp_path / "lineas.csv", tmp_path / "malas.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(BAD, encoding="utf-8")
    url = str(demo_db.engine.url)
    before = stored(demo_db)
    assert cli.main(["--db", url, "arancel", "import", str(bad), "--user", "admin"]) == 1
    err = capsys.readouterr().err
    assert "malas.csv: No se importó nada: 3 problemas." in err
    assert "línea 3 (subpartida): La subpartida 999999 no existe" in err
    assert stored(demo_db) == before
    assert cli.main(["--db", url, "arancel", "import", str(good), "--user", "admin"]) == 0
    assert "lineas.csv: 2 líneas nacionales importadas (2 nuevas, 0 reemplazadas)." in (
        capsys.readouterr().out
    )
    assert stored(demo_db) == before + 2
