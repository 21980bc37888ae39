#!/usr/bin/env python3
"""A planner's what-if, in a real browser: read the strategy map and the heat map, write a scenario in
the editor, run it, compare it with another, and promote it with a reason."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

import lodestar_browser as lb


def scenario_flow(driver, wait, args):
    lb.sign_in(driver, wait, args, "/strategy")
    wait.until(EC.presence_of_element_located((By.ID, "orphans-count")))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Strategy map"

    driver.find_element(By.LINK_TEXT, "Capacity").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "svg.heatmap")))
    assert "Data engineering" in driver.find_element(By.CSS_SELECTOR, "svg.heatmap").text
    lb.screenshot(driver, args, "capacity")

    # Write a scenario in the editor: two more engineers in the first half.
    driver.find_element(By.LINK_TEXT, "Scenarios").click()
    driver.find_element(By.LINK_TEXT, "New scenario").click()
    name = wait.until(EC.presence_of_element_located((By.ID, "name")))
    name.send_keys("Two more engineers")
    first = driver.find_element(By.ID, "firstQuarter")
    first.clear()
    first.send_keys("2027-Q1")
    quarters = driver.find_element(By.ID, "quarters")
    quarters.clear()
    quarters.send_keys("4")
    driver.find_element(By.ID, "capacityChanges").send_keys("Data engineering, 2027-Q1, +2\nData engineering, 2027-Q2, +2")
    driver.find_element(By.CSS_SELECTOR, "form.edit button[type=submit]").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "scenario-name"), "Two more engineers"))

    driver.find_element(By.ID, "run-scenario").click()
    wait.until(EC.presence_of_element_located((By.ID, "outcome-summary")))
    assert "3 funded" in driver.find_element(By.ID, "outcome-summary").text, driver.find_element(By.ID, "outcome-summary").text
    lb.screenshot(driver, args, "scenario")

    # Compare with the baseline, which the test created and ran.
    driver.find_element(By.LINK_TEXT, "Scenarios").click()
    for box in driver.find_elements(By.CSS_SELECTOR, "input[name=ids]"):
        box.click()
    driver.find_element(By.CSS_SELECTOR, "#compare-form button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.ID, "differences-table")))
    assert "NEW-2" in driver.find_element(By.ID, "differences-table").text
    lb.screenshot(driver, args, "compare")

    # Promote it, with a reason.
    driver.find_element(By.LINK_TEXT, "Two more engineers").click()
    reason = wait.until(EC.presence_of_element_located((By.ID, "reason")))
    reason.send_keys("Two contractors start in January.")
    driver.find_element(By.CSS_SELECTOR, "#promote-form button[type=submit]").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "flash"), "Promoted"))


if __name__ == "__main__":
    lb.run(scenario_flow)
