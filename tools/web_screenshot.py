"""Screenshot pages of a running zonula web app with Debian's Chromium (for docs/screenshot.png).

    zonula serve --demo --port 8766 &
    python tools/web_screenshot.py http://127.0.0.1:8766/insights docs/screenshot.png
"""

from __future__ import annotations

import argparse

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    """Open the URL in a desktop-sized window and save a full-page PNG."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("out")
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full-page", action="store_true", help="capture the whole page, not just the window")
    parser.add_argument("--lang", default="en-GB", help="the browser's Accept-Language")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": args.width, "height": args.height}, locale=args.lang)
        page.goto(args.url)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=args.out, full_page=args.full_page)
        browser.close()


if __name__ == "__main__":
    main()
