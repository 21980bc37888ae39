#!/usr/bin/env python3
"""A person's first minutes with Lodestar, in a real browser: sign in, open the portfolio, open an
initiative, change a field through its form and see it saved. Driven by Debian's chromium and
chromedriver; run by the Swift test `BrowserTests`, which starts the server and passes its address."""
import argparse
import sys

from selenium import webdriver
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--initiative", required=True, help="the name of an initiative to open and rename")
    parser.add_argument("--screenshots", default=None)
    args = parser.parse_args()

    driver = browser()
    wait = WebDriverWait(driver, 10)
    try:
        # Signing in, with the keyboard only.
        driver.get(args.base_url + "/initiatives")
        wait.until(EC.presence_of_element_located((By.NAME, "email")))
        assert "/login" in driver.current_url, driver.current_url
        driver.find_element(By.NAME, "email").send_keys(args.email)
        driver.find_element(By.NAME, "password").send_keys(args.password + Keys.ENTER)

        # Sent back to the page asked for: the portfolio.
        wait.until(EC.presence_of_element_located((By.LINK_TEXT, args.initiative)))
        assert driver.find_element(By.TAG_NAME, "h1").text == "Portfolio"
        if args.screenshots:
            driver.save_screenshot(args.screenshots + "/portfolio.png")

        # Filtering narrows the list.
        search = driver.find_element(By.NAME, "q")
        search.send_keys(args.initiative[:6] + Keys.ENTER)
        wait.until(EC.presence_of_element_located((By.LINK_TEXT, args.initiative)))

        driver.find_element(By.LINK_TEXT, args.initiative).click()
        wait.until(EC.text_to_be_present_in_element((By.ID, "initiative-name"), args.initiative))
        if args.screenshots:
            driver.save_screenshot(args.screenshots + "/initiative.png")

        # Edit a field through the form.
        driver.find_element(By.LINK_TEXT, "Edit").click()
        name = wait.until(EC.presence_of_element_located((By.ID, "name")))
        assert driver.find_element(By.CSS_SELECTOR, "label[for=name]").text == "Name"
        renamed = args.initiative + " (renamed in browser)"
        name.clear()
        name.send_keys(renamed)
        capex = driver.find_element(By.ID, "capexBudget")
        capex.clear()
        capex.send_keys("1234567")
        driver.find_element(By.CSS_SELECTOR, "form.edit button[type=submit]").click()

        wait.until(EC.text_to_be_present_in_element((By.ID, "flash"), "Saved"))
        assert driver.find_element(By.ID, "initiative-name").text == renamed
        assert driver.find_element(By.ID, "capex-budget").text == "1.2 M", driver.find_element(By.ID, "capex-budget").text

        # An invalid value is refused with a message beside the field, and nothing is saved.
        driver.find_element(By.LINK_TEXT, "Edit").click()
        name = wait.until(EC.presence_of_element_located((By.ID, "name")))
        name.clear()
        name.send_keys(" ")
        driver.execute_script("document.getElementById('name').removeAttribute('required')")
        driver.find_element(By.CSS_SELECTOR, "form.edit button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.ID, "form-errors")))
        assert "name" in driver.find_element(By.ID, "form-errors").text
        if args.screenshots:
            driver.save_screenshot(args.screenshots + "/edit-error.png")
        driver.get(driver.current_url.replace("/edit", ""))
        wait.until(EC.text_to_be_present_in_element((By.ID, "initiative-name"), renamed))
        print("browser flow passed")
    finally:
        driver.quit()


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print("browser flow failed:", error, file=sys.stderr)
        sys.exit(1)
