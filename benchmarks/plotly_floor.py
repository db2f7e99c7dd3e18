"""How long plotly.js alone takes to load, the floor under any first draw of a Plotly page.

    python benchmarks/plotly_floor.py [--runs 3] [--points 1000]

Writes a static page that loads only ``assets/plotly-strict.min.js`` (the bundle the app
serves) and then draws one scatter of --points markers, serves it from a temporary folder on
loopback (as the side-by-side peers' pages are served) and opens it in a fresh headless
Chromium per run. Prints, on the page's clock (ms from navigation start), when plotly.js had
loaded and run and when the scatter was drawn, with the machine's load average. The
timeline's first-draw goal (issue 12: ≤ 1.2 s at 1,000 events) is below this floor when
plotly.js alone takes longer. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.browser_bench import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from benchmarks.static_pages import serve_folder  # noqa: E402

BUNDLE = ROOT / "assets" / "plotly-strict.min.js"

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"></head>
<body><div id="plot" style="width:1200px;height:600px"></div>
<script src="plotly-strict.min.js"></script>
<script src="draw.js"></script>
</body></html>
"""

# Runs once plotly.js has: records that moment, then draws the scatter and records when.
DRAW = """window.loadedAt = performance.now();
const x = [], y = [];
for (let i = 0; i < %d; i++) {
  x.push(new Date(Date.UTC(2020, 0, 1) + i * 86400000).toISOString().slice(0, 10));
  y.push(i %% 20);
}
Plotly.newPlot('plot', [{type: 'scatter', mode: 'markers', x, y}], {})
  .then(() => { window.drawnAt = performance.now(); });
"""


def measure(folder: Path, runs: int) -> list[tuple[float, float]]:
    """(ms to plotly.js loaded, ms to the scatter drawn) for each run, each in a fresh browser."""
    from playwright.sync_api import sync_playwright

    server, url = serve_folder(folder)
    results = []
    try:
        with sync_playwright() as playwright:
            for _ in range(runs):
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(url + "index.html")
                page.wait_for_function("() => window.drawnAt !== undefined", timeout=120_000)
                results.append(tuple(page.evaluate("() => [window.loadedAt, window.drawnAt]")))
                browser.close()
    finally:
        server.shutdown()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--points", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(BUNDLE, folder)
        (Path(folder) / "index.html").write_text(PAGE, encoding="utf-8")
        (Path(folder) / "draw.js").write_text(DRAW % args.points, encoding="utf-8")
        results = measure(Path(folder), args.runs)
    loaded = ", ".join(f"{loaded:,.0f}" for loaded, _ in results)
    drawn = ", ".join(f"{drawn:,.0f}" for _, drawn in results)
    print(f"plotly.js ({BUNDLE.stat().st_size / 2**20:.1f} MiB) loaded and run at: {loaded} ms from navigation start")
    print(f"a {args.points:,}-point scatter drawn at: {drawn} ms")
    print(f"load average: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
