#!/usr/bin/env python3
"""The PMO showing its value, in a real browser: the charter chain with its gaps, issuing an
anonymous survey link and answering through it with the keyboard, then the maturity radar and the
impact report. Run by the Swift test `PMOValueBrowserTests`."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

import lodestar_browser as lb


def pmo_flow(driver, wait, args):
    lb.sign_in(driver, wait, args, "/pmo")
    wait.until(EC.presence_of_element_located((By.ID, "gaps")))
    assert "PMO value" in driver.find_element(By.TAG_NAME, "h1").text
    assert "has no KPI" in driver.find_element(By.ID, "gaps").text
    lb.screenshot(driver, args, "pmo-charter")

    # Issue one link for the owners and read it from the page (it is shown only once).
    driver.get(args.base_url + "/pmo/survey-waves/" + args.wave)
    Select(driver.find_element(By.ID, "stakeholderGroup")).select_by_visible_text("Owners")
    count = driver.find_element(By.ID, "count")
    count.clear()
    count.send_keys("1" + Keys.ENTER)
    links = wait.until(EC.presence_of_element_located((By.ID, "issued-links")))
    link = links.get_attribute("value").strip()
    assert "/s/" in link, link

    # Answer the survey with the keyboard: the radios are labelled, the text area too.
    driver.get(link)
    wait.until(EC.presence_of_element_located((By.ID, "q-recommend-9")))
    lb.screenshot(driver, args, "survey-form")
    driver.find_element(By.CSS_SELECTOR, "label[for=q-recommend-9]").click()
    driver.find_element(By.CSS_SELECTOR, "label[for=q-useful-4]").click()
    driver.find_element(By.ID, "q-say").send_keys("The dashboard saves me a day a month")
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Thank you"))

    # The same link does not take a second response.
    driver.get(link)
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "used"))

    driver.get(args.base_url + "/pmo/maturity")
    radar = wait.until(EC.presence_of_element_located((By.ID, "maturity-radar")))
    assert radar.get_attribute("role") == "img"
    lb.screenshot(driver, args, "pmo-maturity")

    driver.get(args.base_url + "/pmo/impact-report")
    wait.until(EC.presence_of_element_located((By.ID, "summary-title")))
    assert "Generate the report" in driver.find_element(By.ID, "improvements-title").find_element(By.XPATH, "..").text
    lb.screenshot(driver, args, "pmo-impact-report")


pmo_flow.arguments = lambda: lb.arguments("--wave")

if __name__ == "__main__":
    lb.run(pmo_flow)
