"""The pages in a real browser: Debian's Chromium, headless, driven by Playwright against uvicorn.

No browser is downloaded (never `playwright install`); when /usr/bin/chromium is missing these
tests fail rather than skip, so CI cannot pass without having driven a browser.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from tests.web.conftest import FAST_HASHER, PASSWORD, web_settings
from zonula.service.accounts import Accounts
from zonula.storage import Database
from zonula.web import create_app

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class Served:
    """A running app: its base URL and its accounts (to arrange data directly)."""

    url: str
    accounts: Accounts


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(mode: str) -> Iterator[Served]:
    """Run the app with uvicorn in a thread over a temporary SQLite store."""
    folder = Path(tempfile.mkdtemp(prefix="zonula-browser-"))
    accounts = Accounts(Database(f"sqlite:///{folder}/zonula.sqlite3"), hasher=FAST_HASHER)
    app = create_app(web_settings(folder, mode), accounts=accounts)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield Served(f"http://127.0.0.1:{port}", accounts)
    server.should_exit = True
    thread.join(timeout=10)
    accounts.db.dispose()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def local_server() -> Iterator[Served]:
    """The app in local mode (no sign-in)."""
    yield from serve("local")


@pytest.fixture(scope="module")
def multi_server() -> Iterator[Served]:
    """The app in multi-user mode."""
    yield from serve("multi")


@pytest.fixture(scope="module")
def chromium():  # type: ignore[no-untyped-def]
    """Debian's Chromium, headless."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install the Debian package chromium (scripts/bootstrap.sh does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):  # type: ignore[no-untyped-def]
    """A fresh browser context (own cookies) with a phone-sized window."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def test_a_meal_logged_on_the_phone_appears_in_the_diary(page, local_server: Served) -> None:  # type: ignore[no-untyped-def]
    page.goto(local_server.url + "/log")
    page.get_by_label("What did you eat?").fill("rice porridge with 鸡蛋")
    preview = page.locator("#meal-preview")
    preview.locator("p").first.wait_for()
    assert preview.inner_text().strip()
    page.get_by_role("button", name="Save meal").click()
    page.wait_for_url("**/log?saved=meal*")
    assert page.get_by_role("status").first.inner_text().startswith("Saved.")
    page.goto(local_server.url + "/diary")
    rows = page.locator("li.entry .what")
    assert "rice porridge with 鸡蛋" in rows.all_inner_texts()


def test_a_bad_stool_entry_shows_its_message_and_deleting_works(page, local_server: Served) -> None:  # type: ignore[no-untyped-def]
    page.goto(local_server.url + "/log#sleep")
    page.get_by_label("Hours slept").fill("30")
    page.locator("#sleep-at").evaluate("el => el.form.noValidate = true")
    page.get_by_role("button", name="Save sleep").click()
    assert "between 0 and 24" in page.locator("#sleep .error#value-error").inner_text()
    page.get_by_label("Hours slept").fill("7.5")
    page.get_by_role("button", name="Save sleep").click()
    page.goto(local_server.url + "/diary?kind=sleep")
    assert page.locator("li.entry").count() == 1
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("li.entry").get_by_role("button", name="Delete").click()
    page.locator("li.entry").wait_for(state="detached")
    page.reload()
    assert page.locator("li.entry").count() == 0


def test_switching_to_chinese_and_back(page, local_server: Served) -> None:  # type: ignore[no-untyped-def]
    page.goto(local_server.url + "/")
    assert page.locator("h1").inner_text().startswith("Today")
    page.get_by_role("button", name="中文").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("今天")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Today")


def test_a_clinician_sees_a_granted_person_and_nothing_else(page, multi_server: Served) -> None:  # type: ignore[no-untyped-def]
    accounts = multi_server.accounts
    alice = accounts.sign_up("alice", PASSWORD, timezone="Asia/Shanghai")
    accounts.sign_up("bob", PASSWORD)
    accounts.sign_up("charlie", PASSWORD, role="clinician")
    accounts.diary_of(alice).add_many(_one_meal(accounts, alice))
    accounts.grant(alice, "charlie")
    page.goto(multi_server.url + "/clinician")
    page.wait_for_url("**/account/signin**")
    page.get_by_label("Username").fill("charlie")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/clinician")
    assert page.locator("ul.people li").count() == 1
    page.locator("ul.people li a").first.click()
    page.wait_for_url("**/clinician/alice")
    page.locator("li.entry .what").first.wait_for()  # all_inner_texts() does not wait for the new page
    assert "yogurt with granola" in page.locator("li.entry .what").all_inner_texts()
    assert page.locator("li.entry a", has_text="Edit").count() == 0
    response = page.goto(multi_server.url + "/clinician/bob")
    assert response is not None and response.status == 404
    accounts.revoke(alice, "charlie")
    response = page.goto(multi_server.url + "/clinician/alice")
    assert response is not None and response.status == 404


def _one_meal(accounts: Accounts, user):  # type: ignore[no-untyped-def]
    from zonula.domain.entries import Entry, EntryKind

    diary = accounts.diary_of(user)
    return [Entry(EntryKind.MEAL, diary.now(), name="yogurt with granola")]


def test_an_assessment_with_a_red_flag_shows_the_doctor_message(page, local_server: Served) -> None:  # type: ignore[no-untyped-def]
    page.goto(local_server.url + "/assess")
    # Answer every question calmly by script, then the warning sign by hand, as a person would.
    page.evaluate("""() => {
      const groups = new Set([...document.querySelectorAll('form.assessment input[type=radio]')].map(i => i.name));
      for (const name of groups) {
        const options = [...document.querySelectorAll(`input[type=radio][name="${name}"]`)];
        (options.find(o => o.value === 'no') || options[0]).checked = true;
      }
      for (const input of document.querySelectorAll('form.assessment input[type=number]')) {
        input.value = input.name === 'age' ? '42' : '0';
      }
    }""")
    page.locator("#q-rectal_bleeding").get_by_label("yes").check()
    page.get_by_role("button", name="See my result").click()
    page.wait_for_url("**/assess/*")
    alert = page.locator("section.redflag")
    assert alert.locator("p.doctor").inner_text().startswith("Please see a doctor")
    page.get_by_role("button", name="I have seen, or booked, a doctor about these").click()
    page.wait_for_load_state()
    assert "You recorded on" in page.locator("section.redflag").inner_text()


def test_the_demo_diary_shows_lactose_among_the_suspects(page, local_server: Served) -> None:  # type: ignore[no-untyped-def]
    from zonula.demo import demo_entries

    accounts = local_server.accounts
    diary = accounts.diary_of(accounts.local_user("alice"))
    diary.add_many(demo_entries(days=56, seed=7, tz=diary.tz))
    page.goto(local_server.url + "/insights")
    suspects = page.locator("section[aria-labelledby=suspects-h] tr.status-suspect td:first-child")
    assert "lactose (FODMAP)" in suspects.all_inner_texts()


def test_the_insights_charts_keep_their_colours_and_the_page_fits_a_phone(page, local_server: Served) -> None:  # type: ignore[no-untyped-def]
    from zonula.demo import demo_entries

    accounts = local_server.accounts
    diary = accounts.diary_of(accounts.local_user("alice"))
    if not diary.entries():
        diary.add_many(demo_entries(days=56, seed=7, tz=diary.tz))
    page.goto(local_server.url + "/insights")
    fills = page.eval_on_selector_all(
        "svg.zonula-chart g[id^=patch] path", "els => els.map(e => getComputedStyle(e).fill)")
    assert fills, "no chart rendered"
    assert "rgb(255, 255, 255)" in fills  # the chart background, which CSP-blocked inline CSS turned black
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page is wider than the phone: {widths}"


@pytest.fixture(scope="module")
def plan_server() -> Iterator[Served]:
    """The app in local mode with a store of its own (no red flags from the other tests)."""
    yield from serve("local")


def test_a_plan_paused_on_the_plan_page_shows_as_paused_and_resumes(page, plan_server: Served) -> None:  # type: ignore[no-untyped-def]
    page.goto(plan_server.url + "/plan")
    page.get_by_label("Lactose").check()
    page.get_by_role("button", name="Start the plan").click()
    state = page.locator("#plan-state")
    state.wait_for()
    assert "Paused" not in state.inner_text()
    reason = page.get_by_label("Reason for pausing (optional)")
    reason.fill("travelling")
    reason.press("Enter")  # the keyboard submits the pause form
    page.wait_for_url("**/plan#plan-state")
    assert page.get_by_role("status").filter(has_text="Paused").inner_text().count("travelling") == 1
    assert page.get_by_role("button", name="Pause the plan").count() == 0
    page.get_by_role("button", name="Resume the plan").click()
    page.get_by_role("button", name="Pause the plan").wait_for()
    assert "Paused" not in page.locator("#plan-state").inner_text()
    page.locator("details.plan-log summary").click()
    changes = [t.strip() for t in page.locator("details.plan-log li").all_inner_texts()]
    assert changes[0].endswith("resumed") and changes[1].endswith("paused: travelling")
    assert changes[-1].endswith("started")



@pytest.fixture
def backdate_server() -> Iterator[Served]:
    """The app in local mode over a store of its own, for a plan started nine days ago."""
    yield from serve("local")


def test_a_pause_back_dated_in_the_date_picker_shows_its_day(page, backdate_server: Served) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from zonula.protocol.settings import Suspect

    accounts = backdate_server.accounts
    diary = accounts.diary_of(accounts.local_user("alice"))
    today = diary.now().date()
    diary.start_plan(suspects=[Suspect("lactose")], main_symptoms=["bloating"], on=today - timedelta(days=9))
    page.goto(backdate_server.url + "/plan")
    on = page.locator("#p-pause-on")
    assert on.get_attribute("max") == today.isoformat()
    on.fill((today + timedelta(days=1)).isoformat())
    assert on.evaluate("el => el.validity.rangeOverflow") is True  # the browser flags a future day itself
    page.locator("#p-pause-reason").fill("travelling")
    day = (today - timedelta(days=4)).isoformat()
    on.fill(day)
    page.get_by_role("button", name="Pause the plan").click()
    page.wait_for_url("**/plan#plan-state")
    assert f"since {day}" in page.get_by_role("status").filter(has_text="Paused").inner_text()
