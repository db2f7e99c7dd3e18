"""How fast ``explorer import`` reads large sources: a mapped CSV and a TimelineJS JSON file of N
rows each, read, checked and written as YAML (not asserted anywhere; run it and read it).

    python benchmarks/import_bench.py [--rows 100000] [--out DIR]

Each row has a date, a title and a summary with a little HTML, three actors out of 500, a kind
and a link. Prints wall and CPU seconds per format and the size of the YAML written.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import tempfile
import time
from pathlib import Path

from explorer.importers import comment_lines, import_source, parse_mapping
from explorer.yaml_writer import write

MAPPING = "date=When,title=Headline,actors=Who,kind=Type,source=Link,summary=Notes"


def rows(count: int) -> list[dict]:
    rng = random.Random(0)
    names = [f"Person {number}" for number in range(500)]
    return [
        {
            "When": f"{rng.randint(1990, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "Headline": f"Event number {number} about <b>things</b>",
            "Who": "; ".join(rng.sample(names, 3)),
            "Type": rng.choice(["meeting", "call", "statement"]),
            "Link": f"https://example.org/{number}",
            "Notes": f"<p>Some text &amp; <a href='https://example.org/n/{number}'>more</a></p>",
        }
        for number in range(count)
    ]


def write_sources(folder: Path, count: int) -> tuple[Path, Path]:
    data = rows(count)
    sheet = folder / "rows.csv"
    with sheet.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    story = folder / "story.json"
    slides = [
        {
            "start_date": dict(zip(("year", "month", "day"), row["When"].split("-"), strict=True)),
            "text": {"headline": row["Headline"], "text": row["Notes"]},
            "group": row["Who"].split("; ")[0],
            "media": {"url": row["Link"], "caption": "A link"},
        }
        for row in data
    ]
    story.write_text(json.dumps({"events": slides}, indent=1), encoding="utf-8")
    return sheet, story


def measure(source: Path, mapping: dict | None, output: Path) -> str:
    wall, cpu = time.perf_counter(), time.process_time()
    fmt, imported = import_source(source, mapping=mapping)
    write(imported.document, output, comment_lines("benchmark"))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    size = output.stat().st_size / 2**20
    return f"| {fmt} | {len(imported.events):,} | {wall:.1f} | {cpu:.1f} | {size:.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=None, help="folder for the files (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.out or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        sheet, story = write_sources(folder, args.rows)
        print("| format | events | wall s | CPU s | YAML MiB |\n|---|---|---|---|---|")
        print(measure(sheet, parse_mapping(MAPPING), folder / "rows.yaml"))
        print(measure(story, None, folder / "story.yaml"))


if __name__ == "__main__":
    main()
