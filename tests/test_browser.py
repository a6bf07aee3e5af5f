"""The built site in a real headless Chromium, served over HTTP on 127.0.0.1 and opened from file://.

Skipped only when no Chromium or chromedriver is installed (.ci/run installs Debian's).
"""

from __future__ import annotations

import functools
import json
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import make_site_project

from timeline.build import build

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="needs chromium and chromedriver on PATH")
WAIT_SECONDS = 20


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """The test output is for failures, not for a line per request."""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The fixture site with a threshold low enough to open on the highlights view and have year pages."""
    project = make_site_project(tmp_path_factory.mktemp("browser") / "project", many_events=3)
    build(project)
    return project / "output"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1200,900", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(WAIT_SECONDS)
    yield driver
    driver.quit()


def open_page(browser: webdriver.Chrome, url: str) -> None:
    browser.get_log("browser")
    browser.get(url)
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: d.execute_script(
        "var f = document.querySelector('form.filters'); return f && !f.hidden;"))


def visible_events(browser: webdriver.Chrome) -> list[str]:
    return [card.get_attribute("id") for card in browser.find_elements(By.CSS_SELECTOR, "li.event") if card.is_displayed()]


def console_errors(browser: webdriver.Chrome) -> list[dict]:
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def events_of(site: Path) -> list[dict]:
    return json.loads((site / "events.json").read_text(encoding="utf-8"))["events"]


def test_index_holds_every_event_and_opens_on_highlights_without_console_errors(browser, base_url, site):
    open_page(browser, base_url + "index.html")
    cards = browser.find_elements(By.CSS_SELECTOR, "li.event")
    assert [card.get_attribute("id") for card in cards] == [f"event-{e['id']}" for e in events_of(site)]
    highlights = [c.get_attribute("id") for c in browser.find_elements(By.CSS_SELECTOR, "li.event.highlight")]
    assert visible_events(browser) == highlights and len(highlights) < len(cards)
    assert console_errors(browser) == []


def test_show_every_event_button_shows_them_all(browser, base_url, site):
    open_page(browser, base_url + "index.html")
    browser.find_element(By.CSS_SELECTOR, "button[name=view]").click()
    assert len(visible_events(browser)) == len(events_of(site))


def test_permalink_to_an_event_hidden_by_highlights_shows_it_on_first_load(browser, base_url):
    open_page(browser, base_url + "index.html")
    hidden = browser.find_element(By.CSS_SELECTOR, "li.event:not(.highlight)").get_attribute("id")
    open_page(browser, base_url + "index.html#" + hidden)
    target = browser.find_element(By.ID, hidden)
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: target.is_displayed())
    in_view = browser.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight;", target)
    assert in_view and browser.execute_script("return document.querySelector(':target') === arguments[0];", target)
    assert console_errors(browser) == []


def test_search_hides_events_that_do_not_match(browser, base_url):
    open_page(browser, base_url + "index.html")
    browser.find_element(By.NAME, "q").send_keys("Geneva")
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: len(visible_events(d)) == 1)
    [shown] = visible_events(browser)
    assert "Geneva" in browser.find_element(By.ID, shown).text
    assert "1 of 5 events" in browser.find_element(By.CSS_SELECTOR, "output[name=count]").text


def test_era_filter_shows_only_that_eras_events_including_non_highlights(browser, base_url, site):
    open_page(browser, base_url + "index.html")
    Select(browser.find_element(By.NAME, "era")).select_by_visible_text("War")
    expected = [f"event-{e['id']}" for e in events_of(site) if e["era"] == "War"]
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: visible_events(d) == expected, f"shown: {visible_events(browser)}, expected {expected}")
    assert not browser.find_element(By.ID, "year-2010").is_displayed(), "a year with no match is hidden"


def test_site_works_from_file_urls_under_its_content_security_policy(browser, site):
    open_page(browser, (site / "years" / "2012.html").as_uri())
    assert len(visible_events(browser)) == 2
    assert console_errors(browser) == []


def test_keydates_theme_search_uses_the_same_script(browser, tmp_path):
    project = make_site_project(tmp_path / "project", theme="keydates")
    build(project)
    open_page(browser, (project / "output" / "index.html").as_uri())
    assert len(visible_events(browser)) == len(events_of(project / "output"))
    browser.find_element(By.NAME, "q").send_keys("petition")
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: len(visible_events(d)) == 1)
    assert console_errors(browser) == []


PAYLOAD = "window.__xss = 1; document.title = 'pwned'; alert('xss')"
HOSTILE_BODY = (
    f'On 15 March 2011 <script>{PAYLOAD}</script> protesters <img src=x onerror="{PAYLOAD}"> marched '
    f'[here](javascript:{PAYLOAD}) and <a href="javascript:{PAYLOAD}">there</a>.\n\n'
    f'On 20 March 2011 <svg onload="{PAYLOAD}"></svg> <iframe src="javascript:{PAYLOAD}"></iframe> '
    f'<body onload="{PAYLOAD}"> troops withdrew [again](JaVaScRiPt:{PAYLOAD}) <a href="&#106;avascript:{PAYLOAD}">x</a>.\n'
)
HOSTILE_TEXT = f'"><script>{PAYLOAD}</script><img src=x onerror="{PAYLOAD}">'


def _markdown(meta: dict, body: str) -> str:
    """Front matter written as JSON, which YAML reads as it is: any payload survives quoting."""
    lines = "".join(f"{key}: {json.dumps(value)}\n" for key, value in meta.items())
    return f"---\n{lines}---\n{body}"


def _hostile_project(root: Path) -> Path:
    """An article, a curated event and an about page with script in every field a page shows."""
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "events").mkdir()
    (root / "timeline.toml").write_text('[site]\ntitle = "Hostile"\nmany_events = 1\n', encoding="utf-8")
    (root / "content" / "articles" / "hostile.md").write_text(_markdown({
        "title": HOSTILE_TEXT, "published": "2011-03-21", "source": HOSTILE_TEXT, "url": f"javascript:{PAYLOAD}",
        "tags": [HOSTILE_TEXT, f'" onmouseover="{PAYLOAD}'], "author": HOSTILE_TEXT, "description": HOSTILE_TEXT,
        "place": HOSTILE_TEXT,
    }, HOSTILE_BODY), encoding="utf-8")
    (root / "content" / "events" / "hostile.md").write_text(_markdown({
        "date": "June 2010", "title": HOSTILE_TEXT, "tags": [HOSTILE_TEXT],
        "sources": [{"title": HOSTILE_TEXT, "url": f"javascript:{PAYLOAD}", "source": HOSTILE_TEXT}],
    }, f"A petition circulated. <script>{PAYLOAD}</script> <img src=x onerror=\"{PAYLOAD}\">\n"), encoding="utf-8")
    (root / "content" / "about.md").write_text(
        f"---\ntitle: About\n---\n# About <script>{PAYLOAD}</script>\n\n{HOSTILE_BODY}", encoding="utf-8")
    return root


ACTIVE_CONTENT = """
    const found = [];
    for (const element of document.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
            const value = attribute.value.trim().toLowerCase();
            if (attribute.name.startsWith('on') || value.startsWith('javascript:')) {
                found.push(element.tagName + ' ' + attribute.name + '=' + attribute.value);
            }
        }
    }
    for (const script of document.scripts) {
        if (!script.src) found.push('inline script: ' + script.text.slice(0, 60));
    }
    return found;
"""


def _assert_no_script_ran(browser: webdriver.Chrome, page: str) -> None:
    try:
        alert = browser.switch_to.alert
    except NoAlertPresentException:
        alert = None
    assert alert is None, f"{page}: an alert was opened"
    assert browser.execute_script("return typeof window.__xss") == "undefined", page
    assert browser.title != "pwned", page
    assert browser.execute_script(ACTIVE_CONTENT) == [], page
    blocked = [e["message"] for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
    assert blocked == [], f"{page}: CSP had to block an injected script: {blocked}"


def test_no_script_of_a_hostile_article_runs_in_the_browser(browser, tmp_path):
    project = _hostile_project(tmp_path / "project")
    build(project)
    output = project / "output"
    pages = ["index.html", "about.html", "sources.html", "404.html",
             *(p.relative_to(output).as_posix() for p in sorted((output / "years").glob("*.html")))]
    for page in pages:
        browser.get_log("browser")
        browser.get((output / page).as_uri())
        WebDriverWait(browser, WAIT_SECONDS).until(lambda d: d.execute_script("return document.readyState") == "complete")
        _assert_no_script_ran(browser, page)
    open_page(browser, (output / "index.html").as_uri())
    browser.find_element(By.NAME, "q").send_keys("protesters")
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: len(visible_events(d)) == 1)
    assert "protesters" in browser.find_element(By.ID, visible_events(browser)[0]).text
    assert f"<script>{PAYLOAD}</script>" in browser.execute_script("return document.body.textContent"), \
        "the hostile text is shown, as text"
    _assert_no_script_ran(browser, "index.html after a search")
