#!/usr/bin/env python3
"""The browser view of `vernier serve` in a real browser (headless Chromium through Selenium).

Run by scripts/check-browser.sh, which starts the server with a device (profile and LUT) and an
admin token. Checks, one summary line each: the page loads without console errors; the Devices
section lists the device with its roofline plot (or says it has none) and its LUT coverage; a
job enqueued through the API shows up in the Jobs table without a reload; a search started
from the page (after entering the token) ends done with its Pareto plot loaded; the predict form
answers; every form control has a label. Exits 1 if any check fails.
"""

import argparse
import json
import sys
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the server, e.g. http://127.0.0.1:8080")
    parser.add_argument("--token", required=True, help="an admin token")
    parser.add_argument("--device", required=True, help="a device in the store with an fbnet LUT")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    parser.add_argument("--search-timeout", type=float, default=60.0)
    return parser.parse_args()


def request(url, method="GET", body=None, token=None):
    """A JSON API call; returns the decoded reply."""
    data = None if body is None else json.dumps(body).encode()
    headers = {"Accept": "application/json"}
    if data is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = "Bearer " + token
    call = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(call, timeout=30) as response:
            return json.loads(response.read().decode() or "null")
    except urllib.error.HTTPError as error:
        raise AssertionError(f"{method} {url}: {error.code} {error.read().decode(errors='replace')}") from None


def make_driver(arguments):
    options = webdriver.ChromeOptions()
    options.binary_location = arguments.chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1280,2000", "--disable-extensions"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=arguments.chromedriver)
    return webdriver.Chrome(service=service, options=options)


class Run:
    """The checks: each prints one line; failures are counted, the run goes on."""

    def __init__(self, driver):
        self.driver = driver
        self.failures = 0
        self.console = []  # every browser log entry seen so far

    def check(self, name, body):
        try:
            detail = body()
            print(f"PASS {name}: {detail}", flush=True)
        except (AssertionError, TimeoutException, WebDriverException) as error:
            self.failures += 1
            message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            print(f"FAIL {name}: {message}", flush=True)

    def read_console(self):
        """The browser log entries since the last read (Chrome hands each out once)."""
        entries = self.driver.get_log("browser")
        self.console.extend(entries)
        return entries

    def severe(self, entries=None):
        return [entry for entry in (self.console if entries is None else entries) if entry.get("level") == "SEVERE"]

    def wait(self, seconds, condition, message):
        return WebDriverWait(self.driver, seconds, poll_frequency=0.1).until(lambda _: condition(), message)

    def find(self, selector):
        found = self.driver.find_elements(By.CSS_SELECTOR, selector)
        return found[0] if found else None

    def text(self, selector):
        element = self.find(selector)
        return element.text if element is not None else ""

    def image_width(self, element):
        """The natural width of a loaded image, 0 while it is not loaded (or broken)."""
        return self.driver.execute_script(
            "const image = arguments[0]; return image.complete && !image.hidden ? image.naturalWidth : 0;", element)


def main():
    arguments = parse_arguments()
    base = arguments.url.rstrip("/")
    device = arguments.device
    profile = request(f"{base}/v1/devices/{device}")
    driver = make_driver(arguments)
    run = Run(driver)
    try:
        driver.get(base + "/")

        def roofline_settled():
            """Whether the roofline image has loaded, or the page says it could not."""
            image = run.find(f'[data-device="{device}"] [data-testid="roofline-img"]')
            if image is None:
                return False
            caption = run.text(f'[data-device="{device}"] figcaption')
            return run.image_width(image) > 0 or "unavailable" in caption

        def page_loads():
            run.wait(15, lambda: run.find(f'#devices tbody tr[data-device="{device}"]') is not None,
                     "the devices table never listed " + device)
            run.wait(15, lambda: run.text("#jobs-status") not in ("", "Loading jobs…"), "the jobs never loaded")
            run.wait(15, lambda: run.text("#searches-status") not in ("", "Loading searches…"), "the searches never loaded")
            assert driver.title == "Vernier", f"title {driver.title!r}"
            # Let the roofline image settle (loaded, or its failure shown) before reading the console.
            if profile.get("roofline"):
                run.wait(15, lambda: roofline_settled(), "the roofline image neither loaded nor failed")
            time.sleep(0.5)
            severe = run.severe(run.read_console())
            assert not severe, "console errors on load: " + "; ".join(entry.get("message", "") for entry in severe)
            alert = run.text("#alert")
            assert alert == "", "the alert region shows: " + alert
            return "title Vernier, devices, jobs and searches loaded, no console errors"

        run.check("page loads", page_loads)

        def devices():
            row = run.find(f'#devices tbody tr[data-device="{device}"]')
            assert row is not None, "no row for " + device
            details = f'article[data-device="{device}"]'
            if profile.get("roofline"):
                image = run.find(f'{details} [data-testid="roofline-img"]')
                assert image is not None, "no roofline <img> although the profile has a roofline"
                assert image.get_attribute("alt"), "the roofline <img> has no alt text"
                run.wait(10, lambda: run.image_width(image) > 0,
                         "the roofline image did not load: " + run.text(f"{details} figcaption"))
                numbers = run.text(f"{details} .roofline")
                assert "GFLOP/s" in numbers and "GB/s" in numbers, "roofline numbers missing: " + numbers
                roofline = f"roofline image {run.image_width(image)} px wide with its numbers"
            else:
                note = run.text(f'{details} [data-testid="no-roofline"]')
                assert "No roofline" in note, "neither a roofline image nor the note that there is none"
                roofline = "no roofline in the profile, and the page says so"
            coverage = run.find(f'{details} [data-testid="coverage-table"]')
            assert coverage is not None, "no LUT coverage table"
            fbnet = [row for row in coverage.find_elements(By.CSS_SELECTOR, "tbody tr")
                     if row.find_element(By.CSS_SELECTOR, "th").text == "fbnet"]
            assert fbnet, "no fbnet row in the coverage table"
            cells = [cell.text for cell in fbnet[0].find_elements(By.CSS_SELECTOR, "td")]
            calibrations = run.find(f'{details} [data-testid="calibrations-table"]')
            assert calibrations is not None, "no calibrations table (the server holds the committed fbnet calibration)"
            fitted = [row for row in calibrations.find_elements(By.CSS_SELECTOR, "tbody tr")
                      if row.find_element(By.CSS_SELECTOR, "th").text.startswith("fbnet")]
            assert fitted, "no fbnet row in the calibrations table"
            within = fitted[0].find_elements(By.CSS_SELECTOR, "td")[2].text
            assert within.endswith("%"), "held-out share missing: " + within
            return (f"{device} listed; {roofline}; fbnet coverage {cells[2]} of {cells[3]} layers ({cells[1]}); "
                    f"fbnet calibration {within} held-out within ±10 %")

        run.check("devices", devices)

        def jobs():
            job = request(f"{base}/v1/jobs", "POST", {"device": device, "kind": "profile", "space": "nb201"}, arguments.token)
            started = time.monotonic()
            selector = f'#jobs tbody tr[data-job-id="{job["id"]}"]'
            run.wait(5, lambda: run.find(selector) is not None, "job " + job["id"] + " not in the Jobs table within 5 s")
            elapsed = time.monotonic() - started
            state = run.find(selector).get_attribute("data-state")
            assert state == "queued", "state " + str(state)
            live = run.find("#jobs-status")
            assert live.get_attribute("aria-live") == "polite", "the jobs status line is not a polite live region"
            return f"job {job['id'][:8]} appeared after {elapsed:.1f} s without a reload; status: {live.text}"

        run.check("jobs update live", jobs)

        def search():
            box = driver.find_element(By.ID, "token-input")
            box.clear()
            box.send_keys(arguments.token)
            driver.find_element(By.CSS_SELECTOR, '#token-form button[type="submit"]').click()
            submit = driver.find_element(By.ID, "search-submit")
            run.wait(5, lambda: submit.is_enabled(), "the search button stayed disabled after entering the token")
            Select(driver.find_element(By.ID, "search-device")).select_by_value(device)
            Select(driver.find_element(By.ID, "search-space")).select_by_value("fbnet")
            Select(driver.find_element(By.ID, "search-strategy")).select_by_value("evolution")
            Select(driver.find_element(By.ID, "search-predictor")).select_by_value("lut")
            accuracy = driver.find_element(By.ID, "search-accuracy")
            accuracy.clear()
            accuracy.send_keys("zero-cost:params")
            evaluations = driver.find_element(By.ID, "search-evaluations")
            evaluations.clear()
            evaluations.send_keys("200")
            driver.find_element(By.ID, "search-budget").clear()
            submit.click()
            started = time.monotonic()
            status = driver.find_element(By.ID, "search-status")

            def finished():
                alert = run.text("#alert")
                assert alert == "", "the page shows an error: " + alert
                state = status.get_attribute("data-state")
                assert state not in ("failed", "cancelled"), "the search ended " + str(state) + ": " + status.text
                return state == "done"

            run.wait(arguments.search_timeout, finished, "the search was not done within "
                     f"{arguments.search_timeout:.0f} s: {status.text}")
            plot = driver.find_element(By.ID, "search-plot")
            run.wait(15, lambda: run.image_width(plot) > 0, "the Pareto plot did not load")
            elapsed = time.monotonic() - started
            assert plot.get_attribute("alt").startswith("Pareto plot"), "the plot's alt text: " + str(plot.get_attribute("alt"))
            best = run.text("#search-best")
            assert "Best arch" in best, "no best arch shown: " + best
            search_id = status.get_attribute("data-search-id")
            row = run.find(f'#searches tbody tr[data-search-id="{search_id}"]')
            assert row is not None and row.get_attribute("data-state") == "done", "the searches table lacks the done search"
            return f"search {search_id[:8]} done in {elapsed:.1f} s, plot {run.image_width(plot)} px wide; {status.text}"

        run.check("search from the page", search)

        def submit_predictions(rows, what):
            """Submits the predict form and returns the result rows once there are `rows` of them."""
            driver.find_element(By.CSS_SELECTOR, '#predict-form button[type="submit"]').click()
            run.wait(15, lambda: len(driver.find_elements(By.CSS_SELECTOR, "#predict-results tbody tr")) == rows,
                     f"no results table with {rows} {what} rows: " + run.text("#predict-status") + " " + run.text("#alert"))
            return driver.find_elements(By.CSS_SELECTOR, "#predict-results tbody tr")

        def predict():
            Select(driver.find_element(By.ID, "predict-device")).select_by_value(device)
            Select(driver.find_element(By.ID, "predict-space")).select_by_value("fbnet")
            archs = driver.find_element(By.ID, "predict-archs")
            archs.clear()
            archs.send_keys("fbnet-b\nfbnet-c")
            cells = [row.find_elements(By.CSS_SELECTOR, "td")[-1].text for row in submit_predictions(2, "listed")]
            assert all(float(cell.replace(",", "")) > 0 for cell in cells), "latencies " + str(cells)
            listed = "fbnet-b, fbnet-c: " + ", ".join(cell + " ms" for cell in cells)
            # Or sample: 25 distinct archs of the space, listed with their latencies.
            sample = driver.find_element(By.ID, "predict-sample")
            sample.clear()
            sample.send_keys("25")
            archs_shown = [row.find_element(By.CSS_SELECTOR, "code").text for row in submit_predictions(25, "sampled")]
            assert len(set(archs_shown)) == 25 and all(a.count("-") == 21 for a in archs_shown), "sampled " + str(archs_shown[:3])
            sample.clear()
            return listed + "; 25 sampled archs predicted"

        run.check("predict form", predict)

        def accessibility():
            unlabelled = driver.execute_script("""
                return [...document.querySelectorAll('input, select, textarea')]
                  .filter((c) => !(c.labels && c.labels.length) && !c.getAttribute('aria-label'))
                  .map((c) => c.id || c.name || c.outerHTML.slice(0, 60));""")
            assert not unlabelled, "controls without a label: " + ", ".join(unlabelled)
            unscoped = driver.execute_script("""
                return [...document.querySelectorAll('th')].filter((h) => !h.getAttribute('scope')).length;""")
            assert unscoped == 0, f"{unscoped} table headers without scope"
            alerts = driver.find_elements(By.CSS_SELECTOR, '[role="alert"]')
            assert alerts, "no alert region"
            controls = driver.execute_script("return document.querySelectorAll('input, select, textarea, button').length;")
            return f"{controls} controls, all labelled; every <th> has a scope; an alert region"

        run.check("accessibility basics", accessibility)

        def console():
            run.read_console()
            severe = run.severe()
            assert not severe, "; ".join(entry.get("message", "") for entry in severe)
            return f"{len(run.console)} console entries in the whole run, none SEVERE"

        run.check("no console errors", console)
    finally:
        driver.quit()
    print(("FAILED: " + str(run.failures) + " check(s)") if run.failures else "all browser checks passed", flush=True)
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main())
