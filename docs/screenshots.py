"""Remake the README's pictures: the bilan (Chromium's screenshot of
`citeslab bilan`) and F3 (Textual's own SVG screenshot of the dashboard,
rasterised by Chromium). Both from the demo history, in a temporary folder.

    .venv/bin/python docs/screenshots.py          # needs Debian's chromium

Writes docs/images/bilan.png and docs/images/f3-tableau-de-bord.png.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
IMAGES = HERE / "images"
TODAY = "2022-10-14"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--hide-scrollbars",
]


def chromium_png(page: Path, out: Path, width: int, height: int, profile: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium absent (Debian : apt-get install chromium)")
    subprocess.run(
        [
            browser,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={out}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
    )


async def dashboard_svg(db: Path, out: Path) -> None:
    from citeslab_tui.config import load_config
    from citeslab_tui.store import Store
    from citeslab_tui.tui.app import make_app

    store = Store.open(db, load_config(), readonly=False)
    app = make_app(store, today=lambda: date.fromisoformat(TODAY))
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("f3")
        await pilot.pause(0.5)
        app.save_screenshot(filename=out.name, path=str(out.parent))


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="citeslab-shots-") as tmp:
        root = Path(tmp)
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ[var] = str(root / var.lower())
        os.environ["CITESLAB_TODAY"] = TODAY
        db = root / "demo.json"
        citeslab = str(Path(sys.executable).parent / "citeslab")
        subprocess.run([citeslab, "demo", "--db", str(db)], check=True, capture_output=True)
        html = root / "bilan.html"
        subprocess.run(
            [citeslab, "bilan", "--year", "2022", "--db", str(db), "-o", str(html)],
            check=True,
            capture_output=True,
        )
        IMAGES.mkdir(exist_ok=True)
        chromium_png(html, IMAGES / "bilan.png", 900, 2100, root / "profile")
        svg = root / "f3.svg"
        asyncio.run(dashboard_svg(db, svg))
        page = root / "f3.html"
        page.write_text(
            '<!DOCTYPE html><html><body style="margin:0;background:#fff">'
            f"{svg.read_text(encoding='utf-8')}</body></html>",
            encoding="utf-8",
        )
        chromium_png(page, IMAGES / "f3-tableau-de-bord.png", 1000, 720, root / "profile")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
