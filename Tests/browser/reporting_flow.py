#!/usr/bin/env python3
"""An executive's and a PMO's view of reporting, in a real browser: the dashboard answers the six
questions and each drill-down opens; the PMO builds this period's status report and reads it; a
health threshold is changed through its form. Run by the Swift test `ReportingBrowserTests`."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

import lodestar_browser as lb


def reporting_flow(driver, wait, args):
    lb.sign_in(driver, wait, args, "/")
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Executive dashboard"))
    questions = driver.find_elements(By.CSS_SELECTOR, "section.question")
    assert len(questions) == 6, len(questions)
    assert driver.find_elements(By.CSS_SELECTOR, "svg.chart title"), "charts carry titles"
    lb.screenshot(driver, args, "dashboard")

    # The first insight links to where to act.
    insight = driver.find_element(By.CSS_SELECTOR, "ol.insights li a")
    target = insight.get_attribute("href")
    insight.click()
    wait.until(lambda d: d.current_url.split("#")[0] == target.split("#")[0])

    # Q3's drill-down: the delay Pareto and the forecasts.
    driver.get(args.base_url + "/delivery")
    wait.until(EC.presence_of_element_located((By.ID, "pareto-title")))
    forecasts = driver.find_element(By.ID, "forecasts-title").find_element(By.XPATH, "..")
    assert forecasts.find_elements(By.CSS_SELECTOR, "table tbody tr"), "forecast rows"
    lb.screenshot(driver, args, "delivery")

    # The PMO builds the current period's report and reads it.
    driver.get(args.base_url + "/reports")
    wait.until(EC.presence_of_element_located((By.ID, "period")))
    driver.find_element(By.CSS_SELECTOR, "form.inline button[type=submit]").click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Portfolio status report"))
    assert driver.find_elements(By.CSS_SELECTOR, "#summary-title"), "a summary section"
    assert len(driver.find_element(By.ID, "summary-title").find_element(By.XPATH, "..").find_elements(By.TAG_NAME, "p")) >= 3
    lb.screenshot(driver, args, "report")

    # A threshold changed through its form.
    driver.get(args.base_url + "/health-rules")
    amber = wait.until(EC.presence_of_element_located((By.ID, "rule-schedule-slippage-amber")))
    amber.clear()
    amber.send_keys("7")
    driver.find_element(By.CSS_SELECTOR, "#rule-schedule-slippage button[type=submit]").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "flash"), "Saved schedule.slippage"))
    assert driver.find_element(By.ID, "rule-schedule-slippage-amber").get_attribute("value") == "7"
    lb.screenshot(driver, args, "health-rules")


reporting_flow.arguments = lambda: lb.arguments()

if __name__ == "__main__":
    lb.run(reporting_flow)
