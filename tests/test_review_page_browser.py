"""The HTML review page in a real browser: the distribution's Chromium driven by Selenium.

Selenium with the distribution's ``chromedriver`` rather than Playwright: Debian builds
``chromium`` and ``chromium-driver`` from one source, so the driver always matches the browser,
nothing is downloaded (Playwright's own browser build cannot be fetched here, and its protocol
client is pinned to that build), and the Python package is small. One browser for the whole
session, with a fresh profile; the test stops only the browser it started.

The page is opened from ``file://`` (as a delegate opens an attachment), then: a sponsor filter,
a status filter, what is visible afterwards, and the keyboard navigation (``n``/``p``).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from resodraft.compile import compile_files
from resodraft.writers.html import write_compilation_html

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1200,1600"]


def _missing() -> str | None:
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not Path(path).exists():
            return f"{path} is missing (apt-get install {package})"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="resodraft-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()  # stops the chromedriver and the browser this fixture started
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("page")
    compilation = compile_files(str(ROOT / "drafts/ICC-ASP-19-Res.2.fr.md"), [str(ROOT / "docs/examples/negotiation")])
    path = folder / "compilation.html"
    path.write_text(write_compilation_html(compilation), encoding="utf-8")
    return path.as_uri()


def visible_tags(driver, css: str) -> list[str]:
    return [el.text for el in driver.find_elements("css selector", css) if el.is_displayed()]


def box(driver, name: str, value: str):
    return driver.find_element("css selector", f'input[name="{name}"][value="{value}"]')


def test_filters_and_keyboard_navigation_in_chromium(browser, page):
    from selenium.webdriver.common.keys import Keys  # noqa: F401

    browser.get(page)
    assert browser.execute_script("return document.readyState") == "complete"
    op6 = browser.find_element("id", "OP6")
    assert visible_tags(op6, ".alt-label") == ["Alt 1 [EU]", "Alt 2 [AG]", "Alt 3 [CH]"]
    assert browser.find_element("id", "OP8-bis").is_displayed()
    assert browser.find_element("id", "position").text == "4 changes"  # OP2, the OP6 contest, 8 bis, 8 ter

    # sponsor filter: without the EU, its alternative and its OP2 proposal disappear
    box(browser, "sponsor", "s-union-europ-enne").click()
    assert visible_tags(op6, ".alt-label") == ["Alt 2 [AG]", "Alt 3 [CH]"]
    op2 = browser.find_element("id", "OP2")
    assert "d'un suspect en janvier 2021" not in op2.text
    assert "de deux suspects en juin 2020 et en novembre 2020" in op2.text
    assert op2.find_element("css selector", "del").value_of_css_property("text-decoration-line") == "none"
    assert browser.find_element("id", "position").text == "3 changes"

    # status filter: without proposals, OP6 reads as agreed and the new paragraphs are gone
    box(browser, "status", "proposed").click()
    assert visible_tags(op6, ".alt-label") == []
    assert "à moins que ce rapport ne soit essentiel pour l'État Partie" in op6.text
    assert not browser.find_element("id", "OP8-bis").is_displayed()
    assert not browser.find_element("id", "withdrawn").is_displayed()
    box(browser, "status", "withdrawn").click()
    assert browser.find_element("id", "withdrawn").is_displayed()
    assert visible_tags(browser, "#withdrawn li") == []  # the EU's withdrawn proposal, but the EU is filtered out
    box(browser, "sponsor", "s-union-europ-enne").click()
    assert [t.startswith("[EU] « poursuivre les débats »") for t in visible_tags(browser, "#withdrawn li")] == [True]

    # back to every proposal; n / p move from change to change
    box(browser, "status", "proposed").click()
    body = browser.find_element("css selector", "body")
    body.send_keys("n")
    assert browser.find_element("id", "position").text == "change 1 of 5"
    assert browser.find_element("css selector", ".current").get_attribute("data-sponsor") == "s-union-europ-enne"
    body.send_keys("j")
    body.send_keys("n")
    current = browser.find_element("css selector", ".current")
    assert current.get_attribute("id") == "OP8-bis" and "[AG]" in current.text
    body.send_keys("p")
    assert browser.find_element("id", "position").text == "change 2 of 5"
    assert "contest" in browser.find_element("css selector", ".current").get_attribute("class")

    # only paragraphs with changes
    browser.find_element("id", "changed-only").click()
    rows = [r for r in browser.find_elements("css selector", "main .row") if r.is_displayed()]
    assert [r.get_attribute("id") for r in rows] == ["OP2", "OP6", "OP8-bis", "OP8-ter"]
