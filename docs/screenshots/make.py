"""Make the README tour's screenshots from a fresh demo, in a real browser.

    .venv/bin/pip install -e ".[dev]"          # brings playwright
    apt-get install chromium                   # the system's chromium is the browser
    .venv/bin/python docs/screenshots/make.py  # all of them, into docs/screenshots/
    .venv/bin/python docs/screenshots/make.py journal impact   # only these

It starts ``tribe serve --demo`` on a free port with a data folder of its own
(a temporary one: nothing of yours is touched), logs in as the demo's
showcase people (``tribe.demo.personas``), and saves one PNG per page of the
tour under the names the README uses. Playwright's own browser downloads are
not needed: it drives the chromium found on PATH (``shutil.which``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where it is used: the module's help needs no browser
    from playwright.sync_api import Page

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
WIDTH, HEIGHT = 1280, 900
#: A long page is cut here: the README shows its top, not a scroll of it.
MAX_HEIGHT = 2000
STARTUP_LIMIT = 120.0  # seconds: the first start migrates and loads the demo


@dataclass(frozen=True)
class Shot:
    name: str  # the file's name, without .png
    who: str  # the demo person's key (tribe.demo.personas)
    path: str  # the page, found once the demo is loaded
    full_page: bool = True
    #: Scrolled first so that this element is at the top (a viewport's worth then).
    scroll_to: str = ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(data_dir: Path) -> dict[str, str]:
    """A personal install in ``data_dir``: SQLite, English, never a configured database."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TRIBE_SECRET_KEY")}
    env.update(
        TRIBE_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="tribe.settings",
        TRIBE_LANGUAGE="en",
        PYTHONUNBUFFERED="1",
    )
    return env


@contextmanager
def demo_server(data_dir: Path) -> Iterator[str]:
    """``tribe serve --demo`` on a free port: yield its base URL; always stop it."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = data_dir / "serve.log"
    data_dir.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as err:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tribe.cli",
                "serve",
                "--demo",
                "--no-worker",
                "--port",
                f"{port}",
            ],
            env=_environment(data_dir),
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        try:
            _wait_until_answering(base + "/health/", process, log)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_until_answering(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"tribe serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass  # not listening yet
        time.sleep(0.3)
    sys.exit(f"{url} did not answer within {STARTUP_LIMIT}s:\n{log.read_text()}")


def the_shots(data_dir: Path) -> list[Shot]:
    """Every screenshot of the tour, its pages found in the server's own database.

    Read before the browser starts: Django's ORM refuses to run inside the
    event loop that Playwright's sync API keeps.
    """
    os.environ.update(_environment(data_dir))
    sys.path.insert(0, str(REPO / "src"))
    import django

    django.setup()
    from django.db import connections

    from tribe.demo.personas import PEOPLE_BY_KEY
    from tribe.meetings.models import Meeting
    from tribe.people.models import Goal, Person
    from tribe.relationships.models import Relationship

    def person(key: str) -> Person:
        return Person.objects.get(email=PEOPLE_BY_KEY[key].email)

    def between(mentee: str, mentor: str) -> int:
        return Relationship.objects.get(mentee=person(mentee), mentor=person(mentor)).pk

    maya_ravi = between("maya", "ravi")
    planned = (
        Meeting.objects.filter(relationship_id=maya_ravi, status=Meeting.Status.PLANNED)
        .order_by("starts_at")
        .first()
    )
    assert planned is not None, "the demo plans Maya's next meeting with Ravi"
    first_goal = Goal.objects.filter(person=person("maya")).order_by("pk").first()
    assert first_goal is not None
    to_dana = Relationship.objects.get(mentee=person("maya"), mentor_contact__name="Dana Whitfield")
    shots = [
        # The tour (names kept: the README links them).
        Shot("today", "maya", "/today/"),
        Shot("board", "maya", "/relationships/"),
        Shot("relationship", "maya", f"/relationships/{maya_ravi}/", full_page=False),
        Shot("meeting", "maya", f"/meetings/{planned.pk}/", full_page=False),
        Shot("find", "maya", "/find/"),
        Shot("fit", "maya", f"/find/fit/{first_goal.pk}/", full_page=False),
        Shot("requests", "elena", "/requests/"),
        Shot("tribe-graph", "maya", "/tribe/"),
        # The ideas in the product.
        Shot("journal-checkin", "ravi", "/journal/check-in/"),
        Shot(
            "coaching",
            "elena",
            f"/relationships/{between('elena', 'grace')}/",
            scroll_to="#regimen",
        ),
        Shot("ask-size", "maya", f"/relationships/{to_dana.pk}/ask/"),
        Shot("impact", "maya", "/impact/"),
        Shot("forward", "priya", "/mentoring/forward/"),
    ]
    connections.close_all()
    return shots


def take(base: str, shots: list[Shot], out: Path) -> None:
    """Log in once per person (a browser context each) and save their shots."""
    from playwright.sync_api import sync_playwright

    from tribe.demo.personas import DEMO_PASSWORD, PEOPLE_BY_KEY

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("No chromium on PATH: install it (apt-get install chromium).")
    out.mkdir(parents=True, exist_ok=True)
    by_person: dict[str, list[Shot]] = {}
    for shot in shots:
        by_person.setdefault(shot.who, []).append(shot)

    def log_in(page: Page, key: str) -> None:
        page.goto(base + "/login/")
        page.fill("input[name=username]", PEOPLE_BY_KEY[key].email)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("main form[method=post] button[type=submit]")
        page.wait_for_load_state("networkidle")
        if "/login/" in page.url:
            sys.exit(f"Could not log in as {key}: still on {page.url}")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            for key, theirs in by_person.items():
                context = browser.new_context(
                    viewport={"width": WIDTH, "height": HEIGHT}, locale="en-GB"
                )
                page = context.new_page()
                log_in(page, key)
                for shot in theirs:
                    response = page.goto(base + shot.path)
                    if response is None or response.status != 200:
                        status = None if response is None else response.status
                        sys.exit(f"{shot.name}: {shot.path} answered {status}")
                    page.wait_for_load_state("networkidle")
                    _save(page, shot, out / f"{shot.name}.png")
                    print(f"{shot.name}.png  ({key}, {shot.path})")
                context.close()
        finally:
            browser.close()


def _save(page: Page, shot: Shot, path: Path) -> None:
    if shot.scroll_to:
        page.locator(shot.scroll_to).evaluate("el => window.scrollTo(0, el.offsetTop - 16)")
        page.screenshot(path=str(path))
        return
    if not shot.full_page:
        page.screenshot(path=str(path))
        return
    height = int(page.evaluate("document.documentElement.scrollHeight"))
    page.screenshot(
        path=str(path),
        full_page=True,
        clip={"x": 0, "y": 0, "width": WIDTH, "height": min(height, MAX_HEIGHT)},
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make the README's screenshots from the demo.")
    parser.add_argument("names", nargs="*", help="only these screenshots (default: all)")
    parser.add_argument("--out", type=Path, default=HERE, help="where to save (default: here)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tribe-screenshots-") as tmp:
        data_dir = Path(tmp) / "data"
        with demo_server(data_dir) as base:
            shots = the_shots(data_dir)
            unknown = set(args.names) - {s.name for s in shots}
            if unknown:
                parser.error(f"no such screenshot: {', '.join(sorted(unknown))}")
            chosen = [s for s in shots if not args.names or s.name in args.names]
            take(base, chosen, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
