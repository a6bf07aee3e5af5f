"""A real headless Chromium on ``timeline serve``: edits appear without anyone reloading the page.

Edits are made as soon as a page has loaded: a page tells the reload endpoint
which build it shows, so a change made before it connects still reaches it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import child_theme
from serving import DEADLINE_SECONDS, write_article

from timeline.server import DevServer

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                reason="needs chromium and chromedriver, which .ci/run installs")
HEADLESS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync")


@pytest.fixture
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in HEADLESS:
        options.add_argument(argument)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture
def server(project: Path) -> Iterator[DevServer]:
    write_article(project, "homs.md", "The army entered Homs on 4 February 2012.")
    with DevServer(project, port=0, quiet=True) as running:
        yield running


def wait_in_page(browser, condition, what: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, DEADLINE_SECONDS, poll_frequency=0.05).until(condition, f"timed out waiting for {what}")


def page_text(browser) -> str:
    return browser.execute_script("return document.body.innerText")


def mark_page(browser) -> None:
    """A flag that a reload would wipe out."""
    browser.execute_script("window.timelineTestMark = true")


def page_is_marked(browser) -> bool:
    return browser.execute_script("return window.timelineTestMark === true")


def test_an_edited_article_appears_without_a_manual_reload(browser, server: DevServer, project: Path):
    browser.get(server.url)
    assert "army entered Homs" in page_text(browser)
    mark_page(browser)
    write_article(project, "homs.md", "A ceasefire in Homs began on 9 May 2012.")
    wait_in_page(browser, lambda b: "ceasefire in Homs" in page_text(b), "the edited article on the page")
    assert not page_is_marked(browser), "the page was reloaded"


def test_a_broken_article_shows_the_overlay_until_it_is_fixed(browser, server: DevServer, project: Path):
    from selenium.webdriver.common.by import By

    browser.get(server.url)
    (project / "content" / "articles" / "homs.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    overlay = "timeline-build-errors"
    wait_in_page(browser, lambda b: b.find_elements(By.ID, overlay), "the error overlay")
    assert "homs.md" in browser.find_element(By.ID, overlay).text
    assert "army entered Homs" in page_text(browser)

    write_article(project, "homs.md", "A ceasefire in Homs began on 9 May 2012.")
    wait_in_page(browser, lambda b: "ceasefire in Homs" in page_text(b), "the fixed article on the page")
    assert not browser.find_elements(By.ID, overlay)


def test_a_stylesheet_change_applies_without_reloading_the_page(browser, project: Path):
    stylesheet = child_theme(project, "plain", "body { background-color: rgb(255, 255, 255); }\n")
    background = "return getComputedStyle(document.body).backgroundColor"
    with DevServer(project, port=0, quiet=True) as server:
        browser.get(server.url)
        mark_page(browser)
        stylesheet.write_text("body { background-color: rgb(0, 0, 128); }\n", encoding="utf-8")
        wait_in_page(browser, lambda b: b.execute_script(background) == "rgb(0, 0, 128)", "the new background")
        assert page_is_marked(browser), "the page was reloaded instead of swapping its stylesheet"
