"""The bilan in a real browser: headless Chromium (Debian's `chromium`) lays the
page out, the charts have drawn (each chart's SVG has a size and visible bars),
and printing gives one A4 page per section. Skipped when Chromium is absent."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium absent (Debian: apt-get install chromium): bilan not rendered",
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-extensions",
    "--hide-scrollbars",
]

# Measures, in the laid-out page, every chart and its drawn bars; writes the
# result into the DOM, which --dump-dom prints (this script is the test's, the
# bilan itself has none).
PROBE = """<script>
const out = [];
document.querySelectorAll("figure.chart svg").forEach((svg) => {
  const box = svg.getBoundingClientRect();
  let bars = 0;
  svg.querySelectorAll(".series rect, .series path").forEach((el) => {
    const b = el.getBBox();
    if (b.width > 0.5 && b.height > 0.5) bars += 1;
  });
  out.push(`${Math.round(box.width)}x${Math.round(box.height)}:${bars}`);
});
const pre = document.createElement("pre");
pre.id = "probe";
pre.textContent = out.join(" ");
document.body.appendChild(pre);
</script>"""


def chromium(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={cwd / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        check=False,
    )


@pytest.fixture
def bilan(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CITESLAB_TODAY", "2022-12-31")
    run("demo", "--entries", "500")
    out = tmp_path / "bilan.html"
    run("bilan", "--year", "2022", "--as-of", "2022-10-15", "-o", str(out))
    return out


def test_charts_draw_in_chromium(bilan: Path, tmp_path: Path) -> None:
    probe = tmp_path / "probe.html"
    probe.write_text(bilan.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"))
    done = chromium("--virtual-time-budget=5000", "--dump-dom", probe.as_uri(), cwd=tmp_path)
    found = re.search(r'<pre id="probe">([^<]*)</pre>', done.stdout)
    assert found, done.stderr[-500:]
    charts = found.group(1).split()
    assert len(charts) >= 4  # territories, months, pillars, livrables
    for chart in charts:
        size, bars = chart.split(":")
        width, height = map(int, size.split("x"))
        assert width > 300 and height > 100, chart
        assert int(bars) >= 2, chart


def test_prints_one_a4_page_per_section(bilan: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "bilan.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", bilan.as_uri(), cwd=tmp_path)
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    sections = bilan.read_text(encoding="utf-8").count('<section class="page')
    assert pages >= sections >= 6
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\]", data)
    assert sizes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in sizes)
