"""What every Lodestar browser flow shares: a headless chromium that reaches only 127.0.0.1, the
standard arguments the Swift harness passes, and signing in with the keyboard."""
import argparse
import sys

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps", "--no-pings",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def arguments(*extra):
    """Parses --base-url, --email, --password, --screenshots and each extra option (required)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--screenshots", default=None)
    for name in extra:
        parser.add_argument(name, required=True)
    return parser.parse_args()


def sign_in(driver, wait, args, path):
    """Opens `path`, is sent to the login form, signs in with the keyboard and lands back on `path`."""
    driver.get(args.base_url + path)
    wait.until(EC.presence_of_element_located((By.NAME, "email")))
    assert "/login" in driver.current_url, driver.current_url
    driver.find_element(By.NAME, "email").send_keys(args.email)
    driver.find_element(By.NAME, "password").send_keys(args.password + Keys.ENTER)
    wait.until(lambda d: "/login" not in d.current_url)


def screenshot(driver, args, name):
    if args.screenshots:
        driver.save_screenshot(f"{args.screenshots}/{name}.png")


def patient_wait(driver):
    """A 10 s wait that keeps polling through the errors of a page being replaced: an element found
    on the old page and read after the new one arrived is stale, or (chromium) "does not belong to the
    document". A condition that never holds still ends in a TimeoutException naming the last error."""
    return WebDriverWait(driver, 10, ignored_exceptions=(
        NoSuchElementException, StaleElementReferenceException, WebDriverException))


def run(flow):
    """Runs `flow(driver, wait, args)`; a failed assertion exits 1 with its message."""
    args = flow.arguments() if hasattr(flow, "arguments") else arguments()
    driver = browser()
    try:
        flow(driver, patient_wait(driver), args)
        print(f"{flow.__name__} passed")
    except AssertionError as error:
        print(f"{flow.__name__} failed:", error, file=sys.stderr)
        screenshot(driver, args, f"{flow.__name__}-failure")
        sys.exit(1)
    finally:
        driver.quit()
