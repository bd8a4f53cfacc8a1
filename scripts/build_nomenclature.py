"""Build the nomenclature shipped in the wheel (`src/ecuapass_tui/data/tariff/`) from the
Harmonized System 2022 tree with the EU's Spanish and English texts.

    python scripts/build_nomenclature.py [SOURCE_DIR] [OUTPUT_FILE]

SOURCE_DIR holds `nomenclatura-sa-es/` and `harmonized-system/` (default: ../shared/data).
The output is a gzip'd UTF-8 TSV, one node a line in the source's order:
code, level (seccion | capitulo | partida | subpartida), parent, Spanish text, English text.
Nodes without a Spanish text (chapter 99, "commodities not specified", which is not part of
the HS and which the EU does not publish) are left out; every other code must be in the UN
Comtrade HS 2022 list, and every parent must come before its children. The gzip header
carries no time stamp, so the same sources give the same bytes. See docs/arancel.md.
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parent.parent / "shared" / "data"
DEFAULT_OUTPUT = HERE.parent / "src" / "ecuapass_tui" / "data" / "tariff" / "nomenclature.tsv.gz"
LEVELS = ("seccion", "capitulo", "partida", "subpartida")


def _one_line(value: str) -> str:
    return " ".join(value.replace("\t", " ").split())


def hs_codes(source: Path) -> set[str]:
    with (source / "harmonized-system" / "harmonized-system.csv").open(encoding="utf-8-sig") as f:
        codes = {row["hscode"] for row in csv.DictReader(f)}
    with (source / "harmonized-system" / "sections.csv").open(encoding="utf-8-sig") as f:
        codes |= {row["section"] for row in csv.DictReader(f)}
    return codes


def nodes(source: Path) -> list[tuple[str, str, str, str, str]]:
    known = hs_codes(source)
    path = source / "nomenclatura-sa-es" / "nomenclatura-sa-2022-es.csv"
    rows: list[tuple[str, str, str, str, str]] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            spanish = _one_line(row["descripcion_es"])
            if not spanish:
                continue
            code, level, parent = row["code"], row["level"], row["parent"]
            if level not in LEVELS or code not in known:
                raise SystemExit(f"{path}: unknown node {code} ({level})")
            if parent and parent not in seen:
                raise SystemExit(f"{path}: {code} comes before its parent {parent}")
            english = _one_line(row["description_en_cn"]) or spanish
            rows.append((code, level, parent, spanish, english))
            seen.add(code)
    return rows


def write(rows: list[tuple[str, str, str, str, str]], output: Path) -> None:
    text = "".join("\t".join(row) + "\n" for row in rows)
    output.parent.mkdir(parents=True, exist_ok=True)
    with (
        output.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as packed,
    ):
        packed.write(text.encode("utf-8"))


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT_SOURCE
    output = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    rows = nodes(source)
    write(rows, output)
    print(f"{output}: {len(rows)} nodes, {output.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
