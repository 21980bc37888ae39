#!/usr/bin/env python3
"""A person's first minutes with Lodestar, in a real browser: sign in, open the portfolio, open an
initiative, change a field through its form and see it saved. Driven by Debian's chromium and
chromedriver; run by the Swift test `BrowserTests`, which starts the server and passes its address."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

import lodestar_browser as lb


def portfolio_flow(driver, wait, args):
    # Signing in, with the keyboard only; sent back to the page asked for: the portfolio.
    lb.sign_in(driver, wait, args, "/initiatives")
    wait.until(EC.presence_of_element_located((By.LINK_TEXT, args.initiative)))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Portfolio"
    lb.screenshot(driver, args, "portfolio")

    # Filtering narrows the list.
    search = driver.find_element(By.NAME, "q")
    search.send_keys(args.initiative[:6] + Keys.ENTER)
    wait.until(EC.presence_of_element_located((By.LINK_TEXT, args.initiative)))

    driver.find_element(By.LINK_TEXT, args.initiative).click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "initiative-name"), args.initiative))
    lb.screenshot(driver, args, "initiative")

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
    lb.screenshot(driver, args, "edit-error")
    driver.get(driver.current_url.replace("/edit", ""))
    wait.until(EC.text_to_be_present_in_element((By.ID, "initiative-name"), renamed))


portfolio_flow.arguments = lambda: lb.arguments("--initiative")

if __name__ == "__main__":
    lb.run(portfolio_flow)
